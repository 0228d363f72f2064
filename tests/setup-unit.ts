import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Every test starts from a clean fake browser (storage, tabs, listeners).
beforeEach(() => {
  fakeBrowser.reset();
});
