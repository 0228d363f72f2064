/**
 * Export of all history as versioned JSON documents of any size: each file stays under the
 * size import reads whole (LIMITS.historyFileBytes), so a big history becomes several parts,
 * and an inspection too big for one file is split over consecutive parts (`linksPart`). Parts
 * are handed out as they are finished, as lists of strings (one per inspection or link), so no
 * string ever holds a whole file and a part can become a Blob while the next is written.
 */
import type { LinkReport } from '../report.ts';
import { LIMITS } from '../limits.ts';
import { createYielder } from '../yielder.ts';
import { getHistoryDb, type HistoryDB } from './db.ts';
import { HistoryError } from './errors.ts';
import type { ExportedInspection } from './schema.ts';
import type { InspectionRecord, LinkRecord } from './types.ts';

export const EXPORT_FORMAT = 'backlink-inspector-history';
/** Version 2 files hold inspections split over several parts; everything else is version 1. */
export const EXPORT_VERSION = 2;
const WHOLE_VERSION = 1;

export type { ExportedInspection } from './schema.ts';

export interface HistoryExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  inspections: ExportedInspection[];
  /** Present when the export was split into several files. */
  part?: { index: number; last: boolean };
}

export interface ExportPart {
  /** 1-based. */
  index: number;
  /** The export was split: this file is one of several (name it so). */
  split: boolean;
  /** The file's text, in pieces (join them, or pass them to `new Blob()`). */
  chunks: string[];
  /** UTF-8 bytes. */
  bytes: number;
  inspections: number;
}

export interface ExportOptions {
  db?: HistoryDB;
  now?: Date;
  /** Bytes per file; defaults to what import accepts, less a margin. Tests make it small. */
  maxPartBytes?: number;
}

/** Room for a part's header and footer, which are written when it is finished. */
const FRAME_BYTES = 256;
/** Room for `"linksPart":{"index":…,"count":…},` in a split entry. */
const PART_FIELD_BYTES = 64;

/** UTF-8 length of a string from JSON.stringify (which never leaves a lone surrogate). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function stripLink(l: LinkRecord): LinkReport {
  const { id: _id, inspectionId: _owner, pageUrl: _page, time: _time, ...link } = l;
  // Links stored before `capped` existed read as uncapped.
  return { ...link, capped: link.capped ?? [] };
}

/** An inspection's page part in its export shape (the links are written one by one). */
function exportedHead(r: InspectionRecord): Omit<ExportedInspection, 'links'> {
  const head: Omit<ExportedInspection, 'links'> = {
    pageUrl: r.pageUrl,
    url: r.url,
    finalUrl: r.finalUrl,
    title: r.title,
    time: new Date(r.time).toISOString(),
    counts: r.counts,
    facts: r.facts,
    capped: r.capped ?? [],
  };
  if (r.lastSeen > r.time) head.lastSeen = new Date(r.lastSeen).toISOString();
  return head;
}

interface OpenPart {
  index: number;
  chunks: string[];
  bytes: number;
  inspections: number;
  /** Holds parts of split inspections: written as version 2, which older versions refuse. */
  holdsSplit: boolean;
}

/** Builds parts from serialized entries, handing each out once it is known whether more follow. */
class PartWriter {
  private part: OpenPart | null = null;
  private finished: OpenPart | null = null;
  private count = 0;
  private readonly budget: number;
  private readonly exportedAt: string;
  private readonly emit: (part: ExportPart) => void | Promise<void>;
  constructor(budget: number, exportedAt: string, emit: (part: ExportPart) => void | Promise<void>) {
    this.budget = budget;
    this.exportedAt = exportedAt;
    this.emit = emit;
  }

  get room(): number {
    return this.budget - (this.part?.bytes ?? 0);
  }
  get empty(): boolean {
    return !this.part || this.part.inspections === 0;
  }

  /** Adds one entry (its pieces); the caller made sure it fits or that the part is empty. */
  add(pieces: string[], bytes: number, split: boolean): void {
    this.part ??= { index: ++this.count, chunks: [''], bytes: 0, inspections: 0, holdsSplit: false };
    if (this.part.inspections > 0) {
      this.part.chunks.push(',');
      this.part.bytes += 1;
    }
    for (const p of pieces) this.part.chunks.push(p);
    this.part.bytes += bytes;
    this.part.inspections++;
    this.part.holdsSplit ||= split;
  }

  /** Finishes the current part; the one finished before it is handed out (more follow it). */
  async close(): Promise<void> {
    if (!this.part) return;
    if (this.finished) await this.handOut(this.finished, false);
    this.finished = this.part;
    this.part = null;
  }

  /** The end of the export: hands out the last part (a single file when it is the only one). */
  async end(): Promise<number> {
    await this.close();
    // An empty history still exports one (empty) file.
    const last = this.finished ?? { index: ++this.count, chunks: [''], bytes: 0, inspections: 0, holdsSplit: false };
    this.finished = null;
    await this.handOut(last, true);
    return this.count;
  }

  private async handOut(part: OpenPart, last: boolean): Promise<void> {
    const split = !(last && part.index === 1);
    const version = part.holdsSplit ? EXPORT_VERSION : WHOLE_VERSION;
    const header = `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${version},"exportedAt":${JSON.stringify(this.exportedAt)},"inspections":[`;
    const footer = split ? `],"part":{"index":${part.index},"last":${last}}}` : ']}';
    part.chunks[0] = header;
    part.chunks.push(footer);
    await this.emit({ index: part.index, split, chunks: part.chunks, bytes: part.bytes + utf8Bytes(header) + utf8Bytes(footer), inspections: part.inspections });
  }
}

/** Link pieces of one entry: `[a,b,c]` written as separate strings. */
function linkPieces(links: string[], from: number, to: number): { pieces: string[]; bytes: number } {
  const pieces: string[] = [];
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const s = i > from ? `,${links[i]!}` : links[i]!;
    pieces.push(s);
    bytes += utf8Bytes(s);
  }
  return { pieces, bytes };
}

/** `{...head,"links":[` — the head's JSON without its closing brace. */
function openEntry(head: object): string {
  return `${JSON.stringify(head).slice(0, -1)},"links":[`;
}

/**
 * Writes every inspection, oldest first, calling `onPart` with each finished file. Each
 * inspection is read in its own transaction (one inspection's links in memory at a time), and
 * the work yields between slices, so exporting a large history keeps the page responsive.
 * Returns the number of files.
 */
export async function exportHistoryParts(onPart: (part: ExportPart) => void | Promise<void>, opts: ExportOptions = {}): Promise<number> {
  const db = opts.db ?? (await getHistoryDb());
  const budget = (opts.maxPartBytes ?? LIMITS.historyFileBytes - 1024 * 1024) - FRAME_BYTES;
  const writer = new PartWriter(budget, (opts.now ?? new Date()).toISOString(), onPart);
  const yielder = createYielder();
  const ids = await db.getAllKeysFromIndex('inspections', 'byTime');
  for (const id of ids) {
    const tx = db.transaction(['inspections', 'links']);
    const [record, links] = await Promise.all([tx.objectStore('inspections').get(id), tx.objectStore('links').index('byInspection').getAll(id)]);
    await tx.done;
    if (!record) continue; // deleted since the list was read (retention, another tab)
    links.sort((a, b) => a.index - b.index);
    const head = exportedHead(record);
    const linkJson = links.map((l) => JSON.stringify(stripLink(l)));
    await writeInspection(writer, head, linkJson, budget);
    await yielder.maybeYield();
  }
  return writer.end();
}

async function writeInspection(writer: PartWriter, head: Omit<ExportedInspection, 'links'>, links: string[], budget: number): Promise<void> {
  const open = openEntry(head);
  const openBytes = utf8Bytes(open);
  const whole = linkPieces(links, 0, links.length);
  const bytes = openBytes + whole.bytes + 2;
  if (bytes + 1 > writer.room && !writer.empty) await writer.close();
  if (bytes <= writer.room || links.length <= 1) {
    writer.add([open, ...whole.pieces, ']}'], bytes, false);
    return;
  }
  // Too big for one file: split its links over consecutive parts, each with the page's head.
  const capacity = Math.max(1, budget - openBytes - PART_FIELD_BYTES - 2);
  const ranges: [number, number][] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < links.length; i++) {
    const b = utf8Bytes(links[i]!) + 1;
    if (i > start && size + b > capacity) {
      ranges.push([start, i]);
      start = i;
      size = 0;
    }
    size += b;
  }
  ranges.push([start, links.length]);
  for (let p = 0; p < ranges.length; p++) {
    const [from, to] = ranges[p]!;
    const pieceOpen = openEntry({ ...head, linksPart: { index: p + 1, count: ranges.length } });
    const piece = linkPieces(links, from, to);
    const pieceBytes = utf8Bytes(pieceOpen) + piece.bytes + 2;
    if (!writer.empty && pieceBytes + 1 > writer.room) await writer.close();
    writer.add([pieceOpen, ...piece.pieces, ']}'], pieceBytes, true);
  }
}

/** The whole export as one JSON text; a history too big for one file must use exportHistoryParts. */
export async function exportHistoryJson(opts: ExportOptions = {}): Promise<string> {
  const parts: ExportPart[] = [];
  await exportHistoryParts((p) => void parts.push(p), opts);
  if (parts.length > 1) throw new HistoryError('too-large', 'The history is too big for one file: export it in parts.');
  return parts[0]!.chunks.join('');
}

export async function exportHistory(opts: ExportOptions = {}): Promise<HistoryExport> {
  return JSON.parse(await exportHistoryJson(opts)) as HistoryExport;
}

/** `backlink-history-2025-01-31.json`; the parts of a split export: `backlink-history-2025-01-31-part-2.json`. */
export function exportFileName(ext: 'json' | 'csv', prefix = 'backlink-history', now = new Date(), part?: number): string {
  return `${prefix}-${now.toISOString().slice(0, 10)}${part ? `-part-${part}` : ''}.${ext}`;
}
