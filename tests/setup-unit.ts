import 'fake-indexeddb/auto';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMessages, useLocale } from './helpers/i18n';

await loadMessages('en');
// @wxt-dev/i18n reads `chrome` (through @wxt-dev/browser) when it is imported: the fake browser.
vi.stubGlobal('chrome', fakeBrowser);

// Every test starts from a clean fake browser (storage, tabs, listeners), speaking English.
beforeEach(async () => {
  fakeBrowser.reset();
  await useLocale('en');
});
