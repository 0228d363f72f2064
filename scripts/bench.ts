/**
 * npm run bench — speed of the real extension in headless Chromium.
 *
 * For each page: the floor (one querySelectorAll plus one getBoundingClientRect per link, on a
 * freshly loaded page), our full analysis (the extension's report, on a freshly loaded page),
 * their ratio, the longest main-thread task seen while analysing (Long Tasks API, ≥ 50 ms) and
 * the longest slice between our yields, and the time until the report is ready in the
 * background. Medians over several runs. Then the hostile pages of issue #13 §4 (a display:none
 * chain 10,000 deep, a heading 20,000 spans deep, 1,000 links sharing a 100 KB href): total time
 * and longest main-thread task. Then the site-strength table (size, 10,000 lookups), the history
 * store with 10,000 inspections, and the network: bytes read and internal requests (must be 0) for
 * a hostile target, and "Check links" wall time for 200 links over a local server at the fetch
 * module's limits (scripts/bench/net.ts).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tsImport } from 'tsx/esm/api';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchExtension, tabIdOf, type ExtensionSession } from './lib/extension.ts';
import { generatePage, hiddenChainPage, longHrefsPage, nestedSpansPage } from './lib/generate-page.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The hostile pages take seconds each: fewer runs. */
const HOSTILE_RUNS = Number(process.env.BENCH_HOSTILE_RUNS ?? 3);
const DEV = resolve(import.meta.dirname, '../../shared/data/placement-dev');
/** Three real dev pages of different kinds and sizes (WCXB dev split, CC-BY-4.0). */
const REAL_PAGES = ['article', 'collection', 'forum'];

interface BenchPage {
  name: string;
  url: string;
  html: string;
}

function realPages(): BenchPage[] {
  if (!existsSync(join(DEV, 'index.json'))) return [];
  const index = JSON.parse(readFileSync(join(DEV, 'index.json'), 'utf8'));
  const entries: { id: string; page_type: string; links: number }[] = index.items ?? [];
  const out: BenchPage[] = [];
  for (const type of REAL_PAGES) {
    // The page of that type with the most links: the hardest case of its kind.
    const best = entries.filter((p) => p.page_type === type).sort((a, b) => b.links - a.links)[0];
    if (!best) continue;
    const label = JSON.parse(readFileSync(join(DEV, 'labels', `${best.id}.json`), 'utf8'));
    out.push({ name: `${type} #${best.id}`, url: label.url, html: gunzipSync(readFileSync(join(DEV, 'pages', `${best.id}.html.gz`))).toString('utf8') });
  }
  return out;
}

/** Stages that run on the page's main thread (lib/page/snapshot.ts); the rest run in the background. */
const PAGE_STAGES = ['collect', 'features', 'layout', 'placement', 'texts', 'recheck'];

/** Mozilla's Readability (what a user would pick instead; it knows nothing about links): the reference of issue #15 §2. */
const READABILITY_SRC = readFileSync(createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'), 'utf8');

/** Readability's parse() alone on a freshly loaded page (on a clone, as its docs ask: parse() changes the document). */
async function readabilityMs(page: Page): Promise<number> {
  await page.addScriptTag({ content: READABILITY_SRC });
  return page.evaluate(() => {
    const doc = document.cloneNode(true) as Document;
    const t0 = performance.now();
    (window as any).__sink = new (window as any).Readability(doc).parse()?.length ?? 0;
    return performance.now() - t0;
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (x: number) => x.toFixed(1).padStart(8);

const LONG_TASKS = `window.__biLongTasks = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__biLongTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true }); } catch {}`;

async function floor(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t0 = performance.now();
    const links = document.querySelectorAll('a[href]');
    let sum = 0;
    for (const a of links) sum += a.getBoundingClientRect().top;
    (window as any).__sink = sum;
    return performance.now() - t0;
  });
}

/**
 * A second reference: the native reads the report's signals need, with no analysis at all — the floor's
 * rect per link, its computed font size and colours (tiny or colour-matched text), the visibility check,
 * its anchor text, the text of its paragraph (words around it, relevance) and one walk over every element
 * and text node (tag, class, text length) for the placement structure. Each part timed on its own.
 */
async function readsFloor(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const parts: Record<string, number> = {};
    let sum = 0;
    let t0 = performance.now();
    const lap = (name: string) => {
      const t = performance.now();
      parts[name] = t - t0;
      t0 = t;
    };
    const links = document.querySelectorAll('a[href]');
    for (const a of links) sum += a.getBoundingClientRect().top;
    lap('rects');
    for (const a of links) {
      const s = getComputedStyle(a);
      sum += s.fontSize.length + s.color.length + s.backgroundColor.length;
    }
    lap('styles');
    for (const a of links) sum += (a as any).checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) ? 1 : 0;
    lap('visibility');
    for (const a of links) sum += (a.textContent ?? '').length;
    lap('anchors');
    for (const a of links) sum += (a.parentElement?.closest('p, li, td, div')?.textContent ?? '').length;
    lap('paragraphs');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      sum += n.nodeType === 3 ? (n as Text).length : (n as Element).localName.length + ((n as Element).getAttribute('class')?.length ?? 0);
    }
    lap('walk');
    (window as any).__sink = sum;
    return parts;
  });
}

/**
 * Loads `url` fresh and inspects it, timed inside the service worker (request to report in the
 * background, without Playwright's transfer of the report); the report's links come back as their count.
 * `longestTask`: the longest main-thread task the page saw meanwhile (Long Tasks API, 0 = none).
 */
async function timedInspect(session: ExtensionSession, page: Page, tabId: number, url: string, loadTimeout?: number) {
  await page.goto(url, { waitUntil: 'load', timeout: loadTimeout });
  await page.waitForTimeout(50);
  const before = await page.evaluate(() => performance.now());
  const { result, readyMs } = await session.worker.evaluate(async ({ tabId, url }) => {
    const t0 = performance.now();
    const result = await (globalThis as any).backlinkInspector.inspectTab(tabId, { requestedUrl: url });
    const readyMs = performance.now() - t0;
    if (result.ok) result.report.links = result.report.links.length;
    return { result, readyMs };
  }, { tabId, url });
  const tasks: { start: number; duration: number }[] = await page.evaluate(() => (window as any).__biLongTasks);
  const longestTask = Math.max(0, ...tasks.filter((t) => t.start + t.duration >= before).map((t) => t.duration));
  return { result, readyMs: readyMs as number, longestTask };
}

async function main() {
  const extensionDir = process.env.BI_EXTENSION_DIR;
  const session = await launchExtension({ extensionDir });
  const pages: BenchPage[] = [{ name: 'generated 10,000 links', url: 'https://bench.example/generated', html: generatePage(10_000) }, ...realPages()];
  const hostile: BenchPage[] = [
    { name: 'display:none chain 10,000 deep', url: 'https://bench.example/hidden-chain', html: hiddenChainPage(10_000) },
    { name: 'heading 20,000 spans deep', url: 'https://bench.example/nested-spans', html: nestedSpansPage(20_000) },
    { name: '1,000 links × 100 KB href', url: 'https://bench.example/long-hrefs', html: longHrefsPage(1_000, 100_000) },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'bi-bench-'));
  const files = new Map<string, string>();
  for (const [i, p] of [...pages, ...hostile].entries()) {
    const file = join(dir, `${i}.html`);
    writeFileSync(file, p.html);
    files.set(p.url, file);
  }
  await session.context.route('**/*', (route) => {
    const file = files.get(route.request().url().split('#')[0] ?? '');
    if (file && route.request().resourceType() === 'document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(file) });
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await session.context.newPage();
  await page.addInitScript(LONG_TASKS);
  const tabId = await tabIdOf(session, page);

  const rows: string[] = [];
  const stageLines: string[] = [];
  rows.push(['page'.padEnd(26), 'links'.padStart(7), 'floor ms', 'reads ms', ' ratio', 'rdblt ms', 'page ms', ' ratio', '/reads', '/rdblt', 'total ms', ' ratio', 'ready ms', 'slice ms', 'longtask', '  body'].join(' '));
  for (const p of pages) {
    const floors: number[] = [];
    const reads: Record<string, number>[] = [];
    const readability: number[] = [];
    const ours: number[] = [];
    const inPage: number[] = [];
    const ready: number[] = [];
    const slices: number[] = [];
    const longTasks: number[] = [];
    const stageTimes: Record<string, number>[] = [];
    let links = 0;
    let body = 0;
    for (let r = 0; r < RUNS; r++) {
      await page.goto(p.url, { waitUntil: 'load' });
      floors.push(await floor(page));
      await page.goto(p.url, { waitUntil: 'load' });
      reads.push(await readsFloor(page));
      await page.goto(p.url, { waitUntil: 'load' });
      readability.push(await readabilityMs(page));
      const { result, readyMs, longestTask } = await timedInspect(session, page, tabId, p.url);
      ready.push(readyMs);
      if (!result.ok) throw new Error(`${p.name}: ${result.error.message}`);
      stageTimes.push(result.report.timing.stages ?? {});
      const st = result.report.timing.stages ?? {};
      inPage.push(PAGE_STAGES.reduce((sum, n) => sum + (st[n] ?? 0), 0));
      ours.push(result.report.timing.totalMs);
      slices.push(result.report.timing.longestTaskMs);
      longTasks.push(longestTask);
      links = result.report.counts.total;
      body = result.report.counts.byPlacement.body;
    }
    const f = median(floors);
    const o = median(ours);
    const pg = median(inPage);
    const readParts = Object.keys(reads[0] ?? {});
    const rd = median(reads.map((r) => readParts.reduce((sum, k) => sum + (r[k] ?? 0), 0)));
    const stageNames = Object.keys(stageTimes[0] ?? {});
    stageLines.push(`${p.name}: ` + stageNames.map((n) => `${n} ${median(stageTimes.map((s) => s[n] ?? 0)).toFixed(1)}`).join(', '));
    stageLines.push(`  reads: ` + readParts.map((n) => `${n} ${median(reads.map((r) => r[n] ?? 0)).toFixed(1)}`).join(', '));
    const rb = median(readability);
    rows.push([p.name.padEnd(26), String(links).padStart(7), fmt(f), fmt(rd), (rd / f).toFixed(1).padStart(5) + '×', fmt(rb), fmt(pg), (pg / f).toFixed(1).padStart(5) + '×', (pg / rd).toFixed(2).padStart(5) + '×', (pg / rb).toFixed(2).padStart(5) + '×', fmt(o), (o / f).toFixed(1).padStart(5) + '×', fmt(median(ready)), fmt(Math.max(...slices)), fmt(Math.max(...longTasks)), String(body).padStart(6)].join(' '));
  }
  const hostileRows: string[] = [];
  for (const p of hostile) {
    const totals: number[] = [];
    const longTasks: number[] = [];
    const slices: number[] = [];
    let outcome = '';
    for (let r = 0; r < HOSTILE_RUNS; r++) {
      const { result, readyMs, longestTask } = await timedInspect(session, page, tabId, p.url, 120_000);
      longTasks.push(longestTask);
      totals.push(readyMs);
      if (result.ok) {
        slices.push(result.report.timing.longestTaskMs);
        outcome = `${result.report.links} links`;
      } else outcome = `failed: ${result.error.message}`;
    }
    hostileRows.push([p.name.padEnd(32), fmt(median(totals)), fmt(Math.max(...longTasks)), fmt(slices.length ? Math.max(...slices) : NaN), '  ' + outcome].join(' '));
  }
  await session.close();
  console.log(`Analysis speed in headless Chromium (median of ${RUNS} runs). "floor" = one querySelectorAll + one getBoundingClientRect per link,
"reads" = the native reads our signals need, with no analysis (rects, computed styles, visibility, anchor and paragraph texts, one walk),
"rdblt" = Mozilla Readability's parse() alone on the same page (a clone of it), the extraction a user would pick instead,
"page" = the DOM half on the page's main thread,
"total" = page + background (relevance, score), "ready" = request to report in the background incl. injection and messaging,
"slice" = longest run between yields, "longtask" = longest main-thread task >= 50 ms seen while analysing (0 = none), "body" = links placed in the body:`);
  console.log(rows.join('\n'));
  console.log('\nStages (median ms):\n' + stageLines.join('\n'));
  console.log('Targets (issue #15 §2): page ≤ 2× the reads and ≤ Readability (/reads, /rdblt ≤ 1 on the second), no task over 50 ms, report ready ≤ 250 ms on the 10,000-link page (idle machine) and ≤ 60 ms median on the dev pages.');
  console.log(`\nHostile pages (issue #13 §4), ${HOSTILE_RUNS} runs: "total" = request to report in the background (median), "longtask" = longest main-thread task seen
(Long Tasks API: the browser's own work for the page counts too, e.g. its anchor metrics on 1,000 × 100 KB hrefs), "slice" = longest run of our code between yields:`);
  console.log(['page'.padEnd(32), 'total ms', 'longtask', 'slice ms', '  result'].join(' '));
  console.log(hostileRows.join('\n'));

  const { benchPopup } = await import(resolve(import.meta.dirname, 'bench/popup.ts'));
  console.log('\n' + (await benchPopup(extensionDir, RUNS)));

  const { benchStrength } = await import(resolve(import.meta.dirname, 'bench/strength.ts'));
  console.log('\n' + benchStrength());

  const historyBench = resolve(import.meta.dirname, 'bench/history.ts');
  if (existsSync(historyBench)) {
    const { benchHistory, benchBoundedHistory } = await import(historyBench);
    console.log('\n' + (await benchBoundedHistory()));
    console.log('\n' + (await benchHistory()));
  }
  // The one fetch module against local servers: a hostile target, and "Check links" for 200 links.
  // Loaded through tsx: it reaches the page code (lib/parse → lib/page), whose extensionless imports
  // Node's type stripping cannot resolve. This file itself stays on plain Node, because tsx's
  // transform adds helpers to the functions handed to page.evaluate that the page does not have.
  const { benchNet } = await tsImport('./bench/net.ts', import.meta.url);
  console.log('\n' + (await benchNet()));
  // Backlink audits (issue #18): a 1,000-row audit in the extension, and the Audits page on 10,000 rows.
  const { benchAudit } = await import(resolve(import.meta.dirname, 'bench/audit.ts'));
  console.log('\n' + (await benchAudit(extensionDir)));
}

await main();
