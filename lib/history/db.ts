/**
 * The history database: schema, versions and the upgrade path.
 *
 * v1  inspections {id auto} indexes byPage(pageUrl), byTime(time)
 *     links       {id auto} indexes byInspection(inspectionId), byDomain(domain)
 * v2  inspections + derived `key` (unique index byKey, for merge without duplicates)
 *                 + index byPageTime([pageUrl, time]) replacing byPage (history newest first)
 *     links       + derived `pageUrl` and `time` copied from their inspection (backlink queries
 *                   need no join), + index byDomainTime([domain, time])
 *     meta        new key/value store (settings such as retention)
 * v3  inspections + `lastSeen` (= time on every existing record; index byLastSeen): re-inspecting
 *                   an unchanged page moves it instead of storing a copy, and retention reads it
 *     meta        - `keepDomains` (the background now hands the user's domains to pruning)
 *
 * Each version's step is kept as its own function, so a test can create a genuine v1 database
 * and then open it with the current code. Upgrades never drop a record.
 */
import { openDB, deleteDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { InspectionRecord, LinkRecord, MetaRecord } from './types.ts';
import { inspectionKey } from './key.ts';

export const DB_NAME = 'backlink-inspector-history';
export const DB_VERSION = 3;

export interface HistorySchema extends DBSchema {
  inspections: {
    key: number;
    value: InspectionRecord;
    indexes: { byPageTime: [string, number]; byTime: number; byKey: string; byLastSeen: number };
  };
  links: {
    key: number;
    value: LinkRecord;
    indexes: { byInspection: number; byDomain: string; byDomainTime: [string, number] };
  };
  meta: { key: string; value: MetaRecord };
}

export type HistoryDB = IDBPDatabase<HistorySchema>;

// The upgrade steps work on an untyped view: at v1 the typed schema above does not hold yet.
type AnyDB = IDBPDatabase<unknown>;
type AnyTx = IDBPTransaction<unknown, ArrayLike<StoreNames<unknown>>, 'versionchange'>;

/** v1: the original schema. Kept verbatim so old databases can be recreated in tests. */
export function createV1(db: AnyDB): void {
  const inspections = db.createObjectStore('inspections', { keyPath: 'id', autoIncrement: true });
  inspections.createIndex('byPage', 'pageUrl');
  inspections.createIndex('byTime', 'time');
  const links = db.createObjectStore('links', { keyPath: 'id', autoIncrement: true });
  links.createIndex('byInspection', 'inspectionId');
  links.createIndex('byDomain', 'domain');
}

interface V1Inspection {
  id: number;
  pageUrl: string;
  time: number;
  key?: string;
  [k: string]: unknown;
}
interface V1Link {
  id: number;
  inspectionId: number;
  index: number;
  url: string | null;
  href: string;
  text: string;
  rel: string[];
  placement: LinkRecord['placement'];
  pageUrl?: string;
  time?: number;
  [k: string]: unknown;
}

/** v1 → v2: derive `key`, denormalize pageUrl/time onto links, new indexes, meta store. */
export async function upgradeV1toV2(db: AnyDB, tx: AnyTx): Promise<void> {
  const inspections = tx.objectStore('inspections');
  const links = tx.objectStore('links');
  const all = (await inspections.getAll()) as V1Inspection[];
  const byId = new Map<number, V1Inspection>(all.map((r) => [r.id, r]));
  const linksOf = new Map<number, V1Link[]>();

  let cursor = await links.openCursor();
  while (cursor) {
    const link = cursor.value as V1Link;
    const owner = byId.get(link.inspectionId);
    // An orphan link (should not exist) is kept as it is, with empty derived fields.
    const updated: V1Link = { ...link, pageUrl: owner?.pageUrl ?? '', time: owner?.time ?? 0 };
    await cursor.update(updated);
    if (owner) {
      let list = linksOf.get(owner.id);
      if (!list) linksOf.set(owner.id, (list = []));
      list.push(link);
    }
    cursor = await cursor.continue();
  }

  const seen = new Set<string>();
  for (const rec of all) {
    let key = inspectionKey(rec.pageUrl, rec.time, linksOf.get(rec.id) ?? []);
    // Two identical v1 records would violate the unique index: keep both, told apart by id.
    if (seen.has(key)) key = `${key}\n#${rec.id}`;
    seen.add(key);
    await inspections.put({ ...rec, key });
  }

  inspections.deleteIndex('byPage');
  inspections.createIndex('byPageTime', ['pageUrl', 'time']);
  inspections.createIndex('byKey', 'key', { unique: true });
  links.createIndex('byDomainTime', ['domain', 'time']);
  db.createObjectStore('meta', { keyPath: 'key' });
}

/** v2 → v3: every inspection gets `lastSeen` = its time (never seen again yet); index it. */
export async function upgradeV2toV3(_db: AnyDB, tx: AnyTx): Promise<void> {
  const inspections = tx.objectStore('inspections');
  let cursor = await inspections.openCursor();
  while (cursor) {
    const rec = cursor.value as V1Inspection & { lastSeen?: unknown };
    if (typeof rec.lastSeen !== 'number') await cursor.update({ ...rec, lastSeen: rec.time });
    cursor = await cursor.continue();
  }
  inspections.createIndex('byLastSeen', 'lastSeen');
  await tx.objectStore('meta').delete('keepDomains');
}

/** Runs every step from the database's version up to `target`, in order. */
function upgradeTo(target: number) {
  return async (db: IDBPDatabase<HistorySchema>, oldVersion: number, _n: number | null, tx: unknown) => {
    const anyDb = db as unknown as AnyDB;
    const anyTx = tx as AnyTx;
    if (oldVersion < 1) createV1(anyDb);
    if (oldVersion < 2 && target >= 2) await upgradeV1toV2(anyDb, anyTx);
    if (oldVersion < 3 && target >= 3) await upgradeV2toV3(anyDb, anyTx);
  };
}

export interface OpenOptions {
  name?: string;
  /** Open at an older version (tests create genuine old databases with this). */
  version?: number;
}

/** Opens (creating or upgrading as needed) the history database. */
export function openHistoryDb(opts: OpenOptions = {}): Promise<HistoryDB> {
  const version = opts.version ?? DB_VERSION;
  if (!Number.isInteger(version) || version < 1 || version > DB_VERSION) {
    throw new RangeError(`Unknown history schema version ${version}`);
  }
  return openDB<HistorySchema>(opts.name ?? DB_NAME, version, { upgrade: upgradeTo(version) }) as Promise<HistoryDB>;
}

let shared: Promise<HistoryDB> | null = null;

/**
 * The connection shared by this page / worker. It is closed (and reopened on next use) when
 * another context needs to upgrade the schema, so an extension update never stays blocked.
 */
export function getHistoryDb(): Promise<HistoryDB> {
  if (shared) return shared;
  const p = openDB<HistorySchema>(DB_NAME, DB_VERSION, {
    upgrade: upgradeTo(DB_VERSION),
    blocking() {
      void p.then((db) => db.close());
      if (shared === p) shared = null;
    },
    terminated() {
      if (shared === p) shared = null;
    },
  }) as Promise<HistoryDB>;
  shared = p;
  p.catch(() => {
    if (shared === p) shared = null;
  });
  return p;
}

/** Closes the shared connection (tests; also before deleting the database). */
export async function closeHistoryDb(): Promise<void> {
  const p = shared;
  shared = null;
  if (p) {
    try {
      (await p).close();
    } catch {
      /* opening had failed: nothing to close */
    }
  }
}

export async function deleteHistoryDb(name = DB_NAME): Promise<void> {
  if (name === DB_NAME) await closeHistoryDb();
  await deleteDB(name);
}
