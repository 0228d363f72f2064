/**
 * The right-click menu: "Inspect this link" (on a link), "Inspect links on this page",
 * "Check links on this page" and "Highlight links by placement" (on a page). A click grants
 * activeTab for that tab, so the side panel (or popup) can inspect it without any host
 * permission; checking links needs all-sites access and webRequest (NET_PERMISSIONS), asked for
 * within the click.
 */
import { browser, type Browser } from 'wxt/browser';
import type { HighlightResult } from '../protocol';
import { setHighlight } from './inspect-tab';
import { checkTabLinks } from './link-health/tab';
import { NET_PERMISSIONS } from './net/index';
import { setFocusRequest } from '../focus-request';
import { restrictionOf } from '../restricted';

export const MENU_IDS = {
  inspectLink: 'bi-inspect-link',
  inspectPage: 'bi-inspect-page',
  highlight: 'bi-highlight',
  checkLinks: 'bi-check-links',
} as const;

export type SurfaceOpened = 'sidepanel' | 'popup' | 'tab' | 'none';

export interface MenuOutcome {
  action: 'inspect-link' | 'inspect-page' | 'check-links' | 'highlight' | 'ignored';
  opened?: SurfaceOpened;
  highlight?: HighlightResult;
  /** "Check links": how many were checked (the results join the tab's report). */
  checked?: { total: number; checked: number; cancelled: boolean };
  error?: string;
}

/** The last (re)creation: runs never overlap, or both would clear first and then create the same ids twice. */
let menusBuilt: Promise<void> = Promise.resolve();

/**
 * (Re)creates the menus; the background calls it every time it starts. Firefox does not keep
 * `menus.create` items across a browser restart for a persistent background page (Chrome keeps
 * them): creating them only on install left Firefox without menus after a restart. Clearing
 * first avoids duplicate-id errors where the browser did keep them.
 */
export function createMenus(): Promise<void> {
  menusBuilt = menusBuilt.catch(() => undefined).then(buildMenus);
  return menusBuilt;
}

async function buildMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  const common = { documentUrlPatterns: ['http://*/*', 'https://*/*', 'file:///*'] };
  browser.contextMenus.create({ id: MENU_IDS.inspectLink, title: 'Inspect this link', contexts: ['link'], ...common });
  browser.contextMenus.create({ id: MENU_IDS.inspectPage, title: 'Inspect links on this page', contexts: ['page'], ...common });
  browser.contextMenus.create({ id: MENU_IDS.checkLinks, title: 'Check links on this page', contexts: ['page'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
  browser.contextMenus.create({ id: MENU_IDS.highlight, title: 'Highlight links by placement (toggle)', contexts: ['page'], ...common });
}

interface MenuTab {
  id?: number;
  windowId?: number;
  index?: number;
  url?: string;
}

type ApiCall = () => Promise<unknown> | undefined;

/**
 * Opens the side panel (Chrome side_panel / Firefox sidebar_action), else the popup, else the
 * side panel page in a tab. The first API call happens synchronously: browsers only allow
 * opening these in direct response to the click.
 */
export function openSurface(tab: MenuTab): Promise<SurfaceOpened> {
  const api = browser as unknown as {
    sidePanel?: { open(o: { windowId?: number; tabId?: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
    action?: { openPopup?(o?: { windowId?: number }): Promise<void> };
    browserAction?: { openPopup?(o?: { windowId?: number }): Promise<void> };
  };
  const action = api.action ?? api.browserAction;
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: typeof api.sidePanel } }).chrome?.sidePanel ?? api.sidePanel;
  const attempts: [SurfaceOpened, ApiCall][] = [];
  if (chromeSidePanel?.open) attempts.push(['sidepanel', () => chromeSidePanel.open({ windowId: tab.windowId })]);
  if (api.sidebarAction?.open) attempts.push(['sidepanel', () => api.sidebarAction!.open()]);
  if (action?.openPopup) attempts.push(['popup', () => action.openPopup!(tab.windowId !== undefined ? { windowId: tab.windowId } : undefined)]);
  const first = attempts[0];
  // Called now, before any await, so the user gesture still counts.
  const started = first ? safely(first[1]) : Promise.resolve(false);
  return (async () => {
    if (first && (await started)) return first[0];
    for (const [kind, call] of attempts.slice(1)) if (await safely(call)) return kind;
    if (tab.id === undefined) return 'none';
    try {
      await browser.tabs.create({
        url: browser.runtime.getURL(`/sidepanel.html?tabId=${tab.id}` as '/sidepanel.html'),
        index: tab.index !== undefined ? tab.index + 1 : undefined,
        windowId: tab.windowId,
      });
      return 'tab';
    } catch {
      return 'none';
    }
  })();
}

async function safely(call: ApiCall): Promise<boolean> {
  try {
    await call();
    return true;
  } catch {
    return false;
  }
}

export interface MenuClickInfo {
  menuItemId: string | number;
  linkUrl?: string;
  pageUrl?: string;
}

export function handleMenuClick(info: MenuClickInfo, tab: MenuTab | undefined): Promise<MenuOutcome> {
  const id = info.menuItemId;
  if (!tab || tab.id === undefined || tab.id < 0) return Promise.resolve({ action: 'ignored', error: 'The click did not come from a tab.' });
  const tabId = tab.id;
  if (id === MENU_IDS.highlight) {
    return setHighlight(tabId, 'toggle').then((highlight) => ({ action: 'highlight', highlight }));
  }
  if (id === MENU_IDS.checkLinks) return checkLinksFromMenu(tab, tabId);
  if (id !== MENU_IDS.inspectLink && id !== MENU_IDS.inspectPage) return Promise.resolve({ action: 'ignored' });
  const action = id === MENU_IDS.inspectLink ? 'inspect-link' : 'inspect-page';
  const linkUrl = action === 'inspect-link' && typeof info.linkUrl === 'string' && /^https?:|^file:/i.test(info.linkUrl) ? info.linkUrl : null;
  // Store the request first (synchronously started) so the surface finds it when it loads.
  const stored = setFocusRequest({ tabId, linkUrl, at: Date.now() }).catch(() => undefined);
  const opened = openSurface(tab);
  return Promise.all([stored, opened]).then(([, openedAs]) => ({
    action,
    opened: openedAs,
    error: restrictionOf(tab.url) ?? undefined,
  }));
}

/**
 * "Check links on this page": the surface opens on the page (its report updates as the check
 * ends), the permissions are asked for within the click (a user gesture; granted already, no
 * prompt), then the check runs in the background. Without them it says so and checks nothing.
 */
function checkLinksFromMenu(tab: MenuTab, tabId: number): Promise<MenuOutcome> {
  const stored = setFocusRequest({ tabId, linkUrl: null, at: Date.now() }).catch(() => undefined);
  const opened = openSurface(tab);
  // Called now, before any await, so the click still counts as the user's gesture.
  const asked = safely(() => browser.permissions.request(NET_PERMISSIONS as Browser.permissions.Permissions));
  return (async () => {
    const [, openedAs] = await Promise.all([stored, opened, asked]);
    const restricted = restrictionOf(tab.url);
    if (restricted) return { action: 'check-links', opened: openedAs, error: restricted };
    const r = await checkTabLinks(tabId);
    if (!r.ok) return { action: 'check-links', opened: openedAs, error: r.error.message };
    return { action: 'check-links', opened: openedAs, checked: { total: r.total, checked: r.results.length, cancelled: r.cancelled } };
  })();
}
