/**
 * Import of a history export. The whole file is validated BEFORE anything is written: every
 * field is type- and range-checked, sizes are bounded, keys that could pollute prototypes are
 * refused, and only known fields are copied into fresh objects. Valid files are merged in ONE
 * transaction, skipping inspections already stored, so a failure midway changes nothing.
 */
import {
  PLACEMENTS,
  type FrameReport,
  type LinkCounts,
  type LinkGeometry,
  type LinkKind,
  type LinkReport,
  type LinkWrapper,
  type Placement,
  type ScoreReason,
  type TextSource,
} from '../report.ts';
import { getHistoryDb, type HistoryDB } from './db.ts';
import { HistoryImportError, toHistoryError } from './errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export.ts';
import { inspectionKey } from './key.ts';
import { normalizeUrl } from './normalize-url.ts';
import { addInspectionInTx } from './save.ts';
import type { NewInspection, NewLink, StoredPageFacts } from './types.ts';
import { notifyHistoryChanged } from './events.ts';

export const IMPORT_LIMITS = {
  /** Characters of JSON text (≈ bytes). */
  maxChars: 100 * 1024 * 1024,
  maxInspections: 100_000,
  maxLinksPerInspection: 20_000,
  maxTotalLinks: 2_000_000,
  maxUrl: 8192,
  maxText: 20_000,
  maxShort: 512,
  maxArray: 256,
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LINK_KINDS: readonly LinkKind[] = ['http', 'javascript', 'mailto', 'tel', 'fragment', 'malformed', 'other'];
const ELEMENTS: readonly LinkReport['element'][] = ['a', 'area', 'svg-a'];
const TEXT_SOURCES: readonly TextSource[] = ['text', 'alt', 'aria-label', 'title', 'none'];
const WRAPPER_KINDS: readonly LinkWrapper['kind'][] = ['redirect', 'tracking'];
/** No inspection can be older than the web, or much in the future. */
const MIN_TIME = Date.UTC(1990, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 60 * 60 * 1000;

type Obj = Record<string, unknown>;

/** A tiny validating reader: each accessor checks one field and names its path on failure. */
class Reader {
  readonly path: string;
  readonly obj: Obj;
  constructor(value: unknown, path: string) {
    if (!isPlainObject(value)) throw new HistoryImportError('expected an object', path || '(root)');
    this.path = path;
    this.obj = value;
  }
  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }
  fail(key: string, message: string): never {
    throw new HistoryImportError(message, this.at(key));
  }
  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.obj, key);
  }
  raw(key: string): unknown {
    return this.has(key) ? this.obj[key] : undefined;
  }
  string(key: string, max = IMPORT_LIMITS.maxText): string {
    const v = this.raw(key);
    if (typeof v !== 'string') this.fail(key, 'expected a string');
    if (v.length > max) this.fail(key, `longer than ${max} characters`);
    return v;
  }
  stringOrNull(key: string, max = IMPORT_LIMITS.maxText): string | null {
    return this.raw(key) === null ? null : this.string(key, max);
  }
  bool(key: string): boolean {
    const v = this.raw(key);
    if (typeof v !== 'boolean') this.fail(key, 'expected true or false');
    return v;
  }
  number(key: string, min = -Number.MAX_VALUE, max = Number.MAX_VALUE): number {
    const v = this.raw(key);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, 'expected a finite number');
    if (v < min || v > max) this.fail(key, `expected a number from ${min} to ${max}`);
    return v;
  }
  numberOrNull(key: string, min?: number, max?: number): number | null {
    return this.raw(key) === null ? null : this.number(key, min, max);
  }
  int(key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.number(key, min, max);
    if (!Number.isInteger(v)) this.fail(key, 'expected a whole number');
    return v;
  }
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const v = this.raw(key);
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(key, `expected one of ${allowed.join(', ')}`);
    }
    return v as T;
  }
  array(key: string, max: number): unknown[] {
    const v = this.raw(key);
    if (!Array.isArray(v)) this.fail(key, 'expected a list');
    if (v.length > max) this.fail(key, `more than ${max} entries`);
    return v;
  }
  strings(key: string, maxItems = IMPORT_LIMITS.maxArray, maxLen = IMPORT_LIMITS.maxShort): string[] {
    return this.array(key, maxItems).map((s, i) => {
      if (typeof s !== 'string') this.fail(`${key}[${i}]`, 'expected a string');
      if (s.length > maxLen) this.fail(`${key}[${i}]`, `longer than ${maxLen} characters`);
      return s;
    });
  }
  child(key: string): Reader {
    return new Reader(this.raw(key), this.at(key));
  }
  childOrNull(key: string): Reader | null {
    return this.raw(key) === null ? null : this.child(key);
  }
  items(key: string, max: number): Reader[] {
    return this.array(key, max).map((v, i) => new Reader(v, `${this.at(key)}[${i}]`));
  }
}

function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function httpUrl(r: Reader, key: string): string {
  const s = r.string(key, IMPORT_LIMITS.maxUrl);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    r.fail(key, 'not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') r.fail(key, 'only http and https pages can be imported');
  return s;
}

function readGeometry(r: Reader | null): LinkGeometry | null {
  if (!r) return null;
  return {
    top: r.number('top'),
    left: r.number('left'),
    width: r.number('width', 0),
    height: r.number('height', 0),
    pageFraction: r.number('pageFraction', -1e6, 1e6),
    aboveFold: r.bool('aboveFold'),
  };
}

function readWrapper(r: Reader | null): LinkWrapper | null {
  if (!r) return null;
  return {
    kind: r.oneOf('kind', WRAPPER_KINDS),
    target: r.stringOrNull('target', IMPORT_LIMITS.maxUrl),
    markers: r.strings('markers'),
  };
}

function readReason(r: Reader): ScoreReason {
  return { code: r.string('code', IMPORT_LIMITS.maxShort), text: r.string('text', 2000), effect: r.number('effect', -1000, 1000) };
}

export function readLink(r: Reader): LinkReport {
  return {
    index: r.int('index', 0, 10_000_000),
    href: r.string('href', IMPORT_LIMITS.maxUrl),
    url: r.stringOrNull('url', IMPORT_LIMITS.maxUrl),
    kind: r.oneOf('kind', LINK_KINDS),
    element: r.oneOf('element', ELEMENTS),
    text: r.string('text'),
    textSource: r.oneOf('textSource', TEXT_SOURCES),
    rel: r.strings('rel', 64, 64),
    internal: r.bool('internal'),
    domain: r.stringOrNull('domain', 253),
    host: r.stringOrNull('host', 253),
    image: r.bool('image'),
    inList: r.bool('inList'),
    inShadow: r.bool('inShadow'),
    frame: r.stringOrNull('frame', IMPORT_LIMITS.maxUrl),
    geometry: readGeometry(r.childOrNull('geometry')),
    fontSizeRatio: r.numberOrNull('fontSizeRatio', 0, 1000),
    hidden: r.bool('hidden'),
    hiddenReason: r.stringOrNull('hiddenReason', IMPORT_LIMITS.maxShort),
    wrapper: readWrapper(r.childOrNull('wrapper')),
    contextBefore: r.string('contextBefore'),
    contextAfter: r.string('contextAfter'),
    capped: r.has('capped') ? r.strings('capped') : [],
    placement: r.oneOf('placement', PLACEMENTS),
    placementConfidence: r.number('placementConfidence', 0, 1),
    placementSignals: r.strings('placementSignals'),
    contextRelevance: r.number('contextRelevance', 0, 1),
    targetRelevance: r.numberOrNull('targetRelevance', 0, 1),
    relevance: r.number('relevance', 0, 1),
    sharedTerms: r.strings('sharedTerms'),
    followed: r.bool('followed'),
    score: r.number('score', 0, 100),
    equityShare: r.number('equityShare', 0, 100),
    reasons: r.items('reasons', IMPORT_LIMITS.maxArray).map(readReason),
  };
}

function readCounts(r: Reader): LinkCounts {
  const bp = r.child('byPlacement');
  const byPlacement = Object.fromEntries(PLACEMENTS.map((p) => [p, bp.int(p)])) as Record<Placement, number>;
  return {
    total: r.int('total'),
    http: r.int('http'),
    internal: r.int('internal'),
    external: r.int('external'),
    followed: r.int('followed'),
    nofollow: r.int('nofollow'),
    sponsored: r.int('sponsored'),
    ugc: r.int('ugc'),
    hidden: r.int('hidden'),
    image: r.int('image'),
    flagged: r.int('flagged'),
    byPlacement,
  };
}

function readFrame(r: Reader): FrameReport {
  return { url: r.string('url', IMPORT_LIMITS.maxUrl), inspected: r.bool('inspected'), reason: r.stringOrNull('reason', IMPORT_LIMITS.maxShort) };
}

function readFacts(r: Reader): StoredPageFacts {
  const timing = r.child('timing');
  return {
    reportVersion: r.int('reportVersion', 1, 1000),
    language: r.stringOrNull('language', 64),
    description: r.string('description'),
    canonical: r.stringOrNull('canonical', IMPORT_LIMITS.maxUrl),
    canonicalElsewhere: r.bool('canonicalElsewhere'),
    metaRobots: r.strings('metaRobots', 64, 128),
    indexable: r.bool('indexable'),
    pageNofollow: r.bool('pageNofollow'),
    frames: r.items('frames', IMPORT_LIMITS.maxArray).map(readFrame),
    timing: { totalMs: timing.number('totalMs', 0), longestTaskMs: timing.number('longestTaskMs', 0) },
  };
}

export interface ValidatedInspection {
  inspection: NewInspection;
  links: Omit<NewLink, 'inspectionId'>[];
}

function readInspection(r: Reader, now: number, budget: { links: number }): ValidatedInspection {
  const pageUrl = normalizeUrl(httpUrl(r, 'pageUrl'));
  const iso = r.string('time', 64);
  const time = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || !Number.isFinite(time)) r.fail('time', 'expected an ISO date and time');
  if (time < MIN_TIME || time > now + FUTURE_SLACK_MS) r.fail('time', 'date out of range');
  const linkReaders = r.items('links', IMPORT_LIMITS.maxLinksPerInspection);
  budget.links += linkReaders.length;
  if (budget.links > IMPORT_LIMITS.maxTotalLinks) {
    throw new HistoryImportError(`more than ${IMPORT_LIMITS.maxTotalLinks} links in total`, null, 'too-large');
  }
  const links = linkReaders.map(readLink);
  const inspection: NewInspection = {
    key: inspectionKey(pageUrl, time, links),
    pageUrl,
    url: r.string('url', IMPORT_LIMITS.maxUrl),
    finalUrl: r.string('finalUrl', IMPORT_LIMITS.maxUrl),
    title: r.string('title', 2000),
    time,
    counts: readCounts(r.child('counts')),
    facts: readFacts(r.child('facts')),
    linkCount: links.length,
  };
  return { inspection, links: links.map((l) => ({ ...l, pageUrl, time })) };
}

/** JSON.parse that refuses prototype-polluting keys anywhere in the document. */
function parseStrict(text: string): unknown {
  let badKey: string | null = null;
  try {
    return JSON.parse(text, function reviver(key, value) {
      if (FORBIDDEN_KEYS.has(key)) {
        badKey = key;
        throw new Error('forbidden key');
      }
      return value;
    });
  } catch (e) {
    if (badKey) throw new HistoryImportError(`the file contains the forbidden key "${badKey}"`);
    throw new HistoryImportError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Validates an export document (text). Returns the records to store; throws HistoryImportError
 * naming the first bad field.
 */
export function validateHistoryExport(text: string, now = Date.now()): ValidatedInspection[] {
  if (typeof text !== 'string') throw new HistoryImportError('expected the text of a JSON file');
  if (text.length > IMPORT_LIMITS.maxChars) {
    throw new HistoryImportError(`the file is larger than ${Math.round(IMPORT_LIMITS.maxChars / 1024 / 1024)} MB`, null, 'too-large');
  }
  const root: Reader = new Reader(parseStrict(text), '');
  if (root.raw('format') !== EXPORT_FORMAT) {
    throw new HistoryImportError('this is not a Backlink Inspector history export', 'format');
  }
  const version = root.raw('version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) root.fail('version', 'expected a version number');
  if (version > EXPORT_VERSION) {
    throw new HistoryImportError(
      `the file was made by a newer version of Backlink Inspector (format ${version}); update the extension first`,
      null,
      'unsupported-version',
    );
  }
  const items = root.raw('inspections');
  if (Array.isArray(items) && items.length > IMPORT_LIMITS.maxInspections) {
    throw new HistoryImportError(`more than ${IMPORT_LIMITS.maxInspections} inspections`, 'inspections', 'too-large');
  }
  const budget = { links: 0 };
  return root.items('inspections', IMPORT_LIMITS.maxInspections).map((r) => readInspection(r, now, budget));
}

export interface ImportResult {
  /** Inspections added. */
  added: number;
  /** Inspections already stored (or repeated in the file), skipped. */
  skipped: number;
  links: number;
}

/**
 * Validates, then merges into the history in one transaction. Throws HistoryImportError for an
 * invalid file and HistoryQuotaError when storage is full; either way nothing changes.
 */
export async function importHistory(text: string, opts: { db?: HistoryDB; now?: number } = {}): Promise<ImportResult> {
  const records = validateHistoryExport(text, opts.now);
  const db = opts.db ?? (await getHistoryDb());
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  const result: ImportResult = { added: 0, skipped: 0, links: 0 };
  try {
    for (const { inspection, links } of records) {
      const { duplicate } = await addInspectionInTx(tx, inspection, links);
      if (duplicate) result.skipped++;
      else {
        result.added++;
        result.links += links.length;
      }
    }
    await tx.done;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already ended */
    }
    await tx.done.catch(() => {});
    throw toHistoryError(e);
  }
  if (result.added) notifyHistoryChanged({ type: 'imported', added: result.added });
  return result;
}
