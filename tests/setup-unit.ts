import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createNet } from '@/lib/background/net/fetch';
import { replaceBackgroundNet } from '@/lib/background/net/index';
import { forgetPageHeaders } from '@/lib/background/page-headers';

/** Unit tests never reach the network: the background's fetch module gets a fetch that fails like an offline machine. */
const offline = (async () => {
  throw new TypeError('Failed to fetch (unit tests have no network)');
}) as typeof fetch;

// Every test starts from a clean fake browser (storage, tabs, listeners).
beforeEach(() => {
  fakeBrowser.reset();
  replaceBackgroundNet(createNet({ fetch: offline }));
  forgetPageHeaders();
});
