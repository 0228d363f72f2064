/**
 * Reading a fetched page inertly: the HTML is parsed with `DOMParser` (no script runs, nothing
 * loads, the HTML tokenizer is linear in the input), then read by one task into plain data.
 * Runs wherever a DOMParser is: Chrome's offscreen document, Firefox's background page, jsdom in
 * tests. No extension APIs here, so every runner shares this code.
 *
 *   const doc = parseHtml(html);                       // inert Document
 *   const topic = readFetched(doc, url, 'topic');      // { title, description, headings, text, lang }
 *   const head = readFetched(doc, url, 'head');        // { title, metaRobots, refresh, canonical }
 *
 * A later task (audits) adds a task that runs the page half of the analysis on `doc`.
 */
import { LIMITS, capString } from '../limits.ts';
import { collapse } from '../page/text.ts';
import type { ParseTaskName } from './tasks.ts';

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
}
export type ParseTask = keyof ParseResults & ParseTaskName;
/** Reads fetched HTML into one task's result (the background's runs it here or in the offscreen document). */
export type ParseFetched = <T extends ParseTask>(html: string, url: string, task: T) => Promise<ParseResults[T]>;
export { PARSE_TASKS, isParseTask } from './tasks.ts';

/** An inert document. `parser` is the runner's DOMParser (the global one by default). */
export function parseHtml(html: string, parser: DOMParser = new DOMParser()): Document {
  return parser.parseFromString(capString(html, LIMITS.fetchedPage), 'text/html');
}

export function readFetched<T extends ParseTask>(doc: Document, url: string, task: T): ParseResults[T] {
  const read = task === 'topic' ? readTopic : readHead;
  return read(doc, url) as ParseResults[T];
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

/** Elements whose text is not the page's topic (scripts, chrome around the content). */
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'header', 'nav', 'footer', 'aside', 'form', 'iframe', 'object', 'select', 'button']);
const BREAKS = new Set(['p', 'li', 'br', 'div', 'td', 'th', 'dd', 'dt', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption', 'section', 'article']);

/**
 * Text under `root` without the skipped elements, up to `limit` characters. Iterative (a page
 * can nest 20,000 deep) and stops at the limit, so it reads at most what it returns.
 */
export function mainTextOf(root: Element, limit: number): string {
  const doc = root.ownerDocument;
  // NodeFilter values, spelled out: jsdom's and the browsers' agree, and the global may be absent.
  const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT_AND_TEXT, {
    acceptNode: (n) => (n.nodeType === 1 && SKIP.has((n as Element).localName) ? 2 /* FILTER_REJECT: skip the subtree */ : 1),
  });
  const parts: string[] = [];
  let length = 0;
  for (let n = walker.nextNode(); n && length < limit * 1.2; n = walker.nextNode()) {
    const piece = n.nodeType === 3 ? (n.nodeValue ?? '') : BREAKS.has((n as Element).localName) ? ' ' : '';
    if (!piece) continue;
    parts.push(piece);
    length += piece.length;
  }
  return capString(collapse(parts.join('')), limit);
}

function readTopic(doc: Document, _url: string): FetchedTopic {
  const title = pageText(doc.title);
  const description = pageText(metaContents(doc, ['description'])[0] ?? doc.querySelector('meta[property="og:description" i]')?.getAttribute('content'));
  const headings: string[] = [];
  for (const h of doc.querySelectorAll('h1, h2, h3')) {
    const t = pageText(mainTextOf(h, LIMITS.pageText));
    if (t) headings.push(t);
    if (headings.length >= 30) break;
  }
  const root = doc.querySelector('main, article, [role="main"]') ?? doc.body ?? doc.documentElement;
  const main = root ? mainTextOf(root, LIMITS.topicText) : '';
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
