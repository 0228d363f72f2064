/**
 * The binary format of the shipped site-strength table (public/strength/domains.bin), shared by
 * its generator (scripts/data/build-strength.ts) and the loader. Domains are kept as 32-bit
 * hashes, not names: ~51,000 names would take ~700 KB, their hashes 200 KB.
 *
 *   u32 magic 'STR1' · u32 metaBytes · meta JSON (UTF-8, padded to 4)
 *   section "ranked"  (domains in the authority list, with or without a popularity rank)
 *   section "popular" (domains only in the popularity list)
 *
 * Each section: u32 count · u32 offsets[257] (entries whose hash starts with byte b are
 * offsets[b] … offsets[b+1]) · the low 24 bits of each sorted hash (3 bytes each) · then its
 * columns: "ranked" has u16 subnetCode[count] and u16 rank[count]; "popular" u16 rank[count]
 * (rank 0 = not in the popularity list; every column padded to 4 bytes). Little-endian.
 *
 * subnetCode = round(ln(refSubnets) × SUBNET_CODE_SCALE): the /24 subnet count within 0.012 %.
 */
import { domainHash } from './hash.ts';

export const STRENGTH_MAGIC = 0x31525453; // 'STR1' little-endian
export const SUBNET_CODE_SCALE = 4096;

export interface ListInfo {
  /** Stable id of the list and its edition, used as `source` in reports (`majestic-million-2026-03`). */
  id: string;
  name: string;
  /** Data date of the edition (as precise as the list says). */
  date: string;
  /** Rows used (valid hostnames within the slice). */
  rows: number;
  /** How deep the slice goes: a domain not in it is "not in the top N". */
  top: number;
}

export interface StrengthMeta {
  generated: string;
  seed: number;
  authority: ListInfo;
  popularity: ListInfo;
}

export interface RankedEntry {
  hash: number;
  refSubnets: number;
  /** 0 when not in the popularity list. */
  rank: number;
}

export interface PopularEntry {
  hash: number;
  rank: number;
}

/** The decoded table: full hashes, sorted, per section, with their columns. */
export interface StrengthTableData {
  meta: StrengthMeta;
  ranked: { hashes: Uint32Array; subnetCodes: Uint16Array; ranks: Uint16Array };
  popular: { hashes: Uint32Array; ranks: Uint16Array };
}

export const subnetCode = (refSubnets: number): number => Math.round(Math.log(refSubnets) * SUBNET_CODE_SCALE);
export const subnetsOf = (code: number): number => Math.exp(code / SUBNET_CODE_SCALE);

const pad4 = (n: number) => Math.ceil(n / 4) * 4;

class Writer {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  length = 0;
  private ensure(n: number) {
    if (this.length + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    next.set(this.bytes);
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }
  u32(v: number) {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  u16(v: number) {
    this.ensure(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u8(v: number) {
    this.ensure(1);
    this.bytes[this.length++] = v;
  }
  raw(b: Uint8Array) {
    this.ensure(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
  align() {
    while (this.length % 4) this.u8(0);
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function writeHashes(w: Writer, hashes: number[]) {
  w.u32(hashes.length);
  const offsets = new Uint32Array(257);
  for (const h of hashes) offsets[(h >>> 24) + 1]!++;
  for (let b = 1; b <= 256; b++) offsets[b]! += offsets[b - 1]!;
  for (const o of offsets) w.u32(o);
  for (const h of hashes) {
    w.u8(h & 0xff);
    w.u8((h >>> 8) & 0xff);
    w.u8((h >>> 16) & 0xff);
  }
  w.align();
}

/** Entries must be sorted by hash (unsigned) and hashes unique across both sections. */
export function encodeStrengthTable(meta: StrengthMeta, ranked: RankedEntry[], popular: PopularEntry[]): Uint8Array {
  const w = new Writer();
  w.u32(STRENGTH_MAGIC);
  const json = new TextEncoder().encode(JSON.stringify(meta));
  w.u32(json.length);
  w.raw(json);
  w.align();
  writeHashes(w, ranked.map((e) => e.hash));
  for (const e of ranked) w.u16(subnetCode(e.refSubnets));
  w.align();
  for (const e of ranked) w.u16(e.rank);
  w.align();
  writeHashes(w, popular.map((e) => e.hash));
  for (const e of popular) w.u16(e.rank);
  w.align();
  return w.done();
}

function readHashes(view: DataView, at: number): { hashes: Uint32Array; end: number } {
  const count = view.getUint32(at, true);
  let o = at + 4;
  const offsets = new Uint32Array(257);
  for (let b = 0; b < 257; b++, o += 4) offsets[b] = view.getUint32(o, true);
  if (offsets[256] !== count) throw new Error('strength table: bad bucket offsets');
  const hashes = new Uint32Array(count);
  for (let b = 0; b < 256; b++) {
    const top = b << 24;
    for (let i = offsets[b]!; i < offsets[b + 1]!; i++, o += 3) {
      hashes[i] = (top | view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getUint8(o + 2) << 16)) >>> 0;
    }
  }
  return { hashes, end: pad4(o) };
}

function readU16(view: DataView, at: number, count: number): { values: Uint16Array; end: number } {
  const values = new Uint16Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getUint16(at + 2 * i, true);
  return { values, end: pad4(at + 2 * count) };
}

export function decodeStrengthTable(buffer: ArrayBuffer): StrengthTableData {
  const view = new DataView(buffer);
  if (buffer.byteLength < 8 || view.getUint32(0, true) !== STRENGTH_MAGIC) throw new Error('strength table: bad magic');
  const metaBytes = view.getUint32(4, true);
  const meta = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, metaBytes))) as StrengthMeta;
  let o = pad4(8 + metaBytes);
  const r = readHashes(view, o);
  const codes = readU16(view, r.end, r.hashes.length);
  const rRanks = readU16(view, codes.end, r.hashes.length);
  const p = readHashes(view, rRanks.end);
  const pRanks = readU16(view, p.end, p.hashes.length);
  o = pRanks.end;
  if (o !== buffer.byteLength) throw new Error('strength table: unexpected length');
  return {
    meta,
    ranked: { hashes: r.hashes, subnetCodes: codes.values, ranks: rRanks.values },
    popular: { hashes: p.hashes, ranks: pRanks.values },
  };
}

export { domainHash };
