/**
 * English sentence vectors: SIF-weighted average of GloVe word vectors (Arora et al. 2017,
 * "A simple but tough-to-beat baseline for sentence embeddings"); the common component is
 * removed from the word vectors at generation time, so a weighted sum is all that is left.
 * The 2 MB table (public/relevance/glove-en.bin) is loaded on first use only (English pages).
 */
import { decodeGlove } from './asset-format';
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
    table = { dims: g.dims, index, weight, vectors: g.vectors, scales: g.scales };
    return true;
  });
  return loading;
}

export const EMBED_DIMS = 100;

/**
 * Weighted sum of the vectors of the given (lower-cased, stop-word-free) tokens, each token with
 * a weight; `into` accumulates. Returns the number of tokens found in the vocabulary.
 */
export function addTokens(into: Float32Array, tokens: string[], weight: number): number {
  const t = table;
  if (!t) return 0;
  let found = 0;
  for (const w of tokens) {
    const i = t.index.get(w);
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
  return lang === 'en' && table !== null;
}
