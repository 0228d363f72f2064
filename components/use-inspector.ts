/**
 * Which tab a surface shows and its inspection, through every state a user meets: starting,
 * page still loading, inspecting, done, errors (restricted, no access, tab closed, navigated).
 *
 * - popup: the active tab of the current window (or `?tabId=` when opened as a page);
 * - side panel: follows the active tab of its window (or stays on `?tabId=`), re-inspects on
 *   navigation, and keeps the report current while the page changes (watch).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '@/lib/messaging';
import { isFromBackground, looksLikeReport, type InspectError, type InspectProgress } from '@/lib/protocol';
import type { PageReport } from '@/lib/report';
import { restrictionOf } from '@/lib/restricted';

export type Surface = 'popup' | 'sidepanel';

export type Phase = 'starting' | 'page-loading' | 'inspecting' | 'done' | 'error';

export interface InspectorState {
  tabId: number | null;
  /** The tab's URL as last seen (for history before a report exists). */
  tabUrl: string | null;
  phase: Phase;
  report: PageReport | null;
  error: InspectError | null;
  /** Non-fatal message (history not saved, a page update, …). */
  notice: string | null;
  /** Counts inspections, so views can tell a fresh report from an update. */
  generation: number;
  /** How far a running inspection of a big page is. */
  progress: Omit<InspectProgress, 'tabId' | 'preview'> | null;
  /** The best links and the page's summary, before the full report arrives. */
  preview: Omit<NonNullable<InspectProgress['preview']>, 'report'> | null;
}

const INITIAL: InspectorState = { tabId: null, tabUrl: null, phase: 'starting', report: null, error: null, notice: null, generation: 0, progress: null, preview: null };

/** `?tabId=123` on the surface's URL pins it to that tab. */
export function pinnedTabId(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d{1,10}$/.test(raw)) return null;
  return Number(raw);
}

export interface Inspector extends InspectorState {
  /** Inspect the tab again now (also when the page is still loading). */
  reinspect(): void;
  pinned: boolean;
}

export function useInspector(surface: Surface, search = typeof location !== 'undefined' ? location.search : ''): Inspector {
  const pinned = pinnedTabId(search);
  const [state, setState] = useState<InspectorState>(INITIAL);
  const seq = useRef(0);
  const tabRef = useRef<number | null>(null);
  const windowRef = useRef<number | null>(null);

  const patch = (next: Partial<InspectorState>) => setState((s) => ({ ...s, ...next }));

  const inspect = useCallback(
    async (tabId: number, force = false) => {
      const run = ++seq.current;
      const stale = () => run !== seq.current || tabRef.current !== tabId;
      let tab;
      try {
        tab = await browser.tabs.get(tabId);
      } catch {
        if (!stale()) patch({ phase: 'error', report: null, error: { code: 'tab-closed', message: 'The tab was closed.' } });
        return;
      }
      if (stale()) return;
      const url = tab.url ?? tab.pendingUrl ?? null;
      // Without a visible URL the background tells browser pages from missing access.
      const restriction = url ? restrictionOf(url) : null;
      if (restriction) {
        patch({ tabUrl: url, phase: 'error', report: null, error: { code: 'restricted', message: restriction } });
        return;
      }
      if (tab.status === 'loading' && !force) {
        patch({ tabUrl: url, phase: 'page-loading', error: null });
        return; // tabs.onUpdated(status: complete) starts the inspection
      }
      patch({ tabUrl: url, phase: 'inspecting', error: null, progress: null, preview: null });
      let result;
      try {
        result = await sendMessage('inspectTab', { tabId, watch: surface === 'sidepanel' });
      } catch (e) {
        result = { ok: false as const, error: { code: 'failed' as const, message: `The extension did not answer: ${String((e as Error)?.message ?? e)}` } };
      }
      if (stale()) return;
      if (!result || typeof result !== 'object') {
        patch({ phase: 'error', error: { code: 'failed', message: 'The extension did not answer.' } });
      } else if (result.ok) {
        setState((s) => ({ ...s, phase: 'done', report: result.report, error: null, notice: result.notice ?? null, generation: s.generation + 1, progress: null, preview: null }));
      } else if (result.error.code === 'navigated' || result.error.code === 'loading') {
        patch({ phase: 'page-loading', report: null, error: null, progress: null, preview: null });
      } else {
        patch({ phase: 'error', report: null, error: result.error, progress: null, preview: null });
      }
    },
    [surface],
  );

  const showTab = useCallback(
    (tabId: number) => {
      const previous = tabRef.current;
      // The side panel moves on: the previous tab no longer needs to keep its report current.
      if (surface === 'sidepanel' && previous !== null && previous !== tabId) void sendMessage('unwatchTab', { tabId: previous }).catch(() => undefined);
      tabRef.current = tabId;
      setState({ ...INITIAL, tabId, phase: 'inspecting' });
      void inspect(tabId);
    },
    [inspect, surface],
  );

  // Which tab: pinned, or the active tab of this window.
  useEffect(() => {
    let alive = true;
    void (async () => {
      if (pinned !== null) return showTab(pinned);
      try {
        const win = await browser.windows.getCurrent().catch(() => undefined);
        windowRef.current = win?.id ?? null;
        const [tab] = await browser.tabs.query(win?.id !== undefined ? { active: true, windowId: win.id } : { active: true, currentWindow: true });
        if (!alive) return;
        if (tab?.id === undefined) {
          setState({ ...INITIAL, phase: 'error', error: { code: 'no-tab', message: 'There is no tab to inspect in this window.' } });
          return;
        }
        showTab(tab.id);
      } catch (e) {
        if (alive) setState({ ...INITIAL, phase: 'error', error: { code: 'no-tab', message: `Could not find the current tab: ${String((e as Error)?.message ?? e)}` } });
      }
    })();
    return () => {
      alive = false;
    };
  }, [pinned, showTab]);

  // Follow the tab: navigation, closing, and (side panel) switching tabs.
  useEffect(() => {
    const onUpdated = (tabId: number, change: { status?: string; url?: string }) => {
      if (tabId !== tabRef.current) return;
      if (change.url || change.status === 'loading') {
        seq.current++; // an inspection of the previous page is now stale
        setState((s) => ({ ...s, tabUrl: change.url ?? s.tabUrl, phase: 'page-loading', report: null, error: null, notice: null, progress: null, preview: null }));
      }
      if (change.status === 'complete') void inspect(tabId);
    };
    const onRemoved = (tabId: number) => {
      if (tabId !== tabRef.current) return;
      seq.current++;
      setState((s) => ({ ...s, phase: 'error', report: null, error: { code: 'tab-closed', message: 'The tab was closed.' } }));
    };
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (surface !== 'sidepanel' || pinned !== null) return;
      if (windowRef.current !== null && info.windowId !== windowRef.current) return;
      if (info.tabId !== tabRef.current) showTab(info.tabId);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    browser.tabs.onActivated.addListener(onActivated);
    return () => {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, [inspect, showTab, surface, pinned]);

  // The page changed under a watching surface: the background sends the new report.
  useEffect(() => {
    let remove: (() => void) | undefined;
    try {
      const origin = browser.runtime.getURL('/');
      remove = onMessage('reportUpdated', ({ data, sender }) => {
        // Only the background sends reports: a page's content script may not feed the surfaces.
        if (!isFromBackground(sender, origin) || !data || data.tabId !== tabRef.current || !looksLikeReport(data.report)) return;
        setState((s) => (s.phase === 'done' ? { ...s, report: data.report } : s));
      });
    } catch {
      // another surface instance in this context already listens
    }
    return () => remove?.();
  }, []);

  // A big page: how far the inspection is, then its best rows before the full report.
  useEffect(() => {
    let remove: (() => void) | undefined;
    try {
      remove = onMessage('inspectProgress', ({ data }) => {
        if (!data || data.tabId !== tabRef.current || typeof data.done !== 'number' || typeof data.total !== 'number') return;
        const progress = { stage: data.stage, done: data.done, total: data.total };
        setState((s) => {
          if (s.phase !== 'inspecting') return s;
          const p = data.preview;
          if (p && looksLikeReport(p.report) && p.summary && typeof p.total === 'number') return { ...s, progress, report: p.report, preview: { summary: p.summary, total: p.total } };
          return { ...s, progress };
        });
      });
    } catch {
      // another surface instance in this context already listens
    }
    return () => remove?.();
  }, []);

  const reinspect = useCallback(() => {
    if (tabRef.current !== null) void inspect(tabRef.current, true);
  }, [inspect]);

  return { ...state, reinspect, pinned: pinned !== null };
}
