/**
 * The rendered check of an audit row: the page opened in a background tab (not focused), its
 * scripts left to run, then inspected by the real content script — the popup's own code path
 * (inspectTab) — and the tab closed. For pages whose link is added by a script, which the
 * fetched HTML cannot show. Unlike the fetch, the tab is the user's browser: it sends the
 * browser's cookies for that site, as a visit would.
 */
import { browser } from 'wxt/browser';
import { inspectTab } from '../inspect-tab';
import type { InspectResult } from '../../protocol';

export const TAB_DEFAULTS = {
  /** The page's load (`complete`), ms. */
  loadMs: 30_000,
  /** After load, for scripts that add links on load or a moment later. */
  settleMs: 1_500,
};

function waitForComplete(tabId: number, ms: number, signal: AbortSignal): Promise<'complete' | 'timeout' | 'closed'> {
  return new Promise((resolve) => {
    let finished = false;
    const end = (how: 'complete' | 'timeout' | 'closed') => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      signal.removeEventListener('abort', onAbort);
      resolve(how);
    };
    const onUpdated = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') end('complete');
    };
    const onRemoved = (id: number) => {
      if (id === tabId) end('closed');
    };
    const onAbort = () => end('closed');
    const timer = setTimeout(() => end('timeout'), ms);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    signal.addEventListener('abort', onAbort, { once: true });
    // It may have loaded before the listener was added.
    void browser.tabs.get(tabId).then(
      (t) => t.status === 'complete' && t.url !== 'about:blank' && end('complete'),
      () => end('closed'),
    );
  });
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Opens `url` in a background tab, lets it run, inspects it, closes the tab. */
export async function inspectInBackgroundTab(url: string, options: { signal: AbortSignal; targetTopics?: Record<string, string>; loadMs?: number; settleMs?: number }): Promise<InspectResult> {
  let tabId: number | undefined;
  try {
    const tab = await browser.tabs.create({ url, active: false });
    tabId = tab.id;
    if (tabId === undefined) return { ok: false, error: { code: 'failed', message: 'The browser opened no tab.' } };
    const loaded = await waitForComplete(tabId, options.loadMs ?? TAB_DEFAULTS.loadMs, options.signal);
    if (loaded === 'closed') return { ok: false, error: { code: 'tab-closed', message: options.signal.aborted ? 'cancelled' : 'The tab was closed.' } };
    // A page still loading its last images has a DOM worth reading; scripts get a moment more.
    await pause(options.settleMs ?? TAB_DEFAULTS.settleMs, options.signal);
    if (options.signal.aborted) return { ok: false, error: { code: 'failed', message: 'cancelled' } };
    return await inspectTab(tabId, { requestedUrl: url, targetTopics: options.targetTopics });
  } catch (e) {
    return { ok: false, error: { code: 'failed', message: `Could not open the page in a tab: ${String((e as Error)?.message ?? e)}` } };
  } finally {
    if (tabId !== undefined) await browser.tabs.remove(tabId).catch(() => undefined);
  }
}
