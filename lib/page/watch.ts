/**
 * Keeps a report current while a surface is open: a MutationObserver whose changes are debounced
 * with a maximum wait, analysed one at a time (changes during an analysis make one more, not one
 * each), ignoring our own overlay; it stops by itself after a while, so a forgotten watch costs
 * nothing. A page that mutates every 10 ms still gets a fresh report every WATCH_MAX_WAIT_MS; a
 * plain debounce never fired on it (issue #13 §4).
 */
export const WATCH_DEBOUNCE_MS = 600;
/** The longest a change waits for its analysis while the page keeps changing. */
export const WATCH_MAX_WAIT_MS = 2000;
export const WATCH_MAX_MS = 15 * 60_000;

export interface WatchOptions {
  debounceMs?: number;
  maxWaitMs?: number;
  /** The watch ends by itself after this long. */
  maxMs?: number;
  /** Nodes of our own (the overlay host): their mutations are not page changes. */
  isOwn?: (node: Node) => boolean;
}

export function watchPage(doc: Document, onChange: () => void | Promise<void>, options: WatchOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? WATCH_DEBOUNCE_MS;
  const maxWaitMs = options.maxWaitMs ?? WATCH_MAX_WAIT_MS;
  const isOwn = options.isOwn ?? (() => false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest change not analysed yet happened. */
  let pendingSince: number | null = null;
  let running = false;
  let stopped = false;

  const touchesLinks = (record: MutationRecord): boolean => {
    if (isOwn(record.target)) return false;
    if (record.type === 'attributes') return true;
    for (const list of [record.addedNodes, record.removedNodes]) {
      for (let i = 0; i < list.length; i++) if (list[i]!.nodeType === 1 && !isOwn(list[i]!)) return true;
    }
    return false;
  };

  const run = async () => {
    timer = null;
    pendingSince = null;
    running = true;
    try {
      await onChange();
    } catch {
      // one failed analysis must not end the watch
    } finally {
      running = false;
    }
    // Changes made while it ran: one more analysis for all of them.
    if (pendingSince !== null && !stopped) schedule();
  };

  const schedule = () => {
    const now = Date.now();
    pendingSince ??= now;
    if (running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now)));
  };

  const observer = new MutationObserver((records) => {
    if (records.some(touchesLinks)) schedule();
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href', 'rel', 'hidden', 'style', 'class'],
  });
  const stop = () => {
    stopped = true;
    observer.disconnect();
    if (timer) clearTimeout(timer);
    clearTimeout(expiry);
  };
  const expiry = setTimeout(stop, options.maxMs ?? WATCH_MAX_MS);
  return stop;
}
