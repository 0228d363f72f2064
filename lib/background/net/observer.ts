/**
 * The browser's own view of each response head. In extensions a `redirect: 'manual'` fetch comes
 * back as an opaque-redirect response — status 0, no headers, no Location — in Chrome MV3's
 * service worker and in Firefox MV2's background page alike (measured: docs/net.md). Following a
 * redirect hop by hop, each hop checked before it is requested, therefore needs the status and
 * Location from elsewhere: `webRequest` events, which both browsers fire for the extension's own
 * requests. The fetch module asks an observer before each request and reads the answer when the
 * response is opaque or the request failed (the error names DNS failures, which fetch does not).
 */
export interface ObservedHead {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The redirect target, absolute, when the browser reported one. */
  redirectUrl: string | null;
}

export type Observation = { head: ObservedHead; error?: never } | { error: string; head?: never };

export interface HopWatch {
  /** The head (or the network error) the browser saw for this request; null when none came within `ms`. */
  result(ms: number): Promise<Observation | null>;
  /** Stops watching. */
  done(): void;
}

export interface HopObserver {
  /** Starts watching one request; call it before the request is sent. */
  watch(method: string, url: string): HopWatch;
}

/**
 * A registry of watches keyed by method + URL, fed by whatever sees the responses (the
 * webRequest listener in the extension, a fake in tests). Two identical requests in flight are
 * served in order.
 */
/** How long a given-up watch waits for its late event. */
const LATE_EVENT_MS = 5_000;

export function createObservationHub(): HopObserver & { report(method: string, url: string, obs: Observation): boolean } {
  const pending = new Map<string, { settle: (o: Observation) => void; settled: boolean }[]>();
  const keyOf = (method: string, url: string) => `${method.toUpperCase()} ${url}`;
  return {
    watch(method, url) {
      const key = keyOf(method, url);
      let value: Observation | null = null;
      let wake: (() => void) | null = null;
      const entry = {
        settled: false,
        settle: (o: Observation) => {
          entry.settled = true;
          value = o;
          wake?.();
        },
      };
      const list = pending.get(key) ?? [];
      list.push(entry);
      pending.set(key, list);
      const remove = () => {
        const l = pending.get(key);
        if (!l) return;
        const i = l.indexOf(entry);
        if (i >= 0) l.splice(i, 1);
        if (!l.length) pending.delete(key);
      };
      // A watch given up before its event came (the fetch answered first) keeps its place for a
      // while, so its late event is not taken for the next request to the same URL.
      const abandon = () => {
        if (entry.settled) return remove();
        entry.settle = () => {
          entry.settled = true;
          remove();
        };
        setTimeout(remove, LATE_EVENT_MS);
      };
      return {
        async result(ms) {
          if (!value) {
            await new Promise<void>((resolve) => {
              const t = setTimeout(resolve, ms);
              wake = () => {
                clearTimeout(t);
                resolve();
              };
            });
            wake = null;
          }
          return value;
        },
        done: abandon,
      };
    },
    report(method, url, obs) {
      const entry = pending.get(keyOf(method, url))?.find((e) => !e.settled);
      if (!entry) return false;
      entry.settle(obs);
      return true;
    },
  };
}
