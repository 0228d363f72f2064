/** Export of all history as a versioned JSON document. */
import type { LinkReport } from '../report.ts';
import { getHistoryDb, type HistoryDB } from './db.ts';
import type { InspectionRecord, LinkRecord, StoredPageFacts } from './types.ts';

export const EXPORT_FORMAT = 'backlink-inspector-history';
export const EXPORT_VERSION = 1;

export interface ExportedInspection {
  pageUrl: string;
  url: string;
  finalUrl: string;
  title: string;
  /** ISO time. */
  time: string;
  counts: InspectionRecord['counts'];
  facts: StoredPageFacts;
  links: LinkReport[];
}

export interface HistoryExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  inspections: ExportedInspection[];
}

function stripLink(l: LinkRecord): LinkReport {
  const { id: _id, inspectionId: _owner, pageUrl: _page, time: _time, ...link } = l;
  return link;
}

/** Reads everything in one read-only transaction (a consistent snapshot), oldest first. */
export async function exportHistory(opts: { db?: HistoryDB; now?: Date } = {}): Promise<HistoryExport> {
  const db = opts.db ?? (await getHistoryDb());
  const tx = db.transaction(['inspections', 'links']);
  const [inspections, links] = await Promise.all([
    tx.objectStore('inspections').index('byTime').getAll(),
    tx.objectStore('links').getAll(),
  ]);
  await tx.done;
  const byOwner = new Map<number, LinkReport[]>();
  for (const l of links) {
    let list = byOwner.get(l.inspectionId);
    if (!list) byOwner.set(l.inspectionId, (list = []));
    list.push(stripLink(l));
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (opts.now ?? new Date()).toISOString(),
    inspections: inspections.map((r) => ({
      pageUrl: r.pageUrl,
      url: r.url,
      finalUrl: r.finalUrl,
      title: r.title,
      time: new Date(r.time).toISOString(),
      counts: r.counts,
      facts: r.facts,
      links: (byOwner.get(r.id) ?? []).sort((a, b) => a.index - b.index),
    })),
  };
}

export async function exportHistoryJson(opts: { db?: HistoryDB; now?: Date } = {}): Promise<string> {
  return JSON.stringify(await exportHistory(opts));
}

/** `backlink-history-2025-01-31.json` */
export function exportFileName(ext: 'json' | 'csv', prefix = 'backlink-history', now = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 10)}.${ext}`;
}
