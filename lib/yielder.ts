/**
 * Cooperative chunking: long loops call `maybeYield()` and give the page's main thread back
 * once the current slice has run for `sliceMs`, so no task blocks input for long.
 */
/**
 * How often loops offer to yield, as bit masks (`(i & EVERY_LINKS) === EVERY_LINKS`): every 64 links
 * and every 2,048 element records. An offer costs one clock read; between two offers runs at most a
 * few ms of work even on a slow or busy machine, so no task nears 50 ms.
 */
export const EVERY_LINKS = 63;
export const EVERY_BLOCKS = 2047;

/** Offered between slices of work: resolves after the page had its turn, or returns at once. */
export type Checkpoint = () => Promise<void> | void;

export interface Yielder {
  maybeYield: Checkpoint;
  /**
   * One ordinary task for the page (setTimeout 0, behind its pending timers: scheduler.yield
   * would run first). The wait is the page's time, not a slice of ours.
   */
  turn(): Promise<void>;
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
    turn() {
      longest = Math.max(longest, now() - sliceStart);
      return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
        sliceStart = now();
      });
    },
    get longestSliceMs() {
      return Math.max(longest, now() - sliceStart);
    },
  };
}
