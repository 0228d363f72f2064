/**
 * One audit: its latest run's progress (pause, resume, cancel, run again), verdict counts that
 * filter, a sortable paged table (method and change per row, a rendered check per row or for every
 * lost row), the CSV export with the list's own columns, and monitoring (schedule, notifications;
 * the permissions are asked for here, within the user's click).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, num, dateTime } from '../i18n';
import { auditRows, getAudit, resultsOf, runsOf } from '@/lib/audit/store';
import { runChanges, type RowChange } from '@/lib/audit/changes';
import { auditCsv } from '@/lib/audit/export';
import { VERDICTS, type AuditRecord, type AuditRow, type RowResult, type RunRecord, type Schedule, type Verdict } from '@/lib/audit/types';
import { placementWords } from '@/lib/audit/verdict';
import { monitorPermissions } from '@/lib/permissions';
import { sendMessage } from '@/lib/messaging';
import { pageOf, resultRows, type SortKey } from './results-model';

interface Loaded {
  audit: AuditRecord;
  rows: AuditRow[];
  run: RunRecord | null;
  results: Map<number, RowResult>;
  changes: Map<number, RowChange>;
}

export async function loadAudit(auditId: number): Promise<Loaded | null> {
  const audit = await getAudit(auditId);
  if (!audit) return null;
  const [rows, runs] = await Promise.all([auditRows(auditId), runsOf(auditId)]);
  const run = runs[0] ?? null;
  const results = new Map(run ? (await resultsOf(run.id)).map((r) => [r.index, r]) : []);
  let changes = new Map<number, RowChange>();
  if (run?.previousRunId != null) {
    const before = new Map((await resultsOf(run.previousRunId)).map((r) => [r.index, r]));
    changes = new Map(runChanges(before, results.values()).map((c) => [c.index, c]));
  }
  return { audit, rows, run, results, changes };
}

const verdictLabel = (v: Verdict) => t(`audits.verdict.${v}`);
const stateLabel = (s: RunRecord['state']) => t(`audits.state.${s}`);

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function AuditView({ auditId, tick }: { auditId: number; tick: number }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [filter, setFilter] = useState<Verdict | 'all'>('all');
  const [sort, setSort] = useState<SortKey>('row');
  const [page, setPage] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void loadAudit(auditId).then((d) => live && setData(d));
    return () => {
      live = false;
    };
  }, [auditId, tick]);

  const shown = useMemo(() => (data ? resultRows(data.rows, data.results, data.changes, filter, sort) : []), [data, filter, sort]);
  if (!data) return null;
  const { audit, run } = data;
  const paged = pageOf(shown, page);

  const control = async (action: 'pause' | 'resume' | 'cancel') => {
    if (run) await sendMessage('auditControl', { runId: run.id, action });
  };
  const runAgain = async () => {
    const r = await sendMessage('startAudit', { auditId });
    setMessage(r.ok ? null : r.error.message);
  };
  const render = async (indexes: number[]) => {
    if (!run || !indexes.length) return;
    const r = await sendMessage('renderAuditRows', { runId: run.id, indexes });
    setMessage(r.ok ? t('audits.renderQueued', [num(r.queued)]) : (r.message ?? null));
  };
  const schedule = async (next: Schedule, notify: boolean) => {
    if (next !== 'off') {
      const optional = (browser.runtime.getManifest().optional_permissions ?? []) as string[];
      const wanted = monitorPermissions(notify, optional);
      const granted = !wanted.length || (await browser.permissions.request({ permissions: wanted } as never).catch(() => false));
      if (!granted) return setMessage(t('audits.monitorDenied'));
    }
    const r = await sendMessage('setAuditSchedule', { auditId, schedule: next, notify });
    setMessage(r.ok ? null : (r.message ?? null));
    setData({ ...data, audit: { ...audit, schedule: next, notify } });
  };
  const lost = [...data.results.values()].filter((r) => r.verdict === 'lost' && r.method === 'fetched').map((r) => r.index);
  const changeText = run?.changes ? Object.entries(run.changes).map(([k, n]) => `${k} ${num(n!)}`).join(' · ') : null;

  return (
    <section class="audit-view" aria-labelledby="audit-view-title">
      <h2 id="audit-view-title">{audit.name}</h2>
      {run && (
        <div class="audit-run">
          <progress max={run.total} value={run.done} />
          <span>
            {t('audits.progress', [num(run.done), num(run.total)])} · {stateLabel(run.state)} · {dateTime(run.startedAt)}
          </span>
          {run.state === 'running' && <button onClick={() => void control('pause')}>{t('audits.pause')}</button>}
          {run.state === 'paused' && <button onClick={() => void control('resume')}>{t('audits.resume')}</button>}
          {(run.state === 'running' || run.state === 'paused') && <button onClick={() => void control('cancel')}>{t('audits.cancel')}</button>}
          {(run.state === 'done' || run.state === 'cancelled') && <button onClick={() => void runAgain()}>{t('audits.runAgain')}</button>}
        </div>
      )}
      {changeText && <p class="audit-changes">{t('audits.changes', [changeText])}</p>}
      <div class="audit-filters" role="group">
        <button aria-pressed={filter === 'all'} onClick={() => (setFilter('all'), setPage(0))}>
          {t('audits.all')} {num(data.rows.length)}
        </button>
        {VERDICTS.map((v) => (
          <button key={v} class={`verdict-${v}`} aria-pressed={filter === v} onClick={() => (setFilter(v), setPage(0))}>
            {verdictLabel(v)} {num(run?.counts[v] ?? 0)}
          </button>
        ))}
        <label>
          {t('audits.sort')}{' '}
          <select value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as SortKey)}>
            <option value="row">{t('audits.sortRow')}</option>
            <option value="verdict">{t('audits.sortVerdict')}</option>
            <option value="score">{t('audits.sortScore')}</option>
          </select>
        </label>
        <button onClick={() => download(`audit-${audit.id}-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(audit, data.rows, data.results, data.changes))}>{t('audits.export')}</button>
        {lost.length > 0 && <button onClick={() => void render(lost)}>{t('audits.renderLost')}</button>}
      </div>
      <table class="audit-table">
        <thead>
          <tr>
            <th>{t('audits.colLine')}</th>
            <th>{t('audits.colPage')}</th>
            <th>{t('audits.colVerdict')}</th>
            <th>{t('audits.colLink')}</th>
            <th>{t('audits.colScore')}</th>
            <th>{t('audits.colMethod')}</th>
            <th>{t('audits.colChange')}</th>
          </tr>
        </thead>
        <tbody>
          {paged.items.map(({ row, result, change }) => {
            const best = result?.links[0];
            return (
              <tr key={row.index} class={result ? `verdict-${result.verdict}` : ''}>
                <td>{row.line}</td>
                <td class="audit-url">
                  <a href={row.sourceUrl} target="_blank" rel="noopener noreferrer">
                    {row.sourceUrl}
                  </a>
                </td>
                <td>
                  {result ? verdictLabel(result.verdict) : ''}
                  {result && result.reasons.length > 0 && <div class="muted">{result.reasons.join('; ')}</div>}
                </td>
                <td>{best ? `“${best.text}” ${best.rel.join(' ')} ${placementWords(best.placement)}` : ''}</td>
                <td>{best ? num(Math.round(best.score)) : ''}</td>
                <td>
                  {result ? t(`audits.method.${result.method}`) : ''}
                  {result?.verdict === 'lost' && result.method === 'fetched' && (
                    <button class="link" onClick={() => void render([row.index])}>
                      {t('audits.renderRow')}
                    </button>
                  )}
                </td>
                <td>{change?.text ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {paged.pages > 1 && (
        <div class="audit-pages">
          <button disabled={paged.page === 0} onClick={() => setPage(paged.page - 1)}>
            {t('audits.previous')}
          </button>
          <span>{t('audits.page', [num(paged.page + 1), num(paged.pages)])}</span>
          <button disabled={paged.page >= paged.pages - 1} onClick={() => setPage(paged.page + 1)}>
            {t('audits.next')}
          </button>
        </div>
      )}
      <fieldset class="audit-monitor">
        <legend>{t('audits.monitor')}</legend>
        <select value={audit.schedule} onChange={(e) => void schedule((e.target as HTMLSelectElement).value as Schedule, audit.notify)}>
          <option value="off">{t('audits.scheduleOff')}</option>
          <option value="daily">{t('audits.scheduleDaily')}</option>
          <option value="weekly">{t('audits.scheduleWeekly')}</option>
        </select>
        <label class="audit-check">
          <input type="checkbox" checked={audit.notify} disabled={audit.schedule === 'off'} onChange={(e) => void schedule(audit.schedule, (e.target as HTMLInputElement).checked)} /> {t('audits.notify')}
        </label>
      </fieldset>
      <p class="muted">{t('audits.history')}</p>
      {message && (
        <p class="audit-warn" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
