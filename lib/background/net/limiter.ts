/**
 * Slots for network requests: at most `perHost` at once to one host and `global` in all, with an
 * optional gap between two requests starting on the same host (politeness, user-settable for
 * link checks). Waiters are served first come, first served, skipping those whose host is full,
 * so one busy host never holds up the others. A waiter whose signal aborts leaves the queue.
 */
export interface LimiterOptions {
  perHost: number;
  global: number;
  /** Injected clock and timer for tests; defaults to the real ones. */
  now?: () => number;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** At least this many ms between two requests starting on this host. */
  gapMs?: number;
}

export interface Limiter {
  /** Resolves with a release function once a slot is free; rejects with the signal's reason on abort. */
  acquire(host: string, options?: AcquireOptions): Promise<() => void>;
  /** Requests running now (for tests and the bench). */
  readonly active: number;
  activeFor(host: string): number;
}

interface Waiter {
  host: string;
  gapMs: number;
  grant: () => void;
}

export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? (() => Date.now());
  const perHost = new Map<string, number>();
  const lastStart = new Map<string, number>();
  const queue: Waiter[] = [];
  let active = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerAt = Infinity;

  const canStart = (w: Waiter): number => {
    // 0 = now; > 0 = wait that many ms for the host's gap; -1 = no slot.
    if (active >= options.global || (perHost.get(w.host) ?? 0) >= options.perHost) return -1;
    const since = now() - (lastStart.get(w.host) ?? -Infinity);
    return since >= w.gapMs ? 0 : w.gapMs - since;
  };

  const start = (w: Waiter) => {
    active++;
    perHost.set(w.host, (perHost.get(w.host) ?? 0) + 1);
    lastStart.set(w.host, now());
  };

  const pump = () => {
    let soonest = Infinity;
    for (let i = 0; i < queue.length && active < options.global; ) {
      const w = queue[i]!;
      const wait = canStart(w);
      if (wait === 0) {
        queue.splice(i, 1);
        start(w);
        w.grant();
      } else {
        if (wait > 0) soonest = Math.min(soonest, wait);
        i++;
      }
    }
    // One timer, for the earliest host whose gap runs out.
    if (soonest < Infinity && now() + soonest < timerAt) {
      if (timer) clearTimeout(timer);
      timerAt = now() + soonest;
      timer = setTimeout(() => {
        timer = null;
        timerAt = Infinity;
        pump();
      }, soonest);
    }
  };

  const releaser = (host: string) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      active--;
      const n = (perHost.get(host) ?? 1) - 1;
      if (n > 0) perHost.set(host, n);
      else perHost.delete(host);
      pump();
    };
  };

  return {
    acquire(host, { signal, gapMs = 0 } = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const w: Waiter = {
          host,
          gapMs,
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaser(host));
          },
        };
        const onAbort = () => {
          const i = queue.indexOf(w);
          if (i >= 0) queue.splice(i, 1);
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(w);
        pump();
      });
    },
    get active() {
      return active;
    },
    activeFor: (host) => perHost.get(host) ?? 0,
  };
}
