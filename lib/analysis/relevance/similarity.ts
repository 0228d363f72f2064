/**
 * Topic vectors and their similarity.
 *
 *  - lexical: TF-IDF cosine. tf = (weighted count)^tfPower,
 *    times the language's IDF (lib/analysis/relevance/idf.ts), over stemmed non-stop-word terms.
 *  - semantic (English, and Romance/Germanic languages through English cognates): cosine of
 *    SIF-weighted averaged GloVe vectors (lib/analysis/relevance/embed.ts).
 *
 * Both raw cosines are mapped to 0–1 by fixed monotone curves (CALIBRATION) and averaged with
 * fixed weights; all constants live here so they can be tuned against `npm run eval`.
 */
import { addTokens, EMBED_DIMS, hasEmbeddings } from './embed';
import { idfOf, idfTable } from './idf';
import { stem, stopWords, tokenize } from './terms';

export interface TextPart {
  text: string;
  weight: number;
}

export interface TopicVector {
  lang: string | null;
  /** term → TF-IDF weight, L2-normalised. */
  terms: TermWeights;
  /** term → the first surface word seen for it (looked up in the parts when asked: few terms are shown). */
  surface: SurfaceLookup;
  /** Unit sentence vector, or null (a language without vectors / no known word). */
  emb: Float32Array | null;
  /** Number of content tokens seen. */
  size: number;
  /** Of those, how many have a word vector (English's own, or borrowed). */
  found: number;
  /** What `without` needs to take a part out cheaply (set by combineParts). */
  raw?: RawTopic;
}

/** The read side of a Map of term weights (a page less a part adjusts a few terms on the fly). */
export interface TermWeights {
  readonly size: number;
  get(term: string): number | undefined;
  keys(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, number]>;
}

interface RawTopic {
  counts: Map<string, number>;
  gramIdf: Map<string, number>;
  /** L2 norm of the weights before normalisation. */
  norm: number;
  /** Length of the sum of the parts' sentence vectors (`emb` is that sum over it). */
  embNorm: number;
}

function termWeight(t: string, c: number, gramIdf: Map<string, number>, table: Map<string, number> | null): number {
  if (c <= 1e-9) return 0;
  const w = Math.pow(c, CALIBRATION.tfPower) * (t.charCodeAt(0) === 35 /* # */ ? (gramIdf.get(t) ?? 1) : idfOf(table, t));
  return w > 0 ? w : 0;
}

/** A page's term weights less a part's: only the part's terms change, the rest are rescaled. */
class LessTerms implements TermWeights {
  private readonly base: TermWeights;
  private readonly changed: Map<string, number>;
  private readonly scale: number;
  constructor(base: TermWeights, changed: Map<string, number>, scale: number) {
    this.base = base;
    this.changed = changed;
    this.scale = scale;
  }
  get size(): number {
    return this.base.size;
  }
  get(t: string): number | undefined {
    const c = this.changed.get(t);
    if (c !== undefined) return c > 0 ? c : undefined;
    const w = this.base.get(t);
    return w === undefined ? undefined : w * this.scale;
  }
  *keys(): IterableIterator<string> {
    for (const [t] of this) yield t;
  }
  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (const t of this.base.keys()) {
      const w = this.get(t);
      if (w !== undefined) yield [t, w];
    }
  }
}

/**
 * `page` less one of the texts it was made of (a link's own paragraph), in time proportional to
 * that text, not to the page: a page with thousands of links compares each with the page less
 * its own text. (The part's weight in the page must be 1, as the main text's is.)
 */
export function without(page: TopicVector, part: PartStats): TopicVector {
  const raw = page.raw;
  if (!raw || part.size === 0) return page;
  const table = idfTable(page.lang);
  const changed = new Map<string, number>();
  let norm2 = raw.norm * raw.norm;
  for (const [t, o] of part.counts) {
    const c = raw.counts.get(t);
    if (c === undefined) continue;
    const before = termWeight(t, c, raw.gramIdf, table);
    const after = termWeight(t, c - o, raw.gramIdf, table);
    norm2 += after * after - before * before;
    changed.set(t, after);
  }
  const norm = Math.sqrt(Math.max(0, norm2));
  const scale = norm > 0 ? raw.norm / norm : 0;
  for (const [t, w] of changed) changed.set(t, norm > 0 ? w / norm : 0);
  let emb: Float32Array | null = null;
  if (page.emb) {
    emb = newEmbedding();
    let n = 0;
    for (let d = 0; d < EMBED_DIMS; d++) {
      emb[d] = page.emb[d]! * raw.embNorm - (part.emb?.[d] ?? 0);
      n += emb[d]! * emb[d]!;
    }
    n = Math.sqrt(n);
    if (n > 0) for (let d = 0; d < EMBED_DIMS; d++) emb[d] = emb[d]! / n;
    else emb = null;
  }
  const found = Math.max(0, page.found - part.found);
  return { lang: page.lang, terms: new LessTerms(page.terms, changed, scale), surface: page.surface, emb: found > 0 ? emb : null, size: Math.max(0, page.size - part.size), found };
}

export const CALIBRATION = {
  /**
   * tf = count^tfPower. Long pages repeat their subject: a log damps that too much (linked dev
   * pages vs pages of the same site, AUC: log 0.814, ^0.8 0.85, raw 0.858; plain TF-IDF 0.846).
   */
  tfPower: 0.8,
  /** lexical: 1 − e^(−cos/LEX_SCALE). */
  lexScale: 0.25,
  /**
   * semantic: logistic around semMid with width semScale. Unrelated English texts sit near a
   * cosine of 0.3 (→ 0.16), on-topic ones above 0.7 (→ 0.84); strictly monotone, so no ties.
   */
  semMid: 0.5,
  semScale: 0.12,
  /** Weight of the semantic part where there is one (GloVe alone beats TF-IDF on every English set). */
  semWeight: 0.75,
};

/** Sub-word features (languages without word vectors): a share of each word's weight goes to its
 * character 4-grams (Han characters for Chinese/Japanese words), so inflections and compounds overlap. They raise AUC on
 * short sentences in morphologically rich languages (+0.02–0.05 on SIB-200) at no cost on articles. */
const SUBWORD_WEIGHT = 0.5;
const NGRAM = 4;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const DENSE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

function addSubwords(counts: Map<string, number>, gramIdf: Map<string, number>, w: string, idf: number): void {
  const add = (g: string, x: number) => {
    counts.set(g, (counts.get(g) ?? 0) + x);
    if ((gramIdf.get(g) ?? -1) < idf) gramIdf.set(g, idf);
  };
  if (DENSE.test(w)) {
    if (w.length > 1) for (const c of w) if (HAN.test(c)) add('#' + c, SUBWORD_WEIGHT);
    return;
  }
  const padded = '#<' + w + '>';
  const grams = padded.length - NGRAM;
  if (grams < 2) return;
  for (let i = 1; i <= grams; i++) add('#' + padded.substr(i, NGRAM), SUBWORD_WEIGHT / grams);
}

/**
 * What one text contributes, before weighting: term counts, sub-word counts, the unweighted sum
 * of its word vectors. A topic vector is a weighted sum of these, so a text shared by many links
 * (their paragraph) is tokenised, stemmed and embedded once.
 */
export interface PartStats {
  counts: Map<string, number>;
  gramIdf: Map<string, number>;
  surface: Map<string, string>;
  emb: Float32Array | null;
  found: number;
  size: number;
}

export type PartCache = Map<string, PartStats>;

/** The `get` of a term → surface-word map. */
export interface SurfaceLookup {
  get(term: string): string | undefined;
}

/** The first part's surface word for a term, as a merged map would give. */
class PartsSurface implements SurfaceLookup {
  private readonly parts: PartStats[];
  constructor(parts: PartStats[]) {
    this.parts = parts;
  }
  get(term: string): string | undefined {
    for (const p of this.parts) {
      const w = p.surface.get(term);
      if (w !== undefined) return w;
    }
    return undefined;
  }
}

/**
 * A zeroed sentence vector, cut from a larger block: a typed array of its own allocates memory
 * outside the heap each time, a view on a shared block does not (thousands per page).
 */
const SLAB_VECTORS = 256;
let slab = new ArrayBuffer(0);
let slabUsed = 0;
function newEmbedding(): Float32Array {
  const bytes = EMBED_DIMS * Float32Array.BYTES_PER_ELEMENT;
  if (slabUsed + bytes > slab.byteLength) {
    slab = new ArrayBuffer(bytes * SLAB_VECTORS);
    slabUsed = 0;
  }
  const v = new Float32Array(slab, slabUsed, EMBED_DIMS);
  slabUsed += bytes;
  return v;
}

/** English (vectors of its own) never adds sub-words: its parts share this (never written) map. */
const NO_GRAMS: Map<string, number> = new Map();
const PART_CACHE_LIMIT = 20_000;

export function partStats(text: string, lang: string | null, cache?: PartCache): PartStats {
  const cached = cache?.get(text);
  if (cached) return cached;
  const stops = stopWords(lang);
  const table = idfTable(lang);
  const useEmb = hasEmbeddings(lang);
  // Only English has vectors of its own; languages that borrow them keep their sub-words too.
  const subwords = lang !== 'en';
  const stats: PartStats = { counts: new Map(), gramIdf: subwords ? new Map() : NO_GRAMS, surface: new Map(), emb: null, found: 0, size: 0 };
  const content: string[] = [];
  for (const w of tokenize(text, lang)) {
    if (stops.has(w)) continue;
    content.push(w);
    const t = stem(w, lang);
    if (!stats.surface.has(t)) stats.surface.set(t, w);
    stats.counts.set(t, (stats.counts.get(t) ?? 0) + 1);
    if (subwords) addSubwords(stats.counts, stats.gramIdf, w, idfOf(table, t));
  }
  stats.size = content.length;
  if (useEmb && content.length) {
    stats.emb = newEmbedding();
    stats.found = addTokens(stats.emb, content, 1, lang);
  }
  if (cache) {
    if (cache.size >= PART_CACHE_LIMIT) cache.clear();
    cache.set(text, stats);
  }
  return stats;
}

/** The weighted sum of parts as a unit TF-IDF vector (and unit sentence vector). */
export function combineParts(parts: { stats: PartStats; weight: number }[], lang: string | null): TopicVector {
  const table = idfTable(lang);
  const counts = new Map<string, number>();
  const gramIdf = new Map<string, number>();
  const used: PartStats[] = [];
  let emb: Float32Array | null = null;
  let found = 0;
  let size = 0;
  for (const { stats, weight } of parts) {
    if (weight <= 0 || stats.size === 0) continue;
    used.push(stats);
    for (const [t, c] of stats.counts) counts.set(t, (counts.get(t) ?? 0) + c * weight);
    if (stats.gramIdf.size) for (const [g, idf] of stats.gramIdf) if ((gramIdf.get(g) ?? -1) < idf) gramIdf.set(g, idf);
    if (stats.emb) {
      emb ??= newEmbedding();
      for (let d = 0; d < EMBED_DIMS; d++) emb[d]! += weight * stats.emb[d]!;
    }
    found += stats.found;
    size += stats.size;
  }
  // Weights first, then the map of normalised ones (same order, same arithmetic, one map write per term).
  const keys: string[] = [];
  const weights: number[] = [];
  let norm = 0;
  for (const [t, c] of counts) {
    const w = termWeight(t, c, gramIdf, table);
    if (w <= 0) continue;
    keys.push(t);
    weights.push(w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  const terms = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) terms.set(keys[i]!, norm > 0 ? weights[i]! / norm : weights[i]!);
  let unit: Float32Array | null = null;
  let embNorm = 0;
  if (emb && found > 0) {
    let n = 0;
    for (let d = 0; d < emb.length; d++) n += emb[d]! * emb[d]!;
    n = Math.sqrt(n);
    if (n > 0) {
      for (let d = 0; d < emb.length; d++) emb[d] = emb[d]! / n;
      unit = emb;
      embNorm = n;
    }
  }
  return { lang, terms, surface: new PartsSurface(used), emb: unit, size, found, raw: { counts, gramIdf, norm, embNorm } };
}

/** Call `loadLanguageData(lang)` (lib/analysis/relevance/data.ts) first, or the tables are missing. */
export function topicVector(parts: TextPart[] | string, lang: string | null, cache?: PartCache): TopicVector {
  const list = typeof parts === 'string' ? [{ text: parts, weight: 1 }] : parts;
  return combineParts(
    list.filter((p) => p.text && p.weight > 0).map((p) => ({ stats: partStats(p.text, lang, cache), weight: p.weight })),
    lang,
  );
}

export function lexicalCosine(a: TopicVector, b: TopicVector): number {
  return lexicalMatch(a, b).cosine;
}

/** The TF-IDF cosine and how many terms the two share (a sub-word counts ¼). */
export function lexicalMatch(a: TopicVector, b: TopicVector): { cosine: number; matched: number } {
  const [small, big] = a.terms.size <= b.terms.size ? [a.terms, b.terms] : [b.terms, a.terms];
  let dot = 0;
  let matched = 0;
  for (const [t, w] of small) {
    const v = big.get(t);
    if (v === undefined) continue;
    dot += w * v;
    matched += t.charCodeAt(0) === 35 /* # sub-word */ ? 0.25 : 1;
  }
  return { cosine: dot, matched };
}

export function semanticCosine(a: TopicVector, b: TopicVector): number | null {
  if (!a.emb || !b.emb) return null;
  let dot = 0;
  for (let d = 0; d < a.emb.length; d++) dot += a.emb[d]! * b.emb[d]!;
  return dot;
}

/** Terms both vectors share, strongest first, as surface words (only those `keep` accepts). */
export function sharedTerms(a: TopicVector, b: TopicVector, limit = 5, keep?: (term: string) => boolean): string[] {
  if (!Number.isInteger(limit) || limit < 1) return sharedTermsSorted(a, b, limit, keep);
  // The `limit` strongest, in arrival order among equals (as a stable sort orders them): no list
  // of every shared term to sort.
  const top: string[] = [];
  const val: number[] = [];
  for (const [t, w] of a.terms) {
    if (t.charCodeAt(0) === 35) continue;
    const v = b.terms.get(t);
    if (v === undefined) continue;
    const x = w * v;
    if (top.length === limit && !(x > val[limit - 1]!)) continue;
    // `keep` is asked only about shared terms that would make the list (it may look through several texts).
    if (keep && !keep(t)) continue;
    let j = top.length;
    while (j > 0 && val[j - 1]! < x) j--;
    top.splice(j, 0, t);
    val.splice(j, 0, x);
    if (top.length > limit) {
      top.length = limit;
      val.length = limit;
    }
  }
  return top.map((t) => a.surface.get(t) ?? b.surface.get(t) ?? t);
}

/** The same by sorting every shared term (for limits that are not a count: `slice` semantics). */
function sharedTermsSorted(a: TopicVector, b: TopicVector, limit: number, keep?: (term: string) => boolean): string[] {
  const out: [string, number][] = [];
  for (const [t, w] of a.terms) {
    if (t.charCodeAt(0) === 35) continue;
    const v = b.terms.get(t);
    if (v !== undefined && (!keep || keep(t))) out.push([t, w * v]);
  }
  out.sort((x, y) => y[1] - x[1]);
  return out.slice(0, limit).map(([t]) => a.surface.get(t) ?? b.surface.get(t) ?? t);
}

export interface Similarity {
  /** 0–1: the chance the two texts are on one topic, given the evidence (EVIDENCE_MODEL). */
  score: number;
  lexical: number;
  semantic: number | null;
  evidence: Evidence;
}

/** What a pair's score rests on. */
export interface Evidence {
  /** Content words in the shorter text. */
  words: number;
  /** Share of the words with a vector, in the text that has fewer (0 without vectors). */
  vectorShare: number;
  /** Terms the two texts share (a sub-word counts ¼). */
  matched: number;
}

/**
 * The combination, by what each part knows: a logistic model over the parts and the evidence
 * (fitted by `npm run eval:relevance -- --fit` on same-topic and linked vs unrelated pairs of
 * every kind — long pages, articles, titles, sentences, link contexts — so a score means the
 * same on each). Long texts: the lexical part leads (names and rare terms decide); short texts:
 * the vectors carry the topic, weighted by the share of words that have one.
 *   z = Σ weight·feature (EVIDENCE_FEATURES), score = 1 / (1 + e^(−z))
 */
export const EVIDENCE_MODEL = {
  intercept: 0.397,
  weights: { lexShort: 3.802, lexLong: 13.524, semShort: 2.385, semLong: 0, long: -6.14 } as Record<EvidenceFeature, number>,
};

export type EvidenceFeature = 'lexShort' | 'lexLong' | 'semShort' | 'semLong' | 'long';
/** Shared terms at which the lexical part counts in full (fewer: in proportion; a sub-word counts ¼). */
export const MATCHED_FULL = 3;
/** Features whose weight must not be negative: more similarity never lowers the score. */
export const MONOTONE_FEATURES: EvidenceFeature[] = ['lexShort', 'lexLong', 'semShort', 'semLong'];

/**
 * Length on a 0–1 scale, log-linear from a sentence (10 content words or fewer: 0) to a long page
 * (1,000 or more: 1); a link's context of 30 words ≈ 0.24, a news article of 250 ≈ 0.7.
 */
export function longness(words: number): number {
  return Math.min(1, Math.max(0, Math.log(Math.max(1, words) / 10) / Math.log(100)));
}

/**
 * The model's inputs for a pair (shared by the product and the fit, scripts/eval/relevance-links.ts).
 * Each part's weight moves from its short-text value to its long-text value with the length ℓ of
 * the shorter text (part·(1 − ℓ) and part·ℓ), so with non-negative weights the score rises with
 * each part at every length. The semantic part counts in proportion to the words that have
 * vectors, the lexical part to the terms that match.
 */
export function evidenceFeatures(lexical: number, semantic: number | null, e: Evidence): Record<EvidenceFeature, number> {
  const L = longness(e.words);
  // One shared word between two short texts is often chance; three or more are evidence.
  const lex = Math.sqrt(Math.max(0, lexical)) * Math.min(1, e.matched / MATCHED_FULL);
  const sem = semantic === null ? 0 : e.vectorShare * (semantic - CALIBRATION.semMid);
  return { lexShort: lex * (1 - L), lexLong: lex * L, semShort: sem * (1 - L), semLong: sem * L, long: L };
}

export function evidenceScore(lexical: number, semantic: number | null, e: Evidence): number {
  const f = evidenceFeatures(lexical, semantic, e);
  let z = EVIDENCE_MODEL.intercept;
  for (const k in f) z += EVIDENCE_MODEL.weights[k as EvidenceFeature] * f[k as EvidenceFeature];
  return 1 / (1 + Math.exp(-z));
}

export function pairEvidence(a: TopicVector, b: TopicVector, matched: number): Evidence {
  const share = (v: TopicVector) => (v.size > 0 ? v.found / v.size : 0);
  return { words: Math.min(a.size, b.size), vectorShare: a.emb && b.emb ? Math.min(share(a), share(b)) : 0, matched };
}

/** Version 1's fixed blend (0.75 semantic + 0.25 lexical), kept for the eval's comparison. */
export function blendScore(lexical: number, semantic: number | null, a: TopicVector, b: TopicVector): number {
  const lex01 = 1 - Math.exp(-lexical / CALIBRATION.lexScale);
  const vectors = a.lang !== 'en' && hasEmbeddings(a.lang) && a.size > 0 && b.size > 0;
  if (semantic === null && !vectors) return lex01;
  const sem01 = 1 / (1 + Math.exp(-((semantic ?? 0) - CALIBRATION.semMid) / CALIBRATION.semScale));
  return CALIBRATION.semWeight * sem01 + (1 - CALIBRATION.semWeight) * lex01;
}

export function similarity(a: TopicVector, b: TopicVector): Similarity {
  const { cosine: lexical, matched } = lexicalMatch(a, b);
  const semantic = semanticCosine(a, b);
  const evidence = pairEvidence(a, b, matched);
  if (a.size === 0 || b.size === 0) return { score: 0, lexical, semantic, evidence };
  // Languages without vectors (Arabic, Hindi…): no pair of theirs was in the fit; the lexical
  // curve alone keeps their ranking (the model's length offset would reorder their sentences).
  if (!hasEmbeddings(a.lang)) return { score: 1 - Math.exp(-lexical / CALIBRATION.lexScale), lexical, semantic, evidence };
  return { score: evidenceScore(lexical, semantic, evidence), lexical, semantic, evidence };
}

/** Similarity of two plain texts in a language. */
export function textSimilarity(a: string, b: string, lang: string | null): Similarity {
  return similarity(topicVector(a, lang), topicVector(b, lang));
}
