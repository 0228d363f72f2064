/**
 * Audits in the background (issue #18): the runner with the real engine — the one bounded fetch
 * module, the inert parse in the offscreen document / background page, the background half of
 * the analysis, target topics through the same fetch (cached), rendered checks in a background
 * tab, history — the Audits page's messages, monitoring by `alarms`, and notifications.
 *
 *   registerAuditMessages(origin);   // in the background's start; resumes runs a restart left running
 */
import { browser, type Browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../../messaging';
import { isAuditControl, isAuditRender, isAuditSchedule, isAuditStart, isFromExtensionPage, type AuditStart } from '../../protocol';
import { NET_PERMISSIONS } from '../../permissions';
import { loadMyDomains } from '../../settings';
import { createDomainMatcher, targetTopicsOf } from '../../my-domains';
import { notifiable, type RowChange } from '../../audit/changes';
import { auditRows, createAudit, getAudit, getRun, resultsOf, runsOf, setSchedule, type NewAudit } from '../../audit/store';
import type { AuditRecord, RowResult, RunRecord, Schedule } from '../../audit/types';
import { backgroundNet, parseFetched } from '../net/index';
import { completeInBackground, recordInHistory } from '../inspect-tab';
import { fetchTopicFor } from '../target-topic/fetched';
import { checkFetched, checkedFromRendered } from './check';
import { createAuditRunner, type AuditRunner, type RunnerDeps } from './runner';
import { inspectInBackgroundTab } from './tab';

const ALARM_PREFIX = 'audit:';
/** The extension ships no icon files yet; a basic notification needs one (a 48 px green square). */
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAW0lEQVR4nO3PUQ2AMBQEwfqoI0whvaggwwu7yf3frH1fZ/KWPhBAHwigD7wG+FoBdAF0AXQBdAF0AXQBdAF0AXQBdAF0AXQBdAF0AXQBdAF0/wNMWQC9AHrjAQ8TnZsmRBrQNwAAAABJRU5ErkJggg==';
const PERIOD_MINUTES: Record<Exclude<Schedule, 'off'>, number> = { daily: 24 * 60, weekly: 7 * 24 * 60 };

let runner: AuditRunner | null = null;

/** The engine as the extension runs it (the CLI and the browser tests reach it through globalThis). */
export function auditEngine(): AuditRunner {
  runner ??= createAuditRunner(realDeps());
  return runner;
}

function realDeps(): RunnerDeps {
  return {
    async check(row, spec, signal) {
      const domains = await loadMyDomains().catch(() => []);
      return checkFetched(row, spec, {
        net: backgroundNet(),
        parse: parseFetched,
        complete: async (snapshot, options) => (await completeInBackground(snapshot, options)).report,
        topicOf: fetchTopicFor,
        targetTopics: targetTopicsOf(domains),
        signal,
      });
    },
    async render(row, spec, fetched, signal) {
      const domains = await loadMyDomains().catch(() => []);
      const r = await inspectInBackgroundTab(row.sourceUrl, { signal, targetTopics: targetTopicsOf(domains) });
      if (!r.ok) return { error: r.error.message };
      return checkedFromRendered(row, spec, fetched, r.report);
    },
    async record(report) {
      const domains = await loadMyDomains().catch(() => null);
      return (await recordInHistory(report, domains)) ?? 'saved';
    },
    notify: notifyChanges,
    onProgress: (run) => void sendMessage('auditProgress', run).catch(() => undefined),
  };
}

/** A notification only for backlinks to the user's domains that were lost or devalued. */
async function notifyChanges(audit: AuditRecord, run: RunRecord, changes: RowChange[]): Promise<void> {
  if (!(await hasPermission('notifications'))) return;
  const mine = createDomainMatcher([...audit.domains, ...(await loadMyDomains().catch(() => [])).map((d) => d.domain)]);
  const rows = new Map((await auditRows(audit.id)).map((r) => [r.index, r]));
  const toMine = (index: number) => {
    const row = rows.get(index);
    if (!row) return false;
    if (!row.targetUrl) return true;
    try {
      return !!mine(new URL(row.targetUrl).hostname);
    } catch {
      return false;
    }
  };
  const bad = notifiable(changes, toMine);
  if (!bad.length) return;
  const first = rows.get(bad[0]!.index);
  await browser.notifications.create(`${ALARM_PREFIX}${audit.id}:${run.id}`, {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title: `${audit.name}: ${bad.length} backlink${bad.length === 1 ? '' : 's'} lost or devalued`,
    message: `${first?.sourceUrl ?? ''} — ${bad[0]!.text}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}`.slice(0, 300),
  });
}

async function hasPermission(permission: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ permissions: [permission] } as Browser.permissions.Permissions);
  } catch {
    return false;
  }
}

const hasNetAccess = () => browser.permissions.contains(NET_PERMISSIONS as Browser.permissions.Permissions).catch(() => false);

/** Starts a run unless one of the audit is still going. */
export async function startAudit(auditId: number, trigger: 'manual' | 'schedule' | 'cli'): Promise<AuditStart> {
  if (!(await hasNetAccess())) {
    return {
      ok: false,
      error: {
        code: 'no-access',
        message: 'Auditing pages needs access to all sites and to the browser’s view of redirects (webRequest). Allow both to run the audit.',
        permissions: NET_PERMISSIONS,
      },
    };
  }
  if (!(await getAudit(auditId))) return { ok: false, error: { code: 'invalid', message: 'No such audit.' } };
  const busy = (await runsOf(auditId)).find((r) => r.state === 'running' || r.state === 'paused');
  if (busy) return { ok: false, error: { code: 'busy', message: 'This audit is already running (or paused): resume or cancel it first.' } };
  const run = await auditEngine().start(auditId, trigger);
  return { ok: true, runId: run.id };
}

/**
 * The CLI's audit (`inspect --links-to`): the list stored as an audit, run by the same runner,
 * awaited; the run and one result per row come back.
 */
export async function runList(audit: NewAudit): Promise<{ ok: true; run: RunRecord; results: RowResult[] } | Extract<AuditStart, { ok: false }>> {
  const id = await createAudit(audit);
  const started = await startAudit(id, 'cli');
  if (!started.ok) return started;
  await auditEngine().settled(started.runId);
  return { ok: true, run: (await getRun(started.runId))!, results: await resultsOf(started.runId) };
}

/** Sets or clears an audit's alarm; the Audits page asked for the permissions (a user gesture) first. */
export async function scheduleAudit(auditId: number, schedule: Schedule, notify: boolean): Promise<{ ok: boolean; message?: string }> {
  const audit = await getAudit(auditId);
  if (!audit) return { ok: false, message: 'No such audit.' };
  if (schedule !== 'off') {
    if (!browser.alarms || !(await hasPermission('alarms'))) return { ok: false, message: 'Monitoring needs the alarms permission.' };
    listenToAlarms();
    await browser.alarms.create(`${ALARM_PREFIX}${auditId}`, { periodInMinutes: PERIOD_MINUTES[schedule], delayInMinutes: PERIOD_MINUTES[schedule] });
  } else if (browser.alarms) {
    await browser.alarms.clear(`${ALARM_PREFIX}${auditId}`).catch(() => false);
  }
  await setSchedule(auditId, schedule, notify && (await hasPermission('notifications')));
  return { ok: true };
}

/** A scheduled re-run: the alarm's name says which audit. */
export async function onAuditAlarm(name: string): Promise<void> {
  if (!name.startsWith(ALARM_PREFIX)) return;
  const id = Number(name.slice(ALARM_PREFIX.length));
  const audit = Number.isInteger(id) ? await getAudit(id) : undefined;
  if (!audit || audit.schedule === 'off') {
    await browser.alarms?.clear(name).catch(() => false);
    return;
  }
  await startAudit(id, 'schedule');
}

let listening = false;

/** `alarms` is optional on Chrome: its API exists only once granted, so the listener is added then. */
function listenToAlarms(): void {
  if (listening || !browser.alarms?.onAlarm) return;
  listening = true;
  browser.alarms.onAlarm.addListener((alarm) => void onAuditAlarm(alarm.name).catch(() => undefined));
}

export function registerAuditMessages(origin: string): void {
  onMessage('startAudit', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !isAuditStart(data)) return { ok: false, error: { code: 'invalid', message: 'Invalid request.' } } as const;
    return startAudit(data.auditId, 'manual');
  });
  onMessage('auditControl', async ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !isAuditControl(data)) return false;
    const engine = auditEngine();
    if (data.action === 'pause') return engine.pause(data.runId);
    if (data.action === 'cancel') return engine.cancel(data.runId);
    return engine.resume(data.runId);
  });
  onMessage('renderAuditRows', async ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !isAuditRender(data)) return { ok: false, queued: 0, message: 'Invalid request.' };
    if (!(await hasNetAccess())) return { ok: false, queued: 0, message: 'A rendered check needs access to all sites.' };
    return { ok: true, queued: await auditEngine().renderRows(data.runId, data.indexes) };
  });
  onMessage('setAuditSchedule', ({ data, sender }) => {
    if (!isFromExtensionPage(sender, origin) || !isAuditSchedule(data)) return { ok: false, message: 'Invalid request.' };
    return scheduleAudit(data.auditId, data.schedule, data.notify);
  });
  void hasPermission('alarms').then((granted) => granted && listenToAlarms());
  try {
    browser.permissions.onAdded.addListener((p) => {
      if (p.permissions?.includes('alarms')) listenToAlarms();
    });
  } catch {
    /* no permission events here (old browsers, test fakes): monitoring turned on in this session still listens */
  }
  // Runs a browser restart (or a stopped service worker) left running go on where they were.
  void auditEngine()
    .resumeUnfinished()
    .catch(() => undefined);
}
