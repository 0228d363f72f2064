/** The changes a page shows since it last looked different: the newest inspection against its base. */
import { diffInspections, type InspectionDiff } from './diff.ts';
import { baseIndexForLatest } from './key.ts';
import { linksOf, listInspections } from './queries.ts';
import type { StoreOptions } from './tx.ts';
import type { InspectionRecord, LinkRecord } from './types.ts';

export interface LatestChanges {
  newer: InspectionRecord;
  /** Null when the page has only one inspection (it may have been seen again unchanged: `newer.lastSeen`). */
  older: InspectionRecord | null;
  diff: InspectionDiff<LinkRecord> | null;
}

/** How many inspections are searched for a different one (a page re-inspected often stays cheap). */
const SEARCH = 50;

/** Null when the page has no inspection. */
export async function latestChanges(pageUrl: string, myDomains: readonly string[], opts?: StoreOptions): Promise<LatestChanges | null> {
  const list = await listInspections(pageUrl, { ...opts, limit: SEARCH });
  const newer = list[0];
  if (!newer) return null;
  const older = list[baseIndexForLatest(list)];
  if (!older) return { newer, older: null, diff: null };
  const [a, b] = await Promise.all([linksOf(older.id, opts), linksOf(newer.id, opts)]);
  return { older, newer, diff: diffInspections(a, b, myDomains) };
}
