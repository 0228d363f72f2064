/**
 * What history keeps, in ONE schema for saving and importing: every field, its type and its cap
 * (lib/limits.ts), read with reader.ts. A report is saved by reading it through this schema in its export shape, and
 * an export is imported through the very same reader, so whatever was saved imports again.
 *
 * - A string or list over its cap is cut and flagged: the field's name goes into the link's
 *   `capped` (or the inspection's, for page fields). Nothing is refused for being long.
 * - A number out of its range is clamped (the analysis never produces one; a hostile file may).
 * - A wrong type, an unknown enum value or a non-web page URL is an error naming the field's
 *   path: the record is refused (import skips it, save reports it).
 * - Only known fields are copied into fresh objects, and keys that could pollute prototypes are
 *   refused wherever they appear in an object the reader opens.
 */
import { LIMITS } from '../limits.ts';
import {
  PLACEMENTS,
  isHiddenReason,
  type HiddenReason,
  type FrameReport,
  type LinkCounts,
  type LinkGeometry,
  type LinkKind,
  type LinkReport,
  type LinkWrapper,
  type PageReport,
  type Placement,
  type ScoreReason,
  type SiteStrength,
  type TextSource,
} from '../report.ts';
import { contentKey, inspectionKey } from './key.ts';
import { normalizeUrl } from './normalize-url.ts';
import { Reader, SchemaError } from './reader.ts';
import type { NewInspection, NewLink, StoredPageFacts } from './types.ts';

export { SchemaError };

/** One inspection as it is exported (and imported): the page, its facts and its links. */
export interface ExportedInspection {
  pageUrl: string;
  url: string;
  finalUrl: string;
  title: string;
  /** ISO time of the inspection. */
  time: string;
  /** ISO time of the last inspection that found the very same links; absent when none did. */
  lastSeen?: string;
  counts: LinkCounts;
  facts: StoredPageFacts;
  /** Page fields cut to their cap ('title', 'description', 'url', 'links', …); empty when none. */
  capped?: string[];
  links: LinkReport[];
  /** Set when an inspection too big for one file is split: this entry holds part `index` (1-based) of `count`. */
  linksPart?: { index: number; count: number };
}

/** The records one inspection becomes: the inspection (no id) and its links (no ids, no owner). */
export interface InspectionRecords {
  inspection: NewInspection;
  links: Omit<NewLink, 'inspectionId'>[];
}

const LINK_KINDS: readonly LinkKind[] = ['http', 'javascript', 'mailto', 'tel', 'fragment', 'malformed', 'other'];
const ELEMENTS: readonly LinkReport['element'][] = ['a', 'area', 'svg-a'];
const TEXT_SOURCES: readonly TextSource[] = ['text', 'alt', 'aria-label', 'title', 'none'];
const WRAPPER_KINDS: readonly LinkWrapper['kind'][] = ['redirect', 'tracking'];
const PAGE_SCHEMES = ['http:', 'https:', 'file:'];
/** No inspection can be older than the web, or much in the future. */
const MIN_TIME = Date.UTC(1990, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 60 * 60 * 1000;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;


function hiddenReasonOf(v: string | null): HiddenReason | null {
  return isHiddenReason(v) ? v : null;
}
function readGeometry(r: Reader | null): LinkGeometry | null {
  if (!r) return null;
  return {
    top: r.number('top'),
    left: r.number('left'),
    width: r.number('width', 0),
    height: r.number('height', 0),
    pageFraction: r.number('pageFraction', 0, 1),
    aboveFold: r.bool('aboveFold'),
  };
}

function readWrapper(r: Reader | null): LinkWrapper | null {
  if (!r) return null;
  return {
    kind: r.oneOf('kind', WRAPPER_KINDS),
    target: r.stringOrNull('target', LIMITS.url),
    markers: r.strings('markers', LIMITS.labels, LIMITS.label),
  };
}

const POPULARITY_BUCKETS = ['top-1k', 'top-10k', 'top-50k'] as const;
const STRENGTH_PROVIDERS = ['openpagerank', 'ahrefs', 'moz'] as const;

/** A site's strength (issue 17); absent in exports made before it existed. */
function readStrength(r: Reader | null): SiteStrength | null {
  if (!r) return null;
  const a = r.childOrNull('authority');
  const p = r.childOrNull('popularity');
  return {
    host: r.string('host', 253),
    authority: a && { value: a.number('value', 0, 100), refSubnets: a.number('refSubnets', 0, 1e9), matched: a.string('matched', 253), source: a.string('source', LIMITS.label) },
    popularity: p && { rank: p.int('rank', 1, 1e8), bucket: p.oneOf('bucket', POPULARITY_BUCKETS), matched: p.string('matched', 253), source: p.string('source', LIMITS.label) },
    providers: r.items('providers', 8).map((v) => ({
      provider: v.oneOf('provider', STRENGTH_PROVIDERS),
      value: v.number('value', 0, 100),
      domain: v.string('domain', 253),
      fetchedAt: v.string('fetchedAt', LIMITS.label),
    })),
  };
}

function readReason(r: Reader): ScoreReason {
  return { code: r.string('code', LIMITS.label), text: r.string('text', LIMITS.linkText), effect: r.number('effect', -100, 100) };
}

/** One link, its over-long fields cut and named in `capped` (with any the page side had named). */
export function readLink(value: unknown, path: string): LinkReport {
  const capped = new Set<string>();
  const r = Reader.open(value, path, capped);
  const earlier = r.optionalStrings('capped', LIMITS.labels, LIMITS.label);
  const link: LinkReport = {
    index: r.int('index'),
    href: r.string('href', LIMITS.url),
    url: r.stringOrNull('url', LIMITS.url),
    kind: r.oneOf('kind', LINK_KINDS),
    element: r.oneOf('element', ELEMENTS),
    text: r.string('text', LIMITS.linkText),
    textSource: r.oneOf('textSource', TEXT_SOURCES),
    rel: r.strings('rel', LIMITS.relTokens, LIMITS.relToken),
    internal: r.bool('internal'),
    domain: r.stringOrNull('domain', LIMITS.url),
    host: r.stringOrNull('host', LIMITS.url),
    image: r.bool('image'),
    inList: r.bool('inList'),
    inShadow: r.bool('inShadow'),
    frame: r.stringOrNull('frame', LIMITS.url),
    geometry: readGeometry(r.childOrNull('geometry')),
    fontSizeRatio: r.numberOrNull('fontSizeRatio', 0),
    hidden: r.bool('hidden'),
    // A reason outside today's closed set (lib/report.ts) keeps the link hidden, without a reason.
    hiddenReason: hiddenReasonOf(r.stringOrNull('hiddenReason', LIMITS.label)),
    wrapper: readWrapper(r.childOrNull('wrapper')),
    contextBefore: r.string('contextBefore', LIMITS.linkText),
    contextAfter: r.string('contextAfter', LIMITS.linkText),
    capped: [],
    placement: r.oneOf('placement', PLACEMENTS),
    placementConfidence: r.number('placementConfidence', 0, 1),
    placementSignals: r.strings('placementSignals', LIMITS.labels, LIMITS.label),
    contextRelevance: r.number('contextRelevance', 0, 1),
    targetRelevance: r.numberOrNull('targetRelevance', 0, 1),
    relevance: r.number('relevance', 0, 1),
    sharedTerms: r.strings('sharedTerms', LIMITS.labels, LIMITS.label),
    followed: r.bool('followed'),
    score: r.number('score', 0, 100),
    equityShare: r.number('equityShare', 0, 100),
    reasons: r.items('reasons', LIMITS.labels).map(readReason),
    ...(r.has('linkValue') ? { linkValue: r.number('linkValue', 0, 100) } : {}),
    ...(r.has('strength') ? { strength: readStrength(r.childOrNull('strength')) } : {}),
  };
  link.capped = [...new Set([...earlier, ...capped])];
  return link;
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
  return { url: r.string('url', LIMITS.url), inspected: r.bool('inspected'), reason: r.stringOrNull('reason', LIMITS.label) };
}

function readTiming(r: Reader): StoredPageFacts['timing'] {
  const timing: StoredPageFacts['timing'] = { totalMs: r.number('totalMs', 0), longestTaskMs: r.number('longestTaskMs', 0) };
  if (r.raw('stages') !== undefined) {
    const stages = r.child('stages');
    timing.stages = {};
    for (const name of stages.keys(LIMITS.labels, LIMITS.label)) timing.stages[name] = stages.number(name, 0);
  }
  return timing;
}

function readFacts(r: Reader): StoredPageFacts {
  return {
    reportVersion: r.int('reportVersion', 1, 1000),
    language: r.stringOrNull('language', LIMITS.label),
    description: r.string('description', LIMITS.pageText),
    canonical: r.stringOrNull('canonical', LIMITS.url),
    canonicalElsewhere: r.bool('canonicalElsewhere'),
    metaRobots: r.strings('metaRobots', LIMITS.labels, LIMITS.label),
    indexable: r.bool('indexable'),
    pageNofollow: r.bool('pageNofollow'),
    frames: r.items('frames', LIMITS.frames).map(readFrame),
    timing: readTiming(r.child('timing')),
    ...(r.has('site') ? { site: readStrength(r.childOrNull('site')) } : {}),
  };
}

function readPageUrl(r: Reader, key: string): string {
  const s = r.string(key, LIMITS.url);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    r.fail(key, 'not a valid URL');
  }
  if (!PAGE_SCHEMES.includes(u.protocol)) r.fail(key, 'only web pages (http, https, file) are kept');
  return s;
}

function readTime(r: Reader, key: string, now: number): number {
  const iso = r.string(key, 64);
  const time = Date.parse(iso);
  if (!ISO_TIME.test(iso) || !Number.isFinite(time)) r.fail(key, 'expected an ISO date and time');
  if (time < MIN_TIME || time > now + FUTURE_SLACK_MS) r.fail(key, 'date out of range');
  return time;
}

/** The page part of an exported inspection (everything but its links). */
interface ReadHead {
  pageUrl: string;
  url: string;
  finalUrl: string;
  title: string;
  time: number;
  lastSeen: number;
  counts: LinkCounts;
  facts: StoredPageFacts;
  capped: Set<string>;
  linksPart: { index: number; count: number } | null;
}

function readHead(r: Reader, capped: Set<string>, now: number): ReadHead {
  for (const c of r.optionalStrings('capped', LIMITS.labels, LIMITS.label)) capped.add(c);
  const pageUrl = normalizeUrl(readPageUrl(r, 'pageUrl'));
  const time = readTime(r, 'time', now);
  const lastSeen = r.raw('lastSeen') === undefined ? time : Math.max(time, readTime(r, 'lastSeen', now));
  let linksPart: ReadHead['linksPart'] = null;
  if (r.raw('linksPart') !== undefined) {
    const p = r.child('linksPart');
    const count = p.int('count', 1, 1_000_000);
    linksPart = { index: p.int('index', 1, count), count };
  }
  return {
    pageUrl,
    url: r.string('url', LIMITS.url),
    finalUrl: r.string('finalUrl', LIMITS.url),
    title: r.string('title', LIMITS.pageText),
    time,
    lastSeen,
    counts: readCounts(r.child('counts')),
    facts: readFacts(r.section('facts')),
    capped,
    linksPart,
  };
}

/** The stored records of a read inspection: identity keys and the links' denormalized page and time. */
function toRecords(head: ReadHead, links: LinkReport[]): InspectionRecords {
  const { pageUrl, time } = head;
  return {
    inspection: {
      key: inspectionKey(pageUrl, time, links),
      contentKey: contentKey(links),
      pageUrl,
      url: head.url,
      finalUrl: head.finalUrl,
      title: head.title,
      time,
      lastSeen: head.lastSeen,
      counts: head.counts,
      facts: head.facts,
      linkCount: links.length,
      capped: [...head.capped],
    },
    links: links.map((l) => ({ ...l, pageUrl, time })),
  };
}

/** A read export entry: whole, or one part of an inspection split over several entries. */
export interface ReadEntry {
  records: InspectionRecords;
  /** Set for a part: put the parts together (joinParts) before storing. */
  linksPart: { index: number; count: number } | null;
}

/** Reads one exported inspection (import). Throws SchemaError naming the first bad field. */
export function readExportedInspection(value: unknown, path: string, now = Date.now()): ReadEntry {
  const capped = new Set<string>();
  const r = Reader.open(value, path, capped);
  const head = readHead(r, capped, now);
  const raw = r.list('links', LIMITS.links);
  const links = raw.map((l, i) => readLink(l, `${r.path ? `${r.path}.` : ''}links[${i}]`));
  return { records: toRecords(head, links), linksPart: head.linksPart };
}

/** The parts of one split inspection, in order, as the records of the whole inspection. */
export function joinParts(parts: readonly InspectionRecords[]): InspectionRecords {
  const first = parts[0]!;
  const capped = new Set(parts.flatMap((p) => p.inspection.capped ?? []));
  let links = parts.flatMap((p) => p.links);
  if (links.length > LIMITS.links) {
    links = links.slice(0, LIMITS.links);
    capped.add('links');
  }
  return toRecords(
    {
      ...first.inspection,
      facts: first.inspection.facts,
      capped,
      linksPart: null,
    },
    links,
  );
}

/** A report in its export shape (no checks: the schema reads it next). */
export function exportShapeOf(report: PageReport, time: number): ExportedInspection {
  return {
    pageUrl: normalizeUrl(report.url || report.finalUrl),
    url: report.url,
    finalUrl: report.finalUrl,
    title: report.title,
    time: new Date(time).toISOString(),
    counts: report.counts,
    facts: {
      reportVersion: report.version,
      language: report.language,
      description: report.description,
      canonical: report.canonical,
      canonicalElsewhere: report.canonicalElsewhere,
      metaRobots: report.metaRobots,
      indexable: report.indexable,
      pageNofollow: report.pageNofollow,
      frames: report.frames,
      timing: report.timing,
      site: report.site ?? null,
    },
    links: report.links,
  };
}

export function timeOf(report: Pick<PageReport, 'generatedAt'>): number {
  const t = Date.parse(report.generatedAt);
  return Number.isFinite(t) ? t : Date.now();
}

/**
 * The records a report becomes when it is saved: read through the same schema as an import, so
 * long values are cut and flagged here, before they could make an export unreadable.
 */
export function reportToRecords(report: PageReport, now = Date.now()): InspectionRecords {
  const entry = readExportedInspection(exportShapeOf(report, timeOf(report)), '', Math.max(now, timeOf(report)));
  return entry.records;
}
