/**
 * `inspect --links-to` (issue #18 §3): a list of pages that should link to a domain (or to the
 * target URL of each row), audited by the BUILT extension's own audit engine in headless
 * Chromium — fetched through its one fetch module and parsed inertly, or, with
 * `--render-missing`, rendered in a background tab when the link is not in the fetched HTML.
 *
 *   const list = readAuditList(text, fileName, { column, targetColumn });
 *   const outcome = await auditInExtension(list, { domains, renderMissing });
 */
import { buildRows, readList, type BuiltRows, type ListTable } from '../../lib/audit/input.ts';
import { normalizeDomain } from '../../lib/my-domains.ts';
import type { NewAudit } from '../../lib/audit/store.ts';
import type { AuditRow, RowResult, RunRecord } from '../../lib/audit/types.ts';
import { VERDICT_LABELS } from '../../lib/audit/types.ts';
import { placementWords } from '../../lib/audit/verdict.ts';
import { launchExtension } from './extension.ts';

export interface AuditList {
  table: ListTable;
  built: BuiltRows;
  sourceColumn: number;
  targetColumn: number;
  /** The reader picked the source column from the cells, not a known header: said on stderr. */
  unsure: boolean;
}

/** A column given by its header name (case-insensitive) or its 1-based number. */
function columnOf(table: ListTable, spec: string): number {
  const n = Number(spec);
  if (Number.isInteger(n) && n >= 1) return n - 1;
  const i = (table.header ?? []).findIndex((h) => h.trim().toLowerCase() === spec.trim().toLowerCase());
  if (i < 0) throw new Error(`no column “${spec}” in the list (columns: ${(table.header ?? []).join(', ') || 'none'})`);
  return i;
}

export function readAuditList(text: string, fileName: string | undefined, choice: { column?: string; targetColumn?: string } = {}): AuditList {
  const table = readList(text, fileName);
  const sourceColumn = choice.column !== undefined ? columnOf(table, choice.column) : table.guess.source;
  const targetColumn = choice.targetColumn !== undefined ? (choice.targetColumn === 'none' ? -1 : columnOf(table, choice.targetColumn)) : table.guess.target;
  if (sourceColumn < 0) throw new Error('found no column of page URLs: name it with --column');
  return { table, built: buildRows(table, { sourceColumn, targetColumn }), sourceColumn, targetColumn, unsure: choice.column === undefined && !table.guess.sure };
}

export function parseDomains(spec: string): string[] {
  const out: string[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const d = normalizeDomain(part);
    if (!d.ok) throw new Error(`--links-to ${part}: ${d.error}`);
    out.push(d.domain);
  }
  if (!out.length) throw new Error('--links-to needs a domain');
  return out;
}

export interface AuditOutcome {
  run: RunRecord;
  results: RowResult[];
}

/** Runs the audit in the extension; `args` adds Chromium flags (tests map names to a local server). */
export async function auditInExtension(list: AuditList, options: { domains: string[]; renderMissing: boolean; extensionDir?: string; args?: string[]; name?: string }): Promise<AuditOutcome> {
  const session = await launchExtension({ extensionDir: options.extensionDir, args: options.args });
  try {
    const audit: NewAudit = {
      name: options.name ?? 'inspect --links-to',
      columns: list.table.header ?? ['url'],
      sourceColumn: list.sourceColumn,
      targetColumn: list.targetColumn,
      domains: options.domains,
      rows: list.built.rows,
      renderMissing: options.renderMissing,
    };
    const r = await session.worker.evaluate((audit) => (globalThis as any).backlinkInspector.audits.runList(audit), audit);
    if (!r.ok) throw new Error(r.error.message);
    return { run: r.run, results: r.results };
  } finally {
    await session.close();
  }
}

/** One row as --jsonl prints it. */
export function rowRecord(row: AuditRow, result: RowResult | undefined, header: string[] | null): Record<string, unknown> {
  const best = result?.links[0];
  return {
    line: row.line,
    source: row.sourceUrl,
    target: row.targetUrl,
    verdict: result?.verdict ?? 'not checked',
    reasons: result?.reasons ?? [],
    method: result?.method ?? null,
    fetchedVerdict: result?.fetchedVerdict ?? null,
    status: result?.page.status ?? null,
    finalUrl: result?.page.finalUrl ?? null,
    xRobotsTag: result?.page.xRobotsTag ?? null,
    metaRobots: result?.page.metaRobots ?? [],
    canonical: result?.page.canonical ?? null,
    links: result?.linkCount ?? 0,
    link: best ? { url: best.url, anchor: best.text, rel: best.rel, placement: best.placement, placementConfidence: best.placementConfidence, hidden: best.hidden, relevance: best.relevance, targetRelevance: best.targetRelevance, score: best.score } : null,
    site: result?.site ?? null,
    renderError: result?.renderError ?? null,
    columns: header ? Object.fromEntries(header.map((h, i) => [h, row.cells[i] ?? ''])) : undefined,
  };
}

/** One row as the terminal shows it. */
export function rowLine(row: AuditRow, result: RowResult | undefined): string {
  if (!result) return `NOT CHECKED  ${row.sourceUrl}`;
  const best = result.links[0];
  const link = best ? `  “${best.text}” ${best.rel.length ? `rel=${best.rel.join(' ')} ` : ''}${placementWords(best.placement)}, score ${Math.round(best.score)}` : '';
  const why = result.reasons.length ? `  (${result.reasons.join('; ')})` : '';
  return `${VERDICT_LABELS[result.verdict].toUpperCase().padEnd(13)} ${row.sourceUrl}${link}${why}  [${result.method}]`;
}

/** Anything lost: a link gone from a page that answers, or the page itself gone. */
export function anythingLost(results: readonly RowResult[]): boolean {
  return results.some((r) => r.verdict === 'lost' || r.verdict === 'gone');
}
