/** How much history is stored: counts, time span and the browser's storage estimate. */
import { dbOf, noop, type StoreOptions } from './tx.ts';

export interface HistoryStats {
  inspections: number;
  links: number;
  pages: number;
  oldest: number | null;
  newest: number | null;
  /** From navigator.storage.estimate() where available (bytes). */
  usage: number | null;
  quota: number | null;
}

export async function stats(opts?: StoreOptions): Promise<HistoryStats> {
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links']);
  const inspections = tx.objectStore('inspections');
  const [count, links, oldest, newest] = await Promise.all([
    inspections.count(),
    tx.objectStore('links').count(),
    inspections.index('byTime').openKeyCursor(null, 'next'),
    inspections.index('byTime').openKeyCursor(null, 'prev'),
  ]);
  const oldestTime = oldest ? (oldest.key as number) : null;
  const newestTime = newest ? (newest.key as number) : null;
  // Distinct pages: jump from one page's keys to the next one's.
  let pages = 0;
  let c = await inspections.index('byPageTime').openKeyCursor();
  while (c) {
    pages++;
    c = await c.continue([c.key[0], Infinity]);
  }
  await tx.done.catch(noop);
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    const est = await globalThis.navigator?.storage?.estimate?.();
    usage = est?.usage ?? null;
    quota = est?.quota ?? null;
  } catch {
    /* not available */
  }
  return { inspections: count, links, pages, oldest: oldestTime, newest: newestTime, usage, quota };
}
