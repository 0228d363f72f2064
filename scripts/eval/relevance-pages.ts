/**
 * What the relevance step sees of each development page (../shared/data/placement-dev, WCXB dev
 * split, CC-BY-4.0; read in place, never copied): the page facts, the main text and every link
 * with its anchor, URL and paragraph, made by the product's own page-side code in jsdom
 * (collect → features → texts) — so the eval compares texts the extension would compare.
 *
 * Parsing 1,275 pages takes minutes: the extracts are cached in node_modules/.cache/relevance-eval
 * (development data stays out of the repository).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { collectLinks } from '../../lib/page/collect';
import { extractFeatures } from '../../lib/page/features';
import { readPageFacts } from '../../lib/page/page-facts';
import { contextBlockTexts, mainText } from '../../lib/page/texts';
import { extractTopic } from '../../lib/background/target-topic/extract';
import type { LinkData, PageFacts, PlacementResult } from '../../lib/types';
import { listPageIds, loadHtml, loadLabels, PROJECT_ROOT, defaultDataDir } from './placement-metrics';

export interface PageLink {
  /** The link's fields the relevance step reads (LinkData minus the DOM). */
  link: Pick<LinkData, 'kind' | 'url' | 'host' | 'domain' | 'text' | 'title' | 'contextBefore' | 'contextAfter'>;
  /** The link's paragraph (null: the nearby words; '': nothing around it is prose). */
  block: string | null;
  label: 'main' | 'boilerplate' | 'ambiguous';
}

export interface PageExtract {
  id: string;
  url: string;
  host: string;
  type: string;
  facts: Pick<PageFacts, 'title' | 'description' | 'headings' | 'language'>;
  main: string;
  /** The page as a link's target: the topic text the background extracts from fetched HTML. */
  asTarget: string;
  links: PageLink[];
}

const CACHE = resolve(PROJECT_ROOT, 'node_modules/.cache/relevance-eval/pages-v1.json');

async function extract(id: string): Promise<PageExtract> {
  const labels = loadLabels(id);
  const html = loadHtml(id);
  const dom = new JSDOM(html, { url: labels.url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  try {
    const facts = readPageFacts(doc);
    const links = collectLinks(doc).links.map((l) => extractFeatures(l, facts.domain));
    // Labels are per `querySelectorAll('a[href]')` index; the labelled main-content links stand in
    // for the placement step (its output only adds their blocks to the main text).
    const labelOf = new Map<Element, PageLink['label']>();
    const anchors = doc.querySelectorAll('a[href]');
    for (const l of labels.links) if (anchors[l.i]) labelOf.set(anchors[l.i]!, l.label);
    const placements: PlacementResult[] = links.map((l) => ({ placement: labelOf.get(l.el) === 'main' ? 'body' : 'nav', confidence: 1, signals: [] }));
    const main = mainText(doc, links, placements);
    const { blocks, linkBlocks } = await contextBlockTexts(links);
    return {
      id,
      url: labels.url,
      host: new URL(labels.url).hostname.replace(/^www\./, ''),
      type: labels.page_type,
      facts: { title: facts.title, description: facts.description, headings: facts.headings, language: facts.language },
      main,
      asTarget: extractTopic(html).text,
      links: links.flatMap((l, i) => {
        const label = labelOf.get(l.el);
        if (!label || l.kind !== 'http') return [];
        const { kind, url, host, domain, text, title, contextBefore, contextAfter } = l;
        return [{ link: { kind, url, host, domain, text, title, contextBefore, contextAfter }, block: linkBlocks[i]! >= 0 ? blocks[linkBlocks[i]!]! : null, label }];
      }),
    };
  } finally {
    dom.window.close();
  }
}

/** Every dev page's extract (from the cache when present). */
export async function loadPages(): Promise<PageExtract[]> {
  if (existsSync(CACHE)) return JSON.parse(readFileSync(CACHE, 'utf8')) as PageExtract[];
  if (!existsSync(defaultDataDir())) return [];
  const out: PageExtract[] = [];
  const ids = listPageIds();
  for (const [n, id] of ids.entries()) {
    out.push(await extract(id));
    if (n % 100 === 99) process.stderr.write(`relevance eval: parsed ${n + 1}/${ids.length} dev pages\n`);
  }
  mkdirSync(resolve(CACHE, '..'), { recursive: true });
  writeFileSync(CACHE, JSON.stringify(out));
  return out;
}
