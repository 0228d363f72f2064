/**
 * The shared link view of popup and side panel, answer first (issue 19 §1): the verdict, the
 * tabs (all links / editorial opportunities / by domain) and filters, the table sorted by score
 * (or the domains), a legend and the exports. The tab, filters and sort are remembered.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { summarizeLinks, type LinkSummary } from '@/lib/link-summary';
import type { LinkReport, PageReport } from '@/lib/report';
import { createRoleMatcher, type MyDomain } from '@/lib/settings';
import { isSamePage } from '@/lib/url';
import { DomainView } from './DomainView';
import { ExportBar } from './ExportBar';
import { FilterBar } from './FilterBar';
import { num, t } from './i18n';
import { Legend } from './Legend';
import { activeTab, DEFAULT_FILTERS, describeView, EDITORIAL_FILTERS, nextSort, visibleRows, type Filters, type Row, type ViewTab } from './link-model';
import { LinkCheck } from './LinkCheck';
import { LinkTable, PAGE_SIZE } from './LinkTable';
import { ReportNotices } from './ReportNotices';
import { useViewPrefs } from './use-view-prefs';
import { Verdict } from './Verdict';

export interface FocusTarget {
  /** The absolute URL of the link to open (from "Inspect this link"). */
  url: string;
  /** Changes with every request, so the same link can be focused twice. */
  nonce: number;
}

/** How far a running inspection is (big pages take seconds). */
export type InspectProgress = Pick<import('@/lib/protocol').InspectProgress, 'stage' | 'done' | 'total'>;

interface Props {
  report: PageReport | null;
  loading: boolean;
  myDomains: MyDomain[];
  /** Show the link on the page (scroll + flash). */
  onReveal?(link: LinkReport): void;
  focus?: FocusTarget | null;
  /** The inspection's progress while there is no (full) report yet. */
  progress?: InspectProgress | null;
  /** `report` holds only the best links so far; the summary is the whole page's. */
  preview?: { summary: LinkSummary; total: number } | null;
  /** The filters changed (the overlay shows the same links). */
  onFiltersChange?(filters: Filters): void;
  /** The inspected tab: "Check links" checks its links (absent: no check from here). */
  tabId?: number | null;
}

export function ProgressLine({ progress }: { progress: InspectProgress }) {
  const value = progress.total > 0 ? Math.min(progress.done, progress.total) : undefined;
  return (
    <div class="progress" role="status" data-testid="progress">
      <span>{t(`progress.${progress.stage}`, [num(progress.done), num(progress.total)])}</span>
      <progress max={progress.total || undefined} value={value} aria-label={t('progress.label')} />
    </div>
  );
}

export function LinkView({ report, loading, myDomains, onReveal, focus, progress, preview, onFiltersChange, tabId = null }: Props) {
  const [prefs, setPrefs] = useViewPrefs();
  const { mode, filters, sort } = prefs;
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [focusMissing, setFocusMissing] = useState<string | null>(null);

  // My sites and competitors: both pinned (mine first); the verdict counts them apart.
  const { match, isCompetitor, matchMine, matchCompetitor } = useMemo(() => {
    const roles = createRoleMatcher(myDomains);
    const ofRole = (role: string) => (host: string | null) => {
      const m = roles(host);
      return m?.role === role ? m.domain : null;
    };
    const competitors = new Set(myDomains.filter((d) => d.role === 'competitor').map((d) => d.domain));
    return { match: (host: string | null) => roles(host)?.domain ?? null, isCompetitor: (d: string) => competitors.has(d), matchMine: ofRole('mine'), matchCompetitor: ofRole('competitor') };
  }, [myDomains]);
  const rows = useMemo(() => (report ? visibleRows(report.links, filters, sort, match, isCompetitor) : []), [report, filters, sort, match]);
  const summary = useMemo(() => (preview ? preview.summary : report ? summarizeLinks(report.links, matchMine, matchCompetitor) : null), [report, preview, match]);
  const total = preview?.total ?? report?.links.length ?? 0;

  useEffect(() => onFiltersChange?.(filters), [filters]);

  // A report of another page: start from the top.
  const pageKey = report ? `${report.url}|${report.finalUrl}` : '';
  useEffect(() => {
    setPage(0);
    setSelected(null);
    setActive(null);
  }, [pageKey]);

  const update = (next: Partial<typeof prefs>) => {
    setPrefs({ ...prefs, ...next });
    setPage(0);
  };

  // "Inspect this link": show all links, open that one (once per request, not on every update).
  const handledFocus = useRef<number | null>(null);
  useEffect(() => {
    if (!focus || !report || preview || handledFocus.current === focus.nonce) return;
    handledFocus.current = focus.nonce;
    const link = report.links.find((l) => l.url !== null && isSamePage(l.url, focus.url));
    if (!link) {
      setFocusMissing(t('view.focusMissing', [focus.url]));
      return;
    }
    setFocusMissing(null);
    setPrefs({ ...prefs, mode: 'links', filters: DEFAULT_FILTERS });
    const all = visibleRows(report.links, DEFAULT_FILTERS, sort, match, isCompetitor);
    const pos = all.findIndex((r) => r.link.index === link.index);
    setPage(Math.floor(Math.max(0, pos) / PAGE_SIZE));
    setSelected(link.index);
    setActive(link.index);
    requestAnimationFrame(() => {
      const tr = document.querySelector<HTMLElement>(`tr[data-index="${link.index}"]`);
      tr?.scrollIntoView?.({ block: 'center' });
      tr?.focus();
    });
  }, [focus?.nonce, report, preview]);

  const onTab = (tab: ViewTab) => {
    if (tab === 'domains') update({ mode: 'domains' });
    else update({ mode: 'links', filters: { ...(tab === 'editorial' ? EDITORIAL_FILTERS : DEFAULT_FILTERS), mine: tab === 'all' ? false : filters.mine } });
  };
  const onSelect = (row: Row | null) => {
    setSelected(row ? row.link.index : null);
    if (row) onReveal?.(row.link);
  };

  const empty = !report
    ? ''
    : total === 0
      ? t('view.noLinks')
      : activeTab(mode, filters) === 'editorial'
        ? t('view.noEditorial')
        : t('view.noMatch');
  const showProgress = !!progress && (loading || !!preview);

  return (
    <section class="link-view" aria-label={t('view.label')}>
      <Verdict report={report} summary={summary} onPlacement={(p) => update({ mode: 'links', filters: { ...filters, placement: p } })} />
      <ReportNotices report={report} />
      {showProgress && <ProgressLine progress={progress!} />}
      {preview && <p class="notice notice--preview">{t('view.preview', [num(report?.links.length ?? 0), num(total)])}</p>}
      <FilterBar
        tab={activeTab(mode, filters)}
        onTab={onTab}
        filters={filters}
        onChange={(f) => update({ filters: f })}
        shown={rows.length}
        total={report?.links.length ?? 0}
        disabled={!report}
        hasMyDomains={myDomains.length > 0}
        hasHealth={!!report?.links.some((l) => l.health)}
      />
      {focusMissing && <p class="notice" role="status">{focusMissing}</p>}
      {mode === 'domains' ? (
        <DomainView rows={rows} loading={loading && !report} empty={empty} onShowLinks={(domain) => update({ mode: 'links', filters: { ...filters, query: domain } })} />
      ) : (
        <LinkTable
          rows={rows}
          sort={sort}
          onSort={(key) => update({ sort: nextSort(sort, key) })}
          page={page}
          onPage={setPage}
          selected={selected}
          onSelect={onSelect}
          active={active}
          onActive={setActive}
          loading={loading && !report}
          empty={empty}
        />
      )}
      <div class="view-foot">
        <Legend />
        <LinkCheck tabId={tabId} report={preview ? null : report} />
        <ExportBar report={preview ? null : report} rows={rows} view={describeView(filters, sort)} />
      </div>
    </section>
  );
}
