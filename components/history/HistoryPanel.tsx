/**
 * History view of the side panel: page history, changes since last time, backlinks to my
 * domains, export/import, retention and clearing. All data comes from lib/history.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PageReport } from '@/lib/report';
import type { InspectionRecord, LinkRecord } from '@/lib/history/types';
import {
  applyRetention,
  backlinksToDomains,
  clearAll,
  countOlderThan,
  getRetention,
  linksOf,
  listInspections,
  RETENTION_CHOICES,
  setKeepDomains,
  setRetention,
  stats,
  type BacklinkGroup,
  type HistoryStats,
} from '@/lib/history/store';
import { diffInspections, isEmptyDiff, type InspectionDiff } from '@/lib/history/diff';
import { normalizeDomainList } from '@/lib/history/domains';
import { onHistoryChanged } from '@/lib/history/events';
import { exportFileName, exportHistoryJson } from '@/lib/history/export';
import { importHistory, IMPORT_LIMITS } from '@/lib/history/import';
import { backlinksCsv } from '@/lib/history/csv';
import { HistoryImportError } from '@/lib/history/errors';
import { baseIndexForLatest } from '@/lib/history/key';
import { DiffView } from './DiffView';
import { BacklinksTable } from './BacklinksTable';
import { formatTime } from './format';
import './history.css';

export interface HistoryPanelProps {
  pageUrl: string | null;
  currentReport: PageReport | null;
  myDomains: string[];
}

/** Rows of page history shown (the store holds more; the newest are what matter here). */
const HISTORY_ROWS = 100;

type Notice = { kind: 'error' | 'info'; text: string } | null;
interface Confirmation {
  text: string;
  confirmLabel: string;
  run: () => Promise<string>;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function download(name: string, type: string, text: string): boolean {
  if (typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function HistoryPanel({ pageUrl, currentReport, myDomains }: HistoryPanelProps) {
  const domains = useMemo(() => normalizeDomainList(myDomains), [myDomains.join('\n')]);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const [inspections, setInspections] = useState<InspectionRecord[] | null>(null);
  const [baseId, setBaseId] = useState<number | null>(null);
  const [diff, setDiff] = useState<{ older: InspectionRecord; newer: InspectionRecord; diff: InspectionDiff<LinkRecord> } | null>(null);
  const [backlinks, setBacklinks] = useState<BacklinkGroup[] | null>(null);
  const [retention, setRetentionState] = useState<number | null>(null);
  const [storeStats, setStats] = useState<HistoryStats | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);

  // Reload on saves from any context (the background saves after each inspection).
  useEffect(() => onHistoryChanged(refresh), [refresh]);
  // The report arrives after the background stored it: reload then too.
  useEffect(refresh, [currentReport, refresh]);

  useEffect(() => {
    let alive = true;
    if (!pageUrl) {
      setInspections([]);
      return;
    }
    listInspections(pageUrl, { limit: HISTORY_ROWS }).then(
      (list) => alive && setInspections(list),
      (e) => alive && setNotice({ kind: 'error', text: `History could not be read: ${errorText(e)}` }),
    );
    return () => {
      alive = false;
    };
  }, [pageUrl, version]);

  // A new page starts comparing its latest two inspections again.
  useEffect(() => setBaseId(null), [pageUrl]);

  useEffect(() => {
    let alive = true;
    const newer = inspections?.[0];
    const older =
      inspections?.find((r) => r.id === baseId && r.id !== newer?.id) ?? (inspections ? inspections[baseIndexForLatest(inspections)] : undefined);
    if (!newer || !older) {
      setDiff(null);
      return;
    }
    Promise.all([linksOf(older.id), linksOf(newer.id)]).then(
      ([a, b]) => alive && setDiff({ older, newer, diff: diffInspections(a, b, domains) }),
      (e) => alive && setNotice({ kind: 'error', text: `Changes could not be computed: ${errorText(e)}` }),
    );
    return () => {
      alive = false;
    };
  }, [inspections, baseId, domains]);

  useEffect(() => {
    let alive = true;
    backlinksToDomains(domains).then(
      (b) => alive && setBacklinks(b),
      (e) => alive && setNotice({ kind: 'error', text: `Backlinks could not be read: ${errorText(e)}` }),
    );
    stats().then((s) => alive && setStats(s), () => undefined);
    return () => {
      alive = false;
    };
  }, [domains, version]);

  useEffect(() => {
    getRetention().then(setRetentionState, () => undefined);
  }, []);

  // Retention never prunes backlinks to my domains; pruning after each save reads this list.
  useEffect(() => {
    setKeepDomains(domains).catch(() => undefined);
  }, [domains]);

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

  const onExportJson = () =>
    run(async () => {
      const text = await exportHistoryJson();
      return download(exportFileName('json'), 'application/json', text) ? 'History exported.' : 'Downloads are not available here.';
    });

  const onExportCsv = () =>
    run(async () => {
      const rows = backlinks ?? (await backlinksToDomains(domains));
      return download(exportFileName('csv', 'backlinks'), 'text/csv', backlinksCsv(rows)) ? 'Backlinks exported.' : 'Downloads are not available here.';
    });

  const onImportFile = (ev: Event) => {
    const input = ev.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void run(async () => {
      if (file.size > IMPORT_LIMITS.maxChars) {
        throw new HistoryImportError(`the file is larger than ${Math.round(IMPORT_LIMITS.maxChars / 1024 / 1024)} MB`, null, 'too-large');
      }
      const r = await importHistory(await file.text());
      return `Imported ${r.added} inspection${r.added === 1 ? '' : 's'}` + (r.skipped ? ` (${r.skipped} already in history, skipped).` : '.');
    });
  };

  const onRetention = (ev: Event) => {
    const value = (ev.currentTarget as HTMLSelectElement).value;
    const ms = value === 'forever' ? null : Number(value);
    const label = RETENTION_CHOICES.find((c) => c.ms === ms)?.label ?? value;
    void run(async () => {
      const doomed = ms === null ? 0 : await countOlderThan(ms, { keepDomains: domains });
      if (!doomed) {
        await setRetention(ms);
        setRetentionState(ms);
        return `History is kept ${ms === null ? 'forever' : `for ${label.toLowerCase()}`}.`;
      }
      setConfirm({
        text:
          `Keep history for ${label.toLowerCase()}? ${doomed} older inspection${doomed === 1 ? '' : 's'} will be deleted now` +
          (domains.length ? ' (inspections with backlinks to your domains are kept).' : '.'),
        confirmLabel: 'Delete older history',
        run: async () => {
          await setRetention(ms);
          setRetentionState(ms);
          const r = await applyRetention({ keepDomains: domains });
          return `Deleted ${r.inspections} older inspection${r.inspections === 1 ? '' : 's'}.`;
        },
      });
    });
  };

  const onClear = () =>
    setConfirm({
      text: `Delete all history (${storeStats?.inspections ?? 'all'} inspections)? This cannot be undone. Export it first if you may need it.`,
      confirmLabel: 'Delete all history',
      run: async () => {
        await clearAll();
        return 'History cleared.';
      },
    });

  const closeConfirm = () => {
    setConfirm(null);
    // Return focus to where the user was.
    setTimeout(() => clearButton.current?.focus(), 0);
  };

  const newest = inspections?.[0];
  // The newest inspection repeats earlier identical ones: say so, and show the last real change.
  const olderIndex = diff && inspections ? inspections.findIndex((r) => r.id === diff.older.id) : -1;
  const unchangedSince = baseId === null && olderIndex > 1 && !isEmptyDiff(diff!.diff) ? inspections![olderIndex - 1]!.time : null;

  return (
    <div class="history">
      {notice && (
        <div class={`history-notice history-notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" class="history-notice__close" onClick={() => setNotice(null)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}

      <section class="history-section" aria-labelledby="history-changes">
        <h2 id="history-changes">Changes since last time</h2>
        {!pageUrl ? (
          <p class="muted">Open a web page to see its history.</p>
        ) : inspections === null ? (
          <p class="muted">Loading…</p>
        ) : !diff ? (
          <p class="muted">
            {inspections.length ? 'This is the first inspection of this page. Inspect it again later to see what changed.' : 'This page has not been inspected yet.'}
          </p>
        ) : (
          <>
            {unchangedSince !== null && (
              <p class="history-compare" data-testid="history-unchanged">
                No link changed since the inspection of {formatTime(unchangedSince)}. The last change:
              </p>
            )}
            <p class="muted history-compare">
              {formatTime(diff.older.time)} → {formatTime(diff.newer.time)}
            </p>
            <DiffView diff={diff.diff} hasMyDomains={domains.length > 0} />
            {isEmptyDiff(diff.diff) && <p class="muted">No link changed.</p>}
          </>
        )}
      </section>

      {pageUrl && inspections && inspections.length > 0 && (
        <section class="history-section" aria-labelledby="history-page">
          <h2 id="history-page">Page history</h2>
          <ol class="history-list">
            {inspections.map((r, i) => {
              const isBase = diff?.older.id === r.id;
              return (
                <li key={r.id} class={isBase ? 'history-list__item history-list__item--base' : 'history-list__item'}>
                  <span class="history-list__time">{formatTime(r.time)}</span>
                  <span class="history-list__counts">
                    {r.counts.total} links · {r.counts.followed} followed · {r.counts.external} external
                  </span>
                  {i === 0 ? (
                    <span class="history-tag">latest</span>
                  ) : (
                    <button
                      type="button"
                      class="history-small"
                      aria-pressed={isBase}
                      onClick={() => setBaseId(r.id)}
                      aria-label={`Compare the latest inspection with ${formatTime(r.time)}`}
                    >
                      {isBase ? 'Compared' : 'Compare'}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {inspections.length >= HISTORY_ROWS && <p class="muted">Showing the newest {HISTORY_ROWS} inspections.</p>}
        </section>
      )}

      <section class="history-section" aria-labelledby="history-backlinks">
        <h2 id="history-backlinks">Backlinks to my domains</h2>
        {!domains.length ? (
          <p class="muted">Add your domains in the options to follow every page that links to them.</p>
        ) : backlinks === null ? (
          <p class="muted">Loading…</p>
        ) : (
          <>
            <BacklinksTable rows={backlinks} currentPage={newest?.pageUrl ?? null} />
            <button type="button" onClick={onExportCsv} disabled={busy || !backlinks.length}>
              Export backlinks (CSV)
            </button>
          </>
        )}
      </section>

      <section class="history-section" aria-labelledby="history-data">
        <h2 id="history-data">History data</h2>
        {storeStats && (
          <p class="muted">
            {storeStats.inspections} inspection{storeStats.inspections === 1 ? '' : 's'} of {storeStats.pages} page
            {storeStats.pages === 1 ? '' : 's'} stored
            {storeStats.usage !== null ? ` · ${formatBytes(storeStats.usage)} used` : ''}.
          </p>
        )}
        <div class="history-actions">
          <button type="button" onClick={onExportJson} disabled={busy}>
            Export history (JSON)
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
            Import history…
          </button>
          <input
            ref={fileInput}
            class="history-file"
            type="file"
            accept="application/json,.json"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="history-import-file"
            onChange={onImportFile}
          />
          <label class="history-retention">
            Keep history
            <select value={retention === null ? 'forever' : String(retention)} onChange={onRetention} disabled={busy}>
              {RETENTION_CHOICES.map((c) => (
                <option key={c.label} value={c.ms === null ? 'forever' : String(c.ms)}>
                  {c.label}
                </option>
              ))}
              {retention !== null && !RETENTION_CHOICES.some((c) => c.ms === retention) && (
                <option value={String(retention)}>{Math.round(retention / 86_400_000)} days</option>
              )}
            </select>
          </label>
          <button type="button" ref={clearButton} class="history-danger" onClick={onClear} disabled={busy}>
            Clear history…
          </button>
        </div>
        {confirm && (
          <ConfirmBox
            text={confirm.text}
            confirmLabel={confirm.confirmLabel}
            onCancel={() => {
              // Re-render: a cancelled retention change puts the select back on the stored value.
              refresh();
              closeConfirm();
            }}
            onConfirm={() => {
              const task = confirm.run;
              closeConfirm();
              void run(task);
            }}
          />
        )}
      </section>
    </div>
  );
}

function ConfirmBox(props: { text: string; confirmLabel: string; onCancel: () => void; onConfirm: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="history-confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="history-confirm-text"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id="history-confirm-text">{props.text}</p>
      <div class="history-actions">
        <button type="button" class="history-danger history-danger--solid" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" ref={cancel} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
