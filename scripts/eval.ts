/**
 * eval — end-to-end placement accuracy of the BUILT extension on the development pages
 * (../shared/data/placement-dev, see ../shared/data/README.md).
 *
 *   npm run build && npm run eval -- [--type article] [--limit 50] [--concurrency 2]
 *
 * Runs `node scripts/inspect.ts --jsonl --offline FILE=URL …` over the pages (real Chromium, real layout),
 * maps each report's links back to the labels (by raw href, aligned where the browser's DOM differs from the
 * labelled one: scripts/eval/placement-metrics.ts alignReport) and prints precision/recall/F1 of `body` vs the
 * rest, overall and per page type, beside the @mozilla/readability baseline (computed in jsdom, cached in /tmp).
 * The jsdom dev loop is scripts/eval/placement-jsdom.ts.
 *
 * Then the relevance ROC AUCs on ../shared/data/relevance-dev (scripts/eval/relevance.ts).
 * `--only placement` or `--only relevance` runs one part.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JSDOM, VirtualConsole } from 'jsdom';
import {
  countPage,
  dataAvailable,
  formatSummary,
  htmlPath,
  listPageIds,
  loadLabels,
  alignReport,
  readabilityBaseline,
  summarize,
  type PageResult,
  type ReportLinkLike,
} from './eval/placement-metrics.ts';

const { values } = parseArgs({
  options: {
    type: { type: 'string' },
    limit: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});

async function relevancePart(): Promise<void> {
  const { evalRelevance } = await import('./eval/relevance.ts');
  console.log('\n' + (await evalRelevance()));
  const { evalLinks } = await import('./eval/relevance-links.ts');
  console.log(await evalLinks());
}

if (values.only === 'relevance') {
  await relevancePart();
  process.exit(0);
}

if (!dataAvailable()) {
  console.error('eval: no development data at ../shared/data/placement-dev (set PLACEMENT_DATA)');
  process.exit(2);
}

let pages = listPageIds().map((id) => loadLabels(id));
if (values.type) pages = pages.filter((p) => p.page_type === values.type);
if (values.limit) pages = pages.slice(0, Number(values.limit));

const targets = pages.map((p) => `${htmlPath(p.id)}=${p.url}`);
const byUrl = new Map<string, string[]>();
for (const p of pages) {
  const key = new URL(p.url).href;
  byUrl.set(key, [...(byUrl.get(key) ?? []), p.id]);
}

const reports = new Map<string, { links: ReportLinkLike[] } | null>();
await new Promise<void>((done, fail) => {
  // BI_EXTENSION_DIR evaluates another build (default: .output/chrome-mv3), as the browser tests do.
  const extension = process.env.BI_EXTENSION_DIR ? ['--extension', process.env.BI_EXTENSION_DIR] : [];
  const child = spawn(process.execPath, [resolve(import.meta.dirname, 'inspect.ts'), '--jsonl', '--offline', '--concurrency', values.concurrency!, ...extension, ...targets], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buf = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      const r = JSON.parse(line) as { url: string; error?: { message: string }; links?: ReportLinkLike[] };
      const ids = byUrl.get(new URL(r.url).href) ?? [];
      const id = ids.shift();
      if (!id) continue;
      reports.set(id, r.error || !r.links ? null : { links: r.links });
      if (r.error) console.error(`eval: ${id} ${r.url}: ${r.error.message}`);
      if (reports.size % 50 === 0) process.stderr.write(`  ${reports.size}/${pages.length} pages…\n`);
    }
  });
  child.on('error', fail);
  child.on('close', () => done());
});

const baseline = readabilityBaseline(
  pages.map((p) => p.id),
  (html, url) => {
    const virtualConsole = new VirtualConsole();
    try {
      return new JSDOM(html, { url, virtualConsole }).window.document;
    } catch {
      return new JSDOM(html, { virtualConsole }).window.document;
    }
  },
);

const results: PageResult[] = [];
let failed = 0;
let unmatched = 0;
let realigned = 0;
for (const p of pages) {
  const r = reports.get(p.id);
  if (!r) {
    failed++;
    continue;
  }
  const aligned = alignReport(p.links, r.links);
  unmatched += aligned.unmatched;
  if (aligned.unmatched) realigned++;
  results.push({ id: p.id, pageType: p.page_type, counts: countPage(p.links, aligned.predictions), baseline: countPage(p.links, baseline.get(p.id) ?? []) });
}
console.log(formatSummary(summarize(results), 'placement (built extension, Chromium): body vs rest'));
if (failed) console.log(`${failed} page(s) failed to inspect and are left out`);
if (unmatched) console.log(`${unmatched} labelled link(s) on ${realigned} page(s) are not in the browser's report (page scripts removed or changed them): counted as not body`);
console.log(
  'In-sample: the placement model was fitted on these pages, so these figures flatter it. For unseen pages use the\n' +
    'cross-validated figures of scripts/eval/placement-fit.py (README "Measured").',
);

if (values.only !== 'placement') await relevancePart();
