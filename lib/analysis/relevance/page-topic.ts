/**
 * What the page is about, and what each link's surroundings say: the text parts (with weights)
 * that the topic vectors are built from.
 */
import { plainPathname } from '../../url';
import type { LinkData, PageFacts } from '../../types';
import type { TextPart } from './similarity';

/** Weights of the page topic's parts. */
export const PAGE_WEIGHTS = { title: 3, description: 2, heading: 1.5, main: 1 };
/** Weights of a link context's parts. */
export const LINK_WEIGHTS = { anchor: 2, title: 1, url: 1.5, block: 1, near: 1 };

export function pageTopicParts(facts: PageFacts, main: string): TextPart[] {
  return [
    { text: facts.title, weight: PAGE_WEIGHTS.title },
    { text: facts.description, weight: PAGE_WEIGHTS.description },
    ...facts.headings.map((h) => ({ text: h, weight: PAGE_WEIGHTS.heading })),
    { text: main, weight: PAGE_WEIGHTS.main },
  ];
}

/** Words in a URL's path (and query values), minus file extensions and id-like tokens. */
export function urlWords(url: string | null): string {
  if (!url) return '';
  // Most links are plain URLs: their path is read off the string, and has no escapes to decode.
  let path = plainPathname(url);
  if (path === null) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return '';
    }
    path = u.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      /* keep it encoded */
    }
  }
  return path
    .replace(/\.(html?|php|aspx?|jsp|cgi)$/i, '')
    .split(/[/\-_.+,;=~]+/)
    .filter((w) => w && !/\d{3,}/.test(w) && !/^[0-9a-f]{8,}$/i.test(w))
    .join(' ');
}

/**
 * What a link's surroundings say: anchor, title, URL words and its paragraph (null: the nearby
 * words; '': nothing around it is prose, as in a menu).
 */
export function linkContextParts(link: LinkData, blockText: string | null): TextPart[] {
  const parts: TextPart[] = [
    { text: link.text, weight: LINK_WEIGHTS.anchor },
    { text: link.title && link.title !== link.text ? link.title : '', weight: LINK_WEIGHTS.title },
    { text: urlWords(link.url), weight: LINK_WEIGHTS.url },
  ];
  if (blockText) {
    // The block includes the anchor text once more; that is fine (it is the link's sentence).
    parts.push({ text: blockText, weight: LINK_WEIGHTS.block });
  } else if (blockText === null) {
    parts.push({ text: `${link.contextBefore} ${link.contextAfter}`, weight: LINK_WEIGHTS.near });
  }
  return parts;
}
