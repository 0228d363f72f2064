/**
 * Issue #18's figures, in the BUILT extension in headless Chromium against a local server (no
 * internet; Chromium's --host-resolver-rules give it public-looking names, the fetch policy runs
 * as shipped):
 *
 * 1. A 1,000-row audit of the generated gardening blogs (tests/helpers/audit-site.ts: ten blogs,
 *    every kind of page but the one that never answers in time) at the default limits (2 requests
 *    per host, 6 in all, 8 rows in flight): pages per minute, and the browser's memory (RSS of all
 *    its processes) before and after, i.e. what the run left held.
 * 2. The Audits page opened on a 10,000-row audit (written straight into its IndexedDB): from
 *    navigation start to the first page of rows in the table, the page's own clock.
 *
 *   node scripts/bench/audit.ts [extensionDir]     (part of npm run bench)
 */
import { execFileSync } from 'node:child_process';
import { launchExtension } from '../lib/extension.ts';
import { auditSite } from '../../tests/helpers/audit-site.ts';
import { startServer } from '../../tests/helpers/net.ts';

const ROWS = 1_000;
const VIEW_ROWS = 10_000;

/** Resident memory of the browser's processes (those started with this profile), MB. */
function browserRssMb(profileMarker: string): number {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let kb = 0;
  for (const line of out.split('\n')) if (line.includes(profileMarker)) kb += Number(line.trim().split(/\s+/)[0]) || 0;
  return kb / 1024;
}

export async function benchAudit(extensionDir?: string): Promise<string> {
  const server = await startServer((req, res, url) => site.handler(req, res, url));
  const site = auditSite(Math.ceil(ROWS * 1.05), (h) => `http://${h}:${server.port}`);
  const pages = site.pages.filter((p) => p.kind !== 'slow').slice(0, ROWS);
  const session = await launchExtension({ extensionDir, args: ['--host-resolver-rules=MAP *.example 127.0.0.1, MAP * ~NOTFOUND'] });
  const marker = session.extensionDir;
  const lines: string[] = [];
  try {
    const before = browserRssMb(marker);
    const rows = pages.map((p, i) => ({ index: i, line: i + 2, mergedLines: [], sourceUrl: site.urlOf(p), targetUrl: null, cells: [site.urlOf(p)] }));
    const t0 = Date.now();
    const r = await session.worker.evaluate(
      (rows) => (globalThis as any).backlinkInspector.audits.runList({ name: 'bench', columns: ['url'], sourceColumn: 0, targetColumn: -1, domains: ['greenplot.example'], rows }),
      rows,
    );
    const ms = Date.now() - t0;
    if (!r.ok) throw new Error(r.error.message);
    const during = browserRssMb(marker);
    const c = r.run.counts;
    lines.push(
      `Audit of ${ROWS.toLocaleString('en')} rows (local server, default limits): ${(ms / 1000).toFixed(1)} s = ${Math.round((ROWS / ms) * 60_000).toLocaleString('en')} pages/min`,
      `  verdicts: ${c.live} live, ${c.weak} weak, ${c.lost} lost, ${c.gone} gone, ${c.unreachable} unreachable; server requests: ${server.seen.length}`,
      `  browser RSS: ${before.toFixed(0)} MB before, ${during.toFixed(0)} MB after the run (held: ${(during - before).toFixed(0)} MB)`,
    );

    // The results view with 10,000 rows, written into the extension's IndexedDB as the store keeps them.
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/audits.html`);
    await page.evaluate(async (n) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('backlink-audits');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(['audits', 'rows', 'runs', 'results'], 'readwrite');
      const auditId = 1_000_000;
      const runId = 1_000_000;
      const verdicts = ['live', 'weak', 'lost', 'gone', 'unreachable'];
      const counts: Record<string, number> = { live: 0, weak: 0, lost: 0, gone: 0, unreachable: 0 };
      tx.objectStore('audits').put({ id: auditId, name: 'bench 10k', createdAt: Date.now() + 1e9, columns: ['url'], sourceColumn: 0, targetColumn: -1, domains: ['greenplot.example'], rowCount: n, renderMissing: false, schedule: 'off', notify: false, lastRunId: runId });
      for (let i = 0; i < n; i++) {
        const url = `https://blog${i % 100}.example/post-${i}/`;
        const verdict = verdicts[i % 5]!;
        counts[verdict]!++;
        tx.objectStore('rows').put({ auditId, index: i, line: i + 2, mergedLines: [], sourceUrl: url, targetUrl: null, cells: [url] });
        const link = { url: 'https://greenplot.example/', text: `anchor ${i}`, rel: [], placement: 'body', placementConfidence: 0.9, hidden: false, hiddenReason: null, followed: true, score: i % 100, relevance: 0.7, targetRelevance: null, exact: true };
        tx.objectStore('results').put({
          runId,
          index: i,
          verdict,
          reasons: verdict === 'live' ? [] : ['a reason'],
          method: 'fetched',
          fetchedVerdict: null,
          page: { status: 200, finalUrl: url, hops: [], contentType: 'text/html', xRobotsTag: null, metaRobots: [], canonical: null, canonicalElsewhere: false, indexable: true, pageNofollow: false, title: 'A post', error: null },
          links: verdict === 'live' || verdict === 'weak' ? [link] : [],
          linkCount: 1,
          site: null,
          renderError: null,
          history: 'saved',
          checkedAt: Date.now(),
        });
      }
      tx.objectStore('runs').put({ id: runId, auditId, trigger: 'manual', state: 'done', startedAt: Date.now(), finishedAt: Date.now(), total: n, done: n, counts, changes: null, previousRunId: null });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, VIEW_ROWS);
    const opens: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await page.waitForFunction(() => document.querySelectorAll('table.audit-table tbody tr').length > 0 && /10,000 of 10,000/.test(document.body.textContent ?? ''), undefined, { timeout: 120_000 });
      opens.push(await page.evaluate(() => performance.now()));
    }
    opens.sort((a, b) => a - b);
    lines.push(`Audits page opened on ${VIEW_ROWS.toLocaleString('en')} rows: first page of the table after ${Math.round(opens[1]!)} ms (median of 3; navigation start → rows drawn)`);
  } finally {
    await session.close();
    await server.close();
  }
  lines.push('(Machine shared with other work: 2 cores.)');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchAudit(process.argv[2]));
