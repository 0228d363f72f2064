/**
 * Import of history exports, record by record. A file that is not JSON or not an export is
 * refused with a message; inside an export, each inspection is read through the one schema
 * (schema.ts) and a record that does not fit it is skipped and reported with its position and
 * why, never taking the rest of the file with it. The parts of a split export are imported
 * together (an inspection split over several parts needs all of them); each file's records are
 * merged in one transaction, skipping inspections already stored.
 */
import { LIMITS } from '../limits.ts';
import { getHistoryDb, type HistoryDB } from './db.ts';
import { HistoryImportError, toHistoryError } from './errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export.ts';
import { notifyHistoryChanged } from './events.ts';
import { addInspectionInTx } from './save.ts';
import { FORBIDDEN_KEYS } from './reader.ts';
import { joinParts, readExportedInspection, SchemaError, type InspectionRecords } from './schema.ts';
import { abortQuietly } from './tx.ts';

/** An inspection that was not imported, and why. */
export interface ImportProblem {
  /** The file's name ('' for text given directly). */
  file: string;
  /** 0-based position of the inspection in the file's `inspections` list; -1: the whole file (one of several). */
  position: number;
  /** The offending field, e.g. `inspections[3].links[0].kind` ('' for a whole file). */
  path: string;
  reason: string;
}

export interface ImportResult {
  /** Inspections added. */
  added: number;
  /** Inspections already stored (or repeated in the file), skipped. */
  skipped: number;
  links: number;
  /** Inspections that did not fit the schema, skipped. */
  rejected: ImportProblem[];
}

export interface ImportFile {
  name: string;
  /** The file's text, or how to read it (files are read one at a time). */
  text: string | (() => Promise<string>);
}

export interface ImportOptions {
  db?: HistoryDB;
  now?: number;
}

/** A readable export file: its entries, each read or refused. */
interface ReadFile {
  entries: { position: number; records: InspectionRecords; linksPart: { index: number; count: number } | null }[];
  rejected: ImportProblem[];
}

/** The whole file is refused (not JSON, not an export, too big, too new): HistoryImportError. */
function readFile(file: { name: string; text: string }, now: number): ReadFile {
  const { text, name } = file;
  if (typeof text !== 'string') throw new HistoryImportError('expected the text of a JSON file');
  if (text.length > LIMITS.historyFileBytes) {
    throw new HistoryImportError(`the file is larger than ${Math.round(LIMITS.historyFileBytes / 1024 / 1024)} MB`, null, 'too-large');
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new HistoryImportError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new HistoryImportError('expected an object', '(root)');
  const doc = root as Record<string, unknown>;
  for (const key of FORBIDDEN_KEYS) if (Object.hasOwn(doc, key)) throw new HistoryImportError(`the file contains the forbidden key "${key}"`);
  if (doc.format !== EXPORT_FORMAT) throw new HistoryImportError('this is not a Backlink Inspector history export', 'format');
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new HistoryImportError('expected a version number', 'version');
  if (version > EXPORT_VERSION) {
    throw new HistoryImportError(
      `the file was made by a newer version of Backlink Inspector (format ${version}); update the extension first`,
      null,
      'unsupported-version',
    );
  }
  if (!Array.isArray(doc.inspections)) throw new HistoryImportError('expected a list', 'inspections');
  const out: ReadFile = { entries: [], rejected: [] };
  doc.inspections.forEach((value, position) => {
    try {
      out.entries.push({ position, ...readExportedInspection(value, `inspections[${position}]`, now) });
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      out.rejected.push({ file: name, position, path: e.path, reason: e.reason });
    }
  });
  return out;
}

/** Validates one export text without storing anything: the records it holds (split parts not joined). */
export function validateHistoryExport(text: string, now = Date.now()): InspectionRecords[] {
  return readFile({ name: '', text }, now).entries.map((e) => e.records);
}

/** The parts of split inspections seen so far, until all of an inspection's parts are in. */
class SplitInspections {
  private parts = new Map<string, { count: number; got: Map<number, InspectionRecords>; file: string; position: number }>();

  /** Adds a part; returns the whole inspection when this was its last missing part. */
  add(records: InspectionRecords, part: { index: number; count: number }, file: string, position: number): InspectionRecords | null {
    const id = `${records.inspection.pageUrl}\n${records.inspection.time}`;
    let entry = this.parts.get(id);
    if (!entry) this.parts.set(id, (entry = { count: part.count, got: new Map(), file, position }));
    entry.got.set(part.index, records);
    if (entry.got.size < entry.count) return null;
    this.parts.delete(id);
    return joinParts([...entry.got].sort((a, b) => a[0] - b[0]).map(([, r]) => r));
  }

  /** Inspections some of whose parts were never given. */
  incomplete(): ImportProblem[] {
    return [...this.parts.values()].map(({ count, got, file, position }) => ({
      file,
      position,
      path: `inspections[${position}]`,
      reason: `this inspection is split over ${count} parts of the export and only ${got.size} ${got.size === 1 ? 'was' : 'were'} given: import all parts together`,
    }));
  }
}

/**
 * Imports export files (one export, or all parts of a split one), each file's records in one
 * transaction. One file that is not an export throws HistoryImportError (nothing changes); among
 * several, such a file is reported in `rejected` and the others are imported. Throws
 * HistoryQuotaError when storage is full (the file being written is rolled back; files before it
 * stay imported).
 */
export async function importHistoryFiles(files: readonly ImportFile[], opts: ImportOptions = {}): Promise<ImportResult> {
  const now = opts.now ?? Date.now();
  const db = opts.db ?? (await getHistoryDb());
  const result: ImportResult = { added: 0, skipped: 0, links: 0, rejected: [] };
  const split = new SplitInspections();
  try {
    for (const file of files) {
      let read: ReadFile;
      try {
        read = readFile({ name: file.name, text: typeof file.text === 'string' ? file.text : await file.text() }, now);
      } catch (e) {
        if (!(e instanceof HistoryImportError) || files.length === 1) throw e;
        result.rejected.push({ file: file.name, position: -1, path: '', reason: `not imported: ${e.reason}` });
        continue;
      }
      result.rejected.push(...read.rejected);
      const whole: InspectionRecords[] = [];
      for (const e of read.entries) {
        const records = e.linksPart ? split.add(e.records, e.linksPart, file.name, e.position) : e.records;
        if (records) whole.push(records);
      }
      await store(db, whole, result);
    }
  } finally {
    if (result.added) notifyHistoryChanged({ type: 'imported', added: result.added });
  }
  result.rejected.push(...split.incomplete());
  return result;
}

/** One export text: see importHistoryFiles. */
export function importHistory(text: string, opts: ImportOptions = {}): Promise<ImportResult> {
  return importHistoryFiles([{ name: '', text }], opts);
}

async function store(db: HistoryDB, records: readonly InspectionRecords[], result: ImportResult): Promise<void> {
  if (!records.length) return;
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  let added = 0;
  let skipped = 0;
  let links = 0;
  try {
    for (const { inspection, links: l } of records) {
      const { duplicate } = await addInspectionInTx(tx, inspection, l);
      if (duplicate) skipped++;
      else {
        added++;
        links += l.length;
      }
    }
    await tx.done;
  } catch (e) {
    await abortQuietly(tx);
    throw toHistoryError(e);
  }
  result.added += added;
  result.skipped += skipped;
  result.links += links;
}

/** One line per skipped inspection, for the user (the first few, then how many more). */
export function describeProblems(problems: readonly ImportProblem[], max = 5): string {
  const lines = problems.slice(0, max).map((p) => [p.file, p.path, p.reason].filter(Boolean).join(': '));
  if (problems.length > max) lines.push(`… and ${problems.length - max} more.`);
  return lines.join('\n');
}
