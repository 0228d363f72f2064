/**
 * Typed messages between the extension's parts (via @webext-core/messaging).
 * Every handler validates its input: messages can come from any extension context.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PageReport } from './report';

export type InspectErrorCode = 'restricted' | 'no-tab' | 'loading' | 'no-access' | 'tab-closed' | 'navigated' | 'failed';

export interface InspectError {
  code: InspectErrorCode;
  message: string;
}

export type InspectResult = { ok: true; report: PageReport } | { ok: false; error: InspectError };

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
  /** content → surfaces: the page changed and was analysed again. */
  reportUpdated(report: PageReport): void;
  /** surfaces/CLI → background: inspect a tab (injects the analyser on demand). */
  inspectTab(req: { tabId: number; watch?: boolean }): InspectResult;
}

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;

export function isValidTabId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
