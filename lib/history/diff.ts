/**
 * What changed between two inspections of the same page. Pure: no storage, no DOM.
 *
 * Links are matched by target (normalized URL for http links, kind + href otherwise). When a
 * page links to the same target several times, occurrences are paired identical-first (same
 * text, placement and rel), then in document order; unpaired ones are gained or lost.
 */
import type { LinkReport, Placement } from '../report.ts';
import { normalizeUrl } from './normalize-url.ts';
import { createDomainMatcher } from '../my-domains.ts';
import { backlinkDomain } from './domains.ts';

export type DiffLink = Pick<
  LinkReport,
  'index' | 'href' | 'url' | 'kind' | 'text' | 'rel' | 'placement' | 'domain' | 'host' | 'followed' | 'score' | 'internal'
>;

export interface LinkChange<L extends DiffLink = DiffLink> {
  before: L;
  after: L;
  /** The user's domain the link points at, or null. */
  myDomain: string | null;
}

export interface MyLink<L extends DiffLink = DiffLink> {
  link: L;
  myDomain: string;
}

export interface DevaluedBacklink<L extends DiffLink = DiffLink> extends LinkChange<L> {
  myDomain: string;
  /** Readable reasons (English), most serious first ("became nofollow", "moved from body to footer"). */
  reasons: string[];
  /** The same reasons as data, for the surfaces to say in the UI language. */
  why: Devaluation[];
}

/** One way a backlink lost value. */
export type Devaluation =
  | { kind: 'became'; rels: string[] }
  | { kind: 'unfollowed' }
  | { kind: 'moved'; from: DiffLink['placement']; to: DiffLink['placement'] }
  | { kind: 'score'; from: number; to: number };

export interface InspectionDiff<L extends DiffLink = DiffLink> {
  gained: L[];
  lost: L[];
  relChanged: LinkChange<L>[];
  placementChanged: LinkChange<L>[];
  textChanged: LinkChange<L>[];
  /** Paired links with none of the changes above. */
  unchanged: number;
  /** Backlinks to the user's domains: shown prominently. */
  mine: {
    lost: MyLink<L>[];
    devalued: DevaluedBacklink<L>[];
    gained: MyLink<L>[];
  };
}

/** How much value a placement typically carries, for "devalued" (body is the best place). */
export const PLACEMENT_WEIGHT: Record<Placement, number> = {
  body: 1,
  related: 0.7,
  header: 0.5,
  nav: 0.5,
  sidebar: 0.45,
  comments: 0.35,
  footer: 0.3,
};

/** rel tokens that stop or reduce the value a link passes. */
const VALUE_RELS = ['nofollow', 'sponsored', 'ugc'] as const;
/** A score drop at least this large (0–100 points) devalues a backlink on its own. */
export const SCORE_DROP_POINTS = 10;

export function linkIdentity(l: Pick<DiffLink, 'kind' | 'url' | 'href'>): string {
  if (l.kind === 'http' && l.url) return `u:${normalizeUrl(l.url)}`;
  return `${l.kind}:${l.url ?? l.href.trim()}`;
}

function relKey(rel: readonly string[]): string {
  return [...new Set(rel.map((r) => r.toLowerCase()))].sort().join(' ');
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

function identical(a: DiffLink, b: DiffLink): boolean {
  return sameText(a.text, b.text) && a.placement === b.placement && relKey(a.rel) === relKey(b.rel);
}

function groupBy<L extends DiffLink>(links: readonly L[]): Map<string, L[]> {
  const m = new Map<string, L[]>();
  for (const l of [...links].sort((a, b) => a.index - b.index)) {
    const k = linkIdentity(l);
    const list = m.get(k);
    if (list) list.push(l);
    else m.set(k, [l]);
  }
  return m;
}

/** Pairs occurrences of one target: identical ones first, the rest in document order. */
function pair<L extends DiffLink>(olds: L[], news: L[]): { pairs: [L, L][]; lost: L[]; gained: L[] } {
  const pairs: [L, L][] = [];
  const restOld: L[] = [];
  const restNew = [...news];
  for (const o of olds) {
    const i = restNew.findIndex((n) => identical(o, n));
    if (i >= 0) pairs.push([o, restNew.splice(i, 1)[0]!]);
    else restOld.push(o);
  }
  const n = Math.min(restOld.length, restNew.length);
  for (let i = 0; i < n; i++) pairs.push([restOld[i]!, restNew[i]!]);
  return { pairs, lost: restOld.slice(n), gained: restNew.slice(n) };
}

/** Why a backlink is worth less now than before, most serious first; empty when it is not. */
export function devaluations(before: DiffLink, after: DiffLink): Devaluation[] {
  const out: Devaluation[] = [];
  const beforeRel = new Set(before.rel.map((r) => r.toLowerCase()));
  const added = VALUE_RELS.filter((r) => !beforeRel.has(r) && after.rel.some((x) => x.toLowerCase() === r));
  if (added.length) out.push({ kind: 'became', rels: added });
  if (before.followed && !after.followed && !added.length) out.push({ kind: 'unfollowed' });
  if (PLACEMENT_WEIGHT[after.placement] < PLACEMENT_WEIGHT[before.placement]) out.push({ kind: 'moved', from: before.placement, to: after.placement });
  if (before.score - after.score >= SCORE_DROP_POINTS) out.push({ kind: 'score', from: Math.round(before.score), to: Math.round(after.score) });
  return out;
}

/** A devaluation in English (the CLI, exports, tests). */
export function devaluationSentence(d: Devaluation): string {
  switch (d.kind) {
    case 'became':
      return `became ${d.rels.join(' + ')}`;
    case 'unfollowed':
      return 'no longer passes value';
    case 'moved':
      return `moved from ${d.from} to ${d.to}`;
    case 'score':
      return `score fell from ${d.from} to ${d.to}`;
  }
}

/** Why a backlink is worth less now than before, in English; empty when it is not. */
export function devaluationReasons(before: DiffLink, after: DiffLink): string[] {
  return devaluations(before, after).map(devaluationSentence);
}

/**
 * Diffs the links of an older and a newer inspection of the same page. `myDomains` must be
 * normalized (see normalizeDomainList); links to them that were lost or devalued are listed
 * under `mine`.
 */
export function diffInspections<L extends DiffLink>(
  oldLinks: readonly L[],
  newLinks: readonly L[],
  myDomains: readonly string[] = [],
): InspectionDiff<L> {
  const diff: InspectionDiff<L> = {
    gained: [],
    lost: [],
    relChanged: [],
    placementChanged: [],
    textChanged: [],
    unchanged: 0,
    mine: { lost: [], devalued: [], gained: [] },
  };
  const olds = groupBy(oldLinks);
  const news = groupBy(newLinks);
  const match = createDomainMatcher(myDomains);
  const mineOf = (l: L) => backlinkDomain(l, match);

  for (const [key, oldGroup] of olds) {
    const { pairs, lost, gained } = pair(oldGroup, news.get(key) ?? []);
    diff.lost.push(...lost);
    diff.gained.push(...gained);
    for (const [before, after] of pairs) {
      const myDomain = mineOf(after) ?? mineOf(before);
      const change: LinkChange<L> = { before, after, myDomain };
      let changed = false;
      if (relKey(before.rel) !== relKey(after.rel)) {
        diff.relChanged.push(change);
        changed = true;
      }
      if (before.placement !== after.placement) {
        diff.placementChanged.push(change);
        changed = true;
      }
      if (!sameText(before.text, after.text)) {
        diff.textChanged.push(change);
        changed = true;
      }
      if (!changed) diff.unchanged++;
      if (myDomain) {
        const why = devaluations(before, after);
        if (why.length) diff.mine.devalued.push({ before, after, myDomain, reasons: why.map(devaluationSentence), why });
      }
    }
  }
  for (const [key, newGroup] of news) if (!olds.has(key)) diff.gained.push(...newGroup);

  const byIndex = (a: L, b: L) => a.index - b.index;
  diff.lost.sort(byIndex);
  diff.gained.sort(byIndex);
  for (const list of [diff.relChanged, diff.placementChanged, diff.textChanged, diff.mine.devalued]) {
    list.sort((a, b) => a.after.index - b.after.index);
  }
  for (const l of diff.lost) {
    const d = mineOf(l);
    if (d) diff.mine.lost.push({ link: l, myDomain: d });
  }
  for (const l of diff.gained) {
    const d = mineOf(l);
    if (d) diff.mine.gained.push({ link: l, myDomain: d });
  }
  return diff;
}

/** True when nothing changed at all. */
export function isEmptyDiff(d: InspectionDiff<DiffLink>): boolean {
  return !d.gained.length && !d.lost.length && !d.relChanged.length && !d.placementChanged.length && !d.textChanged.length;
}
