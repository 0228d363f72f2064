/**
 * What the relevance step sees of each development page (../shared/data/placement-dev, WCXB dev
 * split, CC-BY-4.0; read in place, never copied): the page facts, the main text and every link
 * with its anchor, URL and paragraph, made by the product's own page-side code in jsdom
 * (collect → features → texts) — so the eval compares texts the extension would compare.
 *
 * Parsing 1,275 pages takes many minutes: each extract is cached in
 * node_modules/.cache/relevance-eval/ (development data stays out of the repository), and the
 * pages are parsed by child processes, 100 at a time (jsdom keeps memory a process never gets back).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { collectPage } from '../../lib/page/model';
import { extractFeatures } from '../../lib/page/features';
import { readPageFacts } from '../../lib/page/page-facts';
import { contextBlockTexts, mainText } from '../../lib/page/texts';
import { parseHtml, readFetched } from '../../lib/parse/fetched';
import { placeLinks } from '../../lib/page/placement/index';
import { pageDomainOf } from '../../lib/domain';
import type { LinkData, PageFacts } from '../../lib/types';
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

const CACHE = resolve(PROJECT_ROOT, 'node_modules/.cache/relevance-eval/v2');
const cached = (id: string) => resolve(CACHE, `${id}.json`);
const BATCH = 100;

async function extract(id: string): Promise<PageExtract> {
  const labels = loadLabels(id);
  const html = loadHtml(id);
  const dom = new JSDOM(html, { url: labels.url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  try {
    const facts = readPageFacts(doc);
    const links = (await collectPage(doc)).links.map((l) => extractFeatures(l, pageDomainOf(doc.URL)));
    // Labels are per `querySelectorAll('a[href]')` index.
    const labelOf = new Map<Element, PageLink['label']>();
    const anchors = doc.querySelectorAll('a[href]');
    for (const l of labels.links) if (anchors[l.i]) labelOf.set(anchors[l.i]!, l.label);
    // The product's own placement decides the main content, as in the extension.
    const placed = await placeLinks(doc, links, { checkpoint: () => undefined });
    const main = mainText(placed.main, links, (i) => placed.placements[i]!.placement === 'body');
    const { blocks, linkBlocks } = await contextBlockTexts(links);
    return {
      id,
      url: labels.url,
      host: new URL(labels.url).hostname.replace(/^www\./, ''),
      type: labels.page_type,
      facts: { title: facts.title, description: facts.description, headings: facts.headings, language: facts.language },
      main,
      asTarget: (await readFetched(parseHtml(html, labels.url, new dom.window.DOMParser()), labels.url, 'topic')).text,
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

/** Pages of the stratified sample kept for the relevance eval (index.json order). */
const SAMPLE = 250;

function normUrl(u: string): string | null {
  try {
    const x = new URL(u);
    return x.hostname.replace(/^www\./, '') + x.pathname.replace(/\/$/, '');
  } catch {
    return null;
  }
}

/**
 * The pages the relevance eval reads: every page with a main-content link to another dev page,
 * those targets and the other pages of their sites (hard negatives), and the first SAMPLE pages
 * of the stratified order (random negatives, link contexts). Read from the labels: no parsing.
 */
export function evalPageIds(): string[] {
  const all = listPageIds().map((id) => loadLabels(id));
  const byUrl = new Map<string, string>();
  for (const p of all) {
    const u = normUrl(p.url);
    if (u && !byUrl.has(u)) byUrl.set(u, p.id);
  }
  const keep = new Set<string>();
  const targetHosts = new Set<string>();
  const host = (u: string) => new URL(u).hostname.replace(/^www\./, '');
  for (const p of all)
    for (const l of p.links) {
      if (l.label !== 'main') continue;
      let u: string | null = null;
      try {
        u = normUrl(new URL(l.href, p.url).href);
      } catch {
        continue;
      }
      const b = u ? byUrl.get(u) : undefined;
      if (!b || b === p.id) continue;
      keep.add(p.id).add(b);
      targetHosts.add(host(byUrl.has(u!) ? all.find((x) => x.id === b)!.url : p.url));
    }
  for (const p of all) if (targetHosts.has(host(p.url))) keep.add(p.id);
  const index = JSON.parse(readFileSync(resolve(defaultDataDir(), 'index.json'), 'utf8')) as { items: { id: string }[] };
  for (const { id } of index.items.slice(0, SAMPLE)) keep.add(id);
  return [...keep].sort();
}

/** The eval's dev pages, extracted (parsed once, then read from the cache). */
export async function loadPages(): Promise<PageExtract[]> {
  if (!existsSync(defaultDataDir())) return [];
  const ids = evalPageIds();
  const missing = ids.filter((id) => !existsSync(cached(id)));
  for (let i = 0; i < missing.length; i += BATCH) {
    process.stderr.write(`relevance eval: parsing dev pages ${i + 1}–${Math.min(missing.length, i + BATCH)} of ${missing.length} (cached after)\n`);
    execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, ...missing.slice(i, i + BATCH)], { stdio: 'inherit' });
  }
  return ids.filter((id) => existsSync(cached(id))).map((id) => JSON.parse(readFileSync(cached(id), 'utf8')) as PageExtract);
}

/** Child process: parse the given pages into the cache. */
async function parseInto(ids: string[]): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  for (const id of ids) writeFileSync(cached(id), JSON.stringify(await extract(id)));
}

if (process.argv[1] === import.meta.filename && process.argv.length > 2) await parseInto(process.argv.slice(2));
