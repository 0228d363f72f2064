/**
 * Layout features, read in one batch (all reads, no writes) so the browser lays the page out
 * once: geometry, font size against the page median, and visibility.
 * Without layout (jsdom: every rect is zero, no viewport) it reports null geometry and only the
 * style-based hidden checks.
 */
import type { LinkGeometry } from './report';
import type { LinkFeatures } from './types';

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

function parseColor(c: string): [number, number, number, number] | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,/\s]+([\d.]+%?))?\s*\)/.exec(c);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [+m[1], +m[2], +m[3], alpha];
}

/** Relative luminance contrast (WCAG); 1 means identical colours. */
function contrast(a: [number, number, number, number], b: [number, number, number, number]): number {
  const lum = ([r, g, bl]: number[]) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
  };
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
function ownHiding(el: Element): string | null {
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
function styleHidden(el: Element, cache: Map<Element, string | null> = new Map()): string | null {
  const chain: Element[] = [];
  let result: string | null = null;
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

/** An ancestor with opacity 0 hides the link while its own rect stays non-zero (cached per element). */
function transparentAncestor(el: Element, cache: Map<Element, boolean>): boolean {
  const chain: Element[] = [];
  let result = false;
  for (let p = el.parentElement; p && p.localName !== 'body'; p = p.parentElement) {
    const known = cache.get(p);
    if (known !== undefined) {
      result = known;
      break;
    }
    chain.push(p);
    if (parseFloat(p.ownerDocument.defaultView!.getComputedStyle(p).opacity) === 0) {
      result = true;
      break;
    }
  }
  for (const e of chain) cache.set(e, result);
  return result;
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

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Reads layout for all links. `checkpoint` is awaited between chunks so huge pages do not block;
 * only reads happen in here, so yielding cannot cause forced re-layouts in between.
 */
export async function readLayout(
  links: LinkFeatures[],
  doc: Document,
  checkpoint: () => Promise<void> | void,
): Promise<{ viewport: Viewport | null }> {
  if (!hasLayout(doc)) {
    const cache = new Map<Element, string | null>();
    for (let i = 0; i < links.length; i++) {
      const l = links[i];
      const reason = styleHidden(l.el, cache);
      if ((i & 255) === 255) await checkpoint();
      l.hidden = reason !== null;
      l.hiddenReason = reason;
    }
    return { viewport: null };
  }
  const viewport = readViewport(doc);
  const bgCache = new Map<Element, [number, number, number, number] | null>();
  const opacityCache = new Map<Element, boolean>();
  const fontSizes: number[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    const l = links[i];
    const el = l.el;
    const view = el.ownerDocument.defaultView!;
    // Links in frames: offset by the frame's position is not needed for ranking; keep frame coords.
    const r = el.getBoundingClientRect();
    const style = view.getComputedStyle(el);
    const fontSize = parseFloat(style.fontSize) || 0;
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
    let reason: string | null = null;
    if (style.display === 'none') reason = 'display:none';
    else if (style.visibility === 'hidden' || style.visibility === 'collapse') reason = 'visibility:hidden';
    else if (r.width < 1 || r.height < 1) {
      // An <area> has no box of its own; its image's box counts.
      if (l.element !== 'area') reason = styleHidden(el) ?? 'zero size';
    } else if (r.right + viewport.scrollX < 0 || r.bottom + viewport.scrollY < 0 || r.left + viewport.scrollX > Math.max(viewport.width, doc.documentElement.scrollWidth)) {
      reason = 'off-screen';
    } else if (parseFloat(style.opacity) === 0) reason = 'opacity:0';
    else if (style.clipPath === 'inset(50%)' || /rect\(0(px)?,?\s*0(px)?,?\s*0(px)?,?\s*0(px)?\)/.test(style.clip)) reason = 'clipped';
    else if (fontSize > 0 && fontSize < 2) reason = 'tiny text';
    else if (l.textSource === 'text' && !l.image) {
      const fg = parseColor(style.color);
      const bg = backgroundOf(el, bgCache);
      if (fg && bg && fg[3] > 0.1 && contrast(fg, bg) < 1.15) reason = 'text colour matches background';
    }
    if (!reason && transparentAncestor(el, opacityCache)) reason = 'opacity:0';
    l.hidden = reason !== null;
    l.hiddenReason = reason;
    if ((i & 255) === 255) await checkpoint();
  }
  const med = median(fontSizes.filter((f) => f > 0)) || 16;
  for (let i = 0; i < links.length; i++) links[i].fontSizeRatio = fontSizes[i] > 0 ? Math.round((fontSizes[i] / med) * 100) / 100 : null;
  return { viewport };
}
