/**
 * Backlink audits in the built extension (issue #18): the `inspect --links-to` CLI over a list of
 * gardening posts served locally under public-looking names (Chromium's --host-resolver-rules,
 * as docs/net.md describes; the fetch policy runs as shipped), with a rendered check for the post
 * whose link a script adds; and in the extension, an audit run then a scheduled re-run (the alarm's
 * handler) that finds a link taken off a page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspect, type InspectRun } from '../helpers/run-inspect.ts';
import { launchExtension, type ExtensionSession } from '../../scripts/lib/extension.ts';
import { auditSite, EXPECTED, TARGET_DOMAIN, type AuditSite, type PageKind, type SitePage } from '../helpers/audit-site.ts';
import { startServer, type TestServer } from '../helpers/net.ts';

const RULES = 'MAP *.example 127.0.0.1, MAP * ~NOTFOUND';

let server: TestServer;
let site: AuditSite;
let dir: string;

beforeAll(async () => {
  server = await startServer((req, res, url) => site.handler(req, res, url));
  site = auditSite(48, (h) => `http://${h}:${server.port}`);
  site.state.slowMs = 60_000;
  dir = mkdtempSync(join(tmpdir(), 'bi-audit-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pageOf = (kind: PageKind): SitePage => site.pages.find((p) => p.kind === kind)!;

function inspect(args: string[], limitMs = 240_000): Promise<InspectRun> {
  return runInspect(args, limitMs, { ...process.env, BI_HOST_RESOLVER_RULES: RULES });
}

const KINDS_IN_LIST: PageKind[] = ['body', 'nofollow', 'footer', 'comment', 'none', 'script', 'noindex', 'not-found', 'moved'];

describe('inspect --links-to (Chromium)', () => {
  it('one verdict per row of a Semrush export, the script-added link found by the rendered check, exit 1 when something is lost', { timeout: 300_000 }, async () => {
    const lines = ['Page ascore,Source title,Source url,Target url,Anchor', ...KINDS_IN_LIST.map((k, i) => `${10 + i},"Post, ${k}",${site.urlOf(pageOf(k))},,x`)];
    // A broken row is reported with its line, never silently dropped; a duplicate is merged.
    lines.push('3,Broken,not a url,,x', `11,"Post, body",${site.urlOf(pageOf('body'))},,x`);
    const file = join(dir, 'semrush-backlinks.csv');
    writeFileSync(file, lines.join('\n'));
    const run = await inspect(['--links-to', TARGET_DOMAIN, '--list', file, '--render-missing', '--jsonl']);
    expect(run.killed).toBe(false);
    expect(run.stderr).toMatch(/line 11: source page/);
    expect(run.stderr).toContain('1 duplicate row(s) merged');
    const records = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(records).toHaveLength(KINDS_IN_LIST.length);
    const byKind = new Map(records.map((r, i) => [KINDS_IN_LIST[i]!, r]));
    for (const k of KINDS_IN_LIST) {
      if (k === 'script') continue;
      expect({ k, verdict: byKind.get(k).verdict }, byKind.get(k).reasons.join("; ")).toEqual({ k, verdict: EXPECTED[k].verdict });
      // Every row lost in the fetched HTML is rendered too (--render-missing): still lost there.
      expect(byKind.get(k).method).toBe(EXPECTED[k].verdict === 'lost' ? 'rendered' : 'fetched');
    }
    // Not in the fetched HTML; the page rendered in a tab with its scripts has it in the body.
    // (With layout, the script's one-line "We recommend …" box may read as a related-posts block: live or weak.)
    const script = byKind.get('script');
    expect(script, JSON.stringify(script)).toMatchObject({ method: 'rendered', fetchedVerdict: 'lost', link: { anchor: 'raised bed soil', rel: [], hidden: false } });
    expect(['live', 'weak']).toContain(script.verdict);
    expect(script.link.url).toBe(pageOf('script').target);
    expect(byKind.get('body')).toMatchObject({ status: 200, link: { anchor: 'raised bed soil', placement: 'body' }, columns: { 'Source title': 'Post, body' } });
    expect(byKind.get('noindex').metaRobots).toContain('noindex');
    expect(run.code).toBe(1);
  });

  it('exit 0 when every backlink is there', { timeout: 240_000 }, async () => {
    const file = join(dir, 'live.txt');
    writeFileSync(file, `# placements we paid for\n${site.urlOf(pageOf('body'))}\n${site.urlOf(pageOf('footer'))}\n`);
    const run = await inspect(['--links-to', TARGET_DOMAIN, '--list', file]);
    expect(run.killed).toBe(false);
    expect(run.stdout).toMatch(/^LIVE +http:\/\/.*raised bed soil.*\[fetched\]$/m);
    expect(run.stdout).toMatch(/^LIVE BUT WEAK .*in the footer/m);
    expect(run.code).toBe(0);
  });
});

describe('audits in the extension', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR, args: [`--host-resolver-rules=${RULES}`] });
  });
  afterAll(async () => {
    await session?.close();
    site.state.removed.clear();
  });

  it('the Audits page: a pasted list is audited, verdicts shown with their method, filtered by verdict', { timeout: 240_000 }, async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/audits.html`);
    const kinds: PageKind[] = ['body', 'nofollow', 'none', 'not-found'];
    await page.getByLabel('Paste page URLs, or a CSV export').fill(kinds.map((k) => site.urlOf(pageOf(k))).join('\n'));
    await page.getByRole('button', { name: 'Read the list' }).click();
    await page.getByLabel(/Target domains/).fill(TARGET_DOMAIN);
    await page.getByRole('button', { name: 'Start audit' }).click();
    await page.getByText('4 of 4 pages checked', { exact: false }).waitFor({ timeout: 120_000 });
    const rows = page.locator('table.audit-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    const verdicts = await rows.locator('td:nth-child(3)').allTextContents();
    expect(verdicts[0]).toMatch(/^Live/);
    expect(verdicts[1]).toMatch(/^Live but weak.*rel="nofollow"/);
    expect(verdicts[2]).toMatch(/^Lost/);
    expect(verdicts[3]).toMatch(/^Page gone.*HTTP 404/);
    expect(await rows.locator('td:nth-child(6)').first().textContent()).toContain('Fetched HTML');
    await page.getByRole('button', { name: /^Lost 1$/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.close();
  });

  it('runs an audit, then a scheduled re-run finds the link taken off a page', { timeout: 240_000 }, async () => {
    const pages = (['body', 'footer', 'nofollow'] as PageKind[]).map(pageOf);
    const rows = pages.map((p, i) => ({ index: i, line: i + 1, mergedLines: [], sourceUrl: site.urlOf(p), targetUrl: null, cells: [site.urlOf(p)] }));
    const first = await session.worker.evaluate(
      (rows) => (globalThis as any).backlinkInspector.audits.runList({ name: 'Guest posts', columns: ['url'], sourceColumn: 0, targetColumn: -1, domains: ['greenplot.example'], rows }),
      rows,
    );
    expect(first.ok).toBe(true);
    expect(first.run.counts).toMatchObject({ live: 1, weak: 2, lost: 0 });
    const auditId = first.run.auditId;
    // Monitoring on (the permissions the Audits page asks for are granted by the harness).
    expect(await session.worker.evaluate((id) => (globalThis as any).backlinkInspector.audits.schedule(id, 'daily', true), auditId)).toEqual({ ok: true });
    const alarm = await session.worker.evaluate((id) => (globalThis as any).chrome.alarms.get(`audit:${id}`), auditId);
    expect(alarm).toMatchObject({ periodInMinutes: 24 * 60 });

    site.state.removed.add(`${pages[0]!.host}${pages[0]!.path}`);
    // The alarm fires (its handler, as chrome.alarms.onAlarm calls it).
    const second = await session.worker.evaluate(async (id) => {
      const bi = (globalThis as any).backlinkInspector.audits;
      await bi.alarm(`audit:${id}`);
      const engine = bi.engine();
      const runs = await bi.runs(id);
      await engine.settled(runs[0].id);
      return (await bi.runs(id))[0];
    }, auditId);
    expect(second).toMatchObject({ trigger: 'schedule', state: 'done', previousRunId: first.run.id });
    expect(second.counts).toMatchObject({ live: 0, weak: 2, lost: 1 });
    expect(second.changes).toMatchObject({ lost: 1 });
  });
});
