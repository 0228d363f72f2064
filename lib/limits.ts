/**
 * How much of a page the extension keeps: one set of caps for every place a page's strings pass
 * through — collected in the page (before messaging), checked in the background, saved to
 * history and read back by import. A value cut to its cap is flagged where it is cut, so a
 * backup of anything the extension saved always imports again.
 */
export const LIMITS = {
  /** An href or resolved URL, characters. */
  url: 8192,
  /** A link's text, `title` attribute, `alt` used as its text; the words around it. */
  linkText: 2000,
  /** The page's title, description, a heading. */
  pageText: 2000,
  /** rel: tokens kept per link, characters per token. */
  relTokens: 64,
  relToken: 64,
  /**
   * Links analysed on one page; the report says so when a page has more. A report travels to the
   * popup in one message (at most 64 MB) at about 1.35 KB per link, and 200,000 links took 29 s
   * to analyse on a busy two-core machine: 500,000 could never be shown.
   */
  links: 30_000,
  /** What the analysed links may add up to in a report, bytes (JSON, UTF-8): pages of long hrefs stop sooner. */
  reportBytes: 48_000_000,
  /** The page's main text (its topic for relevance), characters. */
  mainText: 30_000,
  /** Headings read for the page topic, and characters read of each. */
  headings: 40,
  heading: 300,
  /** meta robots tokens kept, characters per token. */
  metaTokens: 64,
  metaToken: 128,
  /** A fetched page (target topics, link checks, audits): body bytes read, characters parsed. */
  fetchedPage: 1_500_000,
  /** Characters of a fetched page's main text kept as its topic. */
  topicText: 8_000,
  /** A short string derived from the page (a shared term, a tracking parameter's name, a hidden reason, a placement signal, the language tag), characters. */
  label: 512,
  /** Entries kept in a list of such strings, or of a link's score reasons. */
  labels: 256,
  /** Frames listed per page. */
  frames: 1000,
  /** One history export file, bytes: import reads a file whole, so bigger exports are split into parts. */
  historyFileBytes: 100 * 1024 * 1024,
} as const;

/** `s` cut to `max` characters without splitting a surrogate pair. */
export function capString(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return s.slice(0, end);
}

/** The link fields a cap can cut, as named in `LinkReport.capped`. */
export const CAPPABLE_FIELDS = ['href', 'url', 'text', 'title', 'rel', 'contextBefore', 'contextAfter'] as const;
export type CappableField = (typeof CAPPABLE_FIELDS)[number];

/** The page strings of a link, as the page collects them and the background receives them. */
export interface CappableLink {
  href: string;
  url: string | null;
  text: string;
  title: string;
  rel: string[];
  contextBefore: string;
  contextAfter: string;
  capped: string[];
}

const TEXT_CAPS = { href: LIMITS.url, text: LIMITS.linkText, title: LIMITS.linkText, contextBefore: LIMITS.linkText, contextAfter: LIMITS.linkText } as const;

/**
 * Cuts a link's page strings to their caps (in place) and names every field cut in `capped`,
 * keeping the names already there. Run where the page collects a link and again where the
 * background receives it: for a link already within its caps it changes nothing.
 */
export function capLinkStrings(link: CappableLink): void {
  const cut = (field: CappableField) => {
    if (!link.capped.includes(field)) link.capped.push(field);
  };
  for (const field of Object.keys(TEXT_CAPS) as (keyof typeof TEXT_CAPS)[]) {
    const value = link[field];
    if (value.length > TEXT_CAPS[field]) {
      link[field] = capString(value, TEXT_CAPS[field]);
      cut(field);
    }
  }
  if (link.url !== null && link.url.length > LIMITS.url) {
    link.url = capString(link.url, LIMITS.url);
    cut('url');
  }
  if (link.rel.length > LIMITS.relTokens || link.rel.some((token) => token.length > LIMITS.relToken)) {
    link.rel = link.rel.slice(0, LIMITS.relTokens).map((token) => capString(token, LIMITS.relToken));
    cut('rel');
  }
}

/** Printable ASCII other than `"` and `\`: one byte each in JSON (one native scan for most strings). */
const PLAIN_JSON = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Bytes `s` takes as a JSON string in UTF-8 (escapes counted): what it adds to a message. */
export function jsonBytes(s: string): number {
  if (PLAIN_JSON.test(s)) return s.length + 2;
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x20 ? 6 : c === 0x22 || c === 0x5c ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

/** A link's fields in a report beyond its page strings (placement, scores, reasons, names): measured ~1.3 KB. */
export const REPORT_LINK_OVERHEAD = 1500;

/** What a link adds to a report, bytes: its page strings and the rest. */
export function reportBytesOf(link: CappableLink & { domain: string | null; host: string | null; frame: string | null; wrapper: { target: string | null; markers: string[] } | null }): number {
  let n = REPORT_LINK_OVERHEAD + jsonBytes(link.href) + jsonBytes(link.text) + jsonBytes(link.contextBefore) + jsonBytes(link.contextAfter);
  if (link.url !== null) n += jsonBytes(link.url);
  n += (link.domain?.length ?? 0) + (link.host?.length ?? 0) + (link.frame ? jsonBytes(link.frame) : 0);
  for (const r of link.rel) n += jsonBytes(r) + 1;
  if (link.wrapper) {
    if (link.wrapper.target) n += jsonBytes(link.wrapper.target);
    for (const m of link.wrapper.markers) n += jsonBytes(m) + 1;
  }
  return n;
}
