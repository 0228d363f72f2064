/** The shared link view of popup and side panel: verdict, filters, export, table. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LinkReport, PageReport } from '@/lib/report';
import { createDomainMatcher, type MyDomain } from '@/lib/settings';
import { isSamePage } from '@/lib/url';
import { ExportBar } from './ExportBar';
import { FilterBar } from './FilterBar';
import { DEFAULT_FILTERS, DEFAULT_SORT, describeView, nextSort, visibleRows, type Filters, type Row, type Sort } from './link-model';
import { LinkTable, PAGE_SIZE } from './LinkTable';
import { ReportNotices } from './ReportNotices';
import { Verdict } from './Verdict';

export interface FocusTarget {
  /** The absolute URL of the link to open (from "Inspect this link"). */
  url: string;
  /** Changes with every request, so the same link can be focused twice. */
  nonce: number;
}

interface Props {
  report: PageReport | null;
  loading: boolean;
  myDomains: MyDomain[];
  /** Show the link on the page (scroll + flash). */
  onReveal?(link: LinkReport): void;
  focus?: FocusTarget | null;
}

export function LinkView({ report, loading, myDomains, onReveal, focus }: Props) {
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [focusMissing, setFocusMissing] = useState<string | null>(null);

  const match = useMemo(() => createDomainMatcher(myDomains.map((d) => d.domain)), [myDomains]);
  const rows = useMemo(() => (report ? visibleRows(report.links, filters, sort, match) : []), [report, filters, sort, match]);
  const mineCount = useMemo(() => (report ? report.links.reduce((n, l) => n + (l.kind === 'http' && match(l.host) ? 1 : 0), 0) : 0), [report, match]);

  // A report of another page: start from the top.
  const pageKey = report ? `${report.url}|${report.finalUrl}` : '';
  useEffect(() => {
    setPage(0);
    setSelected(null);
    setActive(null);
  }, [pageKey]);

  // "Inspect this link": show all links, open that one (once per request, not on every update).
  const handledFocus = useRef<number | null>(null);
  useEffect(() => {
    if (!focus || !report || handledFocus.current === focus.nonce) return;
    handledFocus.current = focus.nonce;
    const link = report.links.find((l) => l.url !== null && isSamePage(l.url, focus.url));
    if (!link) {
      setFocusMissing(`The link ${focus.url} was not found on this page.`);
      return;
    }
    setFocusMissing(null);
    setFilters(DEFAULT_FILTERS);
    const all = visibleRows(report.links, DEFAULT_FILTERS, sort, match);
    const pos = all.findIndex((r) => r.link.index === link.index);
    setPage(Math.floor(Math.max(0, pos) / PAGE_SIZE));
    setSelected(link.index);
    setActive(link.index);
    requestAnimationFrame(() => {
      const tr = document.querySelector<HTMLElement>(`tr[data-index="${link.index}"]`);
      tr?.scrollIntoView?.({ block: 'center' });
      tr?.focus();
    });
  }, [focus?.nonce, report]);

  const onFilters = (next: Filters) => {
    setFilters(next);
    setPage(0);
  };
  const onSelect = (row: Row | null) => {
    setSelected(row ? row.link.index : null);
    if (row) onReveal?.(row.link);
  };

  const empty = !report
    ? ''
    : report.links.length === 0
      ? 'This page has no links.'
      : 'No link matches these filters.';

  return (
    <section class="link-view" aria-label="Links">
      <Verdict report={report} mineCount={mineCount} />
      <ReportNotices report={report} />
      <FilterBar filters={filters} onChange={onFilters} shown={rows.length} total={report?.links.length ?? 0} disabled={!report} />
      {focusMissing && <p class="notice" role="status">{focusMissing}</p>}
      <LinkTable
        rows={rows}
        sort={sort}
        onSort={(key) => {
          setSort((s) => nextSort(s, key));
          setPage(0);
        }}
        page={page}
        onPage={setPage}
        selected={selected}
        onSelect={onSelect}
        active={active}
        onActive={setActive}
        loading={loading}
        empty={empty}
      />
      <ExportBar report={report} rows={rows} view={describeView(filters, sort)} />
    </section>
  );
}
