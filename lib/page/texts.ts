/**
 * Stage 5 — texts: what relevance needs from the page, read in the page (the background has no
 * DOM): the page's main text and each link's paragraph, deduplicated.
 */
import { blockTextOf, collapse, textOf } from './text';
import type { LinkFeatures, PlacementResult } from '../types';
import { EVERY_LINKS, type Checkpoint } from '../yielder';

export const MAX_MAIN_CHARS = 30_000;
/** Blocks longer than this are a list or a container, not the link's paragraph: use the nearby words. */
export const MAX_BLOCK_CHARS = 1_200;

/** Regions left out of the main text: by tag, landmark role or aria-hidden. */
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'select', 'button', 'header', 'nav', 'footer', 'aside', 'form']);
const BOILERPLATE_ROLES = new Set(['banner', 'navigation', 'contentinfo', 'complementary']);

/** Attribute reads instead of `matches()` with a selector list: this runs on every element of the main text. */
function isBoilerplate(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName)) return true;
  if (!el.hasAttributes()) return false;
  const role = el.getAttribute('role');
  return (role !== null && BOILERPLATE_ROLES.has(role)) || el.getAttribute('aria-hidden') === 'true';
}
const CONTEXT_BLOCKS = new Set(['p', 'li', 'td', 'dd', 'dt', 'blockquote', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'section', 'article']);

/** Text of `root` without boilerplate regions (header/nav/footer/aside/forms), bounded. */
export function contentText(root: Element, limit = MAX_MAIN_CHARS): string {
  return collapse(textOf(root, limit, isBoilerplate)).slice(0, limit);
}

/**
 * The page's main text: the given one (from the placement step) if any; else the text of the
 * blocks holding links placed in the body, plus the page's <main>/<article> (or <body>) minus
 * boilerplate regions.
 */
export function mainText(doc: Document, links: LinkFeatures[], placements: PlacementResult[], given?: string): string {
  if (given) return given.slice(0, MAX_MAIN_CHARS);
  const root = doc.querySelector('main, [role="main"]') ?? largestArticle(doc) ?? doc.body;
  let text = root ? contentText(root) : '';
  // Body links outside that root (main content the landmarks missed).
  const seen = new Set<Element>();
  for (let i = 0; i < links.length && text.length < MAX_MAIN_CHARS; i++) {
    if (placements[i]?.placement !== 'body') continue;
    const block = contextBlock(links[i]!.el);
    if (!block || seen.has(block) || (root && root.contains(block))) continue;
    seen.add(block);
    text += ' ' + collapse(textOf(block, MAX_BLOCK_CHARS));
  }
  return text.slice(0, MAX_MAIN_CHARS);
}

function largestArticle(doc: Document): Element | null {
  let best: Element | null = null;
  let bestLen = 0;
  for (const a of doc.querySelectorAll('article')) {
    const n = (a.textContent ?? '').length;
    if (n > bestLen) {
      best = a;
      bestLen = n;
    }
  }
  return best;
}

/** The paragraph-like element around a link. */
export function contextBlock(el: Element): Element | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (CONTEXT_BLOCKS.has(p.localName)) return p;
    if (p.localName === 'body') return null;
  }
  return null;
}

const HEADING = /^h[1-6]$/;
const DESCRIPTION_BLOCKS = new Set(['p', 'div', 'blockquote', 'dd']);

/**
 * The paragraph that describes a list item whose title line is a link: the next element after
 * the line, when it is prose (a paragraph, not a heading, not mostly links, not too long).
 */
function itemDescription(line: Element): string {
  const next = line.nextElementSibling;
  if (!next || !DESCRIPTION_BLOCKS.has(next.localName) || next.querySelector('h1, h2, h3, h4, h5, h6')) return '';
  const text = collapse(blockTextOf(next, MAX_BLOCK_CHARS + 1));
  if (!text || text.length > MAX_BLOCK_CHARS) return '';
  let anchors = 0;
  for (const a of next.querySelectorAll('a')) anchors += nonSpace(a.textContent ?? '');
  return anchors > LINK_DENSE_SHARE * nonSpace(text) ? '' : text;
}

/** A block whose text is mostly anchor text is a menu or a link list, not prose around a link. */
export const LINK_DENSE_SHARE = 0.6;

/** Characters that are not whitespace (`\s`), counted without building a new string. */
function nonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) continue;
    n++;
  }
  return n;
}

const NAV = 'nav, [role="navigation"]';
/** `el.closest(NAV) !== null`, with the answer for each parent remembered (links share them). */
function navTest(): (el: Element) => boolean {
  const known = new Map<Element, boolean>();
  const chain: Element[] = [];
  return (el) => {
    if (el.matches(NAV)) return true;
    // Climb (iteratively: pages nest absurdly deep) to a known or matching ancestor.
    let found = false;
    chain.length = 0;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const v = known.get(p);
      if (v !== undefined) {
        found = v;
        break;
      }
      chain.push(p);
      if (p.matches(NAV)) {
        found = true;
        break;
      }
    }
    for (const p of chain) known.set(p, found);
    return found;
  };
}

/**
 * The text of each link's paragraph (DOM side), deduplicated: links[i] reads blocks[linkBlocks[i]];
 * -1 when the link has no paragraph or it is too long to be one (a list or container). A block
 * that is mostly links, or inside a navigation landmark, gets the empty text: its words are its
 * neighbours' anchors or labels, not context.
 */
export async function contextBlockTexts(links: LinkFeatures[], checkpoint: Checkpoint = () => undefined): Promise<{ blocks: string[]; linkBlocks: number[] }> {
  const blockOf: (Element | null)[] = new Array(links.length);
  const linkChars = new Map<Element, number>();
  const linkCount = new Map<Element, number>();
  for (let i = 0; i < links.length; i++) {
    const block = (blockOf[i] = contextBlock(links[i]!.el));
    if (block) {
      linkChars.set(block, (linkChars.get(block) ?? 0) + nonSpace(links[i]!.text));
      linkCount.set(block, (linkCount.get(block) ?? 0) + 1);
    }
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  const blocks: string[] = [];
  const ids = new Map<Element, number>();
  let none = -1;
  /** The shared empty block: nothing around the link is prose. */
  const noProse = () => (none < 0 ? (none = blocks.push('') - 1) : none);
  const inNav = navTest();
  const blockId = (block: Element | null, el: Element): number => {
    // A link in a menu or breadcrumb: the words around it are labels (and the page's own title),
    // not prose, whatever block it sits in.
    if (inNav(el)) return noProse();
    if (!block) return -1;
    let id = ids.get(block);
    if (id === undefined) {
      const text = collapse(blockTextOf(block, MAX_BLOCK_CHARS + 1));
      const dense = (linkChars.get(block) ?? 0) > LINK_DENSE_SHARE * nonSpace(text);
      // An item's title line (a heading, or a line that is one link) is described by the
      // paragraph after it: a list of resources ("best X blogs") or of projects.
      const described = (dense && linkCount.get(block) === 1) || HEADING.test(block.localName) ? itemDescription(block) : '';
      if (!text || text.length > MAX_BLOCK_CHARS) id = -1;
      else if (described) id = blocks.push(`${text} ${described}`) - 1;
      else if (dense) id = noProse();
      else id = blocks.push(text) - 1;
      ids.set(block, id);
    }
    return id;
  };
  const linkBlocks: number[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    linkBlocks[i] = blockId(blockOf[i] ?? null, links[i]!.el);
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  return { blocks, linkBlocks };
}
