/**
 * Stage 1 — collect + page model: ONE iterative walk over the page that finds every link and records
 * the page's structure in flat typed arrays, which every later stage reads (features, layout,
 * placement, texts) instead of walking the DOM again.
 *
 * Per element (a record, in pre-order: parents before children, `a` contains `b` ⇔
 * a ≤ b ≤ end[a]): its parent, depth, tag, class, region hint (landmark, role, class/id words), the
 * non-space characters of text and of link text in its subtree (boilerpipe's densities), links,
 * and for blocks the text, link text, links and commas that belong to the block itself. Every text
 * node is kept once, in document order, with the record that holds it, so any element's text is a
 * range of that list (anchor text, the words around a link, a paragraph, the main text).
 *
 * Links are collected in document order: `a[href]`, `area[href]`, SVG `<a>` (`href`, `xlink:href`),
 * inside open shadow roots (rendered in place of the host's children, so before them) and same-origin
 * frames (each frame document gets a model of its own); cross-origin frames are listed as not
 * inspected; links inside `<noscript>` are parsed from its text, inertly, when the browser kept it as
 * text (scripting on). Iterative, so deep pages cannot overflow the stack; the walk offers the page a
 * turn every EVERY_BLOCKS nodes.
 */
import type { FrameReport } from '../report';
import type { CollectedLink } from '../types';
import { EVERY_BLOCKS, type Checkpoint } from '../yielder';
import { BLOCK_TAGS, SECTIONING, SKIP_TAGS, TEXT_COUNT_SCALE, countText, isHeadingTag } from './dom';
import { COMMENTS_HEADING, RELATED_HEADING, hintsOf, type TokenHint } from './placement/tokens';
import { collapse } from './text';
import { LIMITS, capString } from '../limits';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** Frames in frames in frames…: a hostile page could nest them without end. */
export const MAX_FRAME_DEPTH = 32;
/** A block's own text from this many characters makes it a paragraph of its parent block. */
export const MIN_PARAGRAPH = 25;

/** A hint from the element itself: what it says it is, and why. */
export interface OwnHint {
  hint: TokenHint;
  /** Strong: a landmark tag or ARIA role. Weak: class/id words. */
  strong: boolean;
  why: string;
}

/** Record flags. */
export const F_BLOCK = 1;
export const F_LINK = 2;
export const F_HEADING = 4;
/** Inside sectioning content (article, aside, main, nav, section). */
export const F_SECTIONED = 8;
/** Has content-like class/id words (article, post, entry…) or a main/article role. */
export const F_CONTENT_WORDS = 16;
/** Holds an image (img, picture, svg image) in its subtree. */
export const F_IMAGE = 32;

/** The structure of one document (the page, or one same-origin frame). */
export interface PageModel {
  doc: Document;
  /** Number of records. */
  n: number;
  el: Element[];
  tag: string[];
  /** The class attribute ('' when none). */
  cls: string[];
  hint: (OwnHint | null)[];
  flags: Uint8Array;
  parent: Int32Array;
  /** Last descendant record. */
  end: Int32Array;
  depth: Int32Array;
  /** Nearest block-level ancestor-or-self. */
  owner: Int32Array;
  /** Non-space characters of text in the subtree, of link text, and links. */
  text: Int32Array;
  linkText: Int32Array;
  links: Int32Array;
  /** Blocks: the text that belongs to the block itself (not inside a nested block), its link text, links, commas. */
  inlineText: Int32Array;
  inlineLinkText: Int32Array;
  inlineLinks: Int32Array;
  commas: Int32Array;
  /** Blocks: block children with at least MIN_PARAGRAPH characters of their own. */
  paragraphs: Int32Array;
  /** Non-space characters of text before the record in document order. */
  textBefore: Int32Array;
  /** How many siblings (itself included) share its tag and class: list items, cards, posts. */
  siblingGroup: Int32Array;
  /** Previous sibling record and last child record (-1: none). */
  prevSib: Int32Array;
  lastChild: Int32Array;
  /** The record's subtree's text nodes are [firstText[r], lastText[r]) of `texts`. */
  firstText: Int32Array;
  lastText: Int32Array;
  /** Text nodes in document order (whitespace-only ones as ' '), the record holding each, and whether a block edge precedes it. */
  texts: string[];
  textOwner: number[];
  textBreak: number[];
  /** The body's record (0), or -1 for an empty document. */
  root: number;
}

export interface PageCollection {
  /** The first `maxLinks` links, in document order. */
  links: CollectedLink[];
  /** Every link found; more than `links.length` when the page has more than `maxLinks`. */
  found: number;
  frames: FrameReport[];
  /** The top document's model first, then one per same-origin frame. */
  models: PageModel[];
}

/** The href as written, for HTML and SVG links (SVG 2 `href`, SVG 1.1 `xlink:href`). */
export function rawHref(el: Element): string | null {
  if (el.namespaceURI === SVG_NS) return el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href');
  return el.getAttribute('href');
}

export function linkKind(el: Element, tag: string): CollectedLink['element'] | null {
  if (tag === 'a') return el.namespaceURI === SVG_NS ? 'svg-a' : 'a';
  if (tag === 'area' && el.namespaceURI !== SVG_NS) return 'area';
  return null;
}

/** The element that stands for a link in its page: the link, or the <noscript> it was read from. */
export function pageElement(link: Pick<CollectedLink, 'el' | 'noscript'>): Element {
  return link.noscript ?? link.el;
}

/** End (exclusive) of a record's text-node range. */
export function textEnd(m: PageModel, r: number): number {
  return m.lastText[r]!;
}

/**
 * Text nodes [from, to) joined as a reader sees them: a space at every block edge inside the range (not
 * before its first node). Not collapsed; a single text node comes back as it is (no copy).
 */
export function joinTexts(m: PageModel, from: number, to: number, limit = Infinity): string {
  if (from >= to) return '';
  let out = m.texts[from]!;
  for (let i = from + 1; i < to && out.length < limit; i++) out += m.textBreak[i] ? ' ' + m.texts[i] : m.texts[i];
  return out;
}

/** The text of a record's subtree (up to about `limit` characters), not collapsed. */
export function recordText(m: PageModel, r: number, limit = Infinity): string {
  const from = m.firstText[r]!;
  return joinTexts(m, from, textEnd(m, r), limit);
}

/** Is record `b` inside record `a` (or `a` itself)? */
export function contains(m: PageModel, a: number, b: number): boolean {
  return a <= b && b <= m.end[a]!;
}

/** Link density of a subtree: share of its text inside links. */
export function linkDensity(m: PageModel, r: number): number {
  const t = m.text[r]!;
  return t ? m.linkText[r]! / t : m.links[r]! ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Region hints of an element: landmark tags and roles (strong), class/id words (weak).

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

/** Comment sections are often marked only by their element id (`#comments`, `#respond`). */
const PRIORITY: TokenHint[] = ['comments', 'related', 'footer', 'header', 'sidebar', 'nav', 'widget', 'content'];

const NO_HINT = { hint: null, contentWords: false };
const CONTENT_ONLY = { hint: null, contentWords: true };
const TAG_HINTS: Record<string, OwnHint> = {
  nav: { hint: 'nav', strong: true, why: '<nav>' },
  aside: { hint: 'sidebar', strong: true, why: '<aside>' },
  header: { hint: 'header', strong: true, why: '<header>' },
  footer: { hint: 'footer', strong: true, why: '<footer>' },
  menu: { hint: 'nav', strong: true, why: '<menu>' },
  sectionHeader: { hint: 'widget', strong: false, why: '<header> of a section' },
  sectionFooter: { hint: 'widget', strong: false, why: '<footer> of a section' },
};
const classHintCache = new Map<string, { hint: OwnHint | null; contentWords: boolean }>();

function ownHint(el: Element, tag: string, sectioned: boolean, cls: string, hasAttrs: boolean): { hint: OwnHint | null; contentWords: boolean } {
  const role = hasAttrs ? el.getAttribute('role') : null;
  if (role) {
    const r = role.trim().toLowerCase();
    const h = LANDMARK_ROLES[r];
    if (h && h !== 'content') return { hint: { hint: h, strong: true, why: `role="${role.slice(0, 40)}"` }, contentWords: false };
    if (h === 'content' || r === 'tabpanel') return CONTENT_ONLY;
  }
  switch (tag) {
    case 'nav':
    case 'aside':
    case 'menu':
      return { hint: TAG_HINTS[tag]!, contentWords: false };
    case 'header':
    case 'footer':
      // Only a header/footer outside sectioning content is the page's banner/contentinfo (HTML-AAM);
      // an article's own header (title, byline) or footer (tags, share) is auxiliary, not the page's.
      if (!sectioned) return { hint: TAG_HINTS[tag]!, contentWords: false };
      return { hint: TAG_HINTS[tag === 'header' ? 'sectionHeader' : 'sectionFooter']!, contentWords: false };
    case 'main':
    case 'article':
      // The semantic tag outranks class words (`<main class="sidebar-layout_main">`).
      return CONTENT_ONLY;
  }
  const id = hasAttrs ? el.getAttribute('id') : null;
  if (!cls && !id) return NO_HINT;
  const key = id ? `${cls} ${id}` : cls;
  const hit = classHintCache.get(key);
  if (hit) return hit;
  const r = hintOfNames(key);
  if (classHintCache.size > 5000) classHintCache.clear();
  classHintCache.set(key, r);
  return r;
}

function hintOfNames(key: string): { hint: OwnHint | null; contentWords: boolean } {
  let contentWords = false;
  const { hints, words } = hintsOf(key);
  if (!hints.length) return NO_HINT;
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

// ---------------------------------------------------------------------------------------------
// The walk.

/** What one page may have parsed out of <noscript> text: collecting runs in slices, but each parse is one task. */
const NOSCRIPT_BUDGET = { parses: 100, chars: 1_000_000, links: 5_000 };
type Budget = { parses: number; chars: number; links: number };

const COLUMNS = ['parent', 'end', 'depth', 'owner', 'text', 'linkText', 'links', 'inlineText', 'inlineLinkText', 'inlineLinks', 'commas', 'paragraphs', 'textBefore', 'siblingGroup', 'prevSib', 'lastChild', 'firstText', 'lastText'] as const;

type Column = (typeof COLUMNS)[number];

function emptyModel(doc: Document, capacity: number): PageModel {
  const m = { doc, n: 0, el: [], tag: [], cls: [], hint: [], flags: new Uint8Array(capacity), texts: [], textOwner: [], textBreak: [], root: -1 } as unknown as PageModel;
  for (const c of COLUMNS) m[c] = new Int32Array(capacity);
  return m;
}

/** Grows every column (the capacity guess misses shadow content). */
function grow(m: PageModel): void {
  const size = m.flags.length * 2;
  const flags = new Uint8Array(size);
  flags.set(m.flags);
  m.flags = flags;
  for (const c of COLUMNS as readonly Column[]) {
    const next = new Int32Array(size);
    next.set(m[c]);
    m[c] = next;
  }
}

/** Views of the used part of every column (no copy). */
function trim(m: PageModel): void {
  m.flags = m.flags.subarray(0, m.n);
  for (const c of COLUMNS as readonly Column[]) m[c] = m[c].subarray(0, m.n);
}

class Walk {
  readonly links: CollectedLink[] = [];
  readonly frames: FrameReport[] = [];
  readonly models: PageModel[] = [];
  private readonly budget: Budget = { ...NOSCRIPT_BUDGET };
  private steps = 0;
  /** Every link found; past `maxLinks` they are only counted (the report says "the first N of M"). */
  found = 0;

  private readonly checkpoint: Checkpoint;
  private readonly options: CollectOptions;

  // Plain fields, not parameter properties: the Node scripts run this file with type stripping only.
  constructor(checkpoint: Checkpoint, options: CollectOptions = {}) {
    this.checkpoint = checkpoint;
    this.options = options;
  }

  private get maxLinks(): number {
    return this.options.maxLinks ?? LIMITS.links;
  }

  private addLink(el: Element, kind: CollectedLink['element'], href: string, inShadow: boolean, frame: string | null, noscript: Element | null, model: PageModel, record: number): void {
    this.found++;
    if (this.links.length < this.maxLinks) this.links.push({ el, index: this.links.length, href, element: kind, inShadow, frame, noscript, model, record });
  }

  private listFrame(frame: FrameReport): void {
    if (this.frames.length < LIMITS.frames) this.frames.push({ ...frame, url: capString(frame.url, LIMITS.url) });
  }

  /** Links below an element whose subtree has no records (skipped text, the head): found, placed at `record`. */
  private linksBelow(root: Element, inShadow: boolean, frame: string | null, model: PageModel, record: number): void {
    if (root.localName === 'noscript' && !root.firstElementChild) {
      this.noscriptLinks(root, inShadow, frame, model, record);
      return;
    }
    if (!root.firstElementChild) return;
    const found = root.querySelectorAll('a, area, noscript');
    for (let i = 0; i < found.length; i++) {
      const el = found[i]!;
      const tag = el.localName;
      if (tag === 'noscript') {
        this.noscriptLinks(el, inShadow, frame, model, record);
        continue;
      }
      const kind = linkKind(el, tag);
      const href = kind ? rawHref(el) : null;
      if (kind && href !== null) this.addLink(el, kind, href, inShadow, frame, this.noscriptOf(el, root), model, record);
    }
  }

  /**
   * The <noscript> (at or below `root`) holding a link parsed as an element there: only when the
   * document was parsed with scripting off but stands for a page a browser shows with scripts on
   * (`noscriptAsText`), where that content would have been text.
   */
  private noscriptOf(el: Element, root: Element): Element | null {
    if (!this.options.noscriptAsText) return null;
    const holder = el.parentElement?.closest('noscript') ?? null;
    return holder && (holder === root || root.contains(holder)) ? holder : null;
  }

  /**
   * Links inside a <noscript> whose content the browser kept as text (scripting on), parsed with
   * DOMParser: an inert document, so nothing in it runs or loads. Crawlers read these links
   * (comment widgets and badges put fallback backlinks there). Capped per page.
   */
  private noscriptLinks(noscript: Element, inShadow: boolean, frame: string | null, model: PageModel, record: number): void {
    const budget = this.budget;
    if (noscript.firstElementChild || budget.links <= 0 || budget.parses <= 0 || this.links.length >= this.maxLinks) return;
    const html = noscript.textContent ?? '';
    if (!/<(a|area)[\s>]/i.test(html) || html.length > budget.chars) return;
    const Parser = noscript.ownerDocument.defaultView?.DOMParser;
    if (!Parser) return;
    budget.parses--;
    budget.chars -= html.length;
    const found = new Parser().parseFromString(html, 'text/html').querySelectorAll('a, area');
    for (let i = 0; i < found.length; i++) {
      const el = found[i]!;
      const kind = linkKind(el, el.localName);
      const href = kind ? rawHref(el) : null;
      if (!kind || href === null) continue;
      this.addLink(el, kind, href, inShadow, frame, noscript, model, record);
      if (--budget.links <= 0) return;
    }
  }

  /** A frame: same-origin ones get a model of their own, their links in place; others are listed. */
  private async frame(frameEl: Element, inShadow: boolean, depth: number): Promise<void> {
    const src = (frameEl as HTMLIFrameElement).src || frameEl.getAttribute('src') || 'about:blank';
    let inner: Document | null = null;
    try {
      inner = (frameEl as HTMLIFrameElement).contentDocument;
    } catch {
      inner = null; // cross-origin access throws in some engines
    }
    if (!inner || depth >= MAX_FRAME_DEPTH) {
      this.listFrame({ url: src, inspected: false, reason: inner ? 'frames nested too deep' : 'cross-origin or not loaded' });
      return;
    }
    const url = capString(inner.URL || src, LIMITS.url);
    this.listFrame({ url, inspected: true, reason: null });
    await this.document(inner, inShadow, url, depth + 1);
  }

  async document(doc: Document, inShadow: boolean, frame: string | null, depth: number): Promise<PageModel> {
    const rootEl = doc.body ?? doc.documentElement;
    const capacity = Math.max(64, (rootEl?.getElementsByTagName('*').length ?? 0) + 64);
    const m = emptyModel(doc, capacity);
    this.models.push(m);
    const html = doc.documentElement;
    // Outside the body (the head, or what scripts append after it): links are found, there is no structure.
    if (html && rootEl && rootEl !== html) {
      for (let c = html.firstElementChild; c; c = c.nextElementSibling) {
        if (c === rootEl) {
          await this.walk(m, rootEl, inShadow, frame, depth);
        } else {
          this.linksBelow(c, inShadow, frame, m, -1);
          const kind = linkKind(c, c.localName);
          if (kind && rawHref(c) !== null) this.addLink(c, kind, rawHref(c)!, inShadow, frame, null, m, -1);
        }
      }
    } else if (rootEl) {
      await this.walk(m, rootEl, inShadow, frame, depth);
    }
    trim(m);
    await this.finish(m);
    return m;
  }

  private async walk(m: PageModel, rootEl: Element, rootInShadow: boolean, frame: string | null, depth: number): Promise<void> {
    // Explicit stacks: node (null = the exit of the record in `parents`), parent record, flags.
    const nodes: (Node | null)[] = [rootEl];
    const parents: number[] = [-1];
    /** Bit 1: inside a link; bit 2: inside a shadow root. */
    const states: number[] = [rootInShadow ? 2 : 0];
    let seenText = 0;
    let pendingBreak = 0;
    const texts = m.texts;
    const textOwner = m.textOwner;
    const textBreak = m.textBreak;
    while (nodes.length) {
      const node = nodes.pop()!;
      const par = parents.pop()!;
      const state = states.pop()!;
      if ((++this.steps & EVERY_BLOCKS) === 0) await this.checkpoint();
      if (node === null) {
        // Leaving record `par`: its subtree is complete.
        const r = par;
        m.end[r] = m.n - 1;
        m.lastText[r] = texts.length;
        const p = m.parent[r]!;
        const block = (m.flags[r]! & F_BLOCK) !== 0;
        if (p >= 0) {
          m.text[p] = m.text[p]! + m.text[r]!;
          m.linkText[p] = m.linkText[p]! + m.linkText[r]!;
          m.links[p] = m.links[p]! + m.links[r]!;
          if (m.flags[r]! & F_IMAGE) m.flags[p] = m.flags[p]! | F_IMAGE;
          if (block && m.inlineText[r]! >= MIN_PARAGRAPH) {
            const po = m.owner[p]!;
            m.paragraphs[po] = m.paragraphs[po]! + 1;
          }
        }
        if (block) pendingBreak = 1;
        continue;
      }
      const type = node.nodeType;
      if (type === 3) {
        if (par < 0) continue;
        const v = node.nodeValue ?? '';
        const counted = countText(v);
        const n = Math.floor(counted / TEXT_COUNT_SCALE);
        if (n === 0) {
          // Whitespace between inline elements separates words; next to a block edge it is redundant.
          if (!pendingBreak && v.length) {
            texts.push(' ');
            textOwner.push(par);
            textBreak.push(0);
          }
          continue;
        }
        texts.push(v);
        textOwner.push(par);
        textBreak.push(pendingBreak);
        pendingBreak = 0;
        seenText += n;
        m.text[par] = m.text[par]! + n;
        const owner = m.owner[par]!;
        m.inlineText[owner] = m.inlineText[owner]! + n;
        m.commas[owner] = m.commas[owner]! + counted - n * TEXT_COUNT_SCALE;
        if (state & 1) {
          m.linkText[par] = m.linkText[par]! + n;
          m.inlineLinkText[owner] = m.inlineLinkText[owner]! + n;
        }
        continue;
      }
      if (type !== 1) continue;
      const el = node as Element;
      const tag = el.localName;
      const inShadow = (state & 2) !== 0;
      const kind = linkKind(el, tag);
      const href = kind ? rawHref(el) : null;
      if (tag === 'iframe' || tag === 'frame') {
        await this.frame(el, inShadow, depth);
        continue;
      }
      if (SKIP_TAGS.has(tag)) {
        this.linksBelow(el, inShadow, frame, m, par);
        continue;
      }
      if (tag === 'img' || tag === 'picture' || (tag === 'image' && el.namespaceURI === SVG_NS)) {
        if (par >= 0) m.flags[par] = m.flags[par]! | F_IMAGE;
      }
      if (m.n === m.flags.length) grow(m);
      const r = m.n++;
      const hasAttrs = el.hasAttributes();
      const cls = hasAttrs ? (el.getAttribute('class') ?? '') : '';
      const sectioned = par >= 0 && ((m.flags[par]! & F_SECTIONED) !== 0 || SECTIONING.has(m.tag[par]!));
      const { hint, contentWords } = ownHint(el, tag, sectioned, cls, hasAttrs);
      const block = par < 0 || BLOCK_TAGS.has(tag);
      m.el.push(el);
      m.tag.push(tag);
      m.cls.push(cls);
      m.hint.push(hint);
      m.flags[r] = (block ? F_BLOCK : 0) | (sectioned ? F_SECTIONED : 0) | (contentWords ? F_CONTENT_WORDS : 0) | (isHeadingTag(tag) ? F_HEADING : 0);
      m.parent[r] = par;
      m.depth[r] = par >= 0 ? m.depth[par]! + 1 : 0;
      m.owner[r] = block ? r : m.owner[par]!;
      m.textBefore[r] = seenText;
      m.siblingGroup[r] = 1;
      m.lastChild[r] = -1;
      m.prevSib[r] = -1;
      if (par >= 0) {
        m.prevSib[r] = m.lastChild[par]!;
        m.lastChild[par] = r;
      }
      m.firstText[r] = texts.length;
      if (block) pendingBreak = 1;
      let childState = state;
      if (kind && href !== null) {
        m.flags[r] = m.flags[r]! | F_LINK;
        m.links[r] = 1;
        const ro = m.owner[r]!;
        m.inlineLinks[ro] = m.inlineLinks[ro]! + 1;
        childState |= 1;
        this.addLink(el, kind, href, inShadow, frame, null, m, r);
      }
      nodes.push(null);
      parents.push(r);
      states.push(state);
      // Children in reverse so they pop in document order; shadow content first, as rendered in place
      // of (slotted) light children.
      for (let c = el.lastChild; c; c = c.previousSibling) {
        nodes.push(c);
        parents.push(r);
        states.push(childState);
      }
      const shadow = (el as HTMLElement).shadowRoot;
      if (shadow) {
        for (let c = shadow.lastChild; c; c = c.previousSibling) {
          nodes.push(c);
          parents.push(r);
          states.push(childState | 2);
        }
      }
    }
    m.root = m.n ? 0 : -1;
  }

  /** After the walk: blocks labelled by a related-content heading; repeated siblings (same tag and class under one parent). */
  private async finish(m: PageModel): Promise<void> {
    markRelatedByHeading(m);
    const kids: number[] = [];
    const groups = new Map<string, number>();
    for (let p = 0; p < m.n; p++) {
      if ((p & EVERY_BLOCKS) === EVERY_BLOCKS) await this.checkpoint();
      const last = m.lastChild[p]!;
      if (last < 0 || m.prevSib[last]! < 0) continue;
      kids.length = 0;
      for (let c = last; c >= 0; c = m.prevSib[c]!) kids.push(c);
      if (kids.length <= 24) {
        for (let i = 0; i < kids.length; i++) {
          const a = kids[i]!;
          let count = 0;
          for (let j = 0; j < kids.length; j++) if (m.tag[kids[j]!] === m.tag[a] && m.cls[kids[j]!] === m.cls[a]) count++;
          m.siblingGroup[a] = count;
        }
      } else {
        groups.clear();
        for (const c of kids) {
          const k = m.tag[c] + ' ' + m.cls[c];
          groups.set(k, (groups.get(k) ?? 0) + 1);
        }
        for (const c of kids) m.siblingGroup[c] = groups.get(m.tag[c] + ' ' + m.cls[c])!;
      }
    }
  }

}

export interface CollectOptions {
  /**
   * The document was parsed with scripting off (an inert parse of a fetched page), so a
   * <noscript>'s content is elements; count its links as a browser with scripts on reads them:
   * tied to their <noscript> (hidden).
   */
  noscriptAsText?: boolean;
  /** Links kept (LIMITS.links); past that they are only counted (`found`). */
  maxLinks?: number;
}

/** Every link of the page in document order, and the structure of each document they sit in. */
export async function collectPage(doc: Document, checkpoint: Checkpoint = () => undefined, options: CollectOptions = {}): Promise<PageCollection> {
  const walk = new Walk(checkpoint, options);
  await walk.document(doc, false, null, 0);
  return { links: walk.links, found: walk.found, frames: walk.frames, models: walk.models };
}

/** Marks the children of `parent` after `child` as comments, up to the next heading among them. */
function markFollowingSiblings(m: PageModel, parent: number, child: number, why: string): void {
  const after: number[] = [];
  for (let c = m.lastChild[parent]!; c >= 0 && c !== child; c = m.prevSib[c]!) after.push(c);
  for (let i = after.length - 1; i >= 0; i--) {
    const c = after[i]!;
    if (m.flags[c]! & F_HEADING || m.hint[c]) break;
    m.hint[c] = { hint: 'comments', strong: false, why };
  }
}

/**
 * A block that a heading labels as recommendations ("Related posts", "More from …", "Lire aussi"…) is a
 * related-content block, and one it labels as comments ("5 Comments", "Have your say") a comment section:
 * the heading's box, grown while the ancestor holds nothing besides the heading.
 */
function markRelatedByHeading(m: PageModel): void {
  if (m.root < 0) return;
  const pageText = m.text[m.root]!;
  for (let h = 0; h < m.n; h++) {
    if (!(m.flags[h]! & F_HEADING)) continue;
    const text = m.text[h]!;
    const parent = m.parent[h]!;
    if (text === 0 || text > 60 || parent < 0) continue;
    const label = collapse(recordText(m, h, 200));
    const kind = RELATED_HEADING.test(label) ? 'related' : COMMENTS_HEADING.test(label) ? 'comments' : null;
    if (!kind) continue;
    let box = parent;
    let top = h;
    while (m.parent[box]! >= 0 && m.links[box] === m.links[h] && m.text[box]! - text < 20) {
      top = box;
      box = m.parent[box]!;
    }
    // A comments heading that does not open its box ("Your comments" after the story, in the story's
    // cell): the comments are the siblings after it, up to the next heading.
    if (kind === 'comments' && m.firstText[box] !== m.firstText[h]) {
      markFollowingSiblings(m, box, top, `heading "${label.slice(0, 40)}"`);
      continue;
    }
    // Comments may outweigh a short post; recommendations never hold most of the page.
    const maxShare = kind === 'comments' ? 0.7 : 0.4;
    if (box === m.root || m.links[box]! - m.links[h]! < 2 || m.text[box]! > pageText * maxShare) continue;
    if (m.hint[box]) continue; // an element that names its own region keeps it
    m.hint[box] = { hint: kind, strong: false, why: `heading "${label.slice(0, 40)}"` };
  }
}
