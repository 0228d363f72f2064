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
  /** A fetched page (target topics, link checks, audits): body bytes read, characters parsed. */
  fetchedPage: 1_500_000,
  /** Characters of a fetched page's main text kept as its topic. */
  topicText: 8_000,
  /** Links analysed on one page; the report says so when a page has more. */
  links: 500_000,
} as const;

/** `s` cut to `max` characters without splitting a surrogate pair. */
export function capString(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return s.slice(0, end);
}
