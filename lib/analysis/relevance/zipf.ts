/**
 * IDF from a word's corpus probability, for tables built from frequency lists rather than
 * document counts: a word of probability p appears in a document of DOC_LEN tokens with chance
 * 1 − e^(−DOC_LEN·p), so idf = −ln(that). Shared by the generator and the runtime.
 */
export const DOC_LEN = 300;
/** Normaliser of p(r) = 1/((r+2.7)·H): ≈ ln(10^6) for a vocabulary of a million words. */
export const ZIPF_H = 14;
export const IDF_STEP = 0.25;
/** IDF given to words not in the table (rarer than its last entry). */
export const IDF_UNKNOWN = 7;

export function zipfIdf(pUnnormalised: number): number {
  const p = pUnnormalised / ZIPF_H;
  const df = 1 - Math.exp(-DOC_LEN * p);
  return Math.min(IDF_UNKNOWN, Math.max(0, -Math.log(df)));
}
