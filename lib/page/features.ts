/**
 * Stage 2 — features: what can be read from the DOM about each link without judging it
 * (URL facts, anchor text, rel, image, list, surrounding words). Layout-dependent features are
 * read separately, in one batch, by `layout.ts`.
 */
import { pageElement } from './collect';
import { capText, collapse, firstWords, lastWords, textOf } from './text';
import { LIMITS, capLinkStrings, capString } from '../limits';
import { detectWrapper, resolveParsed, wrapperOfHref } from '../url';
import type { TextSource } from '../report';
import type { CollectedLink, LinkData, LinkFeatures } from '../types';

const CONTEXT_WORDS = 12;
/** Enough characters for CONTEXT_WORDS words; bounds the walk in long paragraphs. */
const CONTEXT_CHARS = 120;
const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'td', 'th', 'dd', 'dt', 'section', 'article', 'aside', 'main', 'header', 'footer',
  'nav', 'blockquote', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'form', 'body', 'table', 'ul', 'ol',
]);

/** The nearest block-level ancestor (the paragraph a reader would see the link in). */
export function blockAncestor(el: Element): Element | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (BLOCK_TAGS.has(p.localName)) return p;
  }
  return null;
}

/** The link's text, cut to LIMITS.linkText (`cut` says so); whatever the page holds, at most twice that is read. */
export function anchorText(el: Element): { text: string; source: TextSource; cut: boolean } {
  const max = LIMITS.linkText;
  // Plain-text links (most of them) take the native path; others skip script/style content.
  const own = capText(el.childElementCount === 0 ? el.textContent : textOf(el, 2 * max), max);
  if (own.text) return { ...own, source: 'text' };
  const img = el.querySelector('img[alt], svg title');
  const alt = capText(img?.localName === 'img' ? img.getAttribute('alt') : img?.textContent, max);
  if (alt.text) return { ...alt, source: 'alt' };
  // <area alt> is the area's own text alternative.
  const ownAlt = capText(el.localName === 'area' ? el.getAttribute('alt') : '', max);
  if (ownAlt.text) return { ...ownAlt, source: 'alt' };
  const aria = capText(el.getAttribute('aria-label'), max);
  if (aria.text) return { ...aria, source: 'aria-label' };
  const title = capText(el.getAttribute('title'), max);
  if (title.text) return { ...title, source: 'title' };
  return { text: '', source: 'none', cut: false };
}

/**
 * rel tokens as a crawler reads them: split on ASCII whitespace and commas only (like `relList`,
 * which also keeps "nofollow\u00a0sponsored" one token: NBSP is no separator), lower-cased,
 * deduplicated. A rel longer than any 64 tokens of 64 characters is read only that far.
 */
const REL_SEPARATORS = /[\t\n\f\r ,]+/;
const REL_READ = 2 * LIMITS.relTokens * (LIMITS.relToken + 1);
export function relTokens(el: Element): { tokens: string[]; cut: boolean } {
  const raw = el.getAttribute('rel');
  if (!raw) return { tokens: [], cut: false };
  const head = raw.length > REL_READ ? raw.slice(0, REL_READ) : raw;
  return { tokens: [...new Set(head.toLowerCase().split(REL_SEPARATORS).filter(Boolean))], cut: head !== raw };
}

/** The last block's text walker: links come in document order, often several to a paragraph. */
let lastWalker: TreeWalker | null = null;
function textWalker(block: Element): TreeWalker {
  // A walker's moves depend only on its root and current node, which every use sets first.
  if (lastWalker?.root !== block) lastWalker = block.ownerDocument.createTreeWalker(block, 4 /* SHOW_TEXT */);
  return lastWalker;
}

/** Text that is not read: script, style and template contents. */
function skip(n: Node): boolean {
  const tag = n.parentElement?.localName;
  return tag === 'script' || tag === 'style' || tag === 'template';
}

const NO_WORDS = { before: '', after: '' };

/** Whitespace only (what collapse turns into nothing). */
const BLANK = /^[\s\u200b]*$/;

const blank = (n: Node) => n.nodeType === 8 || (n.nodeType === 3 && BLANK.test(n.nodeValue ?? ''));

/**
 * The link has nothing around it in its block: every sibling on the way up is a comment or
 * blank text (a menu's `<li><a>…</a></li>`). A few pointer reads instead of a text walk.
 */
function alone(el: Element, block: Element): boolean {
  for (let n: Node | null = el; n !== block; n = n.parentNode) {
    if (!n) return false;
    for (let s = n.previousSibling; s; s = s.previousSibling) if (!blank(s)) return false;
    for (let s = n.nextSibling; s; s = s.nextSibling) if (!blank(s)) return false;
  }
  return true;
}

/** Text before and after the link inside its block; bounded walks so big blocks stay cheap. */
export function surroundingWords(el: Element): { before: string; after: string } {
  const block = blockAncestor(el);
  if (!block || alone(el, block)) return NO_WORDS;
  const walker = textWalker(block);
  let before = '';
  walker.currentNode = el;
  for (let n = walker.previousNode(); n && before.length < CONTEXT_CHARS; n = walker.previousNode()) {
    if (!skip(n)) before = (n.nodeValue ?? '') + ' ' + before;
  }
  let after = '';
  // Start after the link's own last text node.
  let last: Node = el;
  while (last.lastChild) last = last.lastChild;
  walker.currentNode = last;
  for (let n = walker.nextNode(); n && after.length < CONTEXT_CHARS; n = walker.nextNode()) {
    if (!skip(n)) after += ' ' + (n.nodeValue ?? '');
  }
  return { before: lastWords(before.slice(-CONTEXT_CHARS), CONTEXT_WORDS), after: firstWords(after.slice(0, CONTEXT_CHARS), CONTEXT_WORDS) };
}

function inList(el: Element): boolean {
  for (let p = el.parentElement, depth = 0; p && depth < 4; p = p.parentElement, depth++) {
    if (p.localName === 'li' || p.localName === 'dd' || p.localName === 'dt') return true;
  }
  return false;
}

const bases = new WeakMap<Document, string>();
/** The document's base URL, read once per document (the getter looks up <base> each time). */
function baseOf(doc: Document): string {
  let base = bases.get(doc);
  if (base === undefined) {
    base = doc.baseURI || doc.URL;
    bases.set(doc, base);
  }
  return base;
}

export function extractFeatures(link: CollectedLink, pageDomain: string | null): LinkFeatures {
  const el = link.el;
  // A link read from <noscript> text resolves against the page it stands in.
  const base = baseOf(pageElement(link).ownerDocument);
  // Page strings are cut to their caps here, before anything else reads them (lib/limits.ts).
  const href = capString(link.href, LIMITS.url);
  const { resolved, parsed } = resolveParsed(href, base);
  const { text, source, cut: textCut } = anchorText(el);
  const title = capText(el.getAttribute('title'), LIMITS.linkText);
  const rel = relTokens(el);
  const { before, after } = surroundingWords(el);
  const capped: string[] = [];
  if (href !== link.href) capped.push('href');
  if (textCut) capped.push('text');
  if (title.cut) capped.push('title');
  if (rel.cut) capped.push('rel');
  // Fields listed, not spread: one object shape for all links, built without a copy loop.
  const features: LinkFeatures = {
    el,
    index: link.index,
    href,
    element: link.element,
    inShadow: link.inShadow,
    frame: link.frame,
    noscript: link.noscript,
    url: resolved.url,
    kind: resolved.kind,
    host: resolved.host,
    domain: resolved.domain,
    internal: resolved.kind === 'http' ? resolved.domain !== null && resolved.domain === pageDomain : resolved.kind === 'fragment',
    wrapper: parsed ? detectWrapper(parsed) : resolved.kind === 'http' && resolved.url ? wrapperOfHref(resolved.url) : null,
    text,
    textSource: source,
    title: title.text,
    rel: rel.tokens,
    image: link.element === 'area' || (el.childElementCount > 0 && el.querySelector('img, picture, svg image') !== null),
    inList: inList(el),
    contextBefore: before,
    contextAfter: after,
    capped,
    geometry: null,
    fontSizeRatio: null,
    hidden: false,
    hiddenReason: null,
  };
  capLinkStrings(features);
  return features;
}

/** A link's features without its element (what crosses to the background). */
export function linkData(l: LinkFeatures): LinkData {
  return {
    index: l.index,
    href: l.href,
    element: l.element,
    inShadow: l.inShadow,
    frame: l.frame,
    url: l.url,
    kind: l.kind,
    host: l.host,
    domain: l.domain,
    internal: l.internal,
    wrapper: l.wrapper,
    text: l.text,
    textSource: l.textSource,
    title: l.title,
    rel: l.rel,
    image: l.image,
    inList: l.inList,
    contextBefore: l.contextBefore,
    contextAfter: l.contextAfter,
    capped: l.capped,
    geometry: l.geometry,
    fontSizeRatio: l.fontSizeRatio,
    hidden: l.hidden,
    hiddenReason: l.hiddenReason,
  };
}
