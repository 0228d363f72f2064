/**
 * Exports the per-link placement signals of every dev page with its label, for fitting the model in
 * lib/page/placement/model.ts (scripts/eval/placement-fit.py). Output: /tmp/placement-features.csv, one row per
 * labelled link: page id, site (registrable domain), page type, label, whether a rule decides it, the signals.
 *
 *   npx tsx scripts/eval/placement-export.ts [out.csv]
 *
 * jsdom does not give all of a closed window's memory back (one process over the 1,275 pages runs out of
 * heap), so the pages are read in shards, each in a child process of its own, two at a time; the parent
 * joins their rows.
 */
import { pageDomainOf } from '../../lib/domain';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { JSDOM, VirtualConsole } from 'jsdom';
import { collectPage } from '../../lib/page/model';
import { extractFeatures } from '../../lib/page/features';
import { readPageFacts } from '../../lib/page/page-facts';
import { MAIN } from '../../lib/page/placement/knobs';
import { gatherEvidence, ruledOut } from '../../lib/page/placement/index';
import { FEATURES } from '../../lib/page/placement/link-signals';
import { listPageIds, loadHtml, loadLabels } from './placement-metrics';

const args = process.argv.slice(2);
const shardArg = args.indexOf('--shard');
const out = args.find((a, i) => !a.startsWith('--') && (shardArg < 0 || i !== shardArg + 1)) ?? '/tmp/placement-features.csv';
const SHARDS = 8;
const PARALLEL = 2;
// `rule`: 1 when placement rules the link out of the body whatever the model says (index.ts ruledOut).
const HEADER = ['id', 'site', 'type', 'label', 'rule', ...FEATURES].join(',');

if (shardArg < 0) {
  // Parent: run the shards, then join them.
  const part = (k: number) => `${out}.part${k}`;
  const runShard = (k: number) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, part(k), '--shard', `${k}/${SHARDS}`], { stdio: 'inherit' });
      child.on('exit', (code: number | null) => (code === 0 ? resolve() : reject(new Error(`shard ${k} exited with ${code}`))));
    });
  let next = 0;
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < SHARDS) await runShard(next++);
  }));
  const rows = [HEADER];
  for (let k = 0; k < SHARDS; k++) {
    rows.push(...readFileSync(part(k), 'utf8').split('\n').slice(1).filter(Boolean));
    rmSync(part(k));
  }
  writeFileSync(out, rows.join('\n') + '\n');
  console.log(`${rows.length - 1} links → ${out}`);
  process.exit(0);
}
const [shard, shards] = args[shardArg + 1]!.split('/').map(Number) as [number, number];
// Tuning hook: PLACEMENT_MAIN='{"linkTextCost":0.5}' overrides main-content parameters for this export.
if (process.env.PLACEMENT_MAIN) Object.assign(MAIN, JSON.parse(process.env.PLACEMENT_MAIN));
const rows = [HEADER];
const ids = listPageIds();
for (const id of ids.filter((_, i) => i % shards === shard)) {
  const page = loadLabels(id);
  // The registrable domain groups pages of one site into one fold (site-grouped cross-validation).
  const site = pageDomainOf(page.url) ?? id;
  let dom: JSDOM;
  try {
    dom = new JSDOM(loadHtml(id), { url: page.url, virtualConsole: new VirtualConsole() });
  } catch {
    dom = new JSDOM(loadHtml(id), { virtualConsole: new VirtualConsole() });
  }
  const doc = dom.window.document;
  const index = new Map<Element, number>();
  [...doc.querySelectorAll('a[href]')].forEach((a, i) => index.set(a, i));
  const facts = readPageFacts(doc);
  const links = (await collectPage(doc)).links.map((c) => extractFeatures(c, pageDomainOf(doc.URL)));
  const ev = await gatherEvidence(links, { checkpoint: () => undefined });
  const labelOf = new Map(page.links.map((l) => [l.i, l.label]));
  links.forEach((l, k) => {
    const i = index.get(l.el);
    const e = ev[k];
    if (i === undefined || !e) return;
    const label = labelOf.get(i);
    if (!label || label === 'ambiguous') return;
    rows.push([id, site, page.page_type, label, ruledOut(e, l) ? 1 : 0, ...FEATURES.map((_, j) => +e.features[j]!.toFixed(4))].join(','));
  });
  dom.window.close();
}
writeFileSync(out, rows.join('\n') + '\n');
console.log(`${rows.length - 1} links → ${out}`);
