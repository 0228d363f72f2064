/**
 * Copy / export of the link table as the user sees it (filtered and sorted): CSV for
 * spreadsheets, JSON for tools. CSV cells that a spreadsheet would run as a formula are
 * neutralised (anchor texts and URLs come from arbitrary pages).
 */
import Papa from 'papaparse';
import type { LinkReport, PageReport } from './report';
import { followStatus, scoreBand } from './link-terms';
import { authorityCell, popularityCell, providerText } from './strength-sources';
import { healthStatusText } from './link-health';

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

/**
 * The page columns come first so exports of many pages merge into one sheet (issue 19 §5);
 * values are stable English ids (follow_status, score_band), not the UI's words.
 */
export const CSV_COLUMNS = [
  'source_page_url',
  'source_page_title',
  'page_indexable',
  'page_canonical',
  'position',
  'anchor_text',
  'url',
  'target_domain',
  'my_domain',
  'internal',
  'placement',
  'placement_confidence',
  'relevance',
  'score',
  'score_band',
  'followed',
  'follow_status',
  'rel',
  'flags',
  'equity_share',
  'reasons',
  'link_value',
  'target_authority',
  'target_tranco_rank',
  'target_provider_values',
  // "Check links" (issue 17 §4): empty until the link was checked.
  'target_status',
  'target_final_url',
  'target_x_robots_tag',
  'target_health_flags',
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

/** The page facts every CSV row carries. */
export type ExportPage = Pick<PageReport, 'url' | 'finalUrl' | 'title' | 'indexable' | 'canonical'>;

function csvRecord({ link, mine }: ExportRow, page: ExportPage | undefined): Record<(typeof CSV_COLUMNS)[number], string | number> {
  return {
    source_page_url: page ? guardCell(page.finalUrl || page.url) : '',
    source_page_title: page ? guardCell(page.title) : '',
    page_indexable: page ? (page.indexable ? 'yes' : 'no') : '',
    page_canonical: page?.canonical ? guardCell(page.canonical) : '',
    position: link.index + 1,
    anchor_text: guardCell(link.text),
    url: guardCell(link.url ?? link.href),
    target_domain: guardCell(link.domain ?? ''),
    my_domain: mine ?? '',
    internal: link.kind === 'http' ? (link.internal ? 'internal' : 'external') : '',
    placement: link.placement,
    placement_confidence: Math.round(link.placementConfidence * 100) / 100,
    relevance: Math.round(link.relevance * 100) / 100,
    score: link.score,
    score_band: scoreBand(link.score),
    followed: link.followed ? 'yes' : 'no',
    follow_status: link.kind === 'http' ? followStatus(link) : '',
    rel: guardCell(link.rel.join(' ')),
    flags: linkFlags(link).join('; '),
    equity_share: Math.round(link.equityShare * 100) / 100,
    reasons: guardCell(link.reasons.map((r) => `${r.text} (${r.effect >= 0 ? '+' : ''}${r.effect})`).join('; ')),
    link_value: link.linkValue ?? '',
    // Not listed is said in words: a site below the list is not "authority 0".
    target_authority: authorityCell(link.strength),
    target_tranco_rank: popularityCell(link.strength),
    target_provider_values: (link.strength?.providers ?? []).map(providerText).join('; '),
    target_status: link.health ? healthStatusText(link.health) : '',
    target_final_url: link.health ? guardCell(link.health.finalUrl) : '',
    target_x_robots_tag: link.health?.xRobotsTag ? guardCell(link.health.xRobotsTag) : '',
    target_health_flags: link.health ? link.health.flags.join('; ') : '',
  };
}

/** The rows as CSV; `page` fills the source-page columns (empty without it). */
export function toCsv(rows: ExportRow[], page?: ExportPage): string {
  return Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows.map((r) => { const rec = csvRecord(r, page); return CSV_COLUMNS.map((c) => rec[c]); }) },
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

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A file name for exports, by page and time (local): `links-<host>-<path>-<yyyy-mm-dd>-<hhmm>.<ext>`,
 * the path's words joined by `-` and cut to 60 characters, so exports of several pages of one
 * site, or of one page at several times, never overwrite each other.
 */
export function exportFileName(report: PageReport, ext: 'csv' | 'json'): string {
  let host = 'page';
  let path = '';
  try {
    const u = new URL(report.finalUrl || report.url);
    host = u.hostname || 'page';
    path = decodeURIComponent(u.pathname)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join('-')
      .normalize('NFKD')
      .replace(/[^a-z0-9-]/g, '')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60)
      .replace(/-$/, '');
  } catch {
    // keep the defaults
  }
  const at = new Date(report.generatedAt || Date.now());
  const when = Number.isNaN(at.getTime()) ? new Date() : at;
  const stamp = `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}-${two(when.getHours())}${two(when.getMinutes())}`;
  return `links-${host.replace(/[^a-z0-9.-]/gi, '_')}${path ? `-${path}` : ''}-${stamp}.${ext}`;
}
