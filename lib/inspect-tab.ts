/**
 * Background side of an inspection: checks the tab can be scripted, injects the analyser on
 * demand (activeTab + scripting, or the optional host permission) and asks it for the report.
 */
import { browser } from 'wxt/browser';
import { restrictionOf } from './restricted';
import { sendMessage, type InspectError, type InspectResult } from './messaging';

export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';
const ANALYZE_TIMEOUT_MS = 60_000;

const fail = (code: InspectError['code'], message: string): InspectResult => ({ ok: false, error: { code, message } });

async function ensureAnalyser(tabId: number): Promise<void> {
  try {
    if ((await sendMessage('ping', undefined, tabId)) === 'pong') return;
  } catch {
    // not injected yet
  }
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export interface InspectTabOptions {
  watch?: boolean;
  /** The URL the user asked for, reported as the page URL (redirects show as finalUrl). */
  requestedUrl?: string;
}

export async function inspectTab(tabId: number, options: InspectTabOptions = {}): Promise<InspectResult> {
  let tab;
  try {
    tab = await browser.tabs.get(tabId);
  } catch {
    return fail('no-tab', 'The tab was closed.');
  }
  const restriction = restrictionOf(tab.url ?? tab.pendingUrl);
  if (restriction) return fail('restricted', restriction);
  const urlBefore = tab.url;
  try {
    await ensureAnalyser(tabId);
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    if (/cannot access|permission|host/i.test(message)) {
      return fail('no-access', 'Backlink Inspector has no access to this page. Open it from the toolbar button or the right-click menu, or allow access to all sites in the options.');
    }
    if (/no tab|closed/i.test(message)) return fail('tab-closed', 'The tab was closed during the inspection.');
    return fail('failed', `Could not start the analyser: ${message}`);
  }
  try {
    const report = await withTimeout(sendMessage('analyze', { watch: options.watch, requestedUrl: options.requestedUrl }, tabId), ANALYZE_TIMEOUT_MS);
    return { ok: true, report };
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    const now = await browser.tabs.get(tabId).catch(() => null);
    if (!now) return fail('tab-closed', 'The tab was closed during the inspection.');
    if (now.url !== urlBefore) return fail('navigated', 'The page navigated away during the inspection. Try again.');
    if (now.status === 'loading') return fail('loading', 'The page is still loading. Try again in a moment.');
    return fail('failed', `The inspection failed: ${message}`);
  }
}
