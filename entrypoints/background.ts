import { createMenus, handleMenuClick } from '@/lib/background/context-menu';
import { compareWithTarget, forgetSnapshot, inspectAndRecord, inspectTab, onSnapshotUpdated, rescoreTab, revealLink, setHighlight, unwatchTab, updateBadge } from '@/lib/background/inspect-tab';
import { cancelLinkCheck, checkLinksToEnd, startLinkCheck } from '@/lib/background/link-health/session';
import { backgroundNet, parseFetched } from '@/lib/background/net/index';
import { registerStrengthMessages } from '@/lib/background/strength/index';
import { onMessage, sendMessage } from '@/lib/messaging';
import { isFromExtensionPage, isHighlightMode, isLinkCheckRequest, isLinkRef, isValidTabId } from '@/lib/protocol';

export default defineBackground(() => {
  const origin = browser.runtime.getURL('/');
  const refuse = (message: string) => ({ ok: false, error: { code: 'failed', message } }) as const;

  // Only the extension's own pages may ask for inspections; content scripts (page-controlled
  // contexts) may not.
  onMessage('inspectTab', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin)) return refuse('Not allowed.');
    if (!data || !isValidTabId(data.tabId)) return refuse('Invalid request.');
    return inspectAndRecord(data.tabId, { watch: data.watch === true, progress: true });
  });
  onMessage('revealLink', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !data || !isValidTabId(data.tabId) || !isLinkRef(data)) return { ok: false, message: 'Invalid request.' } as const;
    return revealLink(data.tabId, { index: data.index, href: data.href });
  });
  onMessage('unwatchTab', ({ data, sender }) => {
    if (isFromExtensionPage(sender, origin) && data && isValidTabId(data.tabId)) return unwatchTab(data.tabId);
  });
  onMessage('setHighlight', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin)) return refuse('Not allowed.');
    if (!data || !isValidTabId(data.tabId) || !isHighlightMode(data.mode)) return refuse('Invalid request.');
    return setHighlight(data.tabId, data.mode);
  });

  onMessage('compareWithTarget', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !data || !isValidTabId(data.tabId) || typeof data.url !== 'string' || !/^https?:\/\//i.test(data.url)) {
      return { ok: false, message: 'Invalid request.' } as const;
    }
    return compareWithTarget(data.tabId, data.url);
  });
  // Link health: extension pages only, the request validated before anything is fetched.
  onMessage('checkLinks', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !isLinkCheckRequest(data)) return { ok: false, error: { code: 'invalid', message: 'Invalid request.' } } as const;
    return startLinkCheck(data, {
      send: (update) => sendMessage('linkCheckProgress', update),
      finished: async (tabId) => void (await rescoreTab(tabId)),
    });
  });
  onMessage('cancelLinkCheck', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !data || !Number.isInteger(data.checkId)) return false;
    return cancelLinkCheck(data.checkId);
  });
  browser.tabs.onRemoved.addListener((tabId) => forgetSnapshot(tabId));
  // Site strength from the user's own provider keys (options page).
  registerStrengthMessages(origin);

  // A watched page changed: only its own content script may send its snapshot (validated there).
  onMessage('snapshotUpdated', ({ data, sender }) => {
    if (isValidTabId(sender?.tab?.id) && !isFromExtensionPage(sender, origin)) void onSnapshotUpdated(sender.tab.id, data);
  });

  // At every start, not only on install: Firefox forgets the menus when the browser restarts.
  void createMenus().catch(() => undefined);
  // Synchronous call: opening the side panel must happen within the click's user gesture.
  browser.contextMenus.onClicked.addListener((info, tab) => void handleMenuClick(info, tab));
  // A new page in the tab: its "my domains" count is unknown until inspected again.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void updateBadge(tabId, null);
  });

  // The `inspect` CLI drives the real extension through this (Playwright evaluates it in the
  // service worker). `inspectTab` is the bare inspection; `inspect` adds what the popup's path
  // adds (history, badge); `menuClick` is the context-menu handler (browser tests).
  (globalThis as Record<string, unknown>).backlinkInspector = {
    inspectTab,
    inspect: inspectAndRecord,
    menuClick: handleMenuClick,
    setHighlight,
    revealLink,
    // The one fetch module and the parser, as the extension runs them (browser tests, bench).
    net: () => backgroundNet(),
    parseFetched,
    startLinkCheck,
    // `inspect --check-links`: the surfaces' check, awaited to its end.
    checkLinks: checkLinksToEnd,
  };
});
