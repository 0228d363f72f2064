/**
 * The results table's rows: each audit row with its result and change, filtered by verdict,
 * sorted, cut into pages — one O(n log n) pass, so 10,000 rows open at once (only a page is drawn).
 */
import type { AuditRow, RowResult, Verdict } from '@/lib/audit/types';
import type { RowChange } from '@/lib/audit/changes';

export type SortKey = 'row' | 'verdict' | 'score';
export const PAGE_SIZE = 200;

export interface ResultRow {
  row: AuditRow;
  result: RowResult | undefined;
  change: RowChange | undefined;
}

/** Worst first: what needs the user's attention. */
const VERDICT_ORDER: Record<Verdict, number> = { lost: 0, gone: 1, weak: 2, unreachable: 3, live: 4 };

export function resultRows(rows: readonly AuditRow[], results: ReadonlyMap<number, RowResult>, changes: ReadonlyMap<number, RowChange>, filter: Verdict | 'all', sort: SortKey): ResultRow[] {
  const out: ResultRow[] = [];
  for (const row of rows) {
    const result = results.get(row.index);
    if (filter !== 'all' && result?.verdict !== filter) continue;
    out.push({ row, result, change: changes.get(row.index) });
  }
  const score = (r: ResultRow) => r.result?.links[0]?.score ?? -1;
  const verdict = (r: ResultRow) => (r.result ? VERDICT_ORDER[r.result.verdict] : 9);
  if (sort === 'verdict') out.sort((a, b) => verdict(a) - verdict(b) || a.row.index - b.row.index);
  else if (sort === 'score') out.sort((a, b) => score(b) - score(a) || a.row.index - b.row.index);
  return out;
}

export function pageOf<T>(items: readonly T[], page: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE), page: p, pages };
}
