/**
 * What history keeps: the retention setting (in the `meta` store), pruning older inspections
 * (never those holding a backlink to the user's domains) and clearing everything.
 */
import { toHistoryError } from './errors.ts';
import { notifyHistoryChanged } from './events.ts';
import { createDomainMatcher, normalizeDomainList } from '../my-domains.ts';
import { backlinkDomain } from './domains.ts';
import { abortQuietly, dbOf, noop, type StoreOptions } from './tx.ts';
import type { LinkRecord } from './types.ts';

export interface PruneResult {
  inspections: number;
  links: number;
  /** Old inspections kept because they hold a backlink to one of `keepDomains`. */
  kept: number;
}

export interface PruneOptions extends StoreOptions {
  now?: number;
  /**
   * The user's domains (the background passes its list; the surfaces theirs, read from the same
   * settings): inspections holding a backlink to one of them are never pruned, so the backlink
   * list keeps its "first seen" history.
   */
  keepDomains: readonly string[];
}

/** Does this inspection hold a backlink to one of `keep`? Such inspections are never pruned. */
function holdsBacklink(links: readonly LinkRecord[], keep: readonly string[]): boolean {
  const match = createDomainMatcher(keep);
  return links.some((l) => backlinkDomain(l, match) !== null);
}

/**
 * Deletes inspections (and their links) last seen more than `ms` before `now`, in one
 * transaction, except those that hold a backlink to one of the user's domains.
 */
export async function pruneOlderThan(ms: number, opts: PruneOptions): Promise<PruneResult> {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('pruneOlderThan: ms must be a non-negative number');
  const cutoff = (opts.now ?? Date.now()) - ms;
  const keep = normalizeDomainList(opts.keepDomains);
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  const result: PruneResult = { inspections: 0, links: 0, kept: 0 };
  try {
    const linkStore = tx.objectStore('links');
    const byInspection = linkStore.index('byInspection');
    let cursor = await tx.objectStore('inspections').index('byLastSeen').openCursor(IDBKeyRange.upperBound(cutoff, true));
    while (cursor) {
      const id = cursor.primaryKey;
      let linkKeys: number[];
      if (keep.length) {
        const links = await byInspection.getAll(id);
        if (holdsBacklink(links, keep)) {
          result.kept++;
          cursor = await cursor.continue();
          continue;
        }
        linkKeys = links.map((l) => l.id);
      } else {
        linkKeys = await byInspection.getAllKeys(id);
      }
      for (const k of linkKeys) {
        const p = linkStore.delete(k);
        p.catch(noop);
      }
      result.links += linkKeys.length;
      result.inspections++;
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  } catch (e) {
    await abortQuietly(tx);
    throw toHistoryError(e);
  }
  if (result.inspections) notifyHistoryChanged({ type: 'pruned' });
  return result;
}

/** How many inspections pruneOlderThan(ms) would delete (to warn before shortening retention). */
export async function countOlderThan(ms: number, opts: PruneOptions): Promise<number> {
  const keep = normalizeDomainList(opts.keepDomains);
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links']);
  const byInspection = tx.objectStore('links').index('byInspection');
  const range = IDBKeyRange.upperBound((opts.now ?? Date.now()) - ms, true);
  const index = tx.objectStore('inspections').index('byLastSeen');
  if (!keep.length) return index.count(range);
  let n = 0;
  for (const id of await index.getAllKeys(range)) {
    if (!holdsBacklink(await byInspection.getAll(id), keep)) n++;
  }
  return n;
}

/** Deletes all inspections and links (settings are kept), in one transaction. */
export async function clearAll(opts?: StoreOptions): Promise<void> {
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  try {
    await Promise.all([tx.objectStore('inspections').clear(), tx.objectStore('links').clear()]);
    await tx.done;
  } catch (e) {
    await abortQuietly(tx);
    throw toHistoryError(e);
  }
  notifyHistoryChanged({ type: 'cleared' });
}

// ---------------------------------------------------------------------------------------------
// Retention setting (stored in the `meta` store).

const RETENTION_KEY = 'retentionMs';
const APPLIED_KEY = 'retentionAppliedAt';
export const DAY_MS = 24 * 60 * 60 * 1000;
/** History is kept this long unless the user chooses otherwise (backlinks to their domains always). */
export const DEFAULT_RETENTION_MS = 180 * DAY_MS;
/** Retention after saves runs at most this often: it re-reads the kept inspections' links. */
const APPLY_EVERY_MS = 60 * 60 * 1000;
/** Choices offered in the UI; null = keep forever. */
export const RETENTION_CHOICES: readonly { label: string; ms: number | null }[] = [
  { label: '1 week', ms: 7 * DAY_MS },
  { label: '1 month', ms: 30 * DAY_MS },
  { label: '3 months', ms: 90 * DAY_MS },
  { label: '6 months', ms: DEFAULT_RETENTION_MS },
  { label: '1 year', ms: 365 * DAY_MS },
  { label: 'Forever', ms: null },
];

/** How long history is kept, in ms; null = forever. DEFAULT_RETENTION_MS until the user chooses. */
export async function getRetention(opts?: StoreOptions): Promise<number | null> {
  const db = await dbOf(opts);
  const stored = await db.get('meta', RETENTION_KEY);
  if (!stored) return DEFAULT_RETENTION_MS;
  const v = stored.value;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

export async function setRetention(ms: number | null, opts?: StoreOptions): Promise<void> {
  if (ms !== null && (!Number.isFinite(ms) || ms <= 0)) throw new RangeError('Retention must be a positive number of ms or null');
  const db = await dbOf(opts);
  try {
    await db.put('meta', { key: RETENTION_KEY, value: ms });
  } catch (e) {
    throw toHistoryError(e);
  }
}

/** Prunes according to the retention setting. */
export async function applyRetention(opts: PruneOptions): Promise<PruneResult> {
  const ms = await getRetention(opts);
  if (ms === null) return { inspections: 0, links: 0, kept: 0 };
  return pruneOlderThan(ms, opts);
}

/** applyRetention, unless it ran less than an hour ago (the background calls this after saves). */
export async function applyRetentionIfDue(opts: PruneOptions): Promise<PruneResult | null> {
  const now = opts.now ?? Date.now();
  const db = await dbOf(opts);
  const last = (await db.get('meta', APPLIED_KEY))?.value;
  if (typeof last === 'number' && now - last >= 0 && now - last < APPLY_EVERY_MS) return null;
  const result = await applyRetention({ ...opts, db, now });
  await db.put('meta', { key: APPLIED_KEY, value: now });
  return result;
}
