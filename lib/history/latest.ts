/** The changes a page shows since it last looked different: the newest inspection against its base. */
import { diffInspections, type InspectionDiff } from './diff.ts';
import { baseIndexForLatest } from './key.ts';
import { linksOf, listInspections } from './queries.ts';
import type { StoreOptions } from './tx.ts';
import type { InspectionRecord, LinkRecord } from './types.ts';

export interface LatestChanges {
  older: InspectionRecord;
  newer: InspectionRecord;
  diff: InspectionDiff<LinkRecord>;
}

/** How many inspections are searched for a different one (a page re-inspected often stays cheap). */
const SEARCH = 50;

/** Null when the page has fewer than two inspections. */
export async function latestChanges(pageUrl: string, myDomains: readonly string[], opts?: StoreOptions): Promise<LatestChanges | null> {
  const list = await listInspections(pageUrl, { ...opts, limit: SEARCH });
  const base = baseIndexForLatest(list);
  const newer = list[0];
  const older = list[base];
  if (!newer || !older) return null;
  const [a, b] = await Promise.all([linksOf(older.id, opts), linksOf(newer.id, opts)]);
  return { older, newer, diff: diffInspections(a, b, myDomains) };
}
