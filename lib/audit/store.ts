/**
 * Audits in IndexedDB (database `backlink-audits`): the lists, their runs, each run's result per
 * row. The queue of a run is the rows without a result yet, so a run survives a browser restart
 * (the background resumes runs left `running`), a pause, and a service worker that went to sleep.
 * The Audits page creates audits and reads results here; the background writes runs and results.
 *
 * v1  audits  {id auto}
 *     rows    [auditId, index]
 *     runs    {id auto} index byAudit(auditId)
 *     results [runId, index]
 */
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';
import { LIMITS } from '../limits.ts';
import { emptyCounts, type AuditRecord, type AuditRow, type RowResult, type RunRecord, type RunTrigger, type Schedule } from './types.ts';

export const AUDIT_DB_NAME = 'backlink-audits';
const VERSION = 1;

type StoredRow = AuditRow & { auditId: number };

interface AuditSchema extends DBSchema {
  audits: { key: number; value: AuditRecord };
  rows: { key: [number, number]; value: StoredRow };
  runs: { key: number; value: RunRecord; indexes: { byAudit: number } };
  results: { key: [number, number]; value: RowResult };
}

export type AuditDB = IDBPDatabase<AuditSchema>;

const opened = new Map<string, Promise<AuditDB>>();

export function auditDb(name = AUDIT_DB_NAME): Promise<AuditDB> {
  let db = opened.get(name);
  if (!db) {
    db = openDB<AuditSchema>(name, VERSION, {
      upgrade(d) {
        d.createObjectStore('audits', { keyPath: 'id', autoIncrement: true });
        d.createObjectStore('rows', { keyPath: ['auditId', 'index'] });
        d.createObjectStore('runs', { keyPath: 'id', autoIncrement: true }).createIndex('byAudit', 'auditId');
        d.createObjectStore('results', { keyPath: ['runId', 'index'] });
      },
      // Another context upgrades (a newer version of the extension): let it.
      blocking() {
        void db?.then((x) => x.close());
        opened.delete(name);
      },
    });
    opened.set(name, db);
    db.catch(() => opened.delete(name));
  }
  return db;
}

/** Tests start from an empty database. */
export async function resetAuditDb(name = AUDIT_DB_NAME): Promise<void> {
  const db = opened.get(name);
  opened.delete(name);
  if (db) (await db.catch(() => null))?.close();
  await deleteDB(name);
}

export interface StoreOptions {
  dbName?: string;
}

const range = (id: number) => IDBKeyRange.bound([id, -Infinity], [id, Infinity]);

export interface NewAudit {
  name: string;
  columns: string[];
  sourceColumn: number;
  targetColumn: number;
  domains: string[];
  rows: AuditRow[];
  renderMissing?: boolean;
}

/** Stores a new audit and its rows in one transaction; returns its id. */
export async function createAudit(audit: NewAudit, opts: StoreOptions = {}): Promise<number> {
  if (audit.rows.length > LIMITS.auditRows) throw new Error(`an audit holds at most ${LIMITS.auditRows} rows`);
  const db = await auditDb(opts.dbName);
  const tx = db.transaction(['audits', 'rows'], 'readwrite');
  const record: Omit<AuditRecord, 'id'> = {
    name: audit.name.slice(0, 200) || 'Audit',
    createdAt: Date.now(),
    columns: audit.columns.slice(0, LIMITS.auditColumns),
    sourceColumn: audit.sourceColumn,
    targetColumn: audit.targetColumn,
    domains: audit.domains.slice(0, 300),
    rowCount: audit.rows.length,
    renderMissing: audit.renderMissing ?? false,
    schedule: 'off',
    notify: false,
    lastRunId: null,
  };
  const id = (await tx.objectStore('audits').add(record as AuditRecord)) as number;
  const rows = tx.objectStore('rows');
  for (const r of audit.rows) void rows.put({ ...r, auditId: id });
  await tx.done;
  return id;
}

export async function getAudit(id: number, opts: StoreOptions = {}): Promise<AuditRecord | undefined> {
  return (await auditDb(opts.dbName)).get('audits', id);
}

export async function listAudits(opts: StoreOptions = {}): Promise<AuditRecord[]> {
  return (await (await auditDb(opts.dbName)).getAll('audits')).sort((a, b) => b.createdAt - a.createdAt);
}

export async function updateAudit(id: number, change: Partial<Pick<AuditRecord, 'name' | 'schedule' | 'notify' | 'renderMissing' | 'lastRunId'>>, opts: StoreOptions = {}): Promise<AuditRecord | undefined> {
  const db = await auditDb(opts.dbName);
  const tx = db.transaction('audits', 'readwrite');
  const audit = await tx.store.get(id);
  if (!audit) return undefined;
  const next = { ...audit, ...change };
  await tx.store.put(next);
  await tx.done;
  return next;
}

export async function auditRows(auditId: number, opts: StoreOptions = {}): Promise<AuditRow[]> {
  const rows = await (await auditDb(opts.dbName)).getAll('rows', range(auditId));
  return rows.map(({ auditId: _a, ...r }) => r);
}

/** Deletes an audit with its rows, runs and results. */
export async function deleteAudit(id: number, opts: StoreOptions = {}): Promise<void> {
  const db = await auditDb(opts.dbName);
  const tx = db.transaction(['audits', 'rows', 'runs', 'results'], 'readwrite');
  const runs = await tx.objectStore('runs').index('byAudit').getAllKeys(id);
  for (const runId of runs) {
    await tx.objectStore('results').delete(range(runId));
    await tx.objectStore('runs').delete(runId);
  }
  await tx.objectStore('rows').delete(range(id));
  await tx.objectStore('audits').delete(id);
  await tx.done;
}

/** Starts a run of every row; the audit's previous finished run is what its changes compare with. */
export async function createRun(auditId: number, trigger: RunTrigger, opts: StoreOptions = {}): Promise<RunRecord> {
  const db = await auditDb(opts.dbName);
  const tx = db.transaction(['audits', 'runs'], 'readwrite');
  const audit = await tx.objectStore('audits').get(auditId);
  if (!audit) throw new Error(`no audit ${auditId}`);
  const previous = (await tx.objectStore('runs').index('byAudit').getAll(auditId)).filter((r) => r.state === 'done').sort((a, b) => b.id - a.id)[0];
  const run: Omit<RunRecord, 'id'> = {
    auditId,
    trigger,
    state: 'running',
    startedAt: Date.now(),
    finishedAt: null,
    total: audit.rowCount,
    done: 0,
    counts: emptyCounts(),
    changes: null,
    previousRunId: previous?.id ?? null,
  };
  const id = (await tx.objectStore('runs').add(run as RunRecord)) as number;
  await tx.objectStore('audits').put({ ...audit, lastRunId: id });
  await tx.done;
  return { ...run, id };
}

export async function getRun(id: number, opts: StoreOptions = {}): Promise<RunRecord | undefined> {
  return (await auditDb(opts.dbName)).get('runs', id);
}

export async function runsOf(auditId: number, opts: StoreOptions = {}): Promise<RunRecord[]> {
  return (await (await auditDb(opts.dbName)).getAllFromIndex('runs', 'byAudit', auditId)).sort((a, b) => b.id - a.id);
}

/** Runs left running (the browser closed or the worker stopped mid-run): the background resumes them. */
export async function unfinishedRuns(opts: StoreOptions = {}): Promise<RunRecord[]> {
  return (await (await auditDb(opts.dbName)).getAll('runs')).filter((r) => r.state === 'running');
}

export async function updateRun(id: number, change: (run: RunRecord) => Partial<RunRecord>, opts: StoreOptions = {}): Promise<RunRecord | undefined> {
  const db = await auditDb(opts.dbName);
  const tx = db.transaction('runs', 'readwrite');
  const run = await tx.store.get(id);
  if (!run) return undefined;
  const next = { ...run, ...change(run) };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/**
 * Stores one row's result and counts it in its run, in one transaction, unless the run was
 * cancelled meanwhile (then nothing is stored). A row checked again (a rendered check after the
 * fetched one) replaces its result and moves its count. Returns the run as it is now.
 */
export async function putResult(result: RowResult, opts: StoreOptions = {}): Promise<RunRecord | undefined> {
  const db = await auditDb(opts.dbName);
  const tx = db.transaction(['runs', 'results'], 'readwrite');
  const run = await tx.objectStore('runs').get(result.runId);
  if (!run || run.state === 'cancelled') {
    await tx.done;
    return run;
  }
  const earlier = await tx.objectStore('results').get([result.runId, result.index]);
  const counts = { ...run.counts };
  if (earlier) counts[earlier.verdict] = Math.max(0, counts[earlier.verdict] - 1);
  counts[result.verdict]++;
  const next: RunRecord = { ...run, counts, done: earlier ? run.done : run.done + 1 };
  await tx.objectStore('results').put(result);
  await tx.objectStore('runs').put(next);
  await tx.done;
  return next;
}

export async function resultsOf(runId: number, opts: StoreOptions = {}): Promise<RowResult[]> {
  return (await auditDb(opts.dbName)).getAll('results', range(runId));
}

export async function resultOf(runId: number, index: number, opts: StoreOptions = {}): Promise<RowResult | undefined> {
  return (await auditDb(opts.dbName)).get('results', [runId, index]);
}

/** Row indexes of a run that have no result yet: its queue. */
export async function pendingIndexes(run: RunRecord, opts: StoreOptions = {}): Promise<number[]> {
  const db = await auditDb(opts.dbName);
  const done = new Set((await db.getAllKeys('results', range(run.id))).map((k) => k[1]));
  const pending: number[] = [];
  for (let i = 0; i < run.total; i++) if (!done.has(i)) pending.push(i);
  return pending;
}

export async function setSchedule(id: number, schedule: Schedule, notify: boolean, opts: StoreOptions = {}): Promise<AuditRecord | undefined> {
  return updateAudit(id, { schedule, notify }, opts);
}
