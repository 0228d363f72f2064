/**
 * Cooperative chunking: long loops call `maybeYield()` and give the page's main thread back
 * once the current slice has run for `sliceMs`, so no task blocks input for long.
 */
export interface Yielder {
  maybeYield(): Promise<void> | void;
  /** The longest slice run so far, in ms. */
  readonly longestSliceMs: number;
}

/**
 * Gives the main thread back for a moment. `scheduler.yield()` where it exists; otherwise a
 * MessageChannel task, which unlike nested setTimeout(0) is not clamped to 4 ms.
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createYielder(sliceMs = 12, now: () => number = () => performance.now()): Yielder {
  let sliceStart = now();
  let longest = 0;
  return {
    maybeYield() {
      const elapsed = now() - sliceStart;
      if (elapsed < sliceMs) return;
      longest = Math.max(longest, elapsed);
      return yieldToMain().then(() => {
        sliceStart = now();
      });
    },
    get longestSliceMs() {
      return Math.max(longest, now() - sliceStart);
    },
  };
}
