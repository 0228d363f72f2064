/** CSV export of the backlinks list (papaparse), safe to open in spreadsheet software. */
import Papa from 'papaparse';
import type { BacklinkGroup } from './store.ts';
import { guardCell } from '../csv-guard.ts';

/** The extension's one CSV formula guard (lib/csv-guard.ts), under this module's old name. */
export const neutralizeFormula = guardCell;

export const BACKLINK_CSV_COLUMNS = [
  'my_domain',
  'linking_page',
  'page_title',
  'status',
  'target_url',
  'anchor_text',
  'placement',
  'rel',
  'followed',
  'score',
  'first_seen',
  'last_seen',
  'times_seen',
  'lost_at',
  'link_value',
] as const;

function iso(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

/** One row per link (a page with a followed and a sponsored link to my domain has two), pages as grouped. */
export function backlinksCsv(groups: readonly BacklinkGroup[]): string {
  const rows = groups.flatMap((g) =>
    g.links.map((l) =>
      [
        g.myDomain,
        g.pageUrl,
        g.pageTitle,
        g.status,
        l.targetUrl ?? '',
        l.text,
        l.placement,
        l.rel.join(' '),
        l.followed ? 'yes' : 'no',
        String(Math.round(l.score)),
        iso(g.firstSeen),
        iso(g.lastSeen),
        String(g.timesSeen),
        iso(g.lostAt),
        l.linkValue == null ? '' : String(l.linkValue),
      ].map(neutralizeFormula),
    ),
  );
  // Every field quoted: no ambiguity with commas, quotes or newlines in anchor text.
  return Papa.unparse({ fields: [...BACKLINK_CSV_COLUMNS], data: rows }, { quotes: true, newline: '\r\n' });
}
