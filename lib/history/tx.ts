/**
 * How the store modules reach the database: every function takes an optional `{ db }` so tests
 * can use separate connections (two "tabs"), and a failed write is rolled back before its error
 * is reported.
 */
import type { IDBPTransaction } from 'idb';
import { getHistoryDb, type HistoryDB, type HistorySchema } from './db.ts';

export interface StoreOptions {
  db?: HistoryDB;
}

export function dbOf(opts?: StoreOptions): Promise<HistoryDB> {
  return opts?.db ? Promise.resolve(opts.db) : getHistoryDb();
}

/** A readwrite transaction over inspections + links. */
export type WriteTx = IDBPTransaction<HistorySchema, ['inspections', 'links'], 'readwrite'>;

export function noop(): void {}

/** Rolls a transaction back (if it is still alive) and waits until it has ended. */
export async function abortQuietly(tx: { abort(): void; done: Promise<void> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    /* already finished or aborted */
  }
  await tx.done.catch(noop);
}
