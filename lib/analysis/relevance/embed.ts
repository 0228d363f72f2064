/**
 * Sentence vectors: SIF-weighted average of English GloVe word vectors (Arora et al. 2017,
 * "A simple but tough-to-beat baseline for sentence embeddings"); the common component is
 * removed from the word vectors at generation time, so a weighted sum is all that is left.
 * The 2 MB table (public/relevance/glove-en.bin) is loaded on first use only.
 * Languages that share vocabulary with English borrow these vectors through cognates
 * (lib/analysis/relevance/cognates.ts).
 */
import { decodeGlove } from './asset-format';
import { buildCognateIndex, COGNATE_LANGUAGES, type CognateLookup } from './cognates';
import { readAsset } from './assets';
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
    return true;
  });
  return loading;
}

export const EMBED_DIMS = 100;

/**
 * Weighted sum of the vectors of the given (lower-cased, stop-word-free) tokens, each token with
 * a weight; `into` accumulates. Returns the number of tokens found in the vocabulary.
 */
export function addTokens(into: Float32Array, tokens: string[], weight: number, lang: string | null = 'en'): number {
  const t = table;
  if (!t) return 0;
  const borrowed = lang !== 'en' ? cognateIndex(t) : null;
  let found = 0;
  for (const w of tokens) {
    const i = borrowed ? borrowed.lookup(w, lang ?? '') : t.index.get(w);
    if (i === undefined) continue;
    found++;
    const f = weight * t.weight[i]! * t.scales[i]!;
    const base = i * EMBED_DIMS;
    for (let d = 0; d < EMBED_DIMS; d++) into[d]! += f * t.vectors[base + d]!;
  }
  return found;
}

/** Vectors exist for the language and are loaded (see loadLanguageData). */
export function hasEmbeddings(lang: string | null): boolean {
  return table !== null && usesEmbeddings(lang);
}

/** Does the language get sentence vectors (English's own, or through cognates)? */
export function usesEmbeddings(lang: string | null): boolean {
  return lang === 'en' || (lang !== null && COGNATE_LANGUAGES.has(lang));
}

let cognates: CognateLookup | null = null;

/** Built once, on the first text of a borrowing language. */
function cognateIndex(t: Table): CognateLookup {
  cognates ??= buildCognateIndex(t.byFrequency, t.index);
  return cognates;
}
