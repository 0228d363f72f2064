/** The link table's view model: filters, sorting, "my domains" pinned first. Pure functions. */
import type { LinkReport, Placement } from '@/lib/report';
import { linkFlags, relBadges, type ExportRow } from '@/lib/table-export';

export type SortKey = 'index' | 'text' | 'domain' | 'placement' | 'relevance' | 'score' | 'rel' | 'flags';
export type SortDir = 'asc' | 'desc';

export interface Sort {
  key: SortKey;
  dir: SortDir;
}

export interface Filters {
  scope: 'all' | 'internal' | 'external';
  follow: 'all' | 'followed' | 'not-followed';
  placement: 'all' | Placement;
  query: string;
}

export const DEFAULT_FILTERS: Filters = { scope: 'all', follow: 'all', placement: 'all', query: '' };
export const DEFAULT_SORT: Sort = { key: 'index', dir: 'asc' };

export type Row = ExportRow;

/** Numbers sort high-first on the first click; text sorts A→Z. */
export const FIRST_DIR: Record<SortKey, SortDir> = {
  index: 'asc',
  text: 'asc',
  domain: 'asc',
  placement: 'asc',
  relevance: 'desc',
  score: 'desc',
  rel: 'desc',
  flags: 'desc',
};

/** Column header click: first direction → the other → back to page order. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, dir: FIRST_DIR[key] };
  if (current.dir === FIRST_DIR[key]) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return DEFAULT_SORT;
}

export function matchesFilters(link: LinkReport, f: Filters, query: string): boolean {
  if (f.scope === 'internal' && !(link.kind === 'http' && link.internal)) return false;
  if (f.scope === 'external' && !(link.kind === 'http' && !link.internal)) return false;
  if (f.follow === 'followed' && !link.followed) return false;
  if (f.follow === 'not-followed' && link.followed) return false;
  if (f.placement !== 'all' && link.placement !== f.placement) return false;
  if (query) {
    const hay = `${link.text}\n${link.url ?? link.href}\n${link.domain ?? ''}`.toLowerCase();
    if (!hay.includes(query)) return false;
  }
  return true;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function sortValue(link: LinkReport, key: SortKey): string | number {
  switch (key) {
    case 'index':
      return link.index;
    case 'text':
      return link.text;
    case 'domain':
      return link.domain ?? link.url ?? link.href;
    case 'placement':
      return link.placement;
    case 'relevance':
      return link.relevance;
    case 'score':
      return link.score;
    case 'rel':
      // Weight: sponsored > ugc > nofollow, so the least valuable group together.
      return relBadges(link).reduce((n, r) => n + (r === 'sponsored' ? 4 : r === 'ugc' ? 2 : 1), 0);
    case 'flags':
      return linkFlags(link).length;
  }
}

export function compareLinks(a: LinkReport, b: LinkReport, sort: Sort): number {
  const va = sortValue(a, sort.key);
  const vb = sortValue(b, sort.key);
  let c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
  if (sort.dir === 'desc') c = -c;
  // Ties keep page order.
  return c || a.index - b.index;
}

/** The rows to show: filtered, sorted, links to "my domains" first. */
export function visibleRows(links: LinkReport[], filters: Filters, sort: Sort, matchMine: (host: string | null) => string | null): Row[] {
  const query = filters.query.trim().toLowerCase();
  const mine: Row[] = [];
  const rest: Row[] = [];
  for (const link of links) {
    if (!matchesFilters(link, filters, query)) continue;
    const m = link.kind === 'http' ? matchMine(link.host) : null;
    (m ? mine : rest).push({ link, mine: m });
  }
  const cmp = (a: Row, b: Row) => compareLinks(a.link, b.link, sort);
  mine.sort(cmp);
  rest.sort(cmp);
  return mine.concat(rest);
}

export function describeView(filters: Filters, sort: Sort): { filters: Record<string, string>; sort: string } {
  return { filters: { ...filters }, sort: `${sort.key} ${sort.dir}` };
}

export function formatRelevance(r: number): string {
  return `${Math.round(r * 100)}%`;
}
