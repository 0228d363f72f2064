/**
 * The link table: sortable headers, one focusable row at a time (roving tabindex: ↑/↓, Home/End,
 * PgUp/PgDn), Enter/Space or click opens a row (shows the link on the page + its reasons), Esc
 * closes it. Paginated so 10,000 links render as fast as 100; rows have a fixed height.
 */
import { useEffect, useRef } from 'preact/hooks';
import { linkFlags, relBadges } from '@/lib/table-export';
import { LinkDetails } from './LinkDetails';
import { formatRelevance, type Row, type Sort, type SortKey } from './link-model';
import { PLACEMENT_COLORS } from '@/lib/placement-colors';

export const PAGE_SIZE = 100;

/** Headers: `label` is the name read out; `wide` what the popup shows, `short` what the narrow side panel shows. */
const COLUMNS: { key: SortKey; label: string; wide?: string; short?: string; className: string }[] = [
  { key: 'text', label: 'Anchor', className: 'col-anchor' },
  { key: 'domain', label: 'Domain', className: 'col-domain' },
  { key: 'placement', label: 'Placement', short: 'Place', className: 'col-placement' },
  { key: 'relevance', label: 'Relevance', wide: 'Relev.', short: 'Rel.', className: 'col-relevance' },
  { key: 'score', label: 'Score', className: 'col-score' },
  { key: 'rel', label: 'rel', className: 'col-rel' },
  { key: 'flags', label: 'Flags', className: 'col-flags' },
];

const REL_SHORT: Record<string, string> = { nofollow: 'NF', sponsored: 'SP', ugc: 'UGC' };
const FLAG_SHORT: Record<string, string> = { hidden: 'hid', image: 'img', redirect: 'redir', tracking: 'track' };

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

function scoreClass(score: number): string {
  return score >= 60 ? 'score--high' : score >= 30 ? 'score--mid' : 'score--low';
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
        <table class="links" aria-label="Links on the page" aria-rowcount={rows.length + 1} aria-busy={loading}>
          <colgroup>
            {COLUMNS.map((c) => (
              <col class={c.className} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th scope="col" aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} class={c.className}>
                  <button type="button" onClick={() => onSort(c.key)} title={`Sort by ${c.label}`}>
                    <span class="sr-only">{c.label}</span>
                    <span class="long" aria-hidden="true">
                      {c.wide ?? c.label}
                    </span>
                    <span class="short" aria-hidden="true">
                      {c.short ?? c.wide ?? c.label}
                    </span>
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
                const { link, mine } = row;
                const pos = current * PAGE_SIZE + i;
                const open = selected === link.index;
                const rels = relBadges(link);
                const flags = linkFlags(link);
                const out = [
                  <tr
                    key={link.index}
                    data-index={link.index}
                    class={`row${mine ? ' row--mine' : ''}${open ? ' row--open' : ''}${link.hidden ? ' row--hidden' : ''}`}
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
                      {mine && (
                        <span class="mine-pin" title={`My domain: ${mine}`} aria-label="my domain">
                          ★
                        </span>
                      )}
                      {link.text ? <span class="anchor-text">{link.text}</span> : <em class="muted">(no text)</em>}
                    </td>
                    <td class="col-domain" title={link.url ?? link.href}>
                      {link.domain ?? <span class="muted">{link.kind}</span>}
                      {link.kind === 'http' && link.internal && <span class="muted"> · int</span>}
                    </td>
                    <td class="col-placement">
                      <span class="chip" style={{ '--c': PLACEMENT_COLORS[link.placement] }}>
                        {link.placement}
                      </span>
                    </td>
                    <td class="col-relevance num">{formatRelevance(link.relevance)}</td>
                    <td class="col-score num">
                      <span class={`score ${scoreClass(link.score)}`}>{link.score}</span>
                    </td>
                    <td class="col-rel">
                      {rels.map((r) => (
                        <span class={`badge badge--${r}`} title={r}>
                          <span class="long">{r}</span>
                          <span class="short">{REL_SHORT[r]}</span>
                        </span>
                      ))}
                      {!link.followed && rels.length === 0 && link.kind === 'http' && (
                        <span class="muted" title="Not followed (page nofollow or hidden)">–</span>
                      )}
                    </td>
                    <td class="col-flags" title={flags.join(', ')}>
                      {flags.map((f) => (
                        <span class="flag">{FLAG_SHORT[f.split(' ')[0]!] ?? f}</span>
                      ))}
                    </td>
                  </tr>,
                ];
                if (open) {
                  out.push(
                    <tr class="row-details" key={`d${link.index}`}>
                      <td colSpan={COLUMNS.length}>
                        <LinkDetails link={link} mine={mine} onClose={() => onSelect(null)} />
                      </td>
                    </tr>,
                  );
                }
                return out;
              })}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Table pages">
        <button type="button" disabled={current === 0 || loading} onClick={() => onPage(current - 1)}>
          ‹ Prev
        </button>
        <span>
          Page {current + 1} of {pages}
        </span>
        <button type="button" disabled={current >= pages - 1 || loading} onClick={() => onPage(current + 1)}>
          Next ›
        </button>
      </nav>
    </div>
  );
}
