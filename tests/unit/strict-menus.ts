import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Menus in a browser that refuses a second item with the same id, as Chrome and Firefox do.
 * removeAll clears at once and answers later, as the browser does (its reply is a message):
 * two runs that overlap both clear, then both create. Returns the ids that exist.
 */
export function strictMenus(): Set<string> {
  const ids = new Set<string>();
  fakeBrowser.contextMenus.removeAll = vi.fn(async () => {
    ids.clear();
    await new Promise((r) => setTimeout(r, 5));
  }) as never;
  fakeBrowser.contextMenus.create = vi.fn((props: { id: string }) => {
    if (ids.has(props.id)) throw new Error(`ID already exists: ${props.id}`);
    ids.add(props.id);
    return props.id;
  }) as never;
  return ids;
}
