/**
 * Reading a fetched page inertly: the HTML is parsed with `DOMParser` (no script runs, nothing
 * loads, the HTML tokenizer is linear in the input), then read by one task into plain data.
 * Runs wherever a DOMParser is: Chrome's offscreen document, Firefox's background page, jsdom in
 * tests. No extension APIs here, so every runner shares this code.
 *
 *   const doc = parseHtml(html, url);                        // inert Document, its base URL set
 *   const topic = await readFetched(doc, url, 'topic');      // { title, description, headings, text, lang }
 *   const head = await readFetched(doc, url, 'head');        // { title, metaRobots, refresh, canonical }
 *   const snap = await readFetched(doc, url, 'snapshot', { requestedUrl, pageDomain });
 *   // snap: the PageSnapshot the content script would send (lib/page/snapshot.ts, no layout)
 *
 * Every task reads the page through the page half's ONE page model (lib/page/model.ts) and its
 * DOM vocabulary (lib/page/dom.ts): what is a block, what nobody reads, which regions are not
 * the topic.
 */
import { LIMITS, capString } from '../limits.ts';
import { collapse } from '../page/text.ts';
import { collectPage, recordText, type PageModel } from '../page/model.ts';
import { contentText } from '../page/texts.ts';
import { snapshotPage } from '../page/snapshot.ts';
import type { PageSnapshot } from '../snapshot.ts';
import type { ParseOptions, ParseTaskName } from './tasks.ts';

export type { ParseOptions } from './tasks.ts';

export interface FetchedTopic {
  title: string;
  description: string;
  headings: string[];
  /** Title + description + headings + the start of the main text: what relevance compares against. */
  text: string;
  lang: string | null;
}

export interface MetaRefresh {
  delaySeconds: number;
  /** Absolute; null for a refresh of the page itself. */
  url: string | null;
}

export interface FetchedHead {
  title: string;
  /** meta robots / googlebot tokens, lower-cased. */
  metaRobots: string[];
  refresh: MetaRefresh | null;
  canonical: string | null;
}

export interface ParseResults {
  topic: FetchedTopic;
  head: FetchedHead;
  /** The page half of the analysis, as the content script runs it (without layout). */
  snapshot: PageSnapshot;
}
export type ParseTask = keyof ParseResults & ParseTaskName;
/** Reads fetched HTML into one task's result (the background runs it here or in the offscreen document). */
export type ParseFetched = <T extends ParseTask>(html: string, url: string, task: T, options?: ParseOptions) => Promise<ParseResults[T]>;
export { PARSE_TASKS, isParseTask } from './tasks.ts';

/**
 * An inert document. `parser` is the runner's DOMParser (the global one by default). Given the
 * URL the HTML came from, the document's base URL is set to it (a DOMParser document otherwise
 * resolves links against the extension's own page); a relative <base href> is resolved against it.
 */
export function parseHtml(html: string, url?: string, parser: DOMParser = new DOMParser()): Document {
  const doc = parser.parseFromString(capString(html, LIMITS.fetchedPage), 'text/html');
  if (url) anchorBase(doc, url);
  return doc;
}

function anchorBase(doc: Document, url: string): void {
  const base = doc.querySelector('base[href]');
  if (base) {
    base.setAttribute('href', baseOf(doc, url));
    return;
  }
  const head = doc.head ?? doc.documentElement;
  if (!head) return;
  const el = doc.createElement('base');
  el.setAttribute('href', url);
  head.insertBefore(el, head.firstChild);
}

export async function readFetched<T extends ParseTask>(doc: Document, url: string, task: T, options: ParseOptions = {}): Promise<ParseResults[T]> {
  switch (task) {
    case 'topic':
      return (await readTopic(doc)) as ParseResults[T];
    case 'head':
      return readHead(doc, url) as ParseResults[T];
    case 'snapshot':
      return (await snapshotPage(doc, { fetchedFrom: url, requestedUrl: options.requestedUrl, pageDomain: options.pageDomain ?? null })) as ParseResults[T];
  }
  throw new Error(`unknown parse task ${String(task)}`);
}

/** The page's base URL: its first <base href>, resolved against where it was fetched from. */
function baseOf(doc: Document, url: string): string {
  const href = doc.querySelector('base[href]')?.getAttribute('href');
  if (href) {
    try {
      return new URL(href, url).href;
    } catch {
      /* fall back to the page URL */
    }
  }
  return url;
}

function resolve(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? capString(u.href, LIMITS.url) : null;
  } catch {
    return null;
  }
}

const pageText = (s: string | null | undefined) => capString(collapse(s), LIMITS.pageText);

function metaContents(doc: Document, names: string[]): string[] {
  const out: string[] = [];
  for (const m of doc.querySelectorAll('meta[name]')) {
    if (names.includes((m.getAttribute('name') ?? '').trim().toLowerCase())) out.push(m.getAttribute('content') ?? '');
  }
  return out;
}

const MAX_HEADINGS = 30;
const TOPIC_HEADINGS = new Set(['h1', 'h2', 'h3']);

/** The record of the page's main content as the page marks it (<main>, <article>, role=main), else the body's. */
function mainRecord(m: PageModel): number {
  const marked = m.doc.querySelector('main, article, [role="main"]');
  if (!marked) return m.root;
  // One pass over the records (the element → record lookup the model does not keep).
  for (let r = 0; r < m.n; r++) if (m.el[r] === marked) return r;
  return m.root;
}

async function readTopic(doc: Document): Promise<FetchedTopic> {
  const title = pageText(doc.title);
  const description = pageText(metaContents(doc, ['description'])[0] ?? doc.querySelector('meta[property="og:description" i]')?.getAttribute('content'));
  const { models } = await collectPage(doc);
  const m = models[0];
  const headings: string[] = [];
  let main = '';
  if (m && m.root >= 0) {
    for (let r = 0; r < m.n && headings.length < MAX_HEADINGS; r++) {
      if (!TOPIC_HEADINGS.has(m.tag[r]!)) continue;
      const t = pageText(recordText(m, r, LIMITS.pageText));
      if (t) headings.push(t);
    }
    // The main text without the regions the page names as something else (navigation, header,
    // footer, sidebars, comments, forms, buttons): the same reading the report's main text uses.
    main = contentText(m, mainRecord(m), LIMITS.topicText);
  }
  const lang = collapse(doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang')) || null;
  const text = [title, description, ...headings, main].filter(Boolean).join('\n');
  return { title, description, headings, text, lang: lang ? capString(lang, 64) : null };
}

function readHead(doc: Document, url: string): FetchedHead {
  const base = baseOf(doc, url);
  const metaRobots = [
    ...new Set(
      metaContents(doc, ['robots', 'googlebot'])
        .flatMap((c) => capString(c, LIMITS.pageText).toLowerCase().split(/[\s,]+/))
        .filter(Boolean),
    ),
  ].slice(0, LIMITS.relTokens);
  let refresh: MetaRefresh | null = null;
  for (const m of doc.querySelectorAll('meta[http-equiv]')) {
    if ((m.getAttribute('http-equiv') ?? '').trim().toLowerCase() !== 'refresh') continue;
    refresh = parseRefresh(m.getAttribute('content') ?? '', base);
    if (refresh) break;
  }
  const canonical = resolve(doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'), base);
  return { title: pageText(doc.title), metaRobots, refresh, canonical };
}

/**
 * A `<meta http-equiv="refresh">` content, as browsers read it: a delay, then optionally `;` or
 * `,`, `url=` and the URL (quotes allowed). Null when the content has no delay.
 */
export function parseRefresh(content: string, base: string): MetaRefresh | null {
  // Regexes here read one attribute, capped: never the whole body.
  const s = capString(content, LIMITS.url + 64);
  const delay = s.match(/^\s*(\d*)(\.[\d.]*)?/)!;
  if (!delay[1] && !delay[2]) return null;
  let rest = s.slice(delay[0].length);
  if (rest && !/^[\s;,]/.test(rest)) return null;
  rest = rest.replace(/^\s*[;,]?\s*/, '').replace(/^url\s*=\s*/i, '');
  const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : null;
  if (quote) {
    const end = rest.indexOf(quote, 1);
    rest = end > 0 ? rest.slice(1, end) : rest.slice(1);
  }
  rest = rest.trim();
  return { delaySeconds: Number(delay[1] || 0), url: rest ? resolve(rest, base) : null };
}
