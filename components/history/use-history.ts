/**
 * The history view's state: one page's inspections, the comparison shown, backlinks to the
 * user's domains, storage figures, and the busy flag / message shared by the sections' actions.
 * Everything reloads when history changes in any context (the background saves after each
 * inspection).
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { PageReport } from '@/lib/report';
import type { InspectionRecord, LinkRecord } from '@/lib/history/types';
import { backlinksToDomains, linksOf, listInspections, stats, type BacklinkGroup, type HistoryStats } from '@/lib/history/store';
import { diffInspections, type InspectionDiff } from '@/lib/history/diff';
import { normalizeDomainList } from '@/lib/history/domains';
import { onHistoryChanged } from '@/lib/history/events';
import { baseIndexForLatest } from '@/lib/history/key';
import { t } from '../i18n';

/** Rows of page history shown (the store holds more; the newest are what matter here). */
export const HISTORY_ROWS = 100;

export type Notice = { kind: 'error' | 'info'; text: string } | null;

export interface Comparison {
  older: InspectionRecord;
  newer: InspectionRecord;
  diff: InspectionDiff<LinkRecord>;
}

export interface HistoryState {
  /** The user's own sites, normalized. */
  domains: string[];
  /** The user's competitors, normalized. */
  competitors: string[];
  /** Newest first; null while loading. */
  inspections: InspectionRecord[] | null;
  comparison: Comparison | null;
  /** The inspection the user chose to compare the latest with (null: the automatic choice). */
  baseId: number | null;
  setBaseId(id: number | null): void;
  backlinks: BacklinkGroup[] | null;
  /** Pages linking to a competitor and to none of my sites (null while loading). */
  prospects: BacklinkGroup[] | null;
  stats: HistoryStats | null;
  notice: Notice;
  setNotice(n: Notice): void;
  busy: boolean;
  /** Runs an action: busy while it runs, its message (or error) shown after, then everything reloads. */
  run(task: () => Promise<string | void>): Promise<void>;
  refresh(): void;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function useHistory(pageUrl: string | null, currentReport: PageReport | null, myDomains: string[], competitorDomains: string[] = []): HistoryState {
  const domains = useMemo(() => normalizeDomainList(myDomains), [myDomains.join('\n')]);
  const competitors = useMemo(() => normalizeDomainList(competitorDomains), [competitorDomains.join('\n')]);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const fail = (what: string) => (e: unknown) => setNotice({ kind: 'error', text: t('history.error.with', [what, errorText(e)]) });

  // Reload on saves from any context (the background saves after each inspection).
  useEffect(() => onHistoryChanged(refresh), [refresh]);
  // The report arrives after the background stored it: reload then too.
  useEffect(refresh, [currentReport, refresh]);

  const inspections = usePageInspections(pageUrl, version, fail(t('history.error.read')));
  const [baseId, setBaseId] = useState<number | null>(null);
  // A new page starts comparing its latest two inspections again.
  useEffect(() => setBaseId(null), [pageUrl]);
  const comparison = useComparison(inspections, baseId, domains, fail(t('history.error.diff')));
  const { backlinks, prospects, storeStats } = useBacklinksAndStats(domains, competitors, version, fail(t('history.error.backlinks')));

  const run = async (task: () => Promise<string | void>) => {
    setBusy(true);
    try {
      const text = await task();
      if (text) setNotice({ kind: 'info', text });
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return { domains, competitors, inspections, comparison, baseId, setBaseId, backlinks, prospects, stats: storeStats, notice, setNotice, busy, run, refresh };
}

function usePageInspections(pageUrl: string | null, version: number, onError: (e: unknown) => void): InspectionRecord[] | null {
  const [inspections, setInspections] = useState<InspectionRecord[] | null>(null);
  useEffect(() => {
    let alive = true;
    if (!pageUrl) {
      setInspections([]);
      return;
    }
    listInspections(pageUrl, { limit: HISTORY_ROWS }).then(
      (list) => alive && setInspections(list),
      (e) => alive && onError(e),
    );
    return () => {
      alive = false;
    };
  }, [pageUrl, version]);
  return inspections;
}

/** The newest inspection against the chosen one, else against the last one whose links differ. */
function useComparison(inspections: InspectionRecord[] | null, baseId: number | null, domains: string[], onError: (e: unknown) => void): Comparison | null {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  useEffect(() => {
    let alive = true;
    const newer = inspections?.[0];
    const older =
      inspections?.find((r) => r.id === baseId && r.id !== newer?.id) ?? (inspections ? inspections[baseIndexForLatest(inspections)] : undefined);
    if (!newer || !older) {
      setComparison(null);
      return;
    }
    Promise.all([linksOf(older.id), linksOf(newer.id)]).then(
      ([a, b]) => alive && setComparison({ older, newer, diff: diffInspections(a, b, domains) }),
      (e) => alive && onError(e),
    );
    return () => {
      alive = false;
    };
  }, [inspections, baseId, domains]);
  return comparison;
}

function useBacklinksAndStats(domains: string[], competitors: string[], version: number, onError: (e: unknown) => void) {
  const [backlinks, setBacklinks] = useState<BacklinkGroup[] | null>(null);
  const [prospects, setProspects] = useState<BacklinkGroup[] | null>(null);
  const [storeStats, setStats] = useState<HistoryStats | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all([backlinksToDomains(domains), backlinksToDomains(competitors)]).then(
      ([b, c]) => {
        if (!alive) return;
        setBacklinks(b);
        // A page that already links to one of my sites is won, not a prospect.
        const won = new Set(b.filter((g) => g.status === 'live').map((g) => g.pageUrl));
        setProspects(c.filter((g) => g.status === 'live' && !won.has(g.pageUrl)));
      },
      (e) => alive && onError(e),
    );
    stats().then((s) => alive && setStats(s), () => undefined);
    return () => {
      alive = false;
    };
  }, [domains, competitors, version]);
  return { backlinks, prospects, storeStats };
}
