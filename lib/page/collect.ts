/**
 * Stage 1 — collect: every link element in the page, in document order, including open shadow
 * roots and same-origin frames. Cross-origin frames are listed as not inspected.
 */
import type { FrameReport } from '../report';
import type { CollectedLink } from '../types';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** Guards against pathological nesting (frames in frames in shadow roots…). */
const MAX_DEPTH = 32;

export interface Collection {
  links: CollectedLink[];
  frames: FrameReport[];
}

/** The href as written, for HTML and SVG links (SVG 2 `href`, SVG 1.1 `xlink:href`). */
export function rawHref(el: Element): string | null {
  if (el.namespaceURI === SVG_NS) {
    return el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href');
  }
  return el.getAttribute('href');
}

function elementKind(el: Element): CollectedLink['element'] | null {
  if (el.namespaceURI === SVG_NS) return el.localName === 'a' ? 'svg-a' : null;
  const name = el.localName;
  if (name === 'a') return 'a';
  if (name === 'area') return 'area';
  return null;
}

/**
 * What one page may have parsed out of <noscript> text. Real pages have a handful; a hostile one
 * could hold thousands, and collecting runs in one task, so the parses are capped.
 */
const NOSCRIPT_BUDGET = { parses: 100, chars: 1_000_000, links: 5_000 };
type Budget = { parses: number; chars: number; links: number };

/**
 * Links inside a <noscript> whose content the browser kept as text (scripting on), parsed with
 * DOMParser: an inert document, so nothing in it runs or loads. A <noscript> parsed as elements
 * (scripting off, e.g. jsdom) has its links found like any other.
 */
function noscriptLinks(noscript: Element, inShadow: boolean, frame: string | null, budget: Budget, add: (link: Omit<CollectedLink, 'index'>) => void): void {
  if (noscript.firstElementChild || budget.links <= 0 || budget.parses <= 0) return;
  const html = noscript.textContent ?? '';
  if (!/<(a|area)[\s>]/i.test(html) || html.length > budget.chars) return;
  const Parser = noscript.ownerDocument.defaultView?.DOMParser;
  if (!Parser) return;
  budget.parses--;
  budget.chars -= html.length;
  const found = new Parser().parseFromString(html, 'text/html').querySelectorAll('a, area');
  for (let i = 0; i < found.length; i++) {
    const el = found[i]!;
    const kind = elementKind(el);
    const href = kind ? rawHref(el) : null;
    if (!kind || href === null) continue;
    add({ el, href, element: kind, inShadow, frame, noscript });
    if (--budget.links <= 0) return;
  }
}

/** The element that stands for a link in its page: the link, or the <noscript> it was read from. */
export function pageElement(link: Pick<CollectedLink, 'el' | 'noscript'>): Element {
  return link.noscript ?? link.el;
}

/** Pages with no open shadow roots and no frames (most of them) take one native query. */
function isFlat(doc: Document): boolean {
  if (doc.querySelector('iframe, frame')) return false;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) if ((all[i] as HTMLElement).shadowRoot) return false;
  return true;
}

export function collectLinks(doc: Document): Collection {
  const links: CollectedLink[] = [];
  const add = (l: Omit<CollectedLink, 'index'>) => links.push({ ...l, index: links.length });
  const budget = { ...NOSCRIPT_BUDGET };
  if (isFlat(doc)) {
    // The `a` type selector also matches SVG <a>; rawHref reads href or xlink:href.
    const found = doc.querySelectorAll('a, area, noscript');
    for (let i = 0; i < found.length; i++) {
      const el = found[i]!;
      const kind = elementKind(el);
      if (!kind) {
        if (el.localName === 'noscript') noscriptLinks(el, false, null, budget, add);
        continue;
      }
      const href = rawHref(el);
      if (href !== null) links.push({ el, index: links.length, href, element: kind, inShadow: false, frame: null, noscript: null });
    }
    return { links, frames: [] };
  }
  const frames: FrameReport[] = [];

  const visit = (root: Document | ShadowRoot, inShadow: boolean, frame: string | null, depth: number) => {
    if (depth > MAX_DEPTH) return;
    // One TreeWalker pass keeps document order across links, shadow hosts and frames.
    const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 1 /* SHOW_ELEMENT */);
    for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
      const kind = elementKind(node);
      if (kind) {
        const href = rawHref(node);
        if (href !== null) links.push({ el: node, index: links.length, href, element: kind, inShadow, frame, noscript: null });
      }
      const shadow = (node as HTMLElement).shadowRoot;
      if (shadow) visit(shadow, true, frame, depth + 1);
      const tag = node.localName;
      if (tag === 'iframe' || tag === 'frame') visitFrame(node as HTMLIFrameElement, inShadow, depth);
      else if (tag === 'noscript') noscriptLinks(node, inShadow, frame, budget, add);
    }
  };

  const visitFrame = (frameEl: HTMLIFrameElement, inShadow: boolean, depth: number) => {
    const src = frameEl.src || frameEl.getAttribute('src') || 'about:blank';
    let inner: Document | null = null;
    try {
      inner = frameEl.contentDocument;
    } catch {
      inner = null; // cross-origin access throws in some engines
    }
    if (!inner) {
      frames.push({ url: src, inspected: false, reason: 'cross-origin or not loaded' });
      return;
    }
    frames.push({ url: inner.URL || src, inspected: true, reason: null });
    visit(inner, inShadow, inner.URL || src, depth + 1);
  };

  visit(doc, false, null, 0);
  return { links, frames };
}
