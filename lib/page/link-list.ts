/**
 * The cheap second read (issue #13 §1): every link element of the page now, with its href as
 * written — no page model, no text. Same reach as the model's walk (open shadow roots, same-origin
 * frames) minus <noscript> text, whose links are parsed copies with no place to change.
 */
import { MAX_FRAME_DEPTH, linkKind, rawHref } from './model';

export interface ListedLink {
  el: Element;
  href: string;
}

/** Pages with no open shadow roots and no frames (most of them) take one native query. */
function isFlat(doc: Document): boolean {
  if (doc.querySelector('iframe, frame')) return false;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) if ((all[i] as HTMLElement).shadowRoot) return false;
  return true;
}

/** Link elements in document order, the first `max` of them. */
export function listLinks(doc: Document, max: number): ListedLink[] {
  const out: ListedLink[] = [];
  const take = (el: Element): boolean => {
    const href = linkKind(el, el.localName) ? rawHref(el) : null;
    if (href !== null) out.push({ el, href });
    return out.length < max;
  };
  if (isFlat(doc)) {
    // The `a` type selector also matches SVG <a>; rawHref reads href or xlink:href.
    const found = doc.querySelectorAll('a, area');
    for (let i = 0; i < found.length && take(found[i]!); i++);
    return out;
  }
  // Iterative pre-order over elements, entering open shadow roots (before the host's children, as
  // they render) and same-origin frames.
  const stack: { node: Element | null; depth: number }[] = [];
  const pushChildren = (root: ParentNode, depth: number) => {
    const kids: Element[] = [];
    for (let c = root.firstElementChild; c; c = c.nextElementSibling) kids.push(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, depth });
  };
  pushChildren(doc, 0);
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!node || !take(node)) break;
    const tag = node.localName;
    if (tag === 'iframe' || tag === 'frame') {
      let inner: Document | null = null;
      try {
        inner = (node as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null;
      }
      if (inner && depth < MAX_FRAME_DEPTH) pushChildren(inner, depth + 1);
      continue;
    }
    pushChildren(node, depth);
    const shadow = (node as HTMLElement).shadowRoot;
    if (shadow && depth < MAX_FRAME_DEPTH) pushChildren(shadow, depth + 1);
  }
  return out;
}
