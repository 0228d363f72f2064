/**
 * Rate limiting per provider: one request at a time, and at least `gapMs` between the starts of
 * two requests. The clock is injected so tests check the spacing without waiting for it.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Pacer {
  run<T>(provider: string, gapMs: number, task: () => Promise<T>): Promise<T>;
}

export function createPacer(clock: Clock = realClock): Pacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();
  return {
    run(provider, gapMs, task) {
      const previous = tails.get(provider) ?? Promise.resolve();
      const next = previous.then(async () => {
        const last = lastStart.get(provider);
        const wait = last === undefined ? 0 : last + gapMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        lastStart.set(provider, clock.now());
        return task();
      });
      tails.set(provider, next.catch(() => undefined));
      return next;
    },
  };
}
