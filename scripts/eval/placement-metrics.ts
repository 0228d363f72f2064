/**
 * Placement evaluation helpers, shared by the jsdom dev-loop evaluator (scripts/eval/placement-jsdom.ts)
 * and the end-to-end evaluator that runs the built extension (scripts/eval.ts).
 *
 * Pure Node + TypeScript (erasable syntax only, explicit extensions, no path aliases) so that plain
 * `node scripts/eval.ts` (Node 22 type stripping) can import it.
 *
 * The data (development only, never copied into the repo) lives in ../shared/data/placement-dev/ relative
 * to the project root; see ../shared/data/README.md. Labels: main | boilerplate | ambiguous per
 * `document.querySelectorAll('a[href]')` index (jsdom document order). The task is binary: a link is
 * predicted `body` or not; `main` is the positive class; `ambiguous` links are excluded.
 */
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';

export type LinkLabel = 'main' | 'boilerplate' | 'ambiguous';

export interface LabeledLink {
  i: number;
  href: string;
  text: string;
  label: LinkLabel;
}

export interface LabeledPage {
  id: string;
  url: string;
  page_type: string;
  main_content: string;
  links: LabeledLink[];
}

/** Binary confusion counts for "body" (positive) vs everything else. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  n: number;
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** The project root (two levels above scripts/eval/). */
export const PROJECT_ROOT = resolve(HERE, '..', '..');

/** Default location of the dev data: ../shared/data/placement-dev relative to the project root. */
export function defaultDataDir(): string {
  return process.env.PLACEMENT_DATA ?? resolve(PROJECT_ROOT, '..', 'shared', 'data', 'placement-dev');
}

/** Page ids present in the data dir, sorted. */
export function listPageIds(dataDir = defaultDataDir()): string[] {
  return readdirSync(join(dataDir, 'labels'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function loadLabels(id: string, dataDir = defaultDataDir()): LabeledPage {
  return JSON.parse(readFileSync(join(dataDir, 'labels', `${id}.json`), 'utf8')) as LabeledPage;
}

export function loadHtml(id: string, dataDir = defaultDataDir()): string {
  return gunzipSync(readFileSync(join(dataDir, 'pages', `${id}.html.gz`))).toString('utf8');
}

/** Path of the gzipped page, for tools that read files themselves. */
export function htmlPath(id: string, dataDir = defaultDataDir()): string {
  return join(dataDir, 'pages', `${id}.html.gz`);
}

export function dataAvailable(dataDir = defaultDataDir()): boolean {
  return existsSync(join(dataDir, 'labels'));
}

export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

export function addCounts(into: Counts, from: Counts): Counts {
  into.tp += from.tp;
  into.fp += from.fp;
  into.fn += from.fn;
  into.tn += from.tn;
  return into;
}

/**
 * Counts one page: `predictedBody[i]` is the prediction for label index i (undefined = link not found in
 * the prediction, counted as "not body"). Ambiguous labels are skipped.
 */
export function countPage(labels: LabeledLink[], predictedBody: ArrayLike<boolean | undefined>): Counts {
  const c = emptyCounts();
  for (const l of labels) {
    if (l.label === 'ambiguous') continue;
    const pred = predictedBody[l.i] === true;
    const gold = l.label === 'main';
    if (pred && gold) c.tp++;
    else if (pred) c.fp++;
    else if (gold) c.fn++;
    else c.tn++;
  }
  return c;
}

export function metrics(c: Counts): Metrics {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const n = c.tp + c.fp + c.fn + c.tn;
  return { ...c, precision, recall, f1, accuracy: n ? (c.tp + c.tn) / n : 0, n };
}

/** Per-page results, to aggregate overall and per page type. */
export interface PageResult {
  id: string;
  pageType: string;
  counts: Counts;
  baseline?: Counts;
}

export interface Summary {
  overall: Metrics;
  byType: Record<string, Metrics>;
  baselineOverall?: Metrics;
  baselineByType?: Record<string, Metrics>;
  pages: number;
}

export function summarize(results: PageResult[]): Summary {
  const all = emptyCounts();
  const byType = new Map<string, Counts>();
  const ball = emptyCounts();
  const bByType = new Map<string, Counts>();
  let hasBaseline = false;
  for (const r of results) {
    addCounts(all, r.counts);
    if (!byType.has(r.pageType)) byType.set(r.pageType, emptyCounts());
    addCounts(byType.get(r.pageType)!, r.counts);
    if (r.baseline) {
      hasBaseline = true;
      addCounts(ball, r.baseline);
      if (!bByType.has(r.pageType)) bByType.set(r.pageType, emptyCounts());
      addCounts(bByType.get(r.pageType)!, r.baseline);
    }
  }
  const toRecord = (m: Map<string, Counts>) =>
    Object.fromEntries([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, metrics(v)]));
  return {
    overall: metrics(all),
    byType: toRecord(byType),
    baselineOverall: hasBaseline ? metrics(ball) : undefined,
    baselineByType: hasBaseline ? toRecord(bByType) : undefined,
    pages: results.length,
  };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** A plain-text table: overall and per page type, with the baseline beside when present. */
export function formatSummary(s: Summary, title = 'placement: body vs rest'): string {
  const lines: string[] = [];
  const head = s.baselineOverall
    ? `${'type'.padEnd(14)} ${'links'.padStart(6)}   ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  | readability ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  | ΔF1`
    : `${'type'.padEnd(14)} ${'links'.padStart(6)}   ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}`;
  lines.push(`${title} (${s.pages} pages; ambiguous labels excluded; micro-averaged over links)`);
  lines.push(head);
  const row = (name: string, m: Metrics, b?: Metrics) => {
    let line = `${name.padEnd(14)} ${String(m.n).padStart(6)}   ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`;
    if (b) line += `  |             ${pct(b.precision)} ${pct(b.recall)} ${pct(b.f1)}  | ${((m.f1 - b.f1) * 100).toFixed(1).padStart(5)}`;
    lines.push(line);
  };
  row('OVERALL', s.overall, s.baselineOverall);
  for (const [t, m] of Object.entries(s.byType)) row(t, m, s.baselineByType?.[t]);
  return lines.join('\n');
}

/** Collapsed whitespace, straight quotes: how link texts are compared. */
export function normText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').replace(/[’‘]/g, "'").replace(/[“”]/g, '"').trim();
}

function absHref(raw: string | null, base: string): string {
  if (raw === null) return '';
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return raw.trim();
  }
}

/**
 * The Readability baseline: a link is `body` iff it lies inside the article that @mozilla/readability
 * extracts. Readability runs on a clone (it mutates the DOM); its output HTML is parsed again and the
 * page's links are matched to the article's links by (absolute href, normalised text) as a multiset, in
 * document order. Readability rewrites relative URLs to absolute ones and turns `javascript:` links into
 * plain text, so those never match (they would not be in the article either).
 *
 * `anchors` is the page's `querySelectorAll('a[href]')` list; returns one flag per anchor.
 */
export function readabilityBodyFlags(doc: Document, anchors: ArrayLike<Element>): boolean[] {
  const flags = new Array<boolean>(anchors.length).fill(false);
  let content: string | null | undefined;
  try {
    const clone = doc.cloneNode(true) as Document;
    content = new Readability(clone).parse()?.content;
  } catch {
    content = null;
  }
  if (!content) return flags;
  const base = doc.baseURI || doc.URL;
  const holder = doc.createElement('div');
  holder.innerHTML = content;
  const bag = new Map<string, number>();
  for (const a of holder.querySelectorAll('a[href]')) {
    const key = absHref(a.getAttribute('href'), base) + '\u0000' + normText(a.textContent);
    bag.set(key, (bag.get(key) ?? 0) + 1);
  }
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i]!;
    const key = absHref(a.getAttribute('href'), base) + '\u0000' + normText(a.textContent);
    const left = bag.get(key) ?? 0;
    if (left > 0) {
      flags[i] = true;
      bag.set(key, left - 1);
    }
  }
  return flags;
}

/** The minimum a report link needs for mapping back to label indices. */
export interface ReportLinkLike {
  index: number;
  element: 'a' | 'area' | 'svg-a';
  frame: string | null;
  inShadow: boolean;
  placement: string;
  /** The raw href attribute (labels carry it too): what the alignment matches on. */
  href: string;
}

export interface Alignment {
  /** Predicted `body` per label index (undefined: the label's link is not in the report). */
  predictions: (boolean | undefined)[];
  /** Labels with no link in the report. */
  unmatched: number;
}

/**
 * Maps report links to labels. The labels index `querySelectorAll('a[href]')` of the page parsed
 * without scripts (jsdom); the browser's DOM can differ: page scripts may add, remove or rewrite
 * links before the report (15 of the 399 dev pages). Matching the k-th report link to label k would
 * then shift every later label, so when the two href sequences differ they are aligned by their
 * longest common subsequence of hrefs; labels left without a link count as not predicted body.
 */
export function alignReport(labels: Pick<LabeledLink, 'i' | 'href'>[], links: ReportLinkLike[]): Alignment {
  const report = [...links]
    .sort((a, b) => a.index - b.index)
    .filter((l) => (l.element === 'a' || l.element === 'svg-a') && l.frame === null && !l.inShadow);
  const lab = [...labels].sort((a, b) => a.i - b.i);
  const predictions: (boolean | undefined)[] = [];
  const pairs = matchHrefs(
    lab.map((l) => l.href),
    report.map((l) => l.href),
  );
  for (const [li, ri] of pairs) predictions[lab[li]!.i] = report[ri]!.placement === 'body';
  return { predictions, unmatched: lab.length - pairs.length };
}

const MAX_LCS_CELLS = 25_000_000;
const GREEDY_WINDOW = 50;

/** Index pairs of a longest common subsequence of two string sequences (common ends trimmed first). */
export function matchHrefs(a: string[], b: string[]): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: [number, number][] = [];
  for (let k = 0; k < start; k++) pairs.push([k, k]);
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && n * m > MAX_LCS_CELLS) {
    // Too big a table for a dev script: match each href to the next equal one within a window.
    for (let i = start, j = start; i < endA && j < endB; i++) {
      const k = b.indexOf(a[i]!, j);
      if (k >= 0 && k < endB && k - j <= GREEDY_WINDOW) {
        pairs.push([i, k]);
        j = k + 1;
      }
    }
  } else if (n > 0 && m > 0) {
    // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB), row-major.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    for (let i = 0, j = 0; i < n && j < m; ) {
      if (a[start + i] === b[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
      else j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

/** Where baseline flags are cached between runs (deterministic, slow to compute). */
export const BASELINE_CACHE = '/tmp/placement-readability-baseline.json';

/**
 * Readability-baseline predictions per label index for each page, cached in BASELINE_CACHE. `parse`
 * turns a page's HTML and URL into a Document (jsdom), only called for pages not in the cache.
 */
export function readabilityBaseline(ids: string[], parse: (html: string, url: string) => Document, dataDir = defaultDataDir()): Map<string, boolean[]> {
  let cache: Record<string, number[]> = {};
  try {
    if (existsSync(BASELINE_CACHE)) cache = JSON.parse(readFileSync(BASELINE_CACHE, 'utf8')) as Record<string, number[]>;
  } catch {
    cache = {};
  }
  let dirty = false;
  const out = new Map<string, boolean[]>();
  for (const id of ids) {
    let flags = cache[id];
    if (!flags) {
      const page = loadLabels(id, dataDir);
      const doc = parse(loadHtml(id, dataDir), page.url);
      const anchors = [...doc.querySelectorAll('a[href]')];
      flags = readabilityBodyFlags(doc, anchors).flatMap((f, i) => (f ? [i] : []));
      cache[id] = flags;
      dirty = true;
    }
    const pred: boolean[] = [];
    for (const i of flags) pred[i] = true;
    out.set(id, pred);
  }
  if (dirty) writeFileSync(BASELINE_CACHE, JSON.stringify(cache));
  return out;
}
