/**
 * Saving an inspection. Re-inspecting a page whose links have not changed stores no copy: the
 * page's latest inspection gets a later `lastSeen` instead, so history grows with changes, not
 * with visits. Every write is ONE IndexedDB transaction, so a write that fails midway
 * (quota, a crash, an unclonable value) leaves nothing behind, and concurrent saves from several
 * tabs are serialized by IndexedDB itself (readwrite transactions over the same stores never
 * interleave).
 */
import type { PageReport } from '../report.ts';
import { HistoryError, toHistoryError } from './errors.ts';
import { notifyHistoryChanged } from './events.ts';
import { contentKey } from './key.ts';
import { applyRetentionIfDue } from './retention.ts';
import { reportToRecords, type InspectionRecords } from './schema.ts';
import { abortQuietly, dbOf, noop, type StoreOptions, type WriteTx } from './tx.ts';
import type { InspectionRecord, LinkRecord, NewInspection, NewLink } from './types.ts';

export interface SaveResult {
  id: number;
  pageUrl: string;
  /** Nothing was added: the same inspection was already stored, or the page was seen again unchanged. */
  duplicate: boolean;
  /** The page's previous inspection has the very same links: its `lastSeen` moved to this time instead. */
  seenAgain?: boolean;
}

export interface SaveOptions extends StoreOptions {
  /**
   * The user's domains. When given (the background passes them), retention is applied after the
   * save, at most once an hour, keeping every inspection with a backlink to one of them.
   */
  keepDomains?: readonly string[];
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
 * The page's inspection just before `inspection` when its links are the very same, else null.
 * Records saved before content keys existed get theirs computed from their links.
 */
async function unchangedPrevious(tx: WriteTx, inspection: NewInspection): Promise<InspectionRecord | null> {
  const range = IDBKeyRange.bound([inspection.pageUrl, -Infinity], [inspection.pageUrl, inspection.time]);
  const previous = (await tx.objectStore('inspections').index('byPageTime').openCursor(range, 'prev'))?.value;
  if (!previous) return null;
  const key = previous.contentKey ?? contentKey(await tx.objectStore('links').index('byInspection').getAll(previous.id));
  return key === inspection.contentKey ? { ...previous, contentKey: key } : null;
}

async function saveInTx(tx: WriteTx, { inspection, links }: InspectionRecords): Promise<{ id: number; duplicate: boolean; seenAgain?: boolean }> {
  const existing = await tx.objectStore('inspections').index('byKey').getKey(inspection.key);
  if (existing !== undefined) return { id: existing, duplicate: true };
  const previous = await unchangedPrevious(tx, inspection);
  if (previous) {
    if (inspection.time > previous.lastSeen) await tx.objectStore('inspections').put({ ...previous, lastSeen: inspection.time });
    return { id: previous.id, duplicate: true, seenAgain: true };
  }
  return addInspectionInTx(tx, inspection, links);
}

/**
 * Stores one inspection and all its links in ONE readwrite transaction — or, when the page's
 * previous inspection has the very same links, moves that one's `lastSeen` instead. Safe to call
 * concurrently (from several tabs or contexts): every call gets its own transaction and ids.
 * Saving the very same report twice stores it once. Throws a HistoryError
 * (HistoryQuotaError when storage is full); on error nothing of this inspection is stored.
 */
export async function saveInspection(report: PageReport, opts: SaveOptions = {}): Promise<SaveResult> {
  let records: InspectionRecords;
  try {
    records = reportToRecords(report);
  } catch (e) {
    const detail = e instanceof Error ? ` (${e.message})` : '';
    throw new HistoryError('failed', `This report could not be saved: it is not a valid page report${detail}.`, { cause: e });
  }
  const db = await dbOf(opts);
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  let result: { id: number; duplicate: boolean; seenAgain?: boolean };
  try {
    result = await saveInTx(tx, records);
    await tx.done;
  } catch (e) {
    await abortQuietly(tx);
    throw toHistoryError(e);
  }
  const pageUrl = records.inspection.pageUrl;
  if (!result.duplicate || result.seenAgain) notifyHistoryChanged({ type: 'saved', pageUrl, id: result.id });
  if (opts.keepDomains) {
    // In its own transaction, after the save committed: a failure there must never fail the save.
    try {
      await applyRetentionIfDue({ db, keepDomains: opts.keepDomains });
    } catch {
      /* retried after a later save */
    }
  }
  return { pageUrl, ...result };
}
