/**
 * Saving an inspection. Every write is ONE IndexedDB transaction, so a write that fails midway
 * (quota, a crash, an unclonable value) leaves nothing behind, and concurrent saves from several
 * tabs are serialized by IndexedDB itself (readwrite transactions over the same stores never
 * interleave).
 */
import type { PageReport } from '../report.ts';
import { HistoryError, toHistoryError } from './errors.ts';
import { notifyHistoryChanged } from './events.ts';
import { reportToRecords } from './records.ts';
import { applyRetention } from './retention.ts';
import { abortQuietly, dbOf, noop, type StoreOptions, type WriteTx } from './tx.ts';
import type { InspectionRecord, LinkRecord, NewInspection, NewLink } from './types.ts';

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
