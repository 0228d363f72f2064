/**
 * The background's check of a snapshot sent by the analyser in a page. The page's renderer is
 * not trusted (a compromised one can send anything), so every value is checked for its type and
 * range and every string is cut to its cap in lib/limits.ts before any work is done on it: the
 * analysis cannot throw on what passes, and nothing oversized reaches a report or history.
 * Cut link fields are named in `capped`, as the page names them.
 */
import { CAPPABLE_FIELDS, LIMITS, capLinkStrings, capString, reportBytesOf } from './limits';
import { PLACEMENTS, isHiddenReason, type LinkChange, type LinkGeometry, type LinkWrapper } from './report';
import type { PageSnapshot } from './snapshot';
import type { LinkData, PlacementResult } from './types';

const KINDS = ['http', 'javascript', 'mailto', 'tel', 'fragment', 'malformed', 'other'];
const ELEMENTS = ['a', 'area', 'svg-a'];
const TEXT_SOURCES = ['text', 'alt', 'aria-label', 'title', 'none'];
const CHANGE_KINDS = ['href', 'rel', 'added', 'removed'];
/** Changes a page may list (lib/page/recheck.ts lists 50). */
const MAX_CHANGES = 100;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown, min = 0): v is number => Number.isInteger(v) && (v as number) >= min;
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const oneOf = (v: unknown, allowed: readonly string[]): boolean => isStr(v) && allowed.includes(v);

/** `v` if it is a string (cut to `max`) or null; undefined when it is neither. */
function strOrNull(v: unknown, max: number): string | null | undefined {
  if (v === null) return null;
  return isStr(v) ? capString(v, max) : undefined;
}

/** A list of strings, each cut to `max`, at most `items` of them; null when it is not one. */
function strings(v: unknown, items: number, max: number): string[] | null {
  if (!Array.isArray(v)) return null;
  const out: string[] = [];
  for (const s of v.slice(0, items)) {
    if (!isStr(s)) return null;
    out.push(capString(s, max));
  }
  return out;
}

/** A page URL the surfaces may show: http(s), or file: (local pages the user opened). */
export function isPageUrl(url: unknown): url is string {
  if (!isStr(url)) return false;
  try {
    const p = new URL(url).protocol;
    return p === 'http:' || p === 'https:' || p === 'file:';
  } catch {
    return false;
  }
}

function readGeometry(v: unknown): LinkGeometry | null | undefined {
  if (v === null) return null;
  if (!isObj(v)) return undefined;
  const { top, left, width, height, pageFraction, aboveFold } = v;
  if (!isNum(top) || !isNum(left) || !isNum(width) || !isNum(height) || !isNum(pageFraction) || !isBool(aboveFold)) return undefined;
  return { top, left, width, height, pageFraction, aboveFold };
}

function readWrapper(v: unknown): LinkWrapper | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || !oneOf(v.kind, ['redirect', 'tracking'])) return undefined;
  const target = strOrNull(v.target, LIMITS.url);
  const markers = strings(v.markers, LIMITS.labels, LIMITS.label);
  if (target === undefined || !markers) return undefined;
  return { kind: v.kind as LinkWrapper['kind'], target, markers };
}

function readLink(v: unknown): LinkData | null {
  if (!isObj(v)) return null;
  const url = strOrNull(v.url, Infinity);
  const domain = strOrNull(v.domain, LIMITS.url);
  const host = strOrNull(v.host, LIMITS.url);
  const frame = strOrNull(v.frame, LIMITS.url);
  // One of the closed set, or null: nothing else may reach the score or the UI.
  const hiddenReason = isHiddenReason(v.hiddenReason) ? v.hiddenReason : v.hiddenReason === null || isStr(v.hiddenReason) ? null : undefined;
  const geometry = readGeometry(v.geometry);
  const wrapper = readWrapper(v.wrapper);
  // rel is cut (and flagged) by capLinkStrings below; read enough of it to know.
  const rel = strings(v.rel, LIMITS.relTokens + 1, LIMITS.relToken + 1);
  const fontSizeRatio = v.fontSizeRatio === null ? null : isNum(v.fontSizeRatio) ? v.fontSizeRatio : undefined;
  if (!isInt(v.index) || !isStr(v.href) || !oneOf(v.kind, KINDS) || !oneOf(v.element, ELEMENTS) || !isStr(v.text) || !oneOf(v.textSource, TEXT_SOURCES)) return null;
  if (!isStr(v.title) || !isStr(v.contextBefore) || !isStr(v.contextAfter) || !Array.isArray(v.capped)) return null;
  if (!isBool(v.internal) || !isBool(v.image) || !isBool(v.inList) || !isBool(v.inShadow) || !isBool(v.hidden)) return null;
  if (url === undefined || domain === undefined || host === undefined || frame === undefined || hiddenReason === undefined) return null;
  if (geometry === undefined || wrapper === undefined || fontSizeRatio === undefined || !rel) return null;
  const link: LinkData = {
    index: v.index,
    href: v.href,
    element: v.element as LinkData['element'],
    inShadow: v.inShadow,
    frame,
    url,
    kind: v.kind as LinkData['kind'],
    host,
    domain,
    internal: v.internal,
    wrapper,
    text: v.text,
    textSource: v.textSource as LinkData['textSource'],
    title: v.title,
    rel,
    image: v.image,
    inList: v.inList,
    contextBefore: v.contextBefore,
    contextAfter: v.contextAfter,
    // Only the names of fields that can be cut, once each.
    capped: CAPPABLE_FIELDS.filter((f) => (v.capped as unknown[]).includes(f)),
    geometry,
    fontSizeRatio,
    hidden: v.hidden,
    hiddenReason,
  };
  capLinkStrings(link);
  return link;
}

function readPlacement(v: unknown): PlacementResult | null {
  if (!isObj(v) || !oneOf(v.placement, PLACEMENTS) || !isNum(v.confidence)) return null;
  const signals = strings(v.signals, LIMITS.labels, LIMITS.label);
  return signals ? { placement: v.placement as PlacementResult['placement'], confidence: Math.min(1, Math.max(0, v.confidence)), signals } : null;
}

function readChange(v: unknown): LinkChange | null {
  if (!isObj(v) || !(v.index === null || isInt(v.index)) || !isStr(v.href) || !oneOf(v.what, CHANGE_KINDS)) return null;
  const before = strOrNull(v.before, LIMITS.url);
  const after = strOrNull(v.after, LIMITS.url);
  if (before === undefined || after === undefined) return null;
  return { index: v.index as number | null, href: capString(v.href, LIMITS.url), what: v.what as LinkChange['what'], before, after };
}

function readFacts(v: unknown): PageSnapshot['facts'] | null {
  if (!isObj(v) || !isPageUrl(v.url) || !isPageUrl(v.finalUrl) || !isStr(v.title) || !isStr(v.description)) return null;
  const language = strOrNull(v.language, LIMITS.label);
  const canonical = strOrNull(v.canonical, LIMITS.url);
  const domain = strOrNull(v.domain, LIMITS.url);
  const host = strOrNull(v.host, LIMITS.url);
  const headings = strings(v.headings, LIMITS.headings, LIMITS.heading);
  const metaRobots = strings(v.metaRobots, LIMITS.metaTokens, LIMITS.metaToken);
  if (language === undefined || canonical === undefined || domain === undefined || host === undefined || !headings || !metaRobots) return null;
  if (!isBool(v.canonicalElsewhere) || !isBool(v.indexable) || !isBool(v.pageNofollow)) return null;
  return {
    url: capString(v.url, LIMITS.url),
    finalUrl: capString(v.finalUrl, LIMITS.url),
    title: capString(v.title, LIMITS.pageText),
    language,
    description: capString(v.description, LIMITS.pageText),
    headings,
    canonical,
    canonicalElsewhere: v.canonicalElsewhere,
    metaRobots,
    indexable: v.indexable,
    pageNofollow: v.pageNofollow,
    domain,
    host,
    // Where the fold is: the score tells "just below the fold" from "far down the page" by it.
    ...(isNum(v.viewportHeight) && v.viewportHeight > 0 && v.viewportHeight < 1e6 ? { viewportHeight: v.viewportHeight } : {}),
  };
}

/**
 * The snapshot as the background may use it: every value checked, every string cut to its cap
 * (cut link fields flagged); null when anything has the wrong type, range or page URL.
 */
export function readSnapshot(value: unknown): PageSnapshot | null {
  if (!isObj(value)) return null;
  const s = value;
  const facts = readFacts(s.facts);
  if (!facts || !isStr(s.mainText) || !Array.isArray(s.links) || !Array.isArray(s.placements) || !Array.isArray(s.blocks) || !Array.isArray(s.linkBlocks) || !Array.isArray(s.frames)) return null;
  const n = s.links.length;
  if (n > LIMITS.links || s.placements.length !== n || s.linkBlocks.length !== n || s.blocks.length > n + 1 || s.frames.length > LIMITS.frames) return null;
  const blocks = strings(s.blocks, Infinity, LIMITS.linkText);
  if (!blocks) return null;
  const links: LinkData[] = new Array(n);
  const placements: PlacementResult[] = new Array(n);
  const linkBlocks: number[] = new Array(n);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const link = readLink(s.links[i]);
    // The page stops collecting before its links outgrow one report; a page that does not is refused.
    if (link && (bytes += reportBytesOf(link)) > LIMITS.reportBytes) return null;
    const placement = readPlacement(s.placements[i]);
    const b = s.linkBlocks[i];
    if (!link || !placement || !isInt(b, -1) || b >= blocks.length) return null;
    links[i] = link;
    placements[i] = placement;
    linkBlocks[i] = b;
  }
  const frames: PageSnapshot['frames'] = [];
  for (const f of s.frames as unknown[]) {
    const reason = isObj(f) ? strOrNull(f.reason, LIMITS.label) : undefined;
    if (!isObj(f) || !isStr(f.url) || !isBool(f.inspected) || reason === undefined) return null;
    frames.push({ url: capString(f.url, LIMITS.url), inspected: f.inspected, reason });
  }
  let truncated: PageSnapshot['truncated'] = null;
  if (s.truncated !== null) {
    const t = s.truncated;
    if (!isObj(t) || !isInt(t.found) || !isInt(t.analysed) || t.analysed !== n || t.found <= n || !isStr(t.reason)) return null;
    truncated = { found: t.found, analysed: t.analysed, reason: capString(t.reason, LIMITS.label) };
  }
  const c = s.changedLinks;
  if (!isObj(c) || !isInt(c.count) || !Array.isArray(c.changes) || c.changes.length > Math.min(c.count, MAX_CHANGES)) return null;
  const changes: LinkChange[] = [];
  for (const v of c.changes) {
    const change = readChange(v);
    if (!change) return null;
    changes.push(change);
  }
  const t = s.timing;
  if (!isObj(t) || !isNum(t.totalMs) || !isNum(t.longestTaskMs) || !isObj(t.stages)) return null;
  const stages: Record<string, number> = {};
  for (const [name, ms] of Object.entries(t.stages).slice(0, LIMITS.labels)) {
    if (!isNum(ms) || name === '__proto__') return null;
    stages[capString(name, LIMITS.label)] = ms;
  }
  return {
    facts,
    frames,
    links,
    placements,
    mainText: capString(s.mainText, LIMITS.mainText),
    blocks,
    linkBlocks,
    truncated,
    changedLinks: { count: c.count, changes },
    timing: { totalMs: t.totalMs, longestTaskMs: t.longestTaskMs, stages },
  };
}
