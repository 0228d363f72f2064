/**
 * Stage 2 — features: what can be read about each link without judging it (URL facts, anchor text,
 * rel, image, list, surrounding words), from the page model and the link's own attributes.
 * Layout-dependent features are read separately, in one batch, by `layout.ts`.
 */
import { LIST_ITEM_REACH, LIST_ITEM_TAGS } from './dom';
import { F_IMAGE, joinTexts, pageElement, recordText, textEnd, type PageModel } from './model';
import { collapse, firstWords, lastWords, textOf } from './text';
import { detectWrapper, isInternalHost, resolveParsed, wrapperOfHref } from '../url';
import type { TextSource } from '../report';
import type { CollectedLink, LinkData, LinkFeatures } from '../types';

const CONTEXT_WORDS = 12;
/** Enough characters for CONTEXT_WORDS words; bounds the reads in long paragraphs. */
const CONTEXT_CHARS = 120;
/** Characters of anchor text read (the report keeps 500). */
const ANCHOR_CHARS = 2000;

/** Is the link's record its own (not an ancestor's, as for links read from <noscript> or inside unread markup)? */
function ownRecord(link: CollectedLink): boolean {
  return link.record >= 0 && link.model.el[link.record] === link.el;
}

export function anchorText(link: CollectedLink): { text: string; source: TextSource } {
  const el = link.el;
  const raw = ownRecord(link) ? recordText(link.model, link.record, ANCHOR_CHARS) : textOf(el, ANCHOR_CHARS);
  const text = collapse(raw.slice(0, ANCHOR_CHARS)).slice(0, 500);
  if (text) return { text, source: 'text' };
  const img = el.querySelector('img[alt], svg title');
  const alt = collapse(img?.localName === 'img' ? img.getAttribute('alt') : img?.textContent);
  if (alt) return { text: alt, source: 'alt' };
  // <area alt> is the area's own text alternative.
  const ownAlt = el.localName === 'area' ? collapse(el.getAttribute('alt')) : '';
  if (ownAlt) return { text: ownAlt, source: 'alt' };
  const aria = collapse(el.getAttribute('aria-label'));
  if (aria) return { text: aria, source: 'aria-label' };
  const title = collapse(el.getAttribute('title'));
  if (title) return { text: title, source: 'title' };
  return { text: '', source: 'none' };
}

/** rel tokens, lower-cased and deduplicated (split on whitespace and commas). */
export function relTokens(el: Element): string[] {
  const raw = el.getAttribute('rel');
  if (!raw) return [];
  return [...new Set(raw.toLowerCase().split(/[\s,]+/).filter(Boolean))];
}

const NO_WORDS = { before: '', after: '' };

/** Text before and after the link inside its block (the model's text nodes); bounded reads. */
export function surroundingWords(link: CollectedLink): { before: string; after: string } {
  if (!ownRecord(link)) return NO_WORDS;
  const m = link.model;
  const r = link.record;
  const block = m.owner[r]!;
  const blockStart = m.firstText[block]!;
  const start = m.firstText[r]!;
  let from = start;
  for (let n = 0; from > blockStart && n < CONTEXT_CHARS; ) n += m.texts[--from]!.length;
  const end = textEnd(m, r);
  const blockEnd = textEnd(m, block);
  let to = end;
  for (let n = 0; to < blockEnd && n < CONTEXT_CHARS; ) n += m.texts[to++]!.length;
  const before = from < start ? joinTexts(m, from, start) : '';
  const after = joinTexts(m, end, to);
  return { before: lastWords(before.slice(-CONTEXT_CHARS), CONTEXT_WORDS), after: firstWords(after.slice(0, CONTEXT_CHARS), CONTEXT_WORDS) };
}

/** A list item (li, dd, dt) at most LIST_ITEM_REACH levels above the link. */
export function inListItem(m: PageModel, r: number): boolean {
  for (let p = m.parent[r]!, d = 0; p >= 0 && d < LIST_ITEM_REACH; p = m.parent[p]!, d++) {
    if (LIST_ITEM_TAGS.has(m.tag[p]!)) return true;
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
  const { resolved, parsed } = resolveParsed(link.href, base);
  const { text, source } = anchorText(link);
  const { before, after } = surroundingWords(link);
  const own = ownRecord(link);
  // Fields listed, not spread: one object shape for all links, built without a copy loop.
  return {
    el,
    index: link.index,
    href: link.href,
    element: link.element,
    inShadow: link.inShadow,
    frame: link.frame,
    noscript: link.noscript,
    model: link.model,
    record: link.record,
    url: resolved.url,
    kind: resolved.kind,
    host: resolved.host,
    // Decided in the background, which holds the public suffix list (lib/domain.ts).
    domain: null,
    internal: resolved.kind === 'http' ? isInternalHost(resolved.host, pageDomain) : resolved.kind === 'fragment',
    wrapper: parsed ? detectWrapper(parsed) : resolved.kind === 'http' && resolved.url ? wrapperOfHref(resolved.url) : null,
    text,
    textSource: source,
    title: collapse(el.getAttribute('title')),
    rel: relTokens(el),
    image: link.element === 'area' || (own ? (link.model.flags[link.record]! & F_IMAGE) !== 0 : el.querySelector('img, picture, svg image') !== null),
    inList: own ? inListItem(link.model, link.record) : false,
    contextBefore: before,
    contextAfter: after,
    geometry: null,
    fontSizeRatio: null,
    hidden: false,
    hiddenReason: null,
  };
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
    geometry: l.geometry,
    fontSizeRatio: l.fontSizeRatio,
    hidden: l.hidden,
    hiddenReason: l.hiddenReason,
  };
}
