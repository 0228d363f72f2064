/**
 * Relevance on real links, and the fit of the evidence model (lib/analysis/relevance/similarity.ts
 * EVIDENCE_MODEL). Development data only (../shared/data, read in place):
 *
 *  - dev pages (WCXB dev split) that link to another dev page, in English:
 *      target/random    linking page's topic vs the target page's topic (as the background
 *                       extracts it from fetched HTML) — against 3 random dev pages per link;
 *      target/same-site the same against pages of the target's own site the page does not link
 *                       to (the hard negatives: same kind of page, other topic);
 *      context/target   the link's context (anchor, URL words, paragraph) vs its target's topic,
 *                       against random pages;
 *  - link contexts vs pages: a body link's context vs its own page's topic, against another
 *    page's (context relevance as the product computes it), up to 4 links a page;
 *  - BBC: article ↔ article, article → title, title ↔ title (same category = positive);
 *  - SIB-200 English sentences (same topic = positive).
 *
 * For each set: ROC AUC of a plain TF-IDF cosine (scikit-learn's defaults: raw counts, smooth IDF
 * from the set's own documents, no stemming, English stop words), the lexical and semantic parts,
 * version 1's fixed blend and the evidence model — in-sample, 5-fold cross-validated (pairs
 * grouped by their first text) and leave-one-set-out (the model fitted without that kind of pair).
 * Calibration: mean score of positives and negatives, and the expected calibration error.
 *
 *   npx tsx scripts/eval/relevance-links.ts [--fit]   (--fit prints the fitted EVIDENCE_MODEL)
 */
import { loadLanguageData } from '../../lib/analysis/relevance/data';
import { detectLanguage } from '../../lib/analysis/relevance/detect';
import { normalizeLanguage } from '../../lib/analysis/relevance/languages';
import { linkContextParts, pageTopicParts } from '../../lib/analysis/relevance/page-topic';
import {
  blendScore,
  EVIDENCE_MODEL,
  MONOTONE_FEATURES,
  evidenceFeatures,
  partStats,
  similarity,
  topicVector,
  without,
  type EvidenceFeature,
  type PartCache,
  type TopicVector,
} from '../../lib/analysis/relevance/similarity';
import { stopWords, tokenize } from '../../lib/analysis/relevance/terms';
import type { LinkData } from '../../lib/types';
import { auc, drawPairs, loadBbc, loadSib, rng } from './relevance';
import { loadPages, type PageExtract } from './relevance-pages';

interface Pair {
  set: string;
  label: 0 | 1;
  /** Cross-validation group (the pair's first text). */
  group: string;
  a: TopicVector;
  b: TopicVector;
  /** Plain texts for the TF-IDF baseline (indices into the set's documents). */
  da: number;
  db: number;
}

interface PairSet {
  name: string;
  docs: string[];
  pairs: Pair[];
}

const FEATURES: EvidenceFeature[] = ['lexShort', 'lexLong', 'semShort', 'semLong', 'long'];

// --- plain TF-IDF baseline ---------------------------------------------------------------------
function tfidfBaseline(set: PairSet): Map<string, number> {
  const stops = stopWords('en');
  const docTokens = set.docs.map((d) => tokenize(d, 'en').filter((w) => !stops.has(w)));
  const df = new Map<string, number>();
  for (const toks of docTokens) for (const w of new Set(toks)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = set.docs.length;
  const vecs = new Map<number, Map<string, number>>();
  const vec = (i: number) => {
    let v = vecs.get(i);
    if (v) return v;
    v = new Map();
    for (const w of docTokens[i]!) v.set(w, (v.get(w) ?? 0) + 1);
    let norm = 0;
    for (const [w, c] of v) {
      const x = c * (Math.log((1 + n) / (1 + df.get(w)!)) + 1);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    vecs.set(i, v);
    return v;
  };
  const out = new Map<string, number>();
  for (const p of set.pairs) {
    const key = `${p.da}:${p.db}`;
    if (out.has(key)) continue;
    const [x, y] = [vec(p.da), vec(p.db)];
    let dot = 0;
    for (const [w, v] of x) dot += v * (y.get(w) ?? 0);
    out.set(key, dot);
  }
  return out;
}

// --- sets --------------------------------------------------------------------------------------
function normUrl(u: string): string | null {
  try {
    const x = new URL(u);
    return x.hostname.replace(/^www\./, '') + x.pathname.replace(/\/$/, '');
  } catch {
    return null;
  }
}

const pageText = (p: PageExtract) => [p.facts.title, p.facts.description, ...p.facts.headings, p.main].join('\n');

async function pageSets(cache: PartCache): Promise<PairSet[]> {
  const all = (await loadPages()).filter((p) => (normalizeLanguage(p.facts.language) ?? detectLanguage(pageText(p))) === 'en' && p.main.length > 200);
  if (!all.length) return [];
  const byUrl = new Map<string, number>();
  all.forEach((p, i) => {
    const u = normUrl(p.url);
    if (u && !byUrl.has(u)) byUrl.set(u, i);
  });
  const docs = [...all.map(pageText), ...all.map((p) => p.asTarget)];
  const T = all.length; // docs[T + i]: page i as a target
  const pageParts = all.map((p) => pageTopicParts({ ...p.facts, url: p.url } as never, p.main).filter((x) => x.text && x.weight > 0));
  const page = pageParts.map((parts) => topicVector(parts, 'en', cache));
  const target = all.map((p) => topicVector(p.asTarget, 'en', cache));
  const r = rng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const linked = new Set<string>();
  const positives: { a: number; b: number; ctx: TopicVector; ctxDoc: string }[] = [];
  for (const [a, p] of all.entries()) {
    const seen = new Set<number>();
    for (const l of p.links) {
      const u = l.link.url ? normUrl(l.link.url) : null;
      const b = u ? byUrl.get(u) : undefined;
      if (b === undefined || b === a) continue;
      linked.add(`${a}:${b}`);
      if (l.label !== 'main' || seen.has(b)) continue;
      seen.add(b);
      const parts = linkContextParts(l.link as LinkData, l.block);
      positives.push({ a, b, ctx: topicVector(parts, 'en', cache), ctxDoc: parts.map((x) => x.text).join('\n') });
    }
  }
  const random: PairSet = { name: `pages: target/random (${positives.length} links)`, docs, pairs: [] };
  const sameSite: PairSet = { name: 'pages: target/same-site', docs, pairs: [] };
  const ctxDocs = [...docs];
  const ctxTarget: PairSet = { name: 'pages: context/target', docs: ctxDocs, pairs: [] };
  for (const { a, b, ctx, ctxDoc } of positives) {
    const g = `p${a}`;
    random.pairs.push({ set: random.name, label: 1, group: g, a: page[a]!, b: target[b]!, da: a, db: T + b });
    sameSite.pairs.push({ set: sameSite.name, label: 1, group: g, a: page[a]!, b: target[b]!, da: a, db: T + b });
    const ci = ctxDocs.push(ctxDoc) - 1;
    ctxTarget.pairs.push({ set: ctxTarget.name, label: 1, group: g, a: ctx, b: target[b]!, da: ci, db: T + b });
    for (let k = 0; k < 3; k++) {
      let c = pick([...all.keys()]);
      for (let guard = 0; (c === a || c === b || linked.has(`${a}:${c}`)) && guard < 50; guard++) c = pick([...all.keys()]);
      random.pairs.push({ set: random.name, label: 0, group: g, a: page[a]!, b: target[c]!, da: a, db: T + c });
      ctxTarget.pairs.push({ set: ctxTarget.name, label: 0, group: g, a: ctx, b: target[c]!, da: ci, db: T + c });
    }
    const site = [...all.keys()].filter((c) => c !== a && c !== b && all[c]!.host === all[b]!.host && !linked.has(`${a}:${c}`));
    for (let k = 0; k < Math.min(3, site.length); k++) {
      const c = pick(site);
      sameSite.pairs.push({ set: sameSite.name, label: 0, group: g, a: page[a]!, b: target[c]!, da: a, db: T + c });
    }
  }
  // Context relevance: a body link's context vs its own page, against another page.
  const ctxPage: PairSet = { name: 'links: context/own page', docs: [...all.map(pageText)], pairs: [] };
  for (const [a, p] of all.entries()) {
    const body = p.links.filter((l) => l.label === 'main' && l.block !== '');
    for (let k = 0; k < Math.min(4, body.length); k++) {
      const l = pick(body);
      const parts = linkContextParts(l.link as LinkData, l.block);
      const ctx = topicVector(parts, 'en', cache);
      if (ctx.size === 0) continue;
      const ci = ctxPage.docs.push(parts.map((x) => x.text).join('\n')) - 1;
      let c = pick([...all.keys()]);
      while (c === a) c = pick([...all.keys()]);
      const g = `c${a}`;
      // As the product does: the own page less the link's paragraph (else the paragraph matches itself).
      const ownText = l.block && p.main.includes(l.block) ? l.block : l.link.text && p.main.includes(l.link.text) ? l.link.text : null;
      const own = ownText ? without(page[a]!, partStats(ownText, 'en', cache)) : page[a]!;
      const ownDoc = ctxPage.docs.push(pageText(p).replace(ownText ?? '', ' ')) - 1;
      ctxPage.pairs.push({ set: ctxPage.name, label: 1, group: g, a: ctx, b: own, da: ci, db: ownDoc });
      ctxPage.pairs.push({ set: ctxPage.name, label: 0, group: g, a: ctx, b: page[c]!, da: ci, db: c });
    }
  }
  return [random, sameSite, ctxTarget, ctxPage].filter((s) => s.pairs.some((p) => p.label === 0));
}

function corpusSets(cache: PartCache, n: number): PairSet[] {
  const bbc = loadBbc();
  const out: PairSet[] = [];
  if (bbc.length) {
    const labels = bbc.map((d) => d.label);
    const body = bbc.map((d) => topicVector(d.body, 'en', cache));
    const title = bbc.map((d) => topicVector(d.title, 'en', cache));
    const docs = [...bbc.map((d) => d.body), ...bbc.map((d) => d.title)];
    const N = bbc.length;
    const mk = (name: string, seed: number, left: 'body' | 'title', right: 'body' | 'title'): PairSet => {
      const { pos, neg } = drawPairs(labels, n, seed);
      const set: PairSet = { name, docs, pairs: [] };
      for (const [label, list] of [[1, pos], [0, neg]] as const)
        for (const [i, j] of list)
          set.pairs.push({ set: name, label, group: `b${i}`, a: (left === 'body' ? body : title)[i]!, b: (right === 'body' ? body : title)[j]!, da: left === 'body' ? i : N + i, db: right === 'body' ? j : N + j });
      return set;
    };
    out.push(mk('BBC article ↔ article', 1, 'body', 'body'), mk('BBC article → title', 2, 'body', 'title'), mk('BBC title ↔ title', 4, 'title', 'title'));
  }
  const sib = loadSib('eng_Latn');
  if (sib.length) {
    const vecs = sib.map((d) => topicVector(d.text, 'en', cache));
    const { pos, neg } = drawPairs(sib.map((d) => d.label), n, 3);
    const set: PairSet = { name: 'SIB-200 English sentences', docs: sib.map((d) => d.text), pairs: [] };
    for (const [label, list] of [[1, pos], [0, neg]] as const) for (const [i, j] of list) set.pairs.push({ set: set.name, label, group: `s${i}`, a: vecs[i]!, b: vecs[j]!, da: i, db: j });
    out.push(set);
  }
  return out;
}

// --- the evidence model's fit (logistic regression, Newton's method, light L2) ------------------
interface Row {
  x: number[];
  y: number;
  w: number;
}

function features(p: Pair): number[] {
  const s = similarity(p.a, p.b);
  const f = evidenceFeatures(s.lexical, s.semantic, s.evidence);
  return [1, ...FEATURES.map((k) => f[k])];
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

function fitFree(rows: Row[], fixed: Set<number>, l2: number): number[] {
  const d = rows[0]!.x.length;
  let beta = new Array(d).fill(0);
  const free = [...beta.keys()].filter((k) => !fixed.has(k));
  for (let it = 0; it < 40; it++) {
    const g = new Array(d).fill(0);
    const H = Array.from({ length: d }, () => new Array(d).fill(0));
    for (const { x, y, w } of rows) {
      const z = x.reduce((s, v, k) => s + v * beta[k]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      for (const k of free) {
        g[k] += w * (p - y) * x[k]!;
        for (const m of free) H[k]![m] += w * p * (1 - p) * x[k]! * x[m]!;
      }
    }
    for (const k of free) if (k > 0) {
      g[k] += l2 * beta[k]!;
      H[k]![k] += l2;
    }
    const step = solve(free.map((k) => free.map((m) => H[k]![m]!)), free.map((k) => g[k]!));
    free.forEach((k, i) => (beta[k] = beta[k]! - step[i]!));
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return beta;
}

/**
 * Logistic regression (Newton's method, light L2) with the MONOTONE_FEATURES' weights kept at or
 * above 0: a weight that comes out negative is fixed at 0 and the rest refitted (active set).
 */
export function fitLogistic(rows: Row[], l2 = 1e-3): number[] {
  const monotone = new Set(MONOTONE_FEATURES.map((f) => FEATURES.indexOf(f) + 1));
  const fixed = new Set<number>();
  for (;;) {
    const beta = fitFree(rows, fixed, l2);
    const negative = [...monotone].filter((k) => !fixed.has(k) && beta[k]! < 0);
    if (!negative.length) return beta;
    // The most negative first: fixing one may lift the others.
    fixed.add(negative.reduce((a, b) => (beta[a]! < beta[b]! ? a : b)));
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const predict = (beta: number[], x: number[]) => sigmoid(x.reduce((s, v, k) => s + v * beta[k]!, 0));

/** Each set weighs the same in the fit, whatever its size. */
function rowsOf(sets: { name: string; pairs: Pair[]; x: number[][] }[]): Row[] {
  return sets.flatMap((s) => s.pairs.map((p, i) => ({ x: s.x[i]!, y: p.label, w: 1000 / s.pairs.length })));
}

/** Expected calibration error over 10 equal-width bins. */
function ece(scores: number[], labels: number[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, s: 0, y: 0 }));
  scores.forEach((s, i) => {
    const b = bins[Math.min(9, Math.floor(s * 10))]!;
    b.n++;
    b.s += s;
    b.y += labels[i]!;
  });
  return bins.reduce((e, b) => e + (b.n ? (b.n / scores.length) * Math.abs(b.s / b.n - b.y / b.n) : 0), 0);
}

export async function evalLinks(opts: { fit?: boolean; pairs?: number } = {}): Promise<string> {
  await loadLanguageData('en');
  const cache: PartCache = new Map();
  const sets = [...(await pageSets(cache)), ...corpusSets(cache, opts.pairs ?? 1000)];
  if (!sets.length) return 'relevance on links: no development data\n';
  const withX = sets.map((s) => ({ ...s, x: s.pairs.map(features) }));
  const current = [EVIDENCE_MODEL.intercept, ...FEATURES.map((k) => EVIDENCE_MODEL.weights[k])];
  const fitted = fitLogistic(rowsOf(withX));
  const beta = opts.fit ? fitted : current;

  // Cross-validation: 5 folds by group, over all sets at once; and leave one set out.
  const cv = withX.map((s) => new Array<number>(s.pairs.length));
  const foldOf = (g: string) => [...g].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 5;
  for (let f = 0; f < 5; f++) {
    const train = rowsOf(withX.map((s) => ({ ...s, pairs: s.pairs.filter((p) => foldOf(p.group) !== f), x: s.x.filter((_, i) => foldOf(s.pairs[i]!.group) !== f) })));
    const b = fitLogistic(train);
    withX.forEach((s, si) => s.pairs.forEach((p, i) => foldOf(p.group) === f && (cv[si]![i] = predict(b, s.x[i]!))));
  }
  const loso = withX.map((_, si) => {
    const b = fitLogistic(rowsOf(withX.filter((_, k) => k !== si)));
    return withX[si]!.x.map((x) => predict(b, x));
  });

  const f3 = (x: number) => x.toFixed(3).padStart(6);
  const lines = [
    'Relevance ROC AUC on pairs of real pages and links (positives vs negatives)',
    `${'set'.padEnd(34)} ${'pairs'.padStart(10)} ${'tfidf'.padStart(6)} ${'lex'.padStart(6)} ${'sem'.padStart(6)} ${'v1'.padStart(6)} ${'model'.padStart(6)} ${'cv'.padStart(6)} ${'loso'.padStart(6)}   mean+  mean-   ece`,
  ];
  for (const [si, s] of withX.entries()) {
    const base = tfidfBaseline(s);
    const split = (score: (p: Pair, i: number) => number) => {
      const pos: number[] = [];
      const neg: number[] = [];
      s.pairs.forEach((p, i) => (p.label ? pos : neg).push(score(p, i)));
      return auc(pos, neg);
    };
    const model = s.x.map((x) => predict(beta, x));
    const sims = s.pairs.map((p) => similarity(p.a, p.b));
    const mean = (l: number) => {
      const xs = model.filter((_, i) => s.pairs[i]!.label === l);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const npos = s.pairs.filter((p) => p.label).length;
    lines.push(
      `${s.name.slice(0, 34).padEnd(34)} ${`${npos}/${s.pairs.length - npos}`.padStart(10)} ${f3(split((p) => base.get(`${p.da}:${p.db}`)!))} ${f3(split((_, i) => sims[i]!.lexical))} ${f3(split((_, i) => sims[i]!.semantic ?? 0))} ${f3(split((p, i) => blendScore(sims[i]!.lexical, sims[i]!.semantic, p.a, p.b)))} ${f3(split((_, i) => model[i]!))} ${f3(split((_, i) => cv[si]![i]!))} ${f3(split((_, i) => loso[si]![i]!))}   ${mean(1).toFixed(2)}   ${mean(0).toFixed(2)}  ${ece(model, s.pairs.map((p) => p.label)).toFixed(3)}`,
    );
  }
  lines.push(`model = ${opts.fit ? 'fitted now (in-sample)' : 'EVIDENCE_MODEL as shipped'}; cv = 5-fold by first text; loso = fitted without that set`);
  if (opts.fit) {
    lines.push('', 'EVIDENCE_MODEL fitted on every set (each set weighing the same):');
    lines.push(`  intercept: ${fitted[0]!.toFixed(3)},`);
    lines.push(`  weights: { ${FEATURES.map((k, i) => `${k}: ${fitted[i + 1]!.toFixed(3)}`).join(', ')} },`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('relevance-links.ts')) {
  evalLinks({ fit: process.argv.includes('--fit') }).then((s) => process.stdout.write(s));
}
