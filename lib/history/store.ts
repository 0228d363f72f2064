/**
 * History store: saves every inspection with its links and answers the history queries.
 *
 * Every write is ONE IndexedDB transaction, so a write that fails midway (quota, a crash, an
 * unclonable value) leaves nothing behind, and concurrent saves from several tabs are serialized
 * by IndexedDB itself (readwrite transactions over the same stores never interleave).
 *
 * Every function takes an optional `{ db }` so tests can use separate connections (two "tabs").
 */
import type { PageReport } from '../report.ts';
import type { IDBPTransaction } from 'idb';
import { getHistoryDb, type HistoryDB, type HistorySchema } from './db.ts';
import { normalizeUrl } from './normalize-url.ts';
import { inspectionKey } from './key.ts';
import { HistoryError, toHistoryError } from './errors.ts';
import { indexDomainFor, linkMatchesDomain, normalizeDomainInput, normalizeDomainList } from './domains.ts';
import type { InspectionRecord, LinkRecord, NewInspection, NewLink } from './types.ts';
import { notifyHistoryChanged } from './events.ts';

export interface StoreOptions {
  db?: HistoryDB;
}

function dbOf(opts?: StoreOptions): Promise<HistoryDB> {
  return opts?.db ? Promise.resolve(opts.db) : getHistoryDb();
}

/** A readwrite transaction over inspections + links. */
export type WriteTx = IDBPTransaction<HistorySchema, ['inspections', 'links'], 'readwrite'>;

function noop(): void {}

/** Rolls a transaction back (if it is still alive) and waits until it has ended. */
async function abortQuietly(tx: { abort(): void; done: Promise<void> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    /* already finished or aborted */
  }
  await tx.done.catch(noop);
}

export function timeOf(report: Pick<PageReport, 'generatedAt'>): number {
  const t = Date.parse(report.generatedAt);
  return Number.isFinite(t) ? t : Date.now();
}

/** The records one report becomes (inspection without id; links without ids/owner). */
export function reportToRecords(report: PageReport): {
  inspection: NewInspection;
  links: Omit<NewLink, 'inspectionId'>[];
} {
  const pageUrl = normalizeUrl(report.url || report.finalUrl);
  const time = timeOf(report);
  const inspection: NewInspection = {
    key: inspectionKey(pageUrl, time, report.links),
    pageUrl,
    url: report.url,
    finalUrl: report.finalUrl,
    title: report.title,
    time,
    counts: report.counts,
    facts: {
      reportVersion: report.version,
      language: report.language,
      description: report.description,
      canonical: report.canonical,
      canonicalElsewhere: report.canonicalElsewhere,
      metaRobots: report.metaRobots,
      indexable: report.indexable,
      pageNofollow: report.pageNofollow,
      frames: report.frames,
      timing: report.timing,
      site: report.site ?? null,
    },
    linkCount: report.links.length,
  };
  const links = report.links.map((l) => ({ ...l, pageUrl, time }));
  return { inspection, links };
}

export interface SaveResult {
  id: number;
  pageUrl: string;
  /** The same inspection (same page, time and links) was already stored; nothing was added. */
  duplicate: boolean;
}

/**
 * Adds prepared records in the given readwrite transaction. Returns the new id, or the existing
 * id when an identical inspection is already stored. Throws (synchronously or not) on failure;
 * the caller aborts the transaction.
 */
export async function addInspectionInTx(
  tx: WriteTx,
  inspection: NewInspection,
  links: readonly Omit<NewLink, 'inspectionId'>[],
): Promise<{ id: number; duplicate: boolean }> {
  const inspections = tx.objectStore('inspections');
  const existing = await inspections.index('byKey').getKey(inspection.key);
  if (existing !== undefined) return { id: existing, duplicate: true };
  const id = await inspections.add(inspection as InspectionRecord);
  const store = tx.objectStore('links');
  const pending: Promise<unknown>[] = [];
  for (const l of links) {
    const p = store.add({ ...l, inspectionId: id } as LinkRecord);
    p.catch(noop); // the first failure is reported through Promise.all below
    pending.push(p);
  }
  await Promise.all(pending);
  return { id, duplicate: false };
}

/**
 * Stores one inspection and all its links in ONE readwrite transaction. Safe to call
 * concurrently (from several tabs or contexts): every call gets its own transaction and ids.
 * Saving the very same report twice stores it once. Throws a HistoryError
 * (HistoryQuotaError when storage is full); on error nothing of this inspection is stored.
 */
export async function saveInspection(report: PageReport, opts?: StoreOptions): Promise<SaveResult> {
  let records: ReturnType<typeof reportToRecords>;
  try {
    records = reportToRecords(report);
  } catch (e) {
    throw new HistoryError('failed', 'This report could not be saved: it is not a valid page report.', { cause: e });
  }
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  let result: { id: number; duplicate: boolean };
  try {
    result = await addInspectionInTx(tx, records.inspection, records.links);
    await tx.done;
  } catch (e) {
    await abortQuietly(tx);
    throw toHistoryError(e);
  }
  const pageUrl = records.inspection.pageUrl;
  if (!result.duplicate) {
    notifyHistoryChanged({ type: 'saved', pageUrl, id: result.id });
    // Retention is applied after the save commits, in its own transaction; a failure there
    // must never fail the save.
    try {
      await applyRetention({ db });
    } catch {
      /* retried on the next save */
    }
  }
  return { id: result.id, pageUrl, duplicate: result.duplicate };
}

export interface ListOptions extends StoreOptions {
  /** At most this many, newest first. */
  limit?: number;
}

/** All inspections of one page, newest first (summaries: no links). */
export async function listInspections(pageUrl: string, opts: ListOptions = {}): Promise<InspectionRecord[]> {
  const db = await dbOf(opts);
  const page = normalizeUrl(pageUrl);
  const range = IDBKeyRange.bound([page, -Infinity], [page, Infinity]);
  const index = db.transaction('inspections').store.index('byPageTime');
  const limit = opts.limit;
  if (limit === undefined) return (await index.getAll(range)).reverse();
  const out: InspectionRecord[] = [];
  if (limit <= 0) return out;
  let cursor = await index.openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function getInspection(id: number, opts?: StoreOptions): Promise<InspectionRecord | undefined> {
  const db = await dbOf(opts);
  return db.get('inspections', id);
}

/** The links of one inspection, in document order. */
export async function linksOf(inspectionId: number, opts?: StoreOptions): Promise<LinkRecord[]> {
  const db = await dbOf(opts);
  const links = await db.getAllFromIndex('links', 'byInspection', inspectionId);
  return links.sort((a, b) => a.index - b.index);
}

export interface BacklinkGroup {
  /** The user's domain this page links to (normalized). */
  myDomain: string;
  /** The linking page (normalized URL). */
  pageUrl: string;
  /** Title of the page at its latest inspection. */
  pageTitle: string;
  firstSeen: number;
  lastSeen: number;
  /** Inspections of this page that contained a link to the domain. */
  timesSeen: number;
  /** `lost`: the page's latest inspection no longer links to the domain. */
  status: 'live' | 'lost';
  /** Time of the first inspection without the link, when lost. */
  lostAt: number | null;
  /** The best link (highest score) of the latest inspection that had one. */
  latest: {
    inspectionId: number;
    targetUrl: string | null;
    text: string;
    placement: LinkRecord['placement'];
    rel: string[];
    followed: boolean;
    score: number;
    /** score × the linking site's strength (null or absent for links saved before linkValue existed). */
    linkValue?: number | null;
  };
  /** Links to the domain in that inspection. */
  linksInLatest: number;
}

/**
 * Every page seen linking to `domain` (or its subdomains), across all inspections, grouped per
 * linking page. Internal links (a site linking to itself) are not backlinks and are left out.
 * Lost backlinks come first, then by score.
 */
export async function backlinksTo(domain: string, opts?: StoreOptions): Promise<BacklinkGroup[]> {
  const myDomain = normalizeDomainInput(domain);
  if (!myDomain) return [];
  const db = await dbOf(opts);
  const tx = db.transaction(['links', 'inspections']);
  const links = await tx.objectStore('links').index('byDomain').getAll(indexDomainFor(myDomain));

  interface Acc {
    firstSeen: number;
    lastSeen: number;
    inspections: Set<number>;
    latestId: number;
    latest: LinkRecord[];
  }
  const groups = new Map<string, Acc>();
  for (const l of links) {
    if (l.internal || l.kind !== 'http' || !linkMatchesDomain(l, myDomain)) continue;
    let g = groups.get(l.pageUrl);
    if (!g) {
      g = { firstSeen: l.time, lastSeen: l.time, inspections: new Set(), latestId: l.inspectionId, latest: [] };
      groups.set(l.pageUrl, g);
    }
    g.inspections.add(l.inspectionId);
    if (l.time < g.firstSeen) g.firstSeen = l.time;
    const newer = l.time > g.lastSeen || (l.time === g.lastSeen && l.inspectionId > g.latestId);
    if (newer) {
      g.lastSeen = l.time;
      g.latestId = l.inspectionId;
      g.latest = [l];
    } else if (l.inspectionId === g.latestId) {
      g.latest.push(l);
    }
  }

  const pageIndex = tx.objectStore('inspections').index('byPageTime');
  const out = await Promise.all(
    [...groups].map(async ([pageUrl, g]): Promise<BacklinkGroup> => {
      // The page's latest inspection tells whether the backlink is still there.
      const range = IDBKeyRange.bound([pageUrl, -Infinity], [pageUrl, Infinity]);
      const newest = await pageIndex.openCursor(range, 'prev');
      const latestOfPage = newest?.value;
      let status: BacklinkGroup['status'] = 'live';
      let lostAt: number | null = null;
      if (latestOfPage && latestOfPage.id !== g.latestId && latestOfPage.time >= g.lastSeen) {
        status = 'lost';
        // The first inspection after the last sighting.
        const after = await pageIndex.openCursor(IDBKeyRange.bound([pageUrl, g.lastSeen], [pageUrl, Infinity], true));
        lostAt = after?.value.time ?? latestOfPage.time;
      }
      const best = g.latest.reduce((a, b) => (b.score > a.score ? b : a));
      return {
        myDomain,
        pageUrl,
        pageTitle: latestOfPage?.title ?? '',
        firstSeen: g.firstSeen,
        lastSeen: g.lastSeen,
        timesSeen: g.inspections.size,
        status,
        lostAt,
        latest: {
          inspectionId: best.inspectionId,
          targetUrl: best.url,
          text: best.text,
          placement: best.placement,
          rel: best.rel,
          followed: best.followed,
          score: best.score,
          linkValue: best.linkValue ?? null,
        },
        linksInLatest: g.latest.length,
      };
    }),
  );
  await tx.done.catch(noop);
  return out.sort(
    (a, b) =>
      (a.status === 'lost' ? 0 : 1) - (b.status === 'lost' ? 0 : 1) ||
      b.latest.score - a.latest.score ||
      b.lastSeen - a.lastSeen,
  );
}

/** backlinksTo for several domains, concatenated (domains deduplicated after normalization). */
export async function backlinksToDomains(domains: readonly string[], opts?: StoreOptions): Promise<BacklinkGroup[]> {
  const seen = new Set<string>();
  const out: BacklinkGroup[] = [];
  for (const d of domains) {
    const n = normalizeDomainInput(d);
    if (!n || seen.has(n)) continue;
    seen.add(n);
    out.push(...(await backlinksTo(n, opts)));
  }
  return out;
}

export interface PruneResult {
  inspections: number;
  links: number;
  /** Old inspections kept because they hold a backlink to one of `keepDomains`. */
  kept: number;
}

export interface PruneOptions extends StoreOptions {
  now?: number;
  /**
   * The user's domains: inspections holding a backlink to one of them are never pruned, so the
   * backlink list keeps its "first seen" history. Defaults to the list stored with
   * setKeepDomains() (the side panel keeps it current).
   */
  keepDomains?: readonly string[];
}

async function keepListFor(opts: PruneOptions): Promise<string[]> {
  return normalizeDomainList(opts.keepDomains ?? (await getKeepDomains(opts)));
}

/**
 * Deletes inspections (and their links) older than `ms` before `now`, in one transaction,
 * except those that hold a backlink to one of the user's domains.
 */
export async function pruneOlderThan(ms: number, opts: PruneOptions = {}): Promise<PruneResult> {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('pruneOlderThan: ms must be a non-negative number');
  const cutoff = (opts.now ?? Date.now()) - ms;
  const keep = await keepListFor(opts);
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  const result: PruneResult = { inspections: 0, links: 0, kept: 0 };
  try {
    const linkStore = tx.objectStore('links');
    const byInspection = linkStore.index('byInspection');
    let cursor = await tx.objectStore('inspections').index('byTime').openCursor(IDBKeyRange.upperBound(cutoff, true));
    while (cursor) {
      const id = cursor.primaryKey;
      let linkKeys: number[];
      if (keep.length) {
        const links = await byInspection.getAll(id);
        if (links.some((l) => !l.internal && l.kind === 'http' && keep.some((d) => linkMatchesDomain(l, d)))) {
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
export async function countOlderThan(ms: number, opts: PruneOptions = {}): Promise<number> {
  const keep = await keepListFor(opts);
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links']);
  const byInspection = tx.objectStore('links').index('byInspection');
  const range = IDBKeyRange.upperBound((opts.now ?? Date.now()) - ms, true);
  const index = tx.objectStore('inspections').index('byTime');
  if (!keep.length) return index.count(range);
  let n = 0;
  for (const id of await index.getAllKeys(range)) {
    const links = await byInspection.getAll(id);
    if (!links.some((l) => !l.internal && l.kind === 'http' && keep.some((d) => linkMatchesDomain(l, d)))) n++;
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

// ---------------------------------------------------------------------------------------------
// Retention setting (stored in the `meta` store).

const RETENTION_KEY = 'retentionMs';
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Choices offered in the UI; null = keep forever. */
export const RETENTION_CHOICES: readonly { label: string; ms: number | null }[] = [
  { label: '1 week', ms: 7 * DAY_MS },
  { label: '1 month', ms: 30 * DAY_MS },
  { label: '3 months', ms: 90 * DAY_MS },
  { label: '1 year', ms: 365 * DAY_MS },
  { label: 'Forever', ms: null },
];

/** How long history is kept, in ms; null = forever (the default). */
export async function getRetention(opts?: StoreOptions): Promise<number | null> {
  const db = await dbOf(opts);
  const v = (await db.get('meta', RETENTION_KEY))?.value;
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

const KEEP_DOMAINS_KEY = 'keepDomains';

/** The user's domains as last given to setKeepDomains (used by pruning after each save). */
export async function getKeepDomains(opts?: StoreOptions): Promise<string[]> {
  const db = await dbOf(opts);
  const v = (await db.get('meta', KEEP_DOMAINS_KEY))?.value;
  return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : [];
}

/** Records the user's domains so retention never prunes backlinks to them. */
export async function setKeepDomains(domains: readonly string[], opts?: StoreOptions): Promise<void> {
  const list = normalizeDomainList(domains);
  const db = await dbOf(opts);
  const current = await getKeepDomains({ db });
  if (current.join('\n') === list.join('\n')) return;
  try {
    await db.put('meta', { key: KEEP_DOMAINS_KEY, value: list });
  } catch (e) {
    throw toHistoryError(e);
  }
}

/** Prunes according to the retention setting. */
export async function applyRetention(opts: PruneOptions = {}): Promise<PruneResult> {
  const ms = await getRetention(opts);
  if (ms === null) return { inspections: 0, links: 0, kept: 0 };
  return pruneOlderThan(ms, opts);
}
