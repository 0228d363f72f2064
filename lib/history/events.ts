/**
 * Change notifications between extension contexts (background saves → side panel refreshes).
 * BroadcastChannel reaches every page and worker of the extension's origin, including other
 * channel objects in the sending context. Where it does not exist, listeners in the same
 * context are called directly.
 */
export type HistoryChange =
  | { type: 'saved'; pageUrl: string; id: number }
  | { type: 'imported'; added: number }
  | { type: 'pruned' }
  | { type: 'cleared' };

const CHANNEL = 'backlink-inspector-history';
let sender: BroadcastChannel | null = null;
const local = new Set<(c: HistoryChange) => void>();

function hasChannel(): boolean {
  return typeof BroadcastChannel === 'function';
}

/** Node keeps the process alive while a channel is open; browsers have no unref. */
function unref(ch: BroadcastChannel): BroadcastChannel {
  (ch as unknown as { unref?: () => void }).unref?.();
  return ch;
}

export function notifyHistoryChanged(change: HistoryChange): void {
  try {
    if (hasChannel()) {
      sender ??= unref(new BroadcastChannel(CHANNEL));
      sender.postMessage(change);
      return;
    }
  } catch {
    /* fall back to local delivery */
  }
  for (const l of local) {
    try {
      l(change);
    } catch {
      /* a listener's failure is its own */
    }
  }
}

function isChange(data: unknown): data is HistoryChange {
  return !!data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string';
}

/** Calls `listener` on every change made in this or another context; returns unsubscribe. */
export function onHistoryChanged(listener: (c: HistoryChange) => void): () => void {
  if (hasChannel()) {
    try {
      const channel = unref(new BroadcastChannel(CHANNEL));
      channel.onmessage = (ev: MessageEvent) => {
        if (isChange(ev.data)) listener(ev.data);
      };
      return () => channel.close();
    } catch {
      /* fall back to local delivery */
    }
  }
  local.add(listener);
  return () => local.delete(listener);
}
