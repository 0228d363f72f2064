/** The link table's view model: filters, presets, sorting, "my domains" pinned first. Pure functions. */
import type { LinkReport, Placement } from '@/lib/report';
import { FOLLOW_STATUSES, followStatus } from '@/lib/link-terms';
import { linkFlags, type ExportRow } from '@/lib/table-export';
import { isBroken, type LinkHealth } from '@/lib/link-health';

export type SortKey = 'index' | 'text' | 'domain' | 'placement' | 'relevance' | 'score' | 'follow' | 'flags';
export type SortDir = 'asc' | 'desc';

export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** The filters the table, the per-domain view and the on-page overlay share. */
export interface Filters {
  scope: 'all' | 'internal' | 'external';
  follow: 'all' | 'followed' | 'not-followed';
  placement: 'all' | Placement;
  /** Only links to the user's listed domains (my sites and competitors). */
  mine: boolean;
  /** Only checked links whose target is broken or timed out (not remembered: a new page has no checks). */
  broken: boolean;
  query: string;
}

export const DEFAULT_FILTERS: Filters = { scope: 'all', follow: 'all', placement: 'all', mine: false, broken: false, query: '' };

/** "Editorial opportunities": followed links to other sites in the main content (issue 19 §1). */
export const EDITORIAL_FILTERS: Filters = { ...DEFAULT_FILTERS, scope: 'external', follow: 'followed', placement: 'body' };

/** The table opens on the best links first. */
export const DEFAULT_SORT: Sort = { key: 'score', dir: 'desc' };
/** Document order: where a column's third click returns to. */
export const PAGE_ORDER: Sort = { key: 'index', dir: 'asc' };

/** What the link view shows: one row per link, or links grouped by target domain. */
export type ViewMode = 'links' | 'domains';

/** The tabs above the table; `editorial` is the links view with the editorial filters. */
export type ViewTab = 'all' | 'editorial' | 'domains';

export function sameFilters(a: Filters, b: Filters): boolean {
  return a.scope === b.scope && a.follow === b.follow && a.placement === b.placement && a.mine === b.mine && a.broken === b.broken && a.query.trim() === b.query.trim();
}

export function activeTab(mode: ViewMode, filters: Filters): ViewTab {
  if (mode === 'domains') return 'domains';
  const { query: _q, ...rest } = filters;
  return sameFilters({ ...rest, query: '' }, EDITORIAL_FILTERS) ? 'editorial' : 'all';
}

/** A checked link to fix: its target is gone (4xx/5xx, DNS, loops) or did not answer in time. */
export function needsFixing(h: LinkHealth): boolean {
  return isBroken(h) || h.flags.includes('timeout');
}

/** A table row: `mine` is the listed domain the link points to (one of my sites or a competitor, which `competitor` tells). */
export type Row = ExportRow & { competitor?: boolean };

/** Numbers sort high-first on the first click; text sorts A→Z. */
export const FIRST_DIR: Record<SortKey, SortDir> = {
  index: 'asc',
  text: 'asc',
  domain: 'asc',
  placement: 'asc',
  relevance: 'desc',
  score: 'desc',
  follow: 'asc',
  flags: 'desc',
};

/** Column header click: first direction → the other → page order. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, dir: FIRST_DIR[key] };
  if (current.dir === FIRST_DIR[key]) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return PAGE_ORDER;
}

export function matchesFilters(link: LinkReport, f: Filters, query: string, mine: string | null): boolean {
  if (f.scope === 'internal' && !(link.kind === 'http' && link.internal)) return false;
  if (f.scope === 'external' && !(link.kind === 'http' && !link.internal)) return false;
  if (f.follow === 'followed' && !link.followed) return false;
  if (f.follow === 'not-followed' && link.followed) return false;
  if (f.placement !== 'all' && link.placement !== f.placement) return false;
  if (f.mine && !mine) return false;
  if (f.broken && !(link.health && needsFixing(link.health))) return false;
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
    case 'follow':
      // followed first, then what passes least value last: nofollow, sponsored, ugc, blocked.
      return FOLLOW_STATUSES.indexOf(followStatus(link));
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

/** The rows to show: filtered, sorted, links to "my domains" (my sites, then competitors) first. */
export function visibleRows(
  links: LinkReport[],
  filters: Filters,
  sort: Sort,
  matchMine: (host: string | null) => string | null,
  isCompetitor: (domain: string) => boolean = () => false,
): Row[] {
  const query = filters.query.trim().toLowerCase();
  const mine: Row[] = [];
  const theirs: Row[] = [];
  const rest: Row[] = [];
  for (const link of links) {
    const m = link.kind === 'http' ? matchMine(link.host) : null;
    if (!matchesFilters(link, filters, query, m)) continue;
    if (!m) rest.push({ link, mine: null });
    else if (isCompetitor(m)) theirs.push({ link, mine: m, competitor: true });
    else mine.push({ link, mine: m });
  }
  const cmp = (a: Row, b: Row) => compareLinks(a.link, b.link, sort);
  mine.sort(cmp);
  theirs.sort(cmp);
  rest.sort(cmp);
  return mine.concat(theirs, rest);
}

export function describeView(filters: Filters, sort: Sort): { filters: Record<string, string>; sort: string } {
  return { filters: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])), sort: `${sort.key} ${sort.dir}` };
}
