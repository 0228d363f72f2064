/**
 * The messages between the extension's parts: their shapes (`ProtocolMap`) and the checks every
 * handler runs on what it receives (messages can come from any extension context). Free of
 * extension APIs, so the page and the background both read it; lib/messaging.ts sends them.
 */
import type { PageSnapshot, SnapshotHead, SnapshotPart } from './snapshot';
import { PLACEMENTS, REPORT_VERSION, type PageReport, type Placement, type StrengthProvider } from './report';
import type { LinkSummary } from './link-summary';
import { LIMITS } from './limits';
import { isParseTask } from './parse/tasks';
import type { ParseResults, ParseTask } from './parse/fetched';
import type { LinkHealth } from './link-health';

export type InspectErrorCode = 'restricted' | 'no-tab' | 'loading' | 'no-access' | 'tab-closed' | 'navigated' | 'failed';

export interface InspectError {
  code: InspectErrorCode;
  message: string;
}

export type InspectResult = { ok: true; report: PageReport } | { ok: false; error: InspectError };

/** What the surfaces get: the inspection, plus a notice when a side effect (history) failed. */
export type SurfaceInspectResult = InspectResult & { notice?: string };

/** A link on the page, identified by its report index and checked by its raw href. */
export interface LinkRef {
  index: number;
  href: string;
}

export type RevealResult = { ok: true } | { ok: false; message: string };

export type HighlightMode = 'on' | 'off' | 'toggle';
export type TargetTopicResult = { ok: true; title: string } | { ok: false; message: string };
export type HighlightResult = { ok: true; on: boolean; count: number } | { ok: false; error: InspectError };

/** A strength provider as the options page and the popup see it (never the key itself). */
export interface ProviderStatus {
  provider: StrengthProvider;
  connected: boolean;
  /** The key's last four characters, to tell keys apart. */
  keyHint: string | null;
  /** The last call's outcome: 'unused' before any. */
  state: 'unused' | 'ok' | 'error';
  code: 'bad-key' | 'quota' | 'offline' | 'no-access' | 'http' | 'bad-response' | null;
  message: string | null;
  /** When (epoch ms). */
  at: number | null;
}

export interface AnalyzeRequest {
  requestedUrl?: string;
  /** The page's registrable domain (the background decides it; the page half has no suffix list). */
  pageDomain?: string | null;
  /** Keep the report current while a surface is open (MutationObserver, debounced). */
  watch?: boolean;
}

/** What the page needs of a finished report to draw its highlights, per link in report order. */
export interface LinkScores {
  placement: Placement[];
  score: number[];
  followed: boolean[];
}

export function scoresOf(report: PageReport): LinkScores {
  return {
    placement: report.links.map((l) => l.placement),
    score: report.links.map((l) => l.score),
    followed: report.links.map((l) => l.followed),
  };
}

/**
 * A running inspection, for the surface that asked (big pages take seconds): how far it is and,
 * once scored, a preview — the report with only its best links, and the whole page's summary —
 * sent before the full report, whose transfer and rendering take longest (issue 19 §7).
 */
export interface InspectProgress {
  tabId: number;
  stage: 'reading' | 'scoring' | 'sending';
  done: number;
  total: number;
  preview?: { report: PageReport; summary: LinkSummary; total: number };
}

export interface ProtocolMap {
  /** background → content: is the analyser already in this tab? */
  ping(): 'pong';
  /** background → content: read the page (the DOM half of the analysis); its links follow in parts. */
  analyze(req: AnalyzeRequest): SnapshotHead;
  /** background → content: part `part` of the snapshot `seq` (its head says how many there are). */
  snapshotPart(req: { seq: number; part: number }): SnapshotPart;
  /** background → content: the finished report's placements and scores, for highlighting. */
  showScores(scores: LinkScores): void;
  /** content → background: the watched page changed; its new snapshot can be fetched. */
  snapshotUpdated(head: SnapshotHead): void;
  /** background → content: stop watching the page for changes. */
  unwatch(): void;
  /** background → content: scroll to a link and flash it. */
  reveal(req: LinkRef): RevealResult;
  /** background → content: draw / remove the placement outlines. */
  highlight(req: { mode: HighlightMode }): { on: boolean; count: number; needsScores?: boolean };
  /** background → surfaces: a watched tab changed and was analysed again. */
  reportUpdated(update: { tabId: number; report: PageReport }): void;
  /** background → surfaces: progress of an inspection a surface asked for. */
  inspectProgress(update: InspectProgress): void;
  /** surfaces → background: inspect a tab (injects the analyser on demand), save it to history, update the badge. */
  inspectTab(req: { tabId: number; watch?: boolean }): SurfaceInspectResult;
  /** surfaces → background: scroll the tab to a link and flash it. */
  revealLink(req: LinkRef & { tabId: number }): RevealResult;
  /** surfaces → background: stop keeping a tab's report current (the side panel moved on). */
  unwatchTab(req: { tabId: number }): void;
  /** surfaces → background: fetch a link's target page and compare the page's topic with it. */
  compareWithTarget(req: { tabId: number; url: string }): TargetTopicResult;
  /** surfaces → background: turn the on-page highlighting on / off. */
  setHighlight(req: { tabId: number; mode: HighlightMode }): HighlightResult;
  /** options / surfaces → background: the strength providers and their last outcome. */
  providerStatuses(): ProviderStatus[];
  /** options → background: save a provider key (the page asked for the API's host permission first) and try it once. */
  connectProvider(req: { provider: StrengthProvider; key: string }): ProviderStatus;
  /** options → background: forget a provider key. */
  disconnectProvider(req: { provider: StrengthProvider }): ProviderStatus;
  /**
   * surfaces → background: check where the links lead (status, redirects, X-Robots-Tag). Answers
   * at once; `linkCheckProgress` messages follow, then `reportUpdated` with the tab's re-scored report.
   */
  checkLinks(req: LinkCheckRequest): LinkCheckStart;
  /** surfaces → background: stop a running link check. */
  cancelLinkCheck(req: { checkId: number }): boolean;
  /** background → surfaces: results so far of a link check (batched), and its end. */
  linkCheckProgress(update: LinkCheckUpdate): void;
  /** background → offscreen document (Chrome): read fetched HTML inertly (lib/parse/fetched.ts). */
  parseFetched(req: ParseRequest): ParseResults[ParseTask];
}

export interface LinkCheckRequest {
  /** The tab whose report the results join. */
  tabId: number;
  /** http(s) URLs to check (others are skipped); duplicates and #fragments fold. */
  urls: string[];
  /** The page the links are on: links to other sites go first. */
  pageUrl?: string;
  /** 'head' (default): HEAD, GET where refused. 'get': read each target's <head> for meta refresh and meta robots. */
  mode?: 'head' | 'get';
  /** The user's delay between two requests to one host, ms. */
  delayMs?: number;
}

export type LinkCheckStart =
  | { ok: true; checkId: number; total: number }
  | { ok: false; error: { code: 'no-access' | 'invalid'; message: string; permissions?: { permissions: string[]; origins: string[] } } };

export interface LinkCheckUpdate {
  checkId: number;
  tabId: number;
  /** Links finished so far, of `total`. */
  done: number;
  total: number;
  /** Results finished since the previous update. */
  results: LinkHealth[];
  finished: boolean;
  cancelled: boolean;
}

export const LINK_CHECK_LIMITS = { urls: 20_000, delayMs: 60_000 } as const;

/** A link check request from a surface, checked before any request is made. */
export function isLinkCheckRequest(value: unknown): value is LinkCheckRequest {
  const v = value as LinkCheckRequest | null;
  if (!v || typeof v !== 'object' || !isValidTabId(v.tabId) || !Array.isArray(v.urls) || v.urls.length > LINK_CHECK_LIMITS.urls) return false;
  if (!v.urls.every((u) => typeof u === 'string' && u.length <= LIMITS.url && /^https?:\/\//i.test(u))) return false;
  if (v.pageUrl !== undefined && (typeof v.pageUrl !== 'string' || v.pageUrl.length > LIMITS.url)) return false;
  if (v.mode !== undefined && v.mode !== 'head' && v.mode !== 'get') return false;
  if (v.delayMs !== undefined && !(Number.isInteger(v.delayMs) && v.delayMs >= 0 && v.delayMs <= LINK_CHECK_LIMITS.delayMs)) return false;
  return true;
}

export interface ParseRequest {
  html: string;
  url: string;
  task: ParseTask;
}

export function isParseRequest(value: unknown): value is ParseRequest {
  const v = value as ParseRequest | null;
  return (
    !!v &&
    typeof v === 'object' &&
    typeof v.html === 'string' &&
    v.html.length <= LIMITS.fetchedPage &&
    typeof v.url === 'string' &&
    v.url.length <= LIMITS.url &&
    /^https?:\/\//i.test(v.url) &&
    isParseTask(v.task)
  );
}


export function isValidTabId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isLinkRef(value: unknown): value is LinkRef {
  const v = value as LinkRef | null;
  return !!v && typeof v === 'object' && Number.isInteger(v.index) && v.index >= 0 && typeof v.href === 'string' && v.href.length < 100_000;
}

export function isHighlightMode(value: unknown): value is HighlightMode {
  return value === 'on' || value === 'off' || value === 'toggle';
}

/** Only the extension's own pages (popup, side panel, options) may drive the background; content scripts may not. */
export function isFromExtensionPage(sender: { url?: string; id?: string } | undefined, extensionOrigin: string): boolean {
  return !!sender?.url && sender.url.startsWith(extensionOrigin);
}

/**
 * Messages to the surfaces (reportUpdated) must come from the background: an extension context
 * that is not in a tab. A content script's messages carry its tab and its page's URL.
 */
export function isFromBackground(sender: { url?: string; tab?: unknown } | undefined, extensionOrigin: string): boolean {
  return isFromExtensionPage(sender, extensionOrigin) && !sender?.tab;
}

/** Minimal shape check of a report received from a page context before a surface renders it. */
export function looksLikeReport(value: unknown): value is PageReport {
  const r = value as PageReport | null;
  return !!r && typeof r === 'object' && r.version === REPORT_VERSION && Array.isArray(r.links) && typeof r.url === 'string' && !!r.counts && typeof r.counts === 'object';
}

export function isLinkScores(value: unknown): value is LinkScores {
  const v = value as LinkScores | null;
  return !!v && Array.isArray(v.placement) && Array.isArray(v.score) && Array.isArray(v.followed) && v.score.length === v.placement.length && v.followed.length === v.placement.length;
}
