import 'fake-indexeddb/auto';
import { options } from 'preact';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMessages, useLocale } from './helpers/i18n';
import { createNet } from '@/lib/background/net/fetch';
import { replaceBackgroundNet } from '@/lib/background/net/index';
import { forgetPageHeaders } from '@/lib/background/page-headers';

// Preact runs effects after requestAnimationFrame or a 35 ms timeout, whichever comes first; the
// timeout's callback calls cancelAnimationFrame, which is gone once a test file's jsdom is torn
// down: an effect scheduled in a file's last 35 ms threw an unhandled ReferenceError that failed
// the whole run (on a busy machine, now and then). A plain task runs them instead.
options.requestAnimationFrame = (callback) => void setTimeout(callback, 0);

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
