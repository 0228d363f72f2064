import 'fake-indexeddb/auto';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMessages, useLocale } from './helpers/i18n';
import { createNet } from '@/lib/background/net/fetch';
import { replaceBackgroundNet } from '@/lib/background/net/index';
import { forgetPageHeaders } from '@/lib/background/page-headers';

/** Unit tests never reach the network: the background's fetch module gets a fetch that fails like an offline machine. */
const offline = (async () => {
  throw new TypeError('Failed to fetch (unit tests have no network)');
}) as typeof fetch;

await loadMessages('en');
// @wxt-dev/i18n reads `chrome` (through @wxt-dev/browser) when it is imported: the fake browser.
vi.stubGlobal('chrome', fakeBrowser);

// Every test starts from a clean fake browser (storage, tabs, listeners), speaking English.
beforeEach(async () => {
  fakeBrowser.reset();
  await useLocale('en');
  replaceBackgroundNet(createNet({ fetch: offline }));
  forgetPageHeaders();
});
