import { inspectTab } from '@/lib/inspect-tab';
import { isValidTabId, onMessage } from '@/lib/messaging';

export default defineBackground(() => {
  onMessage('inspectTab', ({ data }) => {
    if (!data || !isValidTabId(data.tabId)) {
      return { ok: false, error: { code: 'failed', message: 'Invalid request.' } } as const;
    }
    return inspectTab(data.tabId, { watch: data.watch === true });
  });

  // The `inspect` CLI drives the real extension through this (Playwright evaluates it in the
  // service worker); it is the same code path the popup uses.
  (globalThis as Record<string, unknown>).backlinkInspector = { inspectTab };
});
