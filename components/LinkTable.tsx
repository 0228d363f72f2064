/**
 * The link table: sortable headers, one focusable row at a time (roving tabindex: ↑/↓, Home/End,
 * PgUp/PgDn), Enter/Space or click opens a row (shows the link on the page + its reasons), Esc
 * closes it. Paginated so 10,000 links render as fast as 100; rows have a fixed height. Below
 * 560 px (the side panel) a row becomes two lines: the anchor over its domain, placement and
 * flags, beside its follow status and score (issue 19 §3).
 */
import { useEffect, useRef } from 'preact/hooks';
import { followStatus, scoreBand } from '@/lib/link-terms';
import { PLACEMENT_COLORS } from '@/lib/placement-colors';
import { num, pct, t } from './i18n';
import { LinkDetails } from './LinkDetails';
import { needsFixing, type Row, type Sort, type SortKey } from './link-model';
import { flagIds, flagName, flagNames, followTitle, scoreTitle } from './link-words';
import { healthStatusText, type LinkHealth } from '@/lib/link-health';

/** A checked link's status ("200", "301→404", "dns"), marked when the target is broken. */
function HealthBadge({ health }: { health: LinkHealth }) {
  const broken = needsFixing(health);
  return (
    <span class={`flag health${broken ? ' health--broken' : ''}`} data-testid="health" title={t(broken ? 'linkCheck.brokenTitle' : 'linkCheck.statusTitle', [health.finalUrl])}>
      {healthStatusText(health)}
    </span>
  );
}

export const PAGE_SIZE = 100;

/** Columns in order; `compact: false` ones are folded into the anchor's second line in the side panel. */
const COLUMNS: { key: SortKey; className: string; compact: boolean }[] = [
  { key: 'text', className: 'col-anchor', compact: true },
  { key: 'domain', className: 'col-domain', compact: false },
  { key: 'placement', className: 'col-placement', compact: false },
  { key: 'relevance', className: 'col-relevance', compact: false },
  { key: 'follow', className: 'col-follow', compact: true },
  { key: 'score', className: 'col-score', compact: true },
  { key: 'flags', className: 'col-flags', compact: false },
];

const columnName = (key: SortKey): string => t(`col.${key === 'text' ? 'anchor' : key === 'index' ? 'position' : key}`);

interface Props {
  rows: Row[];
  sort: Sort;
  onSort(key: SortKey): void;
  page: number;
  onPage(page: number): void;
  /** Report index of the open row. */
  selected: number | null;
  onSelect(row: Row | null): void;
  /** Report index of the row that has keyboard focus. */
  active: number | null;
  onActive(index: number): void;
  loading: boolean;
  empty: string;
}

export function LinkTable({ rows, sort, onSort, page, onPage, selected, onSelect, active, onActive, loading, empty }: Props) {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const pageRows = rows.slice(current * PAGE_SIZE, current * PAGE_SIZE + PAGE_SIZE);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const focusWanted = useRef(false);
  const activeIndex = pageRows.some((r) => r.link.index === active) ? active : (pageRows[0]?.link.index ?? null);

  // Move DOM focus after keyboard navigation re-rendered the rows.
  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${activeIndex}"]`)?.focus();
  });

  const moveTo = (pos: number) => {
    // pos is a position in `rows` (all pages)
    const clamped = Math.max(0, Math.min(rows.length - 1, pos));
    const target = rows[clamped];
    if (!target) return;
    focusWanted.current = true;
    const targetPage = Math.floor(clamped / PAGE_SIZE);
    if (targetPage !== current) onPage(targetPage);
    onActive(target.link.index);
  };

  const onKeyDown = (e: KeyboardEvent, row: Row, pos: number) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(pos + 1),
      ArrowUp: () => moveTo(pos - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      PageDown: () => moveTo(pos + PAGE_SIZE),
      PageUp: () => moveTo(pos - PAGE_SIZE),
      Enter: () => onSelect(selected === row.link.index ? null : row),
      ' ': () => onSelect(selected === row.link.index ? null : row),
    };
    const action = keys[e.key];
    if (!action || e.target !== e.currentTarget) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  };

  // Esc closes the open row from anywhere in the table (the row, its details, a link inside).
  const onAreaKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || selected === null) return;
    e.preventDefault();
    e.stopPropagation();
    focusWanted.current = true;
    onActive(selected);
    onSelect(null);
  };

  return (
    <div class="table-area" onKeyDown={onAreaKeyDown}>
      <div class="table-scroll" tabIndex={-1}>
        <table class="links" aria-label={t('table.label')} aria-rowcount={rows.length + 1} aria-busy={loading}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th scope="col" aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} class={`${c.className}${c.compact ? '' : ' wide-only'}`}>
                  <button type="button" onClick={() => onSort(c.key)} title={t('table.sortBy', [columnName(c.key)])}>
                    <span>{columnName(c.key)}</span>
                    <span class="sort-arrow" aria-hidden="true">
                      {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {loading &&
              Array.from({ length: 8 }, (_, i) => (
                <tr class="row row--skeleton" key={`s${i}`} aria-hidden="true">
                  <td colSpan={COLUMNS.length}>
                    <span class="skeleton" style={{ width: `${40 + ((i * 37) % 50)}%` }} />
                  </td>
                </tr>
              ))}
            {!loading && rows.length === 0 && (
              <tr class="row row--empty">
                <td colSpan={COLUMNS.length}>{empty}</td>
              </tr>
            )}
            {!loading &&
              pageRows.map((row, i) => {
                const { link, mine, competitor } = row;
                const pos = current * PAGE_SIZE + i;
                const open = selected === link.index;
                const status = followStatus(link);
                const flags = flagIds(link);
                const place = t(`placement.${link.placement}`);
                const domain = link.domain ?? link.kind;
                const out = [
                  <tr
                    key={link.index}
                    data-index={link.index}
                    class={`row${mine ? (competitor ? ' row--competitor' : ' row--mine') : ''}${open ? ' row--open' : ''}${link.hidden ? ' row--hidden' : ''}`}
                    tabIndex={link.index === activeIndex ? 0 : -1}
                    aria-expanded={open}
                    aria-rowindex={pos + 2}
                    onClick={() => {
                      onActive(link.index);
                      onSelect(open ? null : row);
                    }}
                    onKeyDown={(e) => onKeyDown(e, row, pos)}
                    onFocus={() => link.index !== activeIndex && onActive(link.index)}
                  >
                    <td class="col-anchor" title={link.text}>
                      <span class="anchor-line">
                        {mine &&
                          (competitor ? (
                            <span class="mine-pin competitor-pin" title={t('table.competitor', [mine])} aria-label={t('table.competitorShort')}>
                              ◆
                            </span>
                          ) : (
                            <span class="mine-pin" title={t('table.myDomain', [mine])} aria-label={t('table.myDomainShort')}>
                              ★
                            </span>
                          ))}
                        {link.text ? <span class="anchor-text">{link.text}</span> : <em class="muted">{t('table.noText')}</em>}
                      </span>
                      <span class="sub-line" title={link.url ?? link.href}>
                        <span class="sub-domain">{domain}</span>
                        {link.kind === 'http' && link.internal && <span class="muted"> · {t('table.internalShort')}</span>}
                        <span class="chip" style={{ '--c': PLACEMENT_COLORS[link.placement] }}>
                          {place}
                        </span>
                        {flags.map((f) => (
                          <span class="flag">{t(`flagShort.${f}`)}</span>
                        ))}
                        {link.health && <HealthBadge health={link.health} />}
                      </span>
                    </td>
                    <td class="col-domain wide-only" title={link.url ?? link.href}>
                      {link.domain ?? <span class="muted">{link.kind}</span>}
                      {link.kind === 'http' && link.internal && <span class="muted"> · {t('table.internalShort')}</span>}
                    </td>
                    <td class="col-placement wide-only">
                      <span class="chip" style={{ '--c': PLACEMENT_COLORS[link.placement] }} title={t('table.placementSure', [pct(link.placementConfidence)])}>
                        {place}
                      </span>
                    </td>
                    <td class="col-relevance num wide-only">{pct(link.relevance)}</td>
                    <td class="col-follow">
                      {link.kind === 'http' && (
                        <span class={`follow follow--${status}`} title={followTitle(link)}>
                          <span class="long">{t(`follow.${status}`)}</span>
                          <span class="short" aria-hidden="true">
                            {t(`followShort.${status}`)}
                          </span>
                        </span>
                      )}
                    </td>
                    <td class="col-score num">
                      <span class={`score score--${scoreBand(link.score)}`} title={scoreTitle(link)}>
                        {num(link.score)}
                      </span>
                    </td>
                    <td class="col-flags wide-only" title={flagNames(link).join(', ')}>
                      {flags.map((f) => (
                        <span class="flag" title={flagName(link, f)}>
                          {t(`flagShort.${f}`)}
                        </span>
                      ))}
                      {link.health && <HealthBadge health={link.health} />}
                    </td>
                  </tr>,
                ];
                if (open) {
                  out.push(
                    <tr class="row-details" key={`d${link.index}`}>
                      <td colSpan={COLUMNS.length}>
                        <LinkDetails link={link} mine={mine} competitor={!!competitor} onClose={() => onSelect(null)} />
                      </td>
                    </tr>,
                  );
                }
                return out;
              })}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={t('pager.label')}>
        <button type="button" disabled={current === 0 || loading} onClick={() => onPage(current - 1)}>
          {t('pager.prev')}
        </button>
        <span>{t('pager.page', [num(current + 1), num(pages)])}</span>
        <button type="button" disabled={current >= pages - 1 || loading} onClick={() => onPage(current + 1)}>
          {t('pager.next')}
        </button>
      </nav>
    </div>
  );
}
