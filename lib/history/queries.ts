/** Reading one page's history: its inspections (newest first) and the links of one of them. */
import { normalizeUrl } from './normalize-url.ts';
import { dbOf, type StoreOptions } from './tx.ts';
import type { InspectionRecord, LinkRecord } from './types.ts';

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

/** The links of one inspection, in document order (links stored before `capped` existed read as uncapped). */
export async function linksOf(inspectionId: number, opts?: StoreOptions): Promise<LinkRecord[]> {
  const db = await dbOf(opts);
  const links = await db.getAllFromIndex('links', 'byInspection', inspectionId);
  return links.map((l) => (l.capped ? l : { ...l, capped: [] })).sort((a, b) => a.index - b.index);
}
