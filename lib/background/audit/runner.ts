/**
 * Runs audits: the queue of a run is its rows without a result in the store (lib/audit/store.ts),
 * so pause, resume, cancel and a restart of the browser (the background resumes runs left
 * `running`) need nothing else. Rows go to the fetch module a few at a time, interleaved by host
 * so its per-host limit never starves the others; rows whose link is not in the fetched HTML get
 * a rendered check (one tab at a time) when the audit asks for it. Each checked page is recorded
 * in history; when a run ends its changes since the previous run are counted, and a notification
 * goes out for lost or devalued backlinks to the user's domains when the audit asks for one.
 *
 * The engine (`check`, `render`) and the side effects (`record`, `notify`) are injected: the
 * background passes the real ones (lib/background/audit/index.ts), tests pass their own.
 */
import type { PageReport } from '../../report.ts';
import type { AuditRecord, AuditRow, RowResult, RunRecord, RunTrigger } from '../../audit/types.ts';
import type { TargetSpec } from '../../audit/verdict.ts';
import { countChanges, runChanges, type RowChange } from '../../audit/changes.ts';
import { auditRows, createRun, getAudit, getRun, pendingIndexes, putResult, resultOf, resultsOf, unfinishedRuns, updateRun, type StoreOptions } from '../../audit/store.ts';
import type { FetchedCheck } from './check.ts';

export interface RunnerDeps extends StoreOptions {
  /** Checks a row from its fetched HTML; null when cancelled. */
  check: (row: AuditRow, spec: TargetSpec, signal: AbortSignal) => Promise<FetchedCheck | null>;
  /** The rendered check (a tab with the page's scripts); absent where there are no tabs (tests, some runners). */
  render?: (row: AuditRow, spec: TargetSpec, fetched: RowResult, signal: AbortSignal) => Promise<FetchedCheck | { error: string }>;
  /** Saves the page to history: 'saved', 'unchanged', or why it was not saved. */
  record?: (report: PageReport) => Promise<string>;
  /** A finished run with changes worth telling the user about (the audit asked for notifications). */
  notify?: (audit: AuditRecord, run: RunRecord, changes: RowChange[]) => Promise<void>;
  /** Every stored result and state change (the background forwards it to the Audits page). */
  onProgress?: (run: RunRecord) => void;
  /** Rows in flight at once (the fetch module's own limits still apply: 2 per host, 6 in all). */
  parallel?: number;
}

export interface AuditRunner {
  /** Starts a run of every row of the audit. */
  start(auditId: number, trigger: RunTrigger): Promise<RunRecord>;
  pause(runId: number): Promise<boolean>;
  resume(runId: number): Promise<boolean>;
  cancel(runId: number): Promise<boolean>;
  /** Rendered checks of some rows of a run (one tab at a time), replacing their results. Resolves when queued. */
  renderRows(runId: number, indexes: number[]): Promise<number>;
  /** Resumes the runs a browser restart (or a stopped worker) left `running`. */
  resumeUnfinished(): Promise<number>;
  /** Is the run being worked on in this context now? */
  isActive(runId: number): boolean;
  /** Resolves when the run's current drive (and queued rendered checks) end. */
  settled(runId: number): Promise<void>;
}

export const RUNNER_DEFAULTS = { parallel: 8 };

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Row indexes reordered round-robin by host: one busy site never fills every slot. */
export function interleaveByHost(indexes: number[], rows: ReadonlyMap<number, AuditRow>): number[] {
  const groups = new Map<string, number[]>();
  for (const i of indexes) {
    const host = hostOf(rows.get(i)?.sourceUrl ?? '');
    let g = groups.get(host);
    if (!g) groups.set(host, (g = []));
    g.push(i);
  }
  const lists = [...groups.values()];
  const out: number[] = [];
  for (let k = 0; out.length < indexes.length; k++) for (const g of lists) if (k < g.length) out.push(g[k]!);
  return out;
}

function failedCheck(row: AuditRow, reason: string): FetchedCheck['result'] {
  return {
    index: row.index,
    verdict: 'unreachable',
    reasons: [reason.slice(0, 512)],
    method: 'fetched',
    fetchedVerdict: null,
    page: { status: null, finalUrl: row.sourceUrl, hops: [], contentType: null, xRobotsTag: null, metaRobots: [], canonical: null, canonicalElsewhere: false, indexable: true, pageNofollow: false, title: '', error: null },
    links: [],
    linkCount: 0,
    site: null,
    checkedAt: Date.now(),
  };
}

export function specOf(audit: Pick<AuditRecord, 'domains'>, row: Pick<AuditRow, 'targetUrl'>): TargetSpec {
  return { url: row.targetUrl, domains: audit.domains };
}

/** One at a time: tabs are heavy, and the page's own scripts run in them. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const next = tail.then(job, job);
    tail = next.catch(() => undefined);
    return next;
  };
}

export function createAuditRunner(deps: RunnerDeps): AuditRunner {
  const opts: StoreOptions = { dbName: deps.dbName };
  const drives = new Map<number, { controller: AbortController; done: Promise<void> }>();
  const renders = new Map<number, Promise<unknown>>();
  const inTab = serial();

  const progress = (run: RunRecord | undefined) => {
    if (run) deps.onProgress?.(run);
  };

  async function store(result: RowResult): Promise<void> {
    progress(await putResult(result, opts));
  }

  async function settle(row: AuditRow, audit: AuditRecord, result: RowResult, report: PageReport | null, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    if (report && deps.record) result.history = await deps.record(report).catch((e) => `not saved: ${String((e as Error)?.message ?? e)}`);
    await store(result);
  }

  async function rendered(runId: number, row: AuditRow, audit: AuditRecord, fetched: RowResult, signal: AbortSignal): Promise<{ result: RowResult; report: PageReport | null }> {
    const r = await inTab(() => (signal.aborted ? Promise.resolve({ error: 'cancelled' }) : deps.render!(row, specOf(audit, row), fetched, signal)));
    if ('error' in r) return { result: { ...fetched, renderError: r.error }, report: null };
    return { result: { ...r.result, runId, history: null, renderError: null }, report: r.report };
  }

  async function processRow(run: RunRecord, audit: AuditRecord, row: AuditRow, signal: AbortSignal): Promise<void> {
    let fetched: FetchedCheck | null;
    try {
      fetched = await deps.check(row, specOf(audit, row), signal);
    } catch (e) {
      // A check that fails on our side is said on its row (never a verdict about the link), and the run goes on.
      if (signal.aborted) return;
      fetched = { report: null, result: failedCheck(row, `the check failed: ${String((e as Error)?.message ?? e)}`) };
    }
    if (!fetched || signal.aborted) return;
    let result: RowResult = { ...fetched.result, runId: run.id, history: null, renderError: null };
    let report = fetched.report;
    if (audit.renderMissing && deps.render && result.verdict === 'lost') {
      const r = await rendered(run.id, row, audit, result, signal);
      if (signal.aborted) return;
      // The fetched report still goes to history when the rendered check could not run.
      result = r.result;
      report = r.report ?? report;
    }
    await settle(row, audit, result, report, signal);
  }

  async function finish(runId: number): Promise<void> {
    const run = await updateRun(runId, (r) => (r.state === 'running' ? { state: 'done', finishedAt: Date.now() } : {}), opts);
    if (!run || run.state !== 'done') return progress(run);
    let changes: RowChange[] = [];
    if (run.previousRunId !== null) {
      const before = new Map((await resultsOf(run.previousRunId, opts)).map((r) => [r.index, r]));
      changes = runChanges(before, await resultsOf(runId, opts));
    }
    const final = await updateRun(runId, () => ({ changes: run.previousRunId === null ? null : countChanges(changes) }), opts);
    progress(final);
    const audit = await getAudit(run.auditId, opts);
    if (audit?.notify && final && changes.length && deps.notify) await deps.notify(audit, final, changes).catch(() => undefined);
  }

  async function drive(runId: number): Promise<void> {
    if (drives.has(runId)) return drives.get(runId)!.done;
    const controller = new AbortController();
    const done = (async () => {
      const run = await getRun(runId, opts);
      if (!run || run.state !== 'running') return;
      const audit = await getAudit(run.auditId, opts);
      if (!audit) return;
      const rows = new Map((await auditRows(audit.id, opts)).map((r) => [r.index, r]));
      const order = interleaveByHost(await pendingIndexes(run, opts), rows);
      let next = 0;
      const signal = controller.signal;
      const worker = async () => {
        while (!signal.aborted && next < order.length) {
          const row = rows.get(order[next++]!);
          if (row) await processRow(run, audit, row, signal);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, deps.parallel ?? RUNNER_DEFAULTS.parallel) }, worker));
      if (!signal.aborted) await finish(runId);
    })().finally(() => drives.delete(runId));
    drives.set(runId, { controller, done });
    return done;
  }

  const stop = async (runId: number, state: 'paused' | 'cancelled'): Promise<boolean> => {
    const run = await updateRun(runId, (r) => (r.state === 'running' || (state === 'cancelled' && r.state === 'paused') ? { state, finishedAt: state === 'cancelled' ? Date.now() : null } : {}), opts);
    drives.get(runId)?.controller.abort();
    progress(run);
    return run?.state === state;
  };

  return {
    async start(auditId, trigger) {
      const run = await createRun(auditId, trigger, opts);
      progress(run);
      void drive(run.id).catch(() => undefined);
      return run;
    },
    pause: (runId) => stop(runId, 'paused'),
    cancel: (runId) => stop(runId, 'cancelled'),
    async resume(runId) {
      const run = await updateRun(runId, (r) => (r.state === 'paused' ? { state: 'running' } : {}), opts);
      if (run?.state !== 'running') return false;
      progress(run);
      // A paused drive may still be winding down: start again once it has.
      await drives.get(runId)?.done;
      void drive(runId).catch(() => undefined);
      return true;
    },
    async renderRows(runId, indexes) {
      const run = await getRun(runId, opts);
      const audit = run && (await getAudit(run.auditId, opts));
      if (!run || !audit || !deps.render) return 0;
      const rows = new Map((await auditRows(audit.id, opts)).map((r) => [r.index, r]));
      const controller = new AbortController();
      let queued = 0;
      const jobs: Promise<void>[] = [];
      for (const i of new Set(indexes)) {
        const row = rows.get(i);
        const fetched = row && (await resultOf(runId, i, opts));
        if (!row || !fetched) continue;
        queued++;
        jobs.push(
          (async () => {
            const r = await rendered(runId, row, audit, fetched, controller.signal);
            await settle(row, audit, r.result, r.report, controller.signal);
          })(),
        );
      }
      const all = Promise.all(jobs).catch(() => undefined);
      renders.set(runId, all);
      void all.finally(() => renders.get(runId) === all && renders.delete(runId));
      return queued;
    },
    async resumeUnfinished() {
      const runs = await unfinishedRuns(opts);
      for (const r of runs) void drive(r.id).catch(() => undefined);
      return runs.length;
    },
    isActive: (runId) => drives.has(runId),
    async settled(runId) {
      await drives.get(runId)?.done;
      await renders.get(runId);
    },
  };
}
