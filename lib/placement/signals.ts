/**
 * One pass over the DOM (no layout, no computed style): per element, the text and link-text amounts of
 * its subtree (boilerpipe's text and link density), its paragraph-like inline text, and its own region
 * hint from the tag, ARIA role and class/id words. Everything later reads these records; nothing walks
 * the DOM per link.
 */
import type { Placement } from '../report';
import { hintsOf, type TokenHint } from './tokens';

/** Elements that start a new block of text (the paragraph a reader would see). */
export const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'td', 'th', 'dd', 'dt', 'dl', 'section', 'article', 'aside', 'main', 'header', 'footer', 'nav',
  'blockquote', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'form', 'body', 'table', 'ul', 'ol',
  'pre', 'address', 'details', 'summary', 'fieldset', 'tr', 'tbody', 'thead', 'tfoot', 'caption', 'menu', 'center',
  'hr', 'br',
]);

/** Subtrees whose text nobody reads. */
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'select', 'option', 'datalist', 'textarea', 'iframe', 'object']);

/** A hint from the element itself: what it says it is, and why. */
export interface OwnHint {
  hint: TokenHint;
  /** Strong: a landmark tag or ARIA role. Weak: class/id words. */
  strong: boolean;
  why: string;
}

/** Per-element record. Index = pre-order position (parents before children). */
export interface Block {
  el: Element;
  parent: Block | null;
  order: number;
  /** Order of the last descendant: `a` contains `b` ⇔ a.order <= b.order <= a.end. */
  end: number;
  depth: number;
  tag: string;
  isBlock: boolean;
  /** Non-whitespace characters of readable text in the subtree. */
  text: number;
  /** …of which inside links. */
  linkText: number;
  /** Links (a[href], area) in the subtree. */
  links: number;
  /** Text that belongs to this block itself (text nodes not inside a nested block). */
  inlineText: number;
  inlineLinkText: number;
  inlineLinks: number;
  /** Commas in the inline text (incl. CJK and Arabic commas). */
  commas: number;
  /** Block-level children that carry paragraph text (≥ MIN_PARAGRAPH chars). */
  paragraphs: number;
  hint: OwnHint | null;
  /** Also has content-like words (article, post, entry…). */
  contentWords: boolean;
  /** Nearest block-level ancestor-or-self. */
  blockOwner: Block;
  /** Readable text characters before this element in document order. */
  textBefore: number;
  /** How many siblings (itself included) share its tag and class: items of a list, cards of a grid. */
  siblingGroup: number;
  /** Set by main-content.ts. */
  score: number;
}

const LANDMARK_ROLES: Record<string, TokenHint> = {
  banner: 'header',
  navigation: 'nav',
  contentinfo: 'footer',
  complementary: 'sidebar',
  main: 'content',
  article: 'content',
  menu: 'nav',
  menubar: 'nav',
  tablist: 'nav',
  dialog: 'widget',
  alertdialog: 'widget',
  search: 'nav',
};

const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);

/** Comment sections are often marked only by their element id (`#comments`, `#respond`). */
const PRIORITY: TokenHint[] = ['comments', 'related', 'footer', 'header', 'sidebar', 'nav', 'widget', 'content'];

function ownHint(el: Element, tag: string, parent: Block | null): { hint: OwnHint | null; contentWords: boolean } {
  let contentWords = false;
  const role = el.getAttribute('role');
  if (role) {
    const r = role.trim().toLowerCase();
    const h = LANDMARK_ROLES[r];
    if (h && h !== 'content') return { hint: { hint: h, strong: true, why: `role="${role}"` }, contentWords };
    if (h === 'content' || r === 'tabpanel') return { hint: null, contentWords: true };
  }
  switch (tag) {
    case 'nav':
      return { hint: { hint: 'nav', strong: true, why: '<nav>' }, contentWords };
    case 'aside':
      return { hint: { hint: 'sidebar', strong: true, why: '<aside>' }, contentWords };
    case 'header':
    case 'footer': {
      // Only a header/footer outside sectioning content is the page's banner/contentinfo (HTML-AAM).
      let sectioned = false;
      for (let p = parent; p; p = p.parent) {
        if (SECTIONING.has(p.tag)) {
          sectioned = true;
          break;
        }
      }
      if (!sectioned) return { hint: { hint: tag, strong: true, why: `<${tag}>` }, contentWords };
      // An article's own header (title, byline) or footer (tags, share): auxiliary, not the page's.
      return { hint: { hint: 'widget', strong: false, why: `<${tag}> of a section` }, contentWords };
    }
    case 'main':
    case 'article':
      // The semantic tag outranks class words (`<main class="sidebar-layout_main">`).
      return { hint: null, contentWords: true };
    case 'menu':
      return { hint: { hint: 'nav', strong: true, why: '<menu>' }, contentWords };
  }
  const cls = el.getAttribute('class');
  const id = el.getAttribute('id');
  if (!cls && !id) return { hint: null, contentWords };
  const { hints, words } = hintsOf(`${cls ?? ''} ${id ?? ''}`);
  if (!hints.length) return { hint: null, contentWords };
  let best: TokenHint | null = null;
  let bestWord = '';
  for (let i = 0; i < hints.length; i++) {
    const h = hints[i]!;
    if (h === 'content') contentWords = true;
    if (best === null || PRIORITY.indexOf(h) < PRIORITY.indexOf(best)) {
      best = h;
      bestWord = words[i]!;
    }
  }
  if (!best || best === 'content') return { hint: null, contentWords };
  return { hint: { hint: best, strong: false, why: `class/id "${bestWord}"` }, contentWords };
}

function nonSpaceLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160 && c !== 0x200b && c !== 0x3000) n++;
  }
  return n;
}

function countCommas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // , ، ， 、 ﹐ ､
    if (c === 44 || c === 0x60c || c === 0xff0c || c === 0x3001 || c === 0xfe50 || c === 0xff64) n++;
  }
  return n;
}

export interface PageBlocks {
  blocks: Block[];
  byEl: Map<Element, Block>;
  root: Block | null;
}

const MIN_PARAGRAPH = 25;

function isLinkEl(el: Element): boolean {
  const t = el.localName;
  return (t === 'a' || t === 'area') && (el.hasAttribute('href') || el.hasAttribute('xlink:href'));
}

/**
 * Builds the per-element records for one document (and the open shadow roots in it). Iterative, so deep
 * pages cannot overflow the stack; `checkpoint` is awaited every few thousand nodes.
 */
export async function buildBlocks(doc: Document, checkpoint: () => Promise<void> | void): Promise<PageBlocks> {
  const blocks: Block[] = [];
  const byEl = new Map<Element, Block>();
  const rootEl = doc.body ?? doc.documentElement;
  if (!rootEl) return { blocks, byEl, root: null };
  // Stack of [node, parent block, inside a link].
  const nodes: Node[] = [rootEl];
  const parents: (Block | null)[] = [null];
  const inLinks: boolean[] = [false];
  let steps = 0;
  let seenText = 0;
  while (nodes.length) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    const inLink = inLinks.pop()!;
    if ((++steps & 2047) === 0) await checkpoint();
    if (node.nodeType === 3) {
      if (!parent) continue;
      const v = node.nodeValue ?? '';
      const n = nonSpaceLength(v);
      if (!n) continue;
      seenText += n;
      parent.text += n;
      const owner = parent.blockOwner;
      owner.inlineText += n;
      owner.commas += countCommas(v);
      if (inLink) {
        parent.linkText += n;
        owner.inlineLinkText += n;
      }
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.localName;
    if (SKIP_TAGS.has(tag)) continue;
    const isBlock = BLOCK_TAGS.has(tag) || parent === null;
    const { hint, contentWords } = ownHint(el, tag, parent);
    const b: Block = {
      el,
      parent,
      order: blocks.length,
      end: blocks.length,
      depth: parent ? parent.depth + 1 : 0,
      tag,
      isBlock,
      text: 0,
      linkText: 0,
      links: 0,
      inlineText: 0,
      inlineLinkText: 0,
      inlineLinks: 0,
      commas: 0,
      paragraphs: 0,
      hint,
      contentWords,
      blockOwner: null as unknown as Block,
      textBefore: seenText,
      siblingGroup: 1,
      score: 0,
    };
    b.blockOwner = isBlock || !parent ? b : parent.blockOwner;
    blocks.push(b);
    byEl.set(el, b);
    const link = isLinkEl(el);
    if (link) {
      b.links = 1;
      b.blockOwner.inlineLinks++;
    }
    const childInLink = inLink || link;
    // Children in reverse so they pop in document order; shadow content comes first, as rendered
    // in place of (slotted) light children.
    const shadow = (el as HTMLElement).shadowRoot;
    for (let c = el.lastChild; c; c = c.previousSibling) {
      nodes.push(c);
      parents.push(b);
      inLinks.push(childInLink);
    }
    if (shadow) {
      for (let c = shadow.lastChild; c; c = c.previousSibling) {
        nodes.push(c);
        parents.push(b);
        inLinks.push(childInLink);
      }
    }
  }
  // Bottom-up sums: children come after their parents in pre-order.
  for (let i = blocks.length - 1; i > 0; i--) {
    const b = blocks[i]!;
    const p = b.parent!;
    p.text += b.text;
    p.linkText += b.linkText;
    p.links += b.links;
    if (b.end > p.end) p.end = b.end;
    if (b.isBlock && b.inlineText >= MIN_PARAGRAPH) p.blockOwner.paragraphs++;
  }
  // Repeated siblings (same tag and class under one parent).
  const groups = new Map<string, number>();
  const keyOf = (b: Block) => `${b.parent!.order}|${b.tag}|${b.el.getAttribute('class') ?? ''}`;
  for (let i = 1; i < blocks.length; i++) {
    const k = keyOf(blocks[i]!);
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    b.siblingGroup = groups.get(keyOf(b)) ?? 1;
  }
  return { blocks, byEl, root: blocks[0] ?? null };
}

/** Is `inner` inside (or equal to) `outer`? O(1) from the pre-order ranges. */
export function contains(outer: Block, inner: Block): boolean {
  return outer.order <= inner.order && inner.order <= outer.end;
}

/** Link density of a subtree: share of its text inside links. */
export function linkDensity(b: Block): number {
  return b.text ? b.linkText / b.text : b.links ? 1 : 0;
}

/** The region a hint names, for hints that are placements. */
export function hintPlacement(h: TokenHint): Placement | null {
  return h === 'content' ? null : h === 'widget' ? 'sidebar' : h;
}
