/**
 * One pass over the DOM (no layout, no computed style): per element, the text and link-text amounts of
 * its subtree (boilerpipe's text and link density), its paragraph-like inline text, and its own region
 * hint from the tag, ARIA role and class/id words. Everything later reads these records; nothing walks
 * the DOM per link.
 */
import type { Placement } from '../../report';
import { EVERY_BLOCKS, type Checkpoint } from '../../yielder';
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
  /** The class attribute ('' when none). */
  cls: string;
  /** Inside sectioning content (article, aside, main, nav, section). */
  sectioned: boolean;
  /** Previous sibling record (same parent), and the last child record: the child lists, without arrays. */
  prevSib: Block | null;
  lastChild: Block | null;
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

function ownHint(el: Element, tag: string, parent: Block | null, cls: string, hasAttrs: boolean): { hint: OwnHint | null; contentWords: boolean } {
  let contentWords = false;
  const role = hasAttrs ? el.getAttribute('role') : null;
  if (role) {
    const r = role.trim().toLowerCase();
    const h = LANDMARK_ROLES[r];
    if (h && h !== 'content') return { hint: { hint: h, strong: true, why: `role="${role}"` }, contentWords };
    if (h === 'content' || r === 'tabpanel') return { hint: null, contentWords: true };
  }
  switch (tag) {
    case 'nav':
    case 'aside':
    case 'menu':
      return { hint: TAG_HINTS[tag]!, contentWords };
    case 'header':
    case 'footer': {
      // Only a header/footer outside sectioning content is the page's banner/contentinfo (HTML-AAM).
      const sectioned = parent !== null && (parent.sectioned || SECTIONING.has(parent.tag));
      if (!sectioned) return { hint: TAG_HINTS[tag]!, contentWords };
      // An article's own header (title, byline) or footer (tags, share): auxiliary, not the page's.
      return { hint: TAG_HINTS[tag === 'header' ? 'sectionHeader' : 'sectionFooter']!, contentWords };
    }
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

/** Non-space characters and commas of a text, in one pass (packed: chars * 2^20 + commas). */
let lastCommas = 0;
function nonSpaceLength(s: string): number {
  let n = 0;
  let commas = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32) continue;
    if (c < 127) {
      n++;
      if (c === 44) commas++;
    } else if (c !== 160 && c !== 0x200b && c !== 0x3000) {
      n++;
      // ، ， 、 ﹐ ､
      if (c === 0x60c || c === 0xff0c || c === 0x3001 || c === 0xfe50 || c === 0xff64) commas++;
    }
  }
  lastCommas = commas;
  return n;
}

export interface PageBlocks {
  blocks: Block[];
  byEl: Map<Element, Block>;
  root: Block | null;
  /** Main-content candidate score per block (by order), set by main-content.ts. */
  score: Float64Array;
}

const MIN_PARAGRAPH = 25;

function isLinkEl(el: Element): boolean {
  const t = el.localName;
  return (t === 'a' || t === 'area') && (el.hasAttribute('href') || el.hasAttribute('xlink:href'));
}

/**
 * Builds the per-element records for one document (and the open shadow roots in it). Iterative, so deep
 * pages cannot overflow the stack; `checkpoint` is offered every EVERY_BLOCKS nodes.
 */
export async function buildBlocks(doc: Document, checkpoint: Checkpoint): Promise<PageBlocks> {
  const blocks: Block[] = [];
  const byEl = new Map<Element, Block>();
  const rootEl = doc.body ?? doc.documentElement;
  if (!rootEl) return { blocks, byEl, root: null, score: new Float64Array(0) };
  // Stack of [node, parent block, inside a link].
  const nodes: Node[] = [rootEl];
  const parents: (Block | null)[] = [null];
  const inLinks: boolean[] = [false];
  let steps = 0;
  let seenText = 0;
  const headings: Block[] = [];
  while (nodes.length) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    const inLink = inLinks.pop()!;
    if ((++steps & EVERY_BLOCKS) === 0) await checkpoint();
    if (node.nodeType === 3) {
      if (!parent) continue;
      const v = node.nodeValue ?? '';
      const n = nonSpaceLength(v);
      if (!n) continue;
      seenText += n;
      parent.text += n;
      const owner = parent.blockOwner;
      owner.inlineText += n;
      owner.commas += lastCommas;
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
    const hasAttrs = el.hasAttributes();
    const cls = hasAttrs ? (el.getAttribute('class') ?? '') : '';
    const { hint, contentWords } = ownHint(el, tag, parent, cls, hasAttrs);
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
      cls,
      sectioned: parent !== null && (parent.sectioned || SECTIONING.has(parent.tag)),
      prevSib: null,
      lastChild: null,
    };
    b.blockOwner = isBlock || !parent ? b : parent.blockOwner;
    if (parent) {
      b.prevSib = parent.lastChild;
      parent.lastChild = b;
    }
    blocks.push(b);
    byEl.set(el, b);
    if (tag.length === 2 && tag.charCodeAt(0) === 104 && tag.charCodeAt(1) >= 49 && tag.charCodeAt(1) <= 54) headings.push(b);
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
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = blocks[i]!;
    const p = b.parent!;
    p.text += b.text;
    p.linkText += b.linkText;
    p.links += b.links;
    if (b.end > p.end) p.end = b.end;
    if (b.isBlock && b.inlineText >= MIN_PARAGRAPH) p.blockOwner.paragraphs++;
  }
  markRelatedByHeading(headings, blocks[0]!);
  // Repeated siblings (same tag and class under one parent).
  const kids: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const p = blocks[i]!;
    if (!p.lastChild || !p.lastChild.prevSib) continue;
    kids.length = 0;
    for (let c: Block | null = p.lastChild; c; c = c.prevSib) kids.push(c);
    if (kids.length <= 24) {
      for (let i = 0; i < kids.length; i++) {
        const a = kids[i]!;
        let n = 0;
        for (let j = 0; j < kids.length; j++) if (kids[j]!.tag === a.tag && kids[j]!.cls === a.cls) n++;
        a.siblingGroup = n;
      }
    } else {
      const groups = new Map<string, number>();
      for (const c of kids) {
        const k = c.tag + ' ' + c.cls;
        groups.set(k, (groups.get(k) ?? 0) + 1);
      }
      for (const c of kids) c.siblingGroup = groups.get(c.tag + ' ' + c.cls)!;
    }
  }
  return { blocks, byEl, root: blocks[0] ?? null, score: new Float64Array(blocks.length) };
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

/**
 * Headings that announce recommendations ("Related posts", "More from …", "You may also like", "Most
 * read", "Lire aussi", "Weitere Artikel", "関連記事"…). Checked with the text's start only: a heading
 * that merely contains "related" in a sentence is a title, not a block label.
 */
const RELATED_HEADING = new RegExp(
  '^(?:' +
    [
      // English
      'related(?: \\w+)?', 'more (?:from|on|in|about|like this|stories|news|articles|posts|to (?:read|explore))', 'you (?:may|might|will) (?:also )?(?:like|enjoy|be interested)',
      'recommended', 'recommendations?', 'most (?:read|popular|viewed|shared|commented|emailed)', 'popular', 'trending', 'also (?:read|on|see)',
      'read (?:more|next|also)', 'similar', 'customers (?:also|who)', 'people also', 'latest (?:news|posts|articles|stories)', 'recent (?:posts|articles|news|stories)',
      'other (?:articles|stories|posts|products|news)', 'top stories', 'editor.?s picks', "don'?t miss", 'what to read next', 'further reading', 'keep reading',
      // German, Dutch
      'weitere (?:artikel|beiträge|themen|nachrichten)', 'ähnliche', 'das könnte', 'meistgelesen', 'mehr (?:zum thema|aus|von|artikel)', 'auch interessant', 'verwandte',
      'gerelateerd', 'meest gelezen', 'lees ook', 'ook interessant',
      // French, Spanish, Italian, Portuguese
      'articles? (?:similaires|liés|connexes|recommandés)', 'à lire aussi', 'lire aussi', 'vous (?:aimerez|aimeriez|pourriez)', 'les plus (?:lus|populaires)', 'sur le même sujet', 'dans la même rubrique',
      'artículos relacionados', 'noticias relacionadas', 'te puede interesar', 'también te puede', 'lo más (?:leído|visto)', 'más (?:noticias|leídas)', 'relacionad[oa]s',
      'articoli correlati', 'potrebbe interessarti', 'i più letti', 'leggi anche', 'mais lidas', 'veja também', 'leia também', 'notícias relacionadas',
      // Russian, Turkish, Polish
      'похожие', 'читайте также', 'популярное', 'ещё по теме', 'еще по теме', 'смотрите также', 'ilgili', 'benzer', 'en çok okunan', 'podobne', 'czytaj także', 'najczęściej czytane',
      // CJK, Arabic
      '相关', '相關', '推荐', '推薦', '热门', '熱門', '猜你喜欢', '関連', 'おすすめ', '人気', 'こちらもおすすめ', '관련', '추천', 'ذات صلة', 'مقالات ذات', 'الأكثر قراءة', 'اقرأ أيضا',
    ].join('|') +
    ')',
  'i',
);

function markRelatedByHeading(headings: Block[], root: Block): void {
  const pageText = root.text;
  for (const h of headings) {
    if (h.text === 0 || h.text > 60 || !h.parent) continue;
    const label = (h.el.textContent ?? '').trim().replace(/\s+/g, ' ');
    if (!RELATED_HEADING.test(label)) continue;
    // The block the heading labels: climb while the ancestor holds nothing besides the heading.
    let box = h.parent;
    while (box.parent && box.links === h.links && box.text - h.text < 20) box = box.parent;
    if (box === root || box.links - h.links < 2 || box.text > pageText * 0.4) continue;
    if (box.hint) continue; // an element that names its own region keeps it
    box.hint = { hint: 'related', strong: false, why: `heading "${label.slice(0, 40)}"` };
  }
}
