/**
 * Layout features, read in one batch (all reads, no writes) so the browser lays the page out
 * once: geometry, font size against the page median, and visibility.
 * Without layout (jsdom: every rect is zero, no viewport) it reports null geometry and only the
 * style-based hidden checks.
 */
import type { HiddenReason, LinkGeometry } from '../report';
import type { LinkFeatures } from '../types';
import { EVERY_LINKS, type Checkpoint } from '../yielder';

export interface Viewport {
  width: number;
  height: number;
  scrollX: number;
  scrollY: number;
  docHeight: number;
}

/** Does this document have real layout? jsdom reports a 0×0 body and zero rects. */
export function hasLayout(doc: Document): boolean {
  const root = doc.documentElement;
  return !!root && root.getBoundingClientRect().width > 0 && (doc.defaultView?.innerWidth ?? 0) > 0;
}

const colorCache = new Map<string, [number, number, number, number] | null>();

/** Parses rgb()/rgba() computed colours; results are cached (pages use few distinct colours). */
function parseColor(c: string): [number, number, number, number] | null {
  const cached = colorCache.get(c);
  if (cached !== undefined) return cached;
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,/\s]+([\d.]+%?))?\s*\)/.exec(c);
  let parsed: [number, number, number, number] | null = null;
  if (m) {
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    parsed = [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
  }
  if (colorCache.size > 500) colorCache.clear();
  colorCache.set(c, parsed);
  return parsed;
}

function luminance([r, g, bl]: [number, number, number, number]): number {
  const f = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
}

/** Luminance per parsed colour (parseColor hands out one array per colour string). */
const lumCache = new WeakMap<[number, number, number, number], number>();
function lum(c: [number, number, number, number]): number {
  let l = lumCache.get(c);
  if (l === undefined) {
    l = luminance(c);
    lumCache.set(c, l);
  }
  return l;
}

/** Relative luminance contrast (WCAG); 1 means identical colours. */
function contrast(a: [number, number, number, number], b: [number, number, number, number]): number {
  const l1 = lum(a);
  const l2 = lum(b);
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

/** The first non-transparent background behind an element (walks up; cached per element). */
function backgroundOf(el: Element, cache: Map<Element, [number, number, number, number] | null>): [number, number, number, number] | null {
  const chain: Element[] = [];
  let found: [number, number, number, number] | null = null;
  for (let p: Element | null = el; p; p = p.parentElement) {
    if (cache.has(p)) {
      found = cache.get(p)!;
      break;
    }
    chain.push(p);
    const view = p.ownerDocument.defaultView;
    const bg = view ? parseColor(view.getComputedStyle(p).backgroundColor) : null;
    if (bg && bg[3] > 0.9) {
      found = bg;
      break;
    }
    if (p.localName === 'body' || p.localName === 'html') {
      // Unpainted root: browsers paint white.
      found = [255, 255, 255, 1];
      break;
    }
  }
  for (const e of chain) cache.set(e, found);
  return found;
}

/** Why an element hides its whole subtree, by style alone (no layout needed). */
function ownHiding(el: Element): HiddenReason | null {
  if ((el as HTMLElement).hidden) return 'hidden attribute';
  const view = el.ownerDocument.defaultView;
  if (!view) return null;
  let s: CSSStyleDeclaration;
  try {
    s = view.getComputedStyle(el);
  } catch {
    // jsdom's style resolver recurses per ancestor and overflows on absurd nesting.
    s = (el as HTMLElement).style;
    if (!s) return null;
  }
  if (s.display === 'none') return 'display:none';
  if (s.opacity !== '' && parseFloat(s.opacity) === 0) return 'opacity:0';
  return null;
}

/** Hidden by style alone (works without layout); ancestor results are cached per element. */
function styleHidden(el: Element, cache: Map<Element, HiddenReason | null> = new Map()): HiddenReason | null {
  const chain: Element[] = [];
  let result: HiddenReason | null = null;
  for (let p: Element | null = el; p; p = p.parentElement) {
    const known = cache.get(p);
    if (known !== undefined) {
      result = known;
      break;
    }
    chain.push(p);
    const own = ownHiding(p);
    if (own) {
      result = own;
      break;
    }
  }
  for (const e of chain) cache.set(e, result);
  if (result) return result;
  const view = el.ownerDocument.defaultView;
  try {
    const v = view?.getComputedStyle(el).visibility;
    if (v === 'hidden' || v === 'collapse') return 'visibility:hidden';
  } catch {
    // see ownHiding
  }
  return null;
}

/**
 * What is known of an element without a box: why it is not rendered, and how far below the
 * element that hides it it sits (`depth` -1: a boxless element that hides nothing itself, such
 * as display:contents; look further down).
 */
type Unrendered = { reason: HiddenReason | null; depth: number };
const SHOWS_CHILDREN: Unrendered = { reason: null, depth: -1 };
/** Style reads allowed below a rendered element: bounds the cost of reading one boxless element. */
const STYLE_DEPTH = 32;

const hasBox = (el: Element) => el.getClientRects().length > 0;

/**
 * Why an element without a box is not rendered: the outermost element of its boxless run that
 * hides itself (display:none, the hidden attribute). Browsers compute the style of an element
 * inside a display:none subtree by walking up from it on every call, so reading styles from a
 * link upwards costs its depth each time: a 10,000-deep hidden chain took 9.5 s in one task
 * (issue #13 §4). Here styles are read from the top of the run down, each of an element whose
 * parent has a style, and every element is remembered, so a page costs its size once.
 */
function unrenderedReason(el: Element, cache: Map<Element, Unrendered>): Unrendered {
  const path: Element[] = [];
  let above: Unrendered | undefined;
  for (let p: Element | null = el; p; p = p.parentElement) {
    const known = cache.get(p);
    if (known && known.depth >= 0) {
      above = known;
      break;
    }
    // A rendered element, or a boxless one that hides nothing itself, ends the run.
    if (known || (p !== el && hasBox(p))) break;
    path.push(p);
  }
  // path: from el up to the top of its run (or to just below a known hidden ancestor).
  let i = path.length - 1;
  let last: Unrendered = above ?? { reason: null, depth: STYLE_DEPTH };
  if (!above) {
    for (let reads = 0; i >= 0 && reads < STYLE_DEPTH; i--, reads++) {
      const own = ownHiding(path[i]!);
      if (own) {
        last = { reason: own, depth: 0 };
        cache.set(path[i--]!, last);
        break;
      }
      cache.set(path[i]!, SHOWS_CHILDREN);
    }
  }
  for (; i >= 0; i--) cache.set(path[i]!, (last = { reason: last.reason, depth: last.depth + 1 }));
  return cache.get(el)!;
}

export function readViewport(doc: Document): Viewport {
  const view = doc.defaultView!;
  const root = doc.documentElement;
  return {
    width: view.innerWidth,
    height: view.innerHeight,
    scrollX: view.scrollX,
    scrollY: view.scrollY,
    docHeight: Math.max(root.scrollHeight, doc.body?.scrollHeight ?? 0, view.innerHeight),
  };
}

/** Median of positive sizes (a typed array sorts numbers natively, without a comparator). */
function median(values: number[]): number {
  if (!values.length) return 0;
  const s = Float64Array.from(values).sort();
  return s[Math.floor(s.length / 2)] ?? 0;
}

type Checker = { checkVisibility?: (o: { opacityProperty: boolean; visibilityProperty: boolean }) => boolean };
const VISIBILITY_CHECKS = { opacityProperty: true, visibilityProperty: true };

/** Why a laid-out link is hidden, or null. Cheap checks first; style walks only when needed. */
function hiddenReason(
  l: LinkFeatures,
  r: DOMRect,
  unrendered: Unrendered | null,
  style: CSSStyleDeclaration | null,
  fontSize: number,
  viewport: Viewport,
  maxX: number,
  hiddenCache: Map<Element, HiddenReason | null>,
  bgCache: Map<Element, [number, number, number, number] | null>,
): HiddenReason | null {
  const el = l.el;
  if (r.width < 1 || r.height < 1) {
    // An <area> has no box of its own; its image's box counts.
    if (l.element === 'area') return null;
    return (unrendered ? unrendered.reason : styleHidden(el, hiddenCache)) ?? 'zero size';
  }
  const check = (el as Checker).checkVisibility;
  // One native call covers display, visibility and opacity of the link and its ancestors.
  const visible = check ? check.call(el, VISIBILITY_CHECKS) : styleHidden(el, hiddenCache) === null;
  if (!visible) return styleHidden(el, hiddenCache) ?? 'not visible';
  if (r.right + viewport.scrollX < 0 || r.bottom + viewport.scrollY < 0 || r.left + viewport.scrollX > maxX) return 'off-screen';
  // Screen-reader-only patterns shrink the box to a pixel and clip it.
  if (r.width <= 1.5 && r.height <= 1.5) return 'clipped';
  if (fontSize > 0 && fontSize < 2) return 'tiny text';
  if (style && l.textSource === 'text' && !l.image) {
    const fg = parseColor(style.color);
    const own = parseColor(style.backgroundColor);
    const bg = own && own[3] > 0.9 ? own : el.parentElement ? backgroundOf(el.parentElement, bgCache) : null;
    if (fg && bg && fg[3] > 0.1 && contrast(fg, bg) < 1.15) return 'text colour matches background';
  }
  return null;
}

/** Why a link read from <noscript> text is hidden: visitors with scripts on never see it. */
export const NOSCRIPT_HIDDEN: HiddenReason = 'inside <noscript> (shown only with scripts off)';

/**
 * Reads layout for all links. `checkpoint` is awaited between chunks so huge pages do not block;
 * only reads happen in here, so yielding cannot cause forced re-layouts in between.
 */
export async function readLayout(
  links: LinkFeatures[],
  doc: Document,
  checkpoint: Checkpoint,
): Promise<{ viewport: Viewport | null }> {
  if (!hasLayout(doc)) {
    const cache = new Map<Element, HiddenReason | null>();
    for (let i = 0; i < links.length; i++) {
      const l = links[i]!;
      const reason = l.noscript ? NOSCRIPT_HIDDEN : styleHidden(l.el, cache);
      if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
      l.hidden = reason !== null;
      l.hiddenReason = reason;
    }
    return { viewport: null };
  }
  const viewport = readViewport(doc);
  const bgCache = new Map<Element, [number, number, number, number] | null>();
  const hiddenCache = new Map<Element, HiddenReason | null>();
  const unrenderedCache = new Map<Element, Unrendered>();
  const fontSizes: number[] = new Array(links.length);
  const maxX = Math.max(viewport.width, doc.documentElement.scrollWidth);
  const topView = doc.defaultView!;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if (l.noscript) {
      // Parsed out of text, in a document without layout: nothing to measure.
      fontSizes[i] = 0;
      l.hidden = true;
      l.hiddenReason = NOSCRIPT_HIDDEN;
      continue;
    }
    const el = l.el;
    const owner = el.ownerDocument;
    const view = owner === doc ? topView : owner.defaultView!;
    // Links in frames keep their frame's coordinates: good enough for ranking.
    const r = el.getBoundingClientRect();
    // A link without a box (inside display:none) has its style read only near the hiding element.
    const unrendered = r.width === 0 && r.height === 0 && !hasBox(el) ? unrenderedReason(el, unrenderedCache) : null;
    const style = !unrendered || unrendered.depth < STYLE_DEPTH ? view.getComputedStyle(el) : null;
    const fontSize = style ? parseFloat(style.fontSize) || 0 : 0;
    fontSizes[i] = fontSize;
    const top = r.top + viewport.scrollY;
    const geometry: LinkGeometry = {
      top: Math.round(top),
      left: Math.round(r.left + viewport.scrollX),
      width: Math.round(r.width),
      height: Math.round(r.height),
      pageFraction: Math.min(1, Math.max(0, top / viewport.docHeight)),
      aboveFold: top < viewport.height && r.bottom + viewport.scrollY > 0,
    };
    l.geometry = geometry;
    l.hiddenReason = hiddenReason(l, r, unrendered, style, fontSize, viewport, maxX, hiddenCache, bgCache);
    l.hidden = l.hiddenReason !== null;
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  const med = median(fontSizes.filter((f) => f > 0)) || 16;
  for (let i = 0; i < links.length; i++) {
    const size = fontSizes[i] ?? 0;
    links[i]!.fontSizeRatio = size > 0 ? Math.round((size / med) * 100) / 100 : null;
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  return { viewport };
}
