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
  /** A short string derived from the page (a shared term, a tracking parameter's name, a meta robots token, the language tag), characters. */
  label: 512,
  /** Entries kept in a list of such strings, or of a link's score reasons. */
  labels: 256,
  /** Frames listed per page. */
  frames: 1000,
  /** One history export file, bytes: import reads a file whole, so bigger exports are split into parts. */
  historyFileBytes: 100 * 1024 * 1024,
  /** An audit list (issue #18): rows kept, columns kept per row, characters per cell, links to the target kept per checked page. */
  auditRows: 10_000,
  auditColumns: 100,
  auditCell: 2000,
  auditLinks: 20,
} as const;

/** `s` cut to `max` characters without splitting a surrogate pair. */
export function capString(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return s.slice(0, end);
}
