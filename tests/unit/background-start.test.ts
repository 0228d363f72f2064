/** What the background does when it starts (each browser start, install or wake-up). */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { strictMenus } from './strict-menus';

// The inspection pipeline is not under test here.
vi.mock('@/lib/background/inspect-tab', () => ({
  compareWithTarget: vi.fn(),
  forgetSnapshot: vi.fn(),
  inspectAndRecord: vi.fn(),
  inspectTab: vi.fn(),
  onSnapshotUpdated: vi.fn(),
  revealLink: vi.fn(),
  setHighlight: vi.fn(),
  unwatchTab: vi.fn(),
  updateBadge: vi.fn(),
}));

// The messaging library registers its listeners through the `chrome` global.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

const { MENU_IDS } = await import('@/lib/background/context-menu');
const { default: background } = await import('@/entrypoints/background');

describe('background start-up', () => {
  it('creates the context menus at every start, not only on install (Firefox forgets them when the browser restarts)', async () => {
    const ids = strictMenus();
    fakeBrowser.contextMenus.onClicked.addListener = vi.fn() as never;
    background.main();
    // No runtime.onInstalled event is fired: this is a plain start.
    await vi.waitFor(() => expect([...ids].sort()).toEqual(Object.values(MENU_IDS).sort()));
  });
});
