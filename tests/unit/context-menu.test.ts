import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const setHighlight = vi.fn();
vi.mock('@/lib/background/inspect-tab', () => ({ setHighlight: (...args: unknown[]) => setHighlight(...args) }));
const checkTabLinks = vi.fn();
vi.mock('@/lib/background/link-health/tab', () => ({ checkTabLinks: (...args: unknown[]) => checkTabLinks(...args) }));

const { MENU_IDS, createMenus, handleMenuClick, openSurface } = await import('@/lib/background/context-menu');
const { strictMenus } = await import('./strict-menus');
const { FOCUS_KEY, FOCUS_TTL_MS, takeFocusRequest } = await import('@/lib/focus-request');

type Api = Record<string, unknown>;
const api = fakeBrowser as unknown as { sidePanel?: Api; sidebarAction?: Api; action: Api };

beforeEach(() => {
  setHighlight.mockReset();
  checkTabLinks.mockReset();
  delete (globalThis as { chrome?: unknown }).chrome;
  delete api.sidebarAction;
  api.sidePanel = { open: vi.fn().mockResolvedValue(undefined) };
  api.action.openPopup = vi.fn().mockResolvedValue(undefined);
});

describe('createMenus', () => {
  it('creates the link and page items', async () => {
    const create = vi.fn();
    fakeBrowser.contextMenus.removeAll = vi.fn().mockResolvedValue(undefined) as never;
    fakeBrowser.contextMenus.create = create as never;
    await createMenus();
    expect(create.mock.calls.map(([c]) => [c.id, c.contexts, c.title])).toEqual([
      [MENU_IDS.inspectLink, ['link'], 'Inspect this link'],
      [MENU_IDS.inspectPage, ['page'], 'Inspect links on this page'],
      [MENU_IDS.checkLinks, ['page'], 'Check links on this page'],
      [MENU_IDS.highlight, ['page'], expect.stringMatching(/^Highlight links by placement/)],
    ]);
  });
});

describe('createMenus, called again', () => {
  it('never creates an id twice, even when runs overlap', async () => {
    const ids = strictMenus();
    await Promise.all([createMenus(), createMenus(), createMenus()]);
    await createMenus();
    expect([...ids].sort()).toEqual(Object.values(MENU_IDS).sort());
  });
});

describe('openSurface', () => {
  it('opens the side panel first, calling it synchronously (user gesture)', async () => {
    const promise = openSurface({ id: 3, windowId: 1 });
    expect(api.sidePanel!.open).toHaveBeenCalledWith({ windowId: 1 });
    expect(await promise).toBe('sidepanel');
  });

  it('uses Firefox’s sidebar when there is no side panel API', async () => {
    delete api.sidePanel;
    api.sidebarAction = { open: vi.fn().mockResolvedValue(undefined) };
    expect(await openSurface({ id: 3, windowId: 1 })).toBe('sidepanel');
  });

  it('falls back to the popup, then to the side panel page in a tab', async () => {
    (api.sidePanel!.open as ReturnType<typeof vi.fn>).mockRejectedValue(new Error('may only be called in response to a user gesture'));
    expect(await openSurface({ id: 3, windowId: 1 })).toBe('popup');
    (api.action.openPopup as ReturnType<typeof vi.fn>).mockRejectedValue(new Error('no window'));
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await openSurface({ id: 3, windowId: 1, index: 4 })).toBe('tab');
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/\/sidepanel\.html\?tabId=3$/), index: 5 }));
  });
});

describe('handleMenuClick', () => {
  it('"Inspect this link" stores which link to open and opens the side panel', async () => {
    const outcome = await handleMenuClick({ menuItemId: MENU_IDS.inspectLink, linkUrl: 'https://drip.example/kit' }, { id: 7, windowId: 1, url: 'https://garden.example/' });
    expect(outcome).toEqual({ action: 'inspect-link', opened: 'sidepanel', error: undefined });
    const { [FOCUS_KEY]: req } = await fakeBrowser.storage.session.get(FOCUS_KEY);
    expect(req).toMatchObject({ tabId: 7, linkUrl: 'https://drip.example/kit' });
  });

  it('never carries a javascript: link through', async () => {
    await handleMenuClick({ menuItemId: MENU_IDS.inspectLink, linkUrl: 'javascript:alert(1)' }, { id: 7, windowId: 1 });
    const { [FOCUS_KEY]: req } = await fakeBrowser.storage.session.get(FOCUS_KEY);
    expect(req).toMatchObject({ tabId: 7, linkUrl: null });
  });

  it('"Inspect links on this page" opens the side panel on the page', async () => {
    const outcome = await handleMenuClick({ menuItemId: MENU_IDS.inspectPage }, { id: 8, windowId: 1, url: 'https://garden.example/' });
    expect(outcome).toMatchObject({ action: 'inspect-page', opened: 'sidepanel' });
  });

  it('"Highlight links by placement" toggles the outlines', async () => {
    setHighlight.mockResolvedValue({ ok: true, on: true, count: 3 });
    const outcome = await handleMenuClick({ menuItemId: MENU_IDS.highlight }, { id: 9 });
    expect(setHighlight).toHaveBeenCalledWith(9, 'toggle');
    expect(outcome).toEqual({ action: 'highlight', highlight: { ok: true, on: true, count: 3 } });
  });

  it('"Check links on this page" opens the side panel, asks for the permissions within the click, then checks the tab', async () => {
    const request = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.request = request as never;
    checkTabLinks.mockResolvedValue({ ok: true, checkId: 1, total: 3, results: [{}, {}, {}], cancelled: false });
    const promise = handleMenuClick({ menuItemId: MENU_IDS.checkLinks }, { id: 11, windowId: 1, url: 'https://garden.example/post' });
    // Both before the first await: the click is still the user's gesture.
    expect(api.sidePanel!.open).toHaveBeenCalledWith({ windowId: 1 });
    expect(request).toHaveBeenCalledWith({ permissions: ['webRequest'], origins: ['<all_urls>'] });
    expect(await promise).toEqual({ action: 'check-links', opened: 'sidepanel', checked: { total: 3, checked: 3, cancelled: false } });
    expect(checkTabLinks).toHaveBeenCalledWith(11);
    const { [FOCUS_KEY]: req } = await fakeBrowser.storage.session.get(FOCUS_KEY);
    expect(req).toMatchObject({ tabId: 11, linkUrl: null });
  });

  it('"Check links" says why it did not check: refused permissions, a page it cannot read', async () => {
    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(false) as never;
    checkTabLinks.mockResolvedValue({ ok: false, error: { code: 'no-access', message: 'Checking links needs access to all sites.' } });
    expect(await handleMenuClick({ menuItemId: MENU_IDS.checkLinks }, { id: 12, windowId: 1, url: 'https://garden.example/' })).toMatchObject({
      action: 'check-links',
      error: 'Checking links needs access to all sites.',
    });
    checkTabLinks.mockClear();
    const restricted = await handleMenuClick({ menuItemId: MENU_IDS.checkLinks }, { id: 13, windowId: 1, url: 'chrome://settings/' });
    expect(restricted.error).toBeTruthy();
    expect(checkTabLinks).not.toHaveBeenCalled();
  });

  it('ignores clicks without a tab and unknown items', async () => {
    expect(await handleMenuClick({ menuItemId: MENU_IDS.highlight }, undefined)).toMatchObject({ action: 'ignored' });
    expect(await handleMenuClick({ menuItemId: 'other' }, { id: 1 })).toEqual({ action: 'ignored' });
  });
});

describe('takeFocusRequest', () => {
  it('hands a fresh request to the surface of that tab, once', async () => {
    await fakeBrowser.storage.session.set({ [FOCUS_KEY]: { tabId: 5, linkUrl: 'https://a.example/', at: Date.now() } });
    expect(await takeFocusRequest(6)).toBeNull();
    expect(await takeFocusRequest(5)).toMatchObject({ tabId: 5, linkUrl: 'https://a.example/' });
    expect(await takeFocusRequest(5)).toBeNull();
  });

  it('ignores stale and malformed requests', async () => {
    await fakeBrowser.storage.session.set({ [FOCUS_KEY]: { tabId: 5, linkUrl: 'https://a.example/', at: Date.now() - FOCUS_TTL_MS - 1 } });
    expect(await takeFocusRequest(5)).toBeNull();
    await fakeBrowser.storage.session.set({ [FOCUS_KEY]: { tabId: 'x' } });
    expect(await takeFocusRequest(null)).toBeNull();
  });
});
