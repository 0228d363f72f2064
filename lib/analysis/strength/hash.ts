/**
 * The 32-bit hash the strength table keys domains by: FNV-1a over the ASCII (punycode) name,
 * offset by a seed, then MurmurHash3's finaliser so the top byte (the table's bucket) is uniform.
 * The generator picks a seed under which no two listed names collide; an unlisted name matches a
 * listed one with probability ≈ 51,000 / 2³² ≈ 1 in 84,000 per name looked up.
 */
export function domainHash(name: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
