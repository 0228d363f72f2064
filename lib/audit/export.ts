/**
 * CSV export of an audit run: the list's own columns, as they were in the file, then what the
 * check found. Cells from pages and files go through the one formula guard (lib/table-export.ts).
 */
import Papa from 'papaparse';
import { guardCell } from '../table-export.ts';
import { VERDICT_LABELS, type AuditRecord, type AuditRow, type RowResult } from './types.ts';
import { placementWords } from './verdict.ts';
import type { RowChange } from './changes.ts';

export const AUDIT_CSV_COLUMNS = [
  'audit_verdict',
  'audit_reasons',
  'audit_method',
  'audit_changed',
  'http_status',
  'final_url',
  'redirects',
  'x_robots_tag',
  'meta_robots',
  'canonical',
  'links_found',
  'link_url',
  'anchor_text',
  'rel',
  'placement',
  'placement_confidence',
  'hidden',
  'relevance',
  'target_relevance',
  'score',
  'site_authority',
  'site_tranco_rank',
  'checked_at',
] as const;

function resultCells(result: RowResult | undefined, change: RowChange | undefined): string[] {
  if (!result) return ['not checked', ...AUDIT_CSV_COLUMNS.slice(1).map(() => '')];
  const best = result.links[0];
  const p = result.page;
  return [
    VERDICT_LABELS[result.verdict],
    result.reasons.join('; '),
    result.method,
    change?.text ?? '',
    p.status === null ? '' : String(p.status),
    p.finalUrl,
    p.hops
      .filter((h) => h.location !== null)
      .map((h) => `${h.status ?? '?'} ${h.location}`)
      .join(' → '),
    p.xRobotsTag ?? '',
    p.metaRobots.join(' '),
    p.canonical ?? '',
    String(result.linkCount),
    best?.url ?? '',
    best?.text ?? '',
    best?.rel.join(' ') ?? '',
    best ? placementWords(best.placement).replace(/^in (the |a )?/, '') : '',
    best ? best.placementConfidence.toFixed(2) : '',
    best ? (best.hidden ? `yes${best.hiddenReason ? ` (${best.hiddenReason})` : ''}` : 'no') : '',
    best ? best.relevance.toFixed(2) : '',
    best?.targetRelevance == null ? '' : best.targetRelevance.toFixed(2),
    best ? String(Math.round(best.score)) : '',
    result.site?.authority == null ? '' : String(Math.round(result.site.authority)),
    result.site?.rank == null ? '' : String(result.site.rank),
    new Date(result.checkedAt).toISOString(),
  ];
}

/** The audit as CSV: every row in list order, its original cells first (missing ones empty). */
export function auditCsv(audit: Pick<AuditRecord, 'columns'>, rows: readonly AuditRow[], results: ReadonlyMap<number, RowResult>, changes: ReadonlyMap<number, RowChange> = new Map()): string {
  const width = Math.max(audit.columns.length, ...rows.map((r) => r.cells.length), 0);
  const own = Array.from({ length: width }, (_, i) => audit.columns[i] ?? `column_${i + 1}`);
  const data = rows.map((row) => {
    const cells = Array.from({ length: width }, (_, i) => row.cells[i] ?? '');
    return [...cells, ...resultCells(results.get(row.index), changes.get(row.index))].map(guardCell);
  });
  return Papa.unparse({ fields: [...own, ...AUDIT_CSV_COLUMNS].map(guardCell), data }, { newline: '\r\n', quotes: true });
}
