/**
 * Dev-loop evaluator for the placement classifier, in jsdom (no layout).
 *
 *   npx tsx scripts/eval/placement-jsdom.ts [--type article] [--ids 0001,0002] [--limit 50]
 *        [--full] [--no-baseline] [--worst 15] [--dump 0001] [--json out.json]
 *
 * Loads every dev page (../shared/data/placement-dev) with jsdom at its original URL, runs the pipeline
 * (collect → features → placement; `--full` runs the whole `analyzePage`), maps links to labels by element
 * identity (label i = index in `querySelectorAll('a[href]')`) and prints precision/recall/F1 of
 * "body" vs the rest, overall and per page type, beside the @mozilla/readability baseline (cached in
 * /tmp because it is deterministic and slow).
 */
import { pageDomainOf } from '../../lib/domain';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { collectPage } from '../../lib/page/model';
import { extractFeatures } from '../../lib/page/features';
import { readPageFacts } from '../../lib/page/page-facts';
import { classifyPlacements } from '../../lib/page/placement/index';
import type { LinkFeatures, PlacementResult } from '../../lib/types';
import {
  countPage,
  formatSummary,
  listPageIds,
  loadHtml,
  loadLabels,
  metrics,
  readabilityBodyFlags,
  summarize,
  type Counts,
  type PageResult,
} from './placement-metrics';

interface Args {
  type?: string;
  ids?: string[];
  limit?: number;
  full: boolean;
  baseline: boolean;
  worst: number;
  dump?: string;
  json?: string;
  signals: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { full: false, baseline: true, worst: 0, signals: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i] ?? '';
    if (k === '--type') a.type = v();
    else if (k === '--ids') a.ids = v().split(',');
    else if (k === '--limit') a.limit = Number(v());
    else if (k === '--full') a.full = true;
    else if (k === '--no-baseline') a.baseline = false;
    else if (k === '--worst') a.worst = Number(v());
    else if (k === '--dump') a.dump = v();
    else if (k === '--json') a.json = v();
    else if (k === '--signals') a.signals = true;
  }
  return a;
}

const BASELINE_CACHE = '/tmp/placement-readability-baseline.json';

function loadBaselineCache(): Record<string, number[]> {
  try {
    return existsSync(BASELINE_CACHE) ? (JSON.parse(readFileSync(BASELINE_CACHE, 'utf8')) as Record<string, number[]>) : {};
  } catch {
    return {};
  }
}

function makeDom(html: string, url: string): JSDOM {
  const virtualConsole = new VirtualConsole();
  try {
    return new JSDOM(html, { url, virtualConsole });
  } catch {
    return new JSDOM(html, { virtualConsole });
  }
}

async function placementsFor(doc: Document, full: boolean): Promise<{ links: LinkFeatures[]; placements: PlacementResult[]; ms: number }> {
  const t0 = performance.now();
  if (full) {
    const { analyzePage } = await import('../../lib/analyze');
    const { links: collected } = (await collectPage(doc));
    const report = await analyzePage(doc, { sliceMs: 1000 });
    // Report links carry no element; analyzePage collects in the same order, so pair them up by index.
    const links = collected.map((c) => c as LinkFeatures);
    const placements = report.links.map((l) => ({ placement: l.placement, confidence: l.placementConfidence, signals: l.placementSignals }));
    return { links, placements, ms: performance.now() - t0 };
  }
  const facts = readPageFacts(doc);
  const { links: collected } = (await collectPage(doc));
  const links = collected.map((c) => extractFeatures(c, pageDomainOf(doc.URL)));
  const t1 = performance.now();
  const placements = await classifyPlacements(doc, links, { checkpoint: () => undefined });
  return { links, placements, ms: performance.now() - t1 };
  void t0;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let ids = args.ids ?? listPageIds();
  if (args.dump) ids = [args.dump];
  const cache = loadBaselineCache();
  let cacheDirty = false;
  const results: (PageResult & { f1: number; bf1: number; n: number; ms: number; links: number })[] = [];
  let done = 0;
  let totalMs = 0;
  let slowest = { id: '', ms: 0, links: 0 };
  // Decisions grouped by their first signal (numbers and quoted words blanked): where the errors come from.
  const bySignal = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
  for (const id of ids) {
    const page = loadLabels(id);
    if (args.type && page.page_type !== args.type) continue;
    if (args.limit && done >= args.limit) break;
    done++;
    const dom = makeDom(loadHtml(id), page.url);
    const doc = dom.window.document;
    const anchors = [...doc.querySelectorAll('a[href]')];
    const labelIndex = new Map<Element, number>();
    anchors.forEach((a, i) => labelIndex.set(a, i));

    let baseline: Counts | undefined;
    if (args.baseline) {
      let flags = cache[id];
      if (!flags) {
        const b = readabilityBodyFlags(doc, anchors);
        flags = b.flatMap((f, i) => (f ? [i] : []));
        cache[id] = flags;
        cacheDirty = true;
      }
      const pred: boolean[] = new Array(anchors.length).fill(false);
      for (const i of flags) pred[i] = true;
      baseline = countPage(page.links, pred);
    }

    const { links, placements, ms } = await placementsFor(doc, args.full);
    totalMs += ms;
    if (ms > slowest.ms) slowest = { id, ms, links: links.length };
    const pred: boolean[] = new Array(anchors.length).fill(false);
    const byLabel: (PlacementResult | undefined)[] = new Array(anchors.length);
    links.forEach((l, k) => {
      const i = labelIndex.get(l.el);
      if (i === undefined) return;
      pred[i] = placements[k]!.placement === 'body';
      byLabel[i] = placements[k];
    });
    const counts = countPage(page.links, pred);
    if (args.signals) {
      for (const l of page.links) {
        if (l.label === 'ambiguous') continue;
        const p = byLabel[l.i];
        const key = `${p?.placement ?? '-'}: ${(p?.signals[0] ?? '-').replace(/\d+/g, '#').replace(/"[^"]*"/g, '"…"')}`;
        const e = bySignal.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
        const body = p?.placement === 'body';
        const gold = l.label === 'main';
        if (body && gold) e.tp++;
        else if (body) e.fp++;
        else if (gold) e.fn++;
        else e.tn++;
        bySignal.set(key, e);
      }
    }
    const m = metrics(counts);
    results.push({ id, pageType: page.page_type, counts, baseline, f1: m.f1, bf1: baseline ? metrics(baseline).f1 : 0, n: m.n, ms, links: links.length });

    if (args.dump) {
      console.log(`# ${id} ${page.page_type} ${page.url}`);
      for (const l of page.links) {
        const p = byLabel[l.i];
        const ok = l.label === 'ambiguous' ? '?' : (p?.placement === 'body') === (l.label === 'main') ? ' ' : 'X';
        console.log(
          `${ok} ${String(l.i).padStart(4)} ${l.label.padEnd(11)} ${(p?.placement ?? '-').padEnd(8)} ${(p?.confidence ?? 0).toFixed(2)} ${l.text.slice(0, 40).padEnd(40)} | ${(p?.signals ?? []).slice(0, 4).join('; ')}`,
        );
      }
    }
    dom.window.close();
    if (!args.dump && done % 50 === 0) process.stderr.write(`  ${done} pages…\n`);
  }
  if (cacheDirty) writeFileSync(BASELINE_CACHE, JSON.stringify(cache));

  const summary = summarize(results);
  console.log(formatSummary(summary));
  console.log(`classifyPlacements: ${totalMs.toFixed(0)} ms total over ${done} pages; slowest ${slowest.id} ${slowest.ms.toFixed(0)} ms for ${slowest.links} links`);
  if (args.signals) {
    console.log('\nby first signal: tp fp fn tn');
    for (const [k, e] of [...bySignal.entries()].sort((a, b) => b[1].fp + b[1].fn - (a[1].fp + a[1].fn))) {
      console.log(`  ${String(e.tp).padStart(6)} ${String(e.fp).padStart(6)} ${String(e.fn).padStart(6)} ${String(e.tn).padStart(6)}  ${k}`);
    }
  }
  if (args.worst) {
    // Worst pages by lost true/false decisions (error count), to look at next.
    const worst = [...results].sort((a, b) => b.counts.fp + b.counts.fn - (a.counts.fp + a.counts.fn)).slice(0, args.worst);
    console.log('\nworst pages (fp+fn): id type fp fn tp | F1 vs readability F1');
    for (const r of worst) {
      console.log(`  ${r.id} ${r.pageType.padEnd(13)} fp=${r.counts.fp} fn=${r.counts.fn} tp=${r.counts.tp} | ${(r.f1 * 100).toFixed(0)} vs ${(r.bf1 * 100).toFixed(0)}`);
    }
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ summary, pages: results }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
