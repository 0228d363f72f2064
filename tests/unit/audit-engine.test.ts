/**
 * The audit engine (issue #18 §1, §2) against a local web of gardening blogs
 * (tests/helpers/audit-site.ts: a few hundred generated WordPress-like posts reached under
 * public-looking names, as docs/net.md describes): each kind of page gets its verdict and reason
 * through the fetch module, the inert parse ('snapshot' task: the content script's own page
 * analysis) and completeReport; the queue in IndexedDB survives pause, resume, cancel and a
 * restart; a re-run after the site changed finds what was lost or devalued and notifies.
 * Nothing reaches the internet.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNet } from '../../lib/background/net/fetch';
import { createObservationHub } from '../../lib/background/net/observer';
import { completeReport } from '../../lib/analysis/complete-report';
import { fetchTargetTopic, memoryTopicCache } from '../../lib/background/target-topic/index';
import { checkFetched, type CheckDeps, type FetchedCheck } from '../../lib/background/audit/check';
import { createAuditRunner, interleaveByHost, type RunnerDeps } from '../../lib/background/audit/runner';
import { createAudit, getRun, resultsOf, setSchedule, type StoreOptions } from '../../lib/audit/store';
import type { AuditRow, RunRecord } from '../../lib/audit/types';
import { auditSite, EXPECTED, KINDS, TARGET_DOMAIN, type AuditSite, type SitePage } from '../helpers/audit-site';
import { browserLike, resolverFetch, startServer, TEST_HOSTS, type TestServer } from '../helpers/net';
import { parseInJsdom } from '../helpers/parse';

let server: TestServer;
let fetchImpl: ReturnType<typeof resolverFetch>;
let site: AuditSite;

beforeAll(async () => {
  site = auditSite(288);
  site.state.slowMs = 60_000;
  server = await startServer((req, res, url) => site.handler(req, res, url));
  fetchImpl = resolverFetch(server.port, TEST_HOSTS);
});

afterAll(async () => {
  await fetchImpl.agent.close();
  await server.close();
});

function deps(): CheckDeps {
  const hub = createObservationHub();
  const net = createNet({ fetch: browserLike(fetchImpl, hub.report), observer: hub });
  const cache = memoryTopicCache();
  return {
    net,
    parse: parseInJsdom,
    complete: (snapshot, options) => completeReport(snapshot, options),
    topicOf: (url) => fetchTargetTopic(url, { net, parse: parseInJsdom, cache }),
    // Short enough for the slow page (it answers after a minute), long for a local page on a busy machine.
    timeoutMs: 4_000,
  };
}

const rowOf = (p: SitePage, index: number, withTarget = false): AuditRow => ({ index, line: index + 2, mergedLines: [], sourceUrl: site.urlOf(p), targetUrl: withTarget ? p.target : null, cells: [site.urlOf(p)] });

describe('checkFetched — one verdict per kind of page', () => {
  it('tells every kind apart from the fetched HTML, with the reason', { timeout: 120_000 }, async () => {
    const d = deps();
    const pages = site.pages.slice(0, KINDS.length);
    const checked = await Promise.all(pages.map((p, i) => checkFetched(rowOf(p, i), { url: null, domains: [TARGET_DOMAIN] }, d)));
    for (const [i, p] of pages.entries()) {
      const c = checked[i]!;
      const want = EXPECTED[p.kind];
      expect(c, p.kind).not.toBeNull();
      expect({ kind: p.kind, verdict: c!.result.verdict }).toEqual({ kind: p.kind, verdict: want.verdict });
      if (want.reason) expect(c!.result.reasons.join('; '), p.kind).toMatch(want.reason);
      expect(c!.result.method).toBe('fetched');
    }
    // The first page of each kind (there are three kinds of body link).
    const byKind = new Map([...pages.entries()].reverse().map(([i, p]) => [p.kind, checked[i]!.result]));
    // A live link: the anchor, followed, in the body with confidence, scored, its target's topic fetched.
    const body = byKind.get('body')!;
    expect(body.reasons).toEqual([]);
    expect(body.links[0]).toMatchObject({ text: 'raised bed soil', followed: true, placement: 'body', hidden: false, exact: true });
    expect(body.links[0]!.placementConfidence).toBeGreaterThan(0.5);
    expect(body.links[0]!.targetRelevance).not.toBeNull();
    expect(body.page).toMatchObject({ status: 200, indexable: true, canonicalElsewhere: false });
    // The same post moved on its own blog: the hops are kept, the link is live where it ended up.
    const moved = byKind.get('moved')!;
    expect(moved.page.hops.length).toBeGreaterThan(0);
    expect(moved.page.finalUrl).toMatch(/-updated\/$/);
    // X-Robots-Tag and meta robots are recorded as the page said them.
    expect(byKind.get('x-robots-noindex')!.page.xRobotsTag).toBe('noindex');
    expect(byKind.get('noindex')!.page.metaRobots).toContain('noindex');
    // A link only a script adds is not in the fetched HTML: lost by this method (a rendered check can tell).
    expect(byKind.get('script')!.links).toEqual([]);
    // The fetched page went to the report: the history gets an inspection of it.
    expect(checked[0]!.report?.url).toBe(site.urlOf(pages[0]!));
  });

  it('with a target URL per row: a link to another page of the same site is weak and says so', { timeout: 60_000 }, async () => {
    const d = deps();
    const page = site.pages.find((p) => p.kind === 'body')!;
    const exact = await checkFetched(rowOf(page, 0, true), { url: page.target, domains: [] }, d);
    expect(exact!.result.verdict).toBe('live');
    const other = await checkFetched(rowOf(page, 0), { url: `https://${TARGET_DOMAIN}/shop/some-other-product`, domains: [] }, d);
    expect(other!.result.verdict).toBe('weak');
    expect(other!.result.reasons.join()).toMatch(/not the listed target/);
    const elsewhere = await checkFetched(rowOf(page, 0), { url: 'https://othershop.example/seeds', domains: [] }, d);
    expect(elsewhere!.result.verdict).toBe('lost');
  });

  it('cancelled mid-fetch: no result at all (the row stays in the queue)', { timeout: 30_000 }, async () => {
    const d = deps();
    const slow = site.pages.find((p) => p.kind === 'slow')!;
    const controller = new AbortController();
    const pending = checkFetched(rowOf(slow, 0), { url: null, domains: [TARGET_DOMAIN] }, { ...d, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeNull();
  });
});

describe('interleaveByHost', () => {
  it('takes one row per host in turn, keeping each host’s order', () => {
    const rows = new Map<number, AuditRow>(['a', 'a', 'a', 'b', 'c', 'c'].map((h, i) => [i, { index: i, line: i, mergedLines: [], sourceUrl: `https://${h}.example/${i}`, targetUrl: null, cells: [] }]));
    expect(interleaveByHost([0, 1, 2, 3, 4, 5], rows)).toEqual([0, 3, 4, 1, 5, 2]);
  });
});

let dbCount = 0;

async function newAudit(pages: SitePage[], opts: StoreOptions): Promise<number> {
  return createAudit({ name: 'Guest posts 2026', columns: ['Linking page'], sourceColumn: 0, targetColumn: -1, domains: [TARGET_DOMAIN], rows: pages.map((p, i) => rowOf(p, i)) }, opts);
}

/** The real fetched check, counting the checks that started. */
function countingRunner(extra: Partial<RunnerDeps> = {}) {
  const d = deps();
  const started: number[] = [];
  const dbName = extra.dbName ?? `audit-test-${++dbCount}`;
  const runnerDeps: RunnerDeps = {
    dbName,
    parallel: 4,
    check: (row, spec, signal) => {
      started.push(row.index);
      return checkFetched(row, spec, { ...d, signal });
    },
    ...extra,
  };
  return { runner: createAuditRunner(runnerDeps), started, dbName };
}

const settledRun = async (runId: number, dbName: string) => (await getRun(runId, { dbName }))!;

describe('the audit queue in IndexedDB', () => {
  // Pages that answer at once (not the slow one), for the queue tests.
  const quick = () => site.pages.filter((p) => p.kind !== 'slow');

  it('runs every row once, counts verdicts, and records each checked page in history', { timeout: 180_000 }, async () => {
    const pages = quick().slice(0, 60);
    const recorded: string[] = [];
    const { runner, started, dbName } = countingRunner({ record: async (r) => (recorded.push(r.url), 'saved') });
    const auditId = await newAudit(pages, { dbName });
    const run = await runner.start(auditId, 'manual');
    await runner.settled(run.id);
    const done = await settledRun(run.id, dbName);
    expect(done.state).toBe('done');
    expect(done.done).toBe(pages.length);
    expect(started.sort((a, b) => a - b)).toEqual(pages.map((_, i) => i));
    const results = await resultsOf(run.id, { dbName });
    expect(results).toHaveLength(pages.length);
    for (const r of results) expect(r.verdict).toBe(EXPECTED[pages[r.index]!.kind].verdict);
    const counts = { live: 0, weak: 0, lost: 0, gone: 0, unreachable: 0 };
    for (const p of pages) counts[EXPECTED[p.kind].verdict]++;
    expect(done.counts).toEqual(counts);
    // Every page that could be read became an inspection; the saved status is on its row.
    expect(recorded.length).toBe(results.filter((r) => r.history === 'saved').length);
    expect(recorded.length).toBeGreaterThan(pages.length / 2);
  });

  it('pauses (no row is checked while paused) and resumes where it stopped', { timeout: 180_000 }, async () => {
    const pages = quick().slice(0, 40);
    let pauseAt: ((run: RunRecord) => void) | null = null;
    const { runner, started, dbName } = countingRunner({ onProgress: (r) => pauseAt?.(r) });
    const auditId = await newAudit(pages, { dbName });
    pauseAt = (r) => {
      if (r.state === 'running' && r.done >= 8) {
        pauseAt = null;
        void runner.pause(r.id);
      }
    };
    const run = await runner.start(auditId, 'manual');
    await runner.settled(run.id);
    const paused = await settledRun(run.id, dbName);
    expect(paused.state).toBe('paused');
    expect(paused.done).toBeGreaterThanOrEqual(8);
    expect(paused.done).toBeLessThan(pages.length);
    const before = started.length;
    const stored = (await resultsOf(run.id, { dbName })).length;
    expect(stored).toBe(paused.done);
    // Nothing moves while paused.
    await new Promise((r) => setTimeout(r, 200));
    expect(started.length).toBe(before);
    expect(await runner.resume(run.id)).toBe(true);
    await runner.settled(run.id);
    const done = await settledRun(run.id, dbName);
    expect(done.state).toBe('done');
    expect(done.done).toBe(pages.length);
    // Only the rows without a result were checked after the pause (the in-flight ones again at most).
    expect(started.length - before).toBeLessThanOrEqual(pages.length - stored);
    expect(new Set(started).size).toBe(pages.length);
  });

  it('resumes after a browser restart: a new background finds the run left running and finishes it', { timeout: 180_000 }, async () => {
    const pages = quick().slice(0, 40);
    const dbName = `audit-test-${++dbCount}`;
    // The first background stops answering after 10 rows (the browser closed): its checks never end.
    let calls = 0;
    const d = deps();
    const never = new Promise<FetchedCheck | null>(() => undefined);
    const first = createAuditRunner({ dbName, parallel: 4, check: (row, spec, signal) => (++calls > 10 ? never : checkFetched(row, spec, { ...d, signal })) });
    const auditId = await newAudit(pages, { dbName });
    const run = await first.start(auditId, 'manual');
    await vi.waitFor(async () => expect((await settledRun(run.id, dbName)).done).toBe(10), { timeout: 60_000, interval: 50 });
    expect((await settledRun(run.id, dbName)).state).toBe('running');

    const { runner: second, started } = countingRunner({ dbName });
    expect(await second.resumeUnfinished()).toBe(1);
    await vi.waitFor(() => expect(second.isActive(run.id)).toBe(true));
    await second.settled(run.id);
    const done = await settledRun(run.id, dbName);
    expect(done.state).toBe('done');
    expect(done.done).toBe(pages.length);
    // The second background checked exactly the rows without a result.
    expect(started).toHaveLength(pages.length - 10);
    expect((await resultsOf(run.id, { dbName })).map((r) => r.index).sort((a, b) => a - b)).toEqual(pages.map((_, i) => i));
  });

  it('cancel stops the run and stores nothing more', { timeout: 120_000 }, async () => {
    const pages = quick().slice(0, 40);
    let cancelAt: ((run: RunRecord) => void) | null = null;
    const { runner, dbName } = countingRunner({ onProgress: (r) => cancelAt?.(r) });
    const auditId = await newAudit(pages, { dbName });
    cancelAt = (r) => {
      if (r.state === 'running' && r.done >= 4) {
        cancelAt = null;
        void runner.cancel(r.id);
      }
    };
    const run = await runner.start(auditId, 'manual');
    await runner.settled(run.id);
    const cancelled = await settledRun(run.id, dbName);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(pages.length);
    expect((await resultsOf(run.id, { dbName })).length).toBe(cancelled.done);
    expect(await runner.resume(run.id)).toBe(false);
  });
});

describe('monitoring: a re-run finds what changed', () => {
  it('a lost link, a new nofollow and a page turned noindex: counted, and notified when the audit asks', { timeout: 180_000 }, async () => {
    const pages = site.pages.filter((p) => p.kind === 'body').slice(0, 6);
    const notify = vi.fn(async () => undefined);
    const { runner, dbName } = countingRunner({ notify });
    const auditId = await newAudit(pages, { dbName });
    await setSchedule(auditId, 'daily', true, { dbName });
    const first = await runner.start(auditId, 'manual');
    await runner.settled(first.id);
    const one = await settledRun(first.id, dbName);
    expect(one.counts.live).toBe(6);
    expect(one.changes).toBeNull();
    expect(notify).not.toHaveBeenCalled();

    const key = (p: SitePage) => `${p.host}${p.path}`;
    site.state.removed.add(key(pages[0]!));
    site.state.nofollowed.add(key(pages[1]!));
    site.state.noindexed.add(key(pages[2]!));
    try {
      const second = await runner.start(auditId, 'schedule');
      await runner.settled(second.id);
      const two = await settledRun(second.id, dbName);
      expect(two.previousRunId).toBe(first.id);
      expect(two.counts).toMatchObject({ live: 3, weak: 1, lost: 1, gone: 1 });
      // Nofollow costs the link its score too: one change, said both ways.
      expect(two.changes).toEqual({ lost: 1, nofollow: 1, 'score-fell': 1, gone: 1 });
      expect(notify).toHaveBeenCalledTimes(1);
      const [, , changes] = notify.mock.calls[0]! as unknown as [unknown, unknown, { index: number; kinds: string[] }[]];
      expect(changes.map((c) => [c.index, c.kinds]).sort()).toEqual([
        [0, ['lost']],
        [1, ['nofollow', 'score-fell']],
        [2, ['gone']],
      ]);
    } finally {
      site.state.removed.clear();
      site.state.nofollowed.clear();
      site.state.noindexed.clear();
    }
  });
});
