import 'fake-indexeddb/auto';
import { options } from 'preact';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Preact runs effects after requestAnimationFrame or a 35 ms timeout, whichever comes first; the
// timeout's callback calls cancelAnimationFrame, which is gone once a test file's jsdom is torn
// down: an effect scheduled in a file's last 35 ms threw an unhandled ReferenceError that failed
// the whole run (on a busy machine, now and then). A plain task runs them instead.
options.requestAnimationFrame = (callback) => void setTimeout(callback, 0);

// Every test starts from a clean fake browser (storage, tabs, listeners).
beforeEach(() => {
  fakeBrowser.reset();
});
