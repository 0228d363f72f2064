/**
 * Sentence vectors: SIF-weighted average of English GloVe word vectors (Arora et al. 2017,
 * "A simple but tough-to-beat baseline for sentence embeddings"); the common component is
 * removed from the word vectors at generation time, so a weighted sum is all that is left.
 * The 2 MB table (public/relevance/glove-en.bin) is loaded on first use only.
 * Other languages borrow these vectors: through bilingual dictionaries
 * (lib/analysis/relevance/dictionary.ts) and, for languages that share vocabulary with English,
 * cognates (lib/analysis/relevance/cognates.ts).
 */
import { decodeGlove } from './asset-format';
import { buildCognateIndex, COGNATE_LANGUAGES, type CognateLookup } from './cognates';
import { readAsset } from './assets';
import { DICTIONARY_LANGUAGES, dictionaryRows, hasDictionary, loadDictionary, type Rows } from './dictionary';
import { ZIPF_H } from './zipf';

/** SIF smoothing: a word of probability p weighs a/(a+p). */
const SIF_A = 3e-4;

interface Table {
  dims: number;
  index: Map<string, number>;
  weight: Float32Array;
  vectors: Int8Array;
  scales: Float32Array;
  /** Words by frequency, most frequent first (for the cognate prefixes). */
  byFrequency: string[];
}
let table: Table | null = null;
/** First and last word of the loaded table in file order: a dictionary must have been built against them. */
let firstWord: string | null = null;
let lastWord: string | null = null;
let loading: Promise<boolean> | null = null;

/** Loads the English vectors once; resolves false when they are unavailable (lexical only then). */
export function loadEmbeddings(): Promise<boolean> {
  loading ??= readAsset('glove-en.bin').then((buffer) => {
    if (!buffer) return false;
    const g = decodeGlove(buffer);
    const index = new Map<string, number>();
    const weight = new Float32Array(g.words.length);
    for (let i = 0; i < g.words.length; i++) {
      index.set(g.words[i]!, i);
      const p = 1 / ((g.ranks[i]! + 2.7) * ZIPF_H);
      weight[i] = SIF_A / (SIF_A + p);
    }
    const byFrequency = g.words.map((w, i) => ({ w, r: g.ranks[i]! })).sort((a, b) => a.r - b.r).map((x) => x.w);
    table = { dims: g.dims, index, weight, vectors: g.vectors, scales: g.scales, byFrequency };
    firstWord = g.words[0]!;
    lastWord = g.words[g.words.length - 1]!;
    return true;
  });
  return loading;
}

export const EMBED_DIMS = 100;

/** Loads the English vectors and, for a language that has one, its dictionary onto them. */
export async function loadVectorsFor(lang: string | null): Promise<boolean> {
  if (!(await loadEmbeddings())) return false;
  const t = table!;
  await loadDictionary(lang, { rows: t.byFrequency.length, first: firstWord!, last: lastWord! });
  return true;
}

function addRow(into: Float32Array, t: Table, i: number, f0: number): void {
  const f = f0 * t.weight[i]! * t.scales[i]!;
  const base = i * EMBED_DIMS;
  for (let d = 0; d < EMBED_DIMS; d++) into[d]! += f * t.vectors[base + d]!;
}

/**
 * Weighted sum of the vectors of the given (lower-cased, stop-word-free) tokens, each token with
 * a weight; `into` accumulates. Returns the number of tokens found in the vocabulary.
 */
export function addTokens(into: Float32Array, tokens: string[], weight: number, lang: string | null = 'en'): number {
  const t = table;
  if (!t) return 0;
  let found = 0;
  if (lang === 'en') {
    for (const w of tokens) {
      const i = t.index.get(w);
      if (i === undefined) continue;
      found++;
      addRow(into, t, i, weight);
    }
    return found;
  }
  for (const w of tokens) {
    const r = borrowedRows(t, w, lang ?? '');
    if (!r) continue;
    found++;
    for (let k = 0; k < r.rows.length; k++) addRow(into, t, r.rows[k]!, weight * r.weights[k]!);
  }
  return found;
}

const memo = new Map<string, Rows | null>();
const MEMO_LIMIT = 50_000;

/** A word of another language → English rows: dictionary, then the same English word, then cognates. */
function borrowedRows(t: Table, w: string, lang: string): Rows | null {
  const key = lang + ':' + w;
  let r = memo.get(key);
  if (r !== undefined) return r;
  r = dictionaryRows(w, lang);
  if (!r) {
    const same = /^[a-z][a-z-]*$/.test(w) ? t.index.get(w) : undefined;
    if (same !== undefined) r = { rows: [same], weights: [1] };
  }
  if (!r && COGNATE_LANGUAGES.has(lang)) {
    const i = cognateIndex(t).lookup(w, lang);
    if (i !== undefined) r = { rows: [i], weights: [1] };
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, r);
  return r;
}

/** Vectors exist for the language and are loaded (see loadLanguageData). */
export function hasEmbeddings(lang: string | null): boolean {
  return table !== null && (lang === 'en' || (lang !== null && COGNATE_LANGUAGES.has(lang)) || hasDictionary(lang));
}

/** Does the language get sentence vectors (English's own, through a dictionary or through cognates)? */
export function usesEmbeddings(lang: string | null): boolean {
  return lang === 'en' || (lang !== null && (COGNATE_LANGUAGES.has(lang) || DICTIONARY_LANGUAGES.has(lang)));
}

let cognates: CognateLookup | null = null;

/** Built once, on the first text of a borrowing language. */
function cognateIndex(t: Table): CognateLookup {
  cognates ??= buildCognateIndex(t.byFrequency, t.index);
  return cognates;
}
