/**
 * Typed messages between the extension's parts (via @webext-core/messaging).
 * Every handler validates its input: messages can come from any extension context.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { REPORT_VERSION, type PageReport } from './report';

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
export type HighlightResult = { ok: true; on: boolean; count: number } | { ok: false; error: InspectError };

export interface AnalyzeRequest {
  requestedUrl?: string;
  /** Keep the report current while a surface is open (MutationObserver, debounced). */
  watch?: boolean;
  targetTopics?: Record<string, string>;
}

export interface ProtocolMap {
  /** background → content: is the analyser already in this tab? */
  ping(): 'pong';
  /** background → content: analyse the page and return its report. */
  analyze(req: AnalyzeRequest): PageReport;
  /** background → content: stop watching the page for changes. */
  unwatch(): void;
  /** background → content: scroll to a link and flash it. */
  reveal(req: LinkRef): RevealResult;
  /** background → content: draw / remove the placement outlines. */
  highlight(req: { mode: HighlightMode; targetTopics?: Record<string, string> }): { on: boolean; count: number };
  /** content → surfaces: the page changed and was analysed again. */
  reportUpdated(report: PageReport): void;
  /** surfaces → background: inspect a tab (injects the analyser on demand), save it to history, update the badge. */
  inspectTab(req: { tabId: number; watch?: boolean }): SurfaceInspectResult;
  /** surfaces → background: scroll the tab to a link and flash it. */
  revealLink(req: LinkRef & { tabId: number }): RevealResult;
  /** surfaces → background: stop keeping a tab's report current (the side panel moved on). */
  unwatchTab(req: { tabId: number }): void;
  /** surfaces → background: turn the on-page highlighting on / off. */
  setHighlight(req: { tabId: number; mode: HighlightMode }): HighlightResult;
}

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;

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

/** Minimal shape check of a report received from a page context before a surface renders it. */
export function looksLikeReport(value: unknown): value is PageReport {
  const r = value as PageReport | null;
  return !!r && typeof r === 'object' && r.version === REPORT_VERSION && Array.isArray(r.links) && typeof r.url === 'string' && !!r.counts && typeof r.counts === 'object';
}
