/**
 * Reading an audit list: pasted URLs, a .txt file (one URL a line) or a .csv export from Search
 * Console, Ahrefs, Semrush, Majestic (or the user's own spreadsheet). papaparse reads the CSV;
 * this module finds the delimiter, the header, the source and target columns (by the vendors'
 * header names, else by what the cells hold — then it says it is unsure and the user picks),
 * keeps every line number, and reports every row it cannot use with its line and why: nothing is
 * dropped silently. Duplicates (same source and target) merge into one row that remembers all
 * its lines. At most LIMITS.auditRows rows; the rest is reported, not read.
 *
 *   const table = readList(text, 'backlinks.csv');    // header, records with lines, column guess
 *   const { rows, problems } = buildRows(table, { sourceColumn: table.guess.source, targetColumn: table.guess.target });
 */
import Papa from 'papaparse';
import { LIMITS, capString } from '../limits.ts';
import type { AuditRow } from './types.ts';

export interface ListRecord {
  /** Line of the file the record starts on (1-based). */
  line: number;
  cells: string[];
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface ColumnGuess {
  /** Column of the linking (source) page; -1 when none was found. */
  source: number;
  /** Column of the target URL; -1 when the list has none (the audit's domains are the target). */
  target: number;
  /** The source column was named by a known header; else the user should pick. */
  sure: boolean;
  /** Whose export the header looks like, when known. */
  vendor: string | null;
}

export interface ListTable {
  kind: 'csv' | 'txt';
  /** The header cells; null for a plain list or a CSV without a header. */
  header: string[] | null;
  delimiter: string;
  records: ListRecord[];
  /** Lines that could not be read as records (a quoted field never closed). */
  problems: RowProblem[];
  guess: ColumnGuess;
  /** Columns of the widest record. */
  width: number;
}

export interface BuiltRows {
  rows: AuditRow[];
  problems: RowProblem[];
  /** Rows merged into an earlier identical one. */
  duplicates: number;
  /** Usable rows over LIMITS.auditRows, not read. */
  overCap: number;
}

/** A file's bytes as text: UTF-8, or UTF-16 with a byte order mark (Ahrefs' "for Excel" CSV is UTF-16LE, tab-separated). */
export function decodeListFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/** Header names, normalised (lower case, letters and digits only), and whose export they come from. */
const SOURCE_HEADERS: Record<string, string | null> = {
  linkingpage: 'Search Console',
  linkingpages: 'Search Console',
  referringpageurl: 'Ahrefs',
  referringpage: 'Ahrefs',
  sourceurl: 'Semrush or Majestic',
  urlfrom: null,
  fromurl: null,
  referringurl: null,
  backlinkurl: null,
  backlink: null,
  linkingurl: null,
  sourcepage: null,
  source: null,
  pageurl: null,
  // Moz Link Explorer names the linking page just "URL".
  url: null,
  urls: null,
};
const TARGET_HEADERS = ['targeturl', 'targetpage', 'urlto', 'tourl', 'target', 'destinationurl', 'destination', 'linkedpage', 'linktarget'];

const normHeader = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Exact spellings that tell Semrush's and Majestic's "source url" apart. */
function vendorOf(header: string, key: string): string | null {
  if (key !== 'sourceurl') return SOURCE_HEADERS[key] ?? null;
  if (header.trim() === 'SourceURL') return 'Majestic';
  if (/^source url$/i.test(header.trim())) return 'Semrush';
  return null;
}

/** Looks like a page URL: http(s)://…, or host.tld/… without a scheme. */
export function looksLikeUrl(cell: string): boolean {
  const s = cell.trim();
  if (!s || /\s/.test(s)) return false;
  return /^https?:\/\/[^/\s]+\.[^/\s]/i.test(s) || /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?(\/|$)/i.test(s);
}

/** The delimiter of the first line, outside quotes: the most frequent of , ; tab | (',' when none is there). */
function detectDelimiter(firstLine: string): string {
  return delimiterIn(firstLine) ?? ',';
}

function delimiterIn(firstLine: string): string | null {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [d, n] of counts) {
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** Offsets of every line start, for line numbers by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Every record with its first line; a quoted field left open is reported and reading goes on at the next line. */
function parseCsv(text: string, delimiter: string): { records: ListRecord[]; problems: RowProblem[] } {
  const starts = lineStarts(text);
  const records: ListRecord[] = [];
  const problems: RowProblem[] = [];
  let offset = 0;
  while (offset < text.length) {
    let restartAt = -1;
    let rowStart = offset;
    const base = offset;
    Papa.parse<string[]>(text.slice(offset), {
      delimiter,
      skipEmptyLines: false,
      step: (result, parser) => {
        const start = rowStart;
        rowStart = base + result.meta.cursor;
        // A row starts after the previous one's line break (blank lines before it are skipped).
        const line = lineAt(starts, skipBreaks(text, start));
        if (result.errors.some((e) => e.code === 'MissingQuotes')) {
          problems.push({ line, message: 'a quoted field is never closed; the line is skipped and reading goes on at the next line' });
          restartAt = starts[line] ?? text.length;
          parser.abort();
          return;
        }
        const cells = result.data;
        if (cells.length === 1 && cells[0]!.trim() === '') return;
        records.push({ line, cells });
      },
    });
    if (restartAt < 0) break;
    offset = restartAt;
  }
  return { records, problems };
}

function skipBreaks(text: string, at: number): number {
  let i = at;
  while (text[i] === '\r' || text[i] === '\n') i++;
  return i;
}

/** A plain list: one URL a line (an optional target after whitespace); blank lines and # comments skipped. */
function parseTxt(text: string): ListRecord[] {
  const records: ListRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    records.push({ line: i + 1, cells: line.split(/\s+/).slice(0, 2) });
  }
  return records;
}

/** Columns by what the cells hold: the first mostly-URL column is the source, the second the target. */
function sniffColumns(records: ListRecord[], width: number): { source: number; target: number } {
  const sample = records.slice(0, 200);
  const urlish: number[] = [];
  for (let c = 0; c < width; c++) {
    const filled = sample.filter((r) => (r.cells[c] ?? '').trim() !== '');
    if (filled.length && filled.filter((r) => looksLikeUrl(r.cells[c]!)).length >= filled.length * 0.8) urlish.push(c);
  }
  return { source: urlish[0] ?? -1, target: urlish[1] ?? -1 };
}

function guessFromHeader(header: string[]): ColumnGuess | null {
  let source = -1;
  let rank = Infinity;
  let vendor: string | null = null;
  const order = Object.keys(SOURCE_HEADERS);
  header.forEach((h, i) => {
    const key = normHeader(h);
    const r = order.indexOf(key);
    if (r >= 0 && r < rank) {
      rank = r;
      source = i;
      vendor = vendorOf(h, key);
    }
  });
  const target = header.findIndex((h, i) => i !== source && TARGET_HEADERS.includes(normHeader(h)));
  if (source < 0 && target < 0) return null;
  return { source, target, sure: source >= 0, vendor };
}

/** Is this list a plain one (URLs, one a line) rather than a CSV? Most lines split into fields: a CSV. */
function isPlainList(text: string, fileName: string | undefined): boolean {
  if (fileName && /\.txt$/i.test(fileName)) return true;
  if (fileName && /\.(csv|tsv)$/i.test(fileName)) return false;
  const lines = text
    .split('\n', 200)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (!lines.length) return true;
  const delimiter = delimiterIn(lines[0]!);
  if (guessFromHeader(lines[0]!.split(delimiter ?? ',').map((c) => c.replace(/^"|"$/g, '')))) return false;
  if (delimiter === null) return true;
  return lines.filter((l) => l.split(delimiter).length > 1).length < lines.length / 2;
}

/** Reads a pasted list or a file's text into records with their lines, and guesses its columns. */
export function readList(input: string, fileName?: string): ListTable {
  const text = input.replace(/^\uFEFF/, '');
  if (isPlainList(text, fileName)) {
    const records = parseTxt(text);
    const width = records.some((r) => r.cells.length > 1) ? 2 : 1;
    return { kind: 'txt', header: null, delimiter: '\n', records, problems: [], guess: { source: 0, target: width > 1 ? 1 : -1, sure: true, vendor: null }, width };
  }
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const delimiter = detectDelimiter(firstLine);
  const { records, problems } = parseCsv(text, delimiter);
  let header: string[] | null = null;
  let guess: ColumnGuess | null = null;
  const first = records[0];
  if (first) {
    guess = guessFromHeader(first.cells);
    // A first row without a URL in it is a header, even one with names nobody knows.
    if (guess || !first.cells.some(looksLikeUrl)) header = records.shift()!.cells.map((c) => c.trim());
  }
  const width = Math.max(header?.length ?? 0, ...records.slice(0, 1000).map((r) => r.cells.length), 0);
  if (!guess || guess.source < 0) {
    const sniffed = sniffColumns(records, width);
    guess = { source: sniffed.source, target: guess && guess.target >= 0 ? guess.target : sniffed.target, sure: false, vendor: guess?.vendor ?? null };
  }
  return { kind: 'csv', header, delimiter, records, problems, guess, width };
}

/** A cell as a page URL (http(s), no #fragment; a scheme-less host/path gets https://), or why not. */
export function cellUrl(cell: string): { url: string } | { error: string } {
  let s = cell.trim();
  if (!s) return { error: 'empty' };
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s) && looksLikeUrl(s)) s = `https://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { error: `not a URL (“${capString(s, 60)}”)` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: `not a web page (${u.protocol})` };
  if (!u.hostname.includes('.') && !u.hostname.startsWith('[')) return { error: `not a public site (“${capString(u.hostname, 60)}”)` };
  u.hash = '';
  if (u.href.length > LIMITS.url) return { error: 'URL too long' };
  return { url: u.href };
}

/** The key duplicates merge by: URLs as parsed (host lower-cased, no fragment), source and target. */
const rowKey = (source: string, target: string | null) => `${source}\n${target ?? ''}`;

export interface ColumnChoice {
  sourceColumn: number;
  /** -1: no target column (the audit's domains are the target). */
  targetColumn: number;
}

/** The audit's rows from the records: URLs checked, duplicates merged, every unusable row reported with its line. */
export function buildRows(table: ListTable, choice: ColumnChoice): BuiltRows {
  const rows: AuditRow[] = [];
  const problems: RowProblem[] = [...table.problems];
  const seen = new Map<string, AuditRow>();
  let duplicates = 0;
  let overCap = 0;
  const name = (c: number) => (table.header?.[c] ? `“${capString(table.header[c]!, 40)}”` : `column ${c + 1}`);
  for (const record of table.records) {
    const raw = record.cells[choice.sourceColumn];
    if (raw === undefined) {
      problems.push({ line: record.line, message: `no ${name(choice.sourceColumn)} on this line (${record.cells.length} field${record.cells.length === 1 ? '' : 's'})` });
      continue;
    }
    const source = cellUrl(raw);
    if ('error' in source) {
      problems.push({ line: record.line, message: `source page ${source.error}` });
      continue;
    }
    let targetUrl: string | null = null;
    if (choice.targetColumn >= 0) {
      const cell = record.cells[choice.targetColumn] ?? '';
      if (cell.trim()) {
        const target = cellUrl(cell);
        if ('error' in target) {
          problems.push({ line: record.line, message: `target ${target.error}` });
          continue;
        }
        targetUrl = target.url;
      }
    }
    const key = rowKey(source.url, targetUrl);
    const earlier = seen.get(key);
    if (earlier) {
      duplicates++;
      if (earlier.mergedLines.length < 100) earlier.mergedLines.push(record.line);
      continue;
    }
    if (rows.length >= LIMITS.auditRows) {
      overCap++;
      continue;
    }
    const row: AuditRow = {
      index: rows.length,
      line: record.line,
      mergedLines: [],
      sourceUrl: source.url,
      targetUrl,
      cells: record.cells.slice(0, LIMITS.auditColumns).map((c) => capString(c, LIMITS.auditCell)),
    };
    seen.set(key, row);
    rows.push(row);
  }
  if (overCap) problems.push({ line: table.records.at(-1)?.line ?? 0, message: `${overCap.toLocaleString('en')} more rows over the limit of ${LIMITS.auditRows.toLocaleString('en')} were not read: split the list` });
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, duplicates, overCap };
}
