/**
 * Binary formats of the shipped relevance data (public/relevance/), shared by the generator and
 * the loader. Binary so the content script stays small and decoding is a few typed-array views.
 *
 * glove-en.bin: u32 magic 'GLV1' · u32 dims · u32 count · u32 wordsBytes · words (UTF-8, space
 * separated, padded to 4) · u32 ranks[count] · f32 scales[count] · i8 vectors[count·dims]
 */
export const GLOVE_MAGIC = 0x31564c47; // 'GLV1' little-endian

export interface GloveData {
  dims: number;
  words: string[];
  ranks: Uint32Array;
  scales: Float32Array;
  vectors: Int8Array;
}

export function encodeGlove(g: GloveData): Uint8Array {
  const words = new TextEncoder().encode(g.words.join(' '));
  const wordsPadded = Math.ceil(words.length / 4) * 4;
  const count = g.words.length;
  const size = 16 + wordsPadded + count * 8 + count * g.dims;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, GLOVE_MAGIC, true);
  view.setUint32(4, g.dims, true);
  view.setUint32(8, count, true);
  view.setUint32(12, words.length, true);
  out.set(words, 16);
  let o = 16 + wordsPadded;
  out.set(new Uint8Array(g.ranks.buffer, g.ranks.byteOffset, count * 4), o);
  o += count * 4;
  out.set(new Uint8Array(g.scales.buffer, g.scales.byteOffset, count * 4), o);
  o += count * 4;
  out.set(new Uint8Array(g.vectors.buffer, g.vectors.byteOffset, count * g.dims), o);
  return out;
}

export function decodeGlove(buffer: ArrayBuffer): GloveData {
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== GLOVE_MAGIC) throw new Error('glove-en.bin: bad magic');
  const dims = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const wordsBytes = view.getUint32(12, true);
  const words = new TextDecoder().decode(new Uint8Array(buffer, 16, wordsBytes)).split(' ');
  if (words.length !== count) throw new Error('glove-en.bin: word count mismatch');
  let o = 16 + Math.ceil(wordsBytes / 4) * 4;
  const ranks = new Uint32Array(buffer, o, count);
  o += count * 4;
  const scales = new Float32Array(buffer, o, count);
  o += count * 4;
  const vectors = new Int8Array(buffer, o, count * dims);
  return { dims, words, ranks, scales, vectors };
}
