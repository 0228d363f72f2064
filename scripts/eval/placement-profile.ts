/**
 * Profiles the placement stage in the built extension (headless Chromium, CDP sampling profiler).
 *
 *   BI_NO_MINIFY=1 WXT_OUT_DIR=/tmp/place-out npx wxt build
 *   BI_EXTENSION_DIR=/tmp/place-out/chrome-mv3 node scripts/eval/placement-profile.ts [--runs 5] [--real ID] [--no-profile]
 *
 * Loads the generated 10,000-link page (or a dev page), runs the extension's inspection a few times,
 * prints the median time of every page-side stage and the functions with the most self time.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { launchExtension, tabIdOf } from '../lib/extension.ts';
import { generatePage } from '../lib/generate-page.ts';

const argv = process.argv.slice(2);
const arg = (k: string) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : undefined);
const RUNS = Number(arg('--runs') ?? 5);
const real = arg('--real');
const DEV = resolve(import.meta.dirname, '../../../shared/data/placement-dev');

let url = 'https://bench.example/generated';
let html = generatePage(10_000);
if (real) {
  url = JSON.parse(readFileSync(`${DEV}/labels/${real}.json`, 'utf8')).url;
  html = gunzipSync(readFileSync(`${DEV}/pages/${real}.html.gz`)).toString('utf8');
}

const session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR });
await session.context.route('**/*', (route) =>
  route.request().resourceType() === 'document' && route.request().url().split('#')[0] === url
    ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
    : route.abort('blockedbyclient'),
);
const page = await session.context.newPage();
page.on('console', (m) => { if (m.text().startsWith('BI-')) console.log(m.text()); });
const tabId = await tabIdOf(session, page);
const cdp = await session.context.newCDPSession(page);
const profile = !argv.includes('--no-profile');
if (profile) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
}
const stages: Record<string, number>[] = [];
const self = new Map<string, number>();
let total = 0;
for (let r = 0; r < RUNS; r++) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(50);
  if (profile && r > 0) await cdp.send('Profiler.start');
  const result = await session.worker.evaluate(
    async ({ tabId, url }) => {
      const result = await (globalThis as any).backlinkInspector.inspectTab(tabId, { requestedUrl: url });
      return result.ok ? result.report.timing : result.error;
    },
    { tabId, url },
  );
  if (profile && r > 0) {
    const { profile: p } = (await cdp.send('Profiler.stop')) as any;
    const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
    const dt: number[] = p.timeDeltas;
    p.samples.forEach((id: number, i: number) => {
      const n = byId.get(id);
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += (dt[i] ?? 0) / 1000;
    });
  }
  stages.push(result.stages ?? {});
}
await session.close();
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('stages (median ms):', Object.keys(stages[0] ?? {}).map((k) => `${k} ${med(stages.map((s) => s[k] ?? 0)).toFixed(1)}`).join(', '));
if (profile) {
  console.log(`\nself time over ${RUNS - 1} profiled runs (ms), busy ${total.toFixed(0)} ms:`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
}
