/**
 * English sentence vectors: SIF-weighted average of GloVe word vectors (Arora et al. 2017,
 * "A simple but tough-to-beat baseline for sentence embeddings"); the common component is
 * removed from the word vectors at generation time, so a weighted sum is all that is left.
 * The 2 MB table is decoded on first use only (English pages).
 */
import { GLOVE_DIMS, GLOVE_RANKS, GLOVE_SCALES, GLOVE_VECTORS, GLOVE_WORDS } from './data/glove-en';
import { ZIPF_H } from './zipf';

/** SIF smoothing: a word of probability p weighs a/(a+p). */
const SIF_A = 3e-4;

interface Table {
  index: Map<string, number>;
  weight: Float32Array;
  vectors: Int8Array;
  scales: Float32Array;
}
let table: Table | null = null;

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function load(): Table {
  if (table) return table;
  const words = GLOVE_WORDS.split(' ');
  const ranks = new Uint32Array(fromBase64(GLOVE_RANKS).buffer);
  const index = new Map<string, number>();
  const weight = new Float32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    index.set(words[i]!, i);
    const p = 1 / ((ranks[i]! + 2.7) * ZIPF_H);
    weight[i] = SIF_A / (SIF_A + p);
  }
  table = {
    index,
    weight,
    vectors: new Int8Array(fromBase64(GLOVE_VECTORS).buffer),
    scales: new Float32Array(fromBase64(GLOVE_SCALES).buffer),
  };
  return table;
}

export const EMBED_DIMS = GLOVE_DIMS;

/**
 * Weighted sum of the vectors of the given (lower-cased, stop-word-free) tokens, each token with
 * a weight; `into` accumulates. Returns the number of tokens found in the vocabulary.
 */
export function addTokens(into: Float32Array, tokens: string[], weight: number): number {
  const t = load();
  let found = 0;
  for (const w of tokens) {
    const i = t.index.get(w);
    if (i === undefined) continue;
    found++;
    const f = weight * t.weight[i]! * t.scales[i]!;
    const base = i * GLOVE_DIMS;
    for (let d = 0; d < GLOVE_DIMS; d++) into[d]! += f * t.vectors[base + d]!;
  }
  return found;
}

export function hasEmbeddings(lang: string | null): boolean {
  return lang === 'en';
}
