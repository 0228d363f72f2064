/**
 * Copy / export of the link table as the user sees it (filtered and sorted): CSV for
 * spreadsheets, JSON for tools. CSV cells that a spreadsheet would run as a formula are
 * neutralised (anchor texts and URLs come from arbitrary pages).
 */
import Papa from 'papaparse';
import type { LinkReport, PageReport } from './report';
import { authorityCell, popularityCell, providerText } from './strength-sources';

/** Flags shown in the table and exported: hidden, image link, redirect / tracking wrapper, non-http kinds. */
export function linkFlags(link: LinkReport): string[] {
  const flags: string[] = [];
  if (link.hidden) flags.push(link.hiddenReason ? `hidden (${link.hiddenReason})` : 'hidden');
  if (link.image) flags.push('image');
  if (link.wrapper) flags.push(link.wrapper.kind);
  if (link.kind !== 'http') flags.push(link.kind);
  return flags;
}

/** The rel values that change what a link passes. */
export const REL_BADGES = ['nofollow', 'sponsored', 'ugc'] as const;

export function relBadges(link: LinkReport): string[] {
  return REL_BADGES.filter((r) => link.rel.includes(r));
}

export const CSV_COLUMNS = [
  'position',
  'anchor_text',
  'url',
  'target_domain',
  'my_domain',
  'internal',
  'placement',
  'relevance',
  'score',
  'followed',
  'rel',
  'flags',
  'equity_share',
  'reasons',
  'link_value',
  'target_authority',
  'target_tranco_rank',
  'target_provider_values',
] as const;

export interface ExportRow {
  link: LinkReport;
  /** The user's domain this link points to, if any. */
  mine: string | null;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (also full-width forms, or after leading
 * whitespace / control characters) as a formula. Such cells get a leading apostrophe.
 * Multi-line cells are matched on their first line too (papaparse's own guard is not).
 */
const FORMULA_START = /^[\s\u0000-\u001f]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvRecord({ link, mine }: ExportRow): Record<(typeof CSV_COLUMNS)[number], string | number> {
  return {
    position: link.index + 1,
    anchor_text: guardCell(link.text),
    url: guardCell(link.url ?? link.href),
    target_domain: guardCell(link.domain ?? ''),
    my_domain: mine ?? '',
    internal: link.kind === 'http' ? (link.internal ? 'internal' : 'external') : '',
    placement: link.placement,
    relevance: Math.round(link.relevance * 100) / 100,
    score: link.score,
    followed: link.followed ? 'yes' : 'no',
    rel: guardCell(link.rel.join(' ')),
    flags: linkFlags(link).join('; '),
    equity_share: Math.round(link.equityShare * 100) / 100,
    reasons: guardCell(link.reasons.map((r) => `${r.text} (${r.effect >= 0 ? '+' : ''}${r.effect})`).join('; ')),
    link_value: link.linkValue ?? '',
    // Not listed is said in words: a site below the list is not "authority 0".
    target_authority: authorityCell(link.strength),
    target_tranco_rank: popularityCell(link.strength),
    target_provider_values: (link.strength?.providers ?? []).map(providerText).join('; '),
  };
}

export function toCsv(rows: ExportRow[]): string {
  return Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows.map((r) => CSV_COLUMNS.map((c) => csvRecord(r)[c])) },
    { newline: '\r\n', quotes: false },
  );
}

export interface JsonExport {
  page: Omit<PageReport, 'links'>;
  /** How the rows were chosen, as shown in the UI. */
  view: { filters: Record<string, string>; sort: string; shown: number; total: number };
  links: (LinkReport & { myDomain: string | null })[];
}

export function toJson(report: PageReport, rows: ExportRow[], view: { filters: Record<string, string>; sort: string }): string {
  const { links, ...page } = report;
  const out: JsonExport = {
    page,
    view: { ...view, shown: rows.length, total: links.length },
    links: rows.map(({ link, mine }) => ({ ...link, myDomain: mine })),
  };
  return JSON.stringify(out, null, 2);
}

/** A file name for exports: `links-<host>-<yyyy-mm-dd>.<ext>`. */
export function exportFileName(report: PageReport, ext: 'csv' | 'json'): string {
  let host = 'page';
  try {
    host = new URL(report.finalUrl || report.url).hostname || 'page';
  } catch {
    // keep the default
  }
  const date = (report.generatedAt || new Date().toISOString()).slice(0, 10);
  return `links-${host.replace(/[^a-z0-9.-]/gi, '_')}-${date}.${ext}`;
}
