/**
 * Stage 2 — features: what can be read about each link without judging it (URL facts, anchor text,
 * rel, image, list, surrounding words), from the page model and the link's own attributes.
 * Layout-dependent features are read separately, in one batch, by `layout.ts`.
 */
import { LIST_ITEM_REACH, LIST_ITEM_TAGS } from './dom';
import { F_IMAGE, joinTexts, pageElement, recordText, textEnd, type PageModel } from './model';
import { capText, firstWords, lastWords, textOf } from './text';
import { LIMITS, capLinkStrings, capString } from '../limits';
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

/** The link's text, cut to LIMITS.linkText (`cut` says so); whatever the page holds, at most twice that is read. */
export function anchorText(link: CollectedLink): { text: string; source: TextSource; cut: boolean } {
  const el = link.el;
  const max = LIMITS.linkText;
  const own = capText(ownRecord(link) ? recordText(link.model, link.record, 2 * max) : textOf(el, 2 * max), max);
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
  // Page strings are cut to their caps here, before anything else reads them (lib/limits.ts).
  const href = capString(link.href, LIMITS.url);
  const { resolved, parsed } = resolveParsed(href, base);
  const { text, source, cut: textCut } = anchorText(link);
  const title = capText(el.getAttribute('title'), LIMITS.linkText);
  const rel = relTokens(el);
  const { before, after } = surroundingWords(link);
  const own = ownRecord(link);
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
    title: title.text,
    rel: rel.tokens,
    image: link.element === 'area' || (own ? (link.model.flags[link.record]! & F_IMAGE) !== 0 : el.querySelector('img, picture, svg image') !== null),
    inList: own ? inListItem(link.model, link.record) : false,
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
