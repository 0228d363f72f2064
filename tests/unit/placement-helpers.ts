/** Helpers for the placement tests: load a fixture at a URL and classify its links. */
import { pageDomainOf } from '@/lib/domain';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { collectPage } from '@/lib/page/model';
import { extractFeatures } from '@/lib/page/features';
import { readPageFacts } from '@/lib/page/page-facts';
import { classifyPlacements } from '@/lib/page/placement/index';
import type { LinkFeatures, PlacementResult } from '@/lib/types';

export function fixture(name: string): string {
  return readFileSync(resolve(__dirname, '../fixtures/placement', name), 'utf8');
}

export function docFrom(html: string, url = 'https://www.example.com/page'): Document {
  return new JSDOM(html, { url }).window.document;
}

export interface Classified {
  links: LinkFeatures[];
  results: PlacementResult[];
  /** Result of the link with this id attribute. */
  byId(id: string): PlacementResult;
  /** Placement of the link with this id attribute. */
  at(id: string): string;
}

export async function classify(doc: Document): Promise<Classified> {
  const facts = readPageFacts(doc);
  const links = (await collectPage(doc)).links.map((c) => extractFeatures(c, pageDomainOf(doc.URL)));
  const results = await classifyPlacements(doc, links, { checkpoint: () => undefined });
  const byId = (id: string) => {
    const k = links.findIndex((l) => l.el.id === id);
    if (k < 0) throw new Error(`no link #${id}`);
    return results[k]!;
  };
  return { links, results, byId, at: (id) => byId(id).placement };
}
