/**
 * What changed on each row since the audit's previous run (monitoring, issue #18 §2): lost, the
 * page gone, became nofollow/sponsored/ugc, moved out of the main content, became hidden, score
 * fell by 10 or more — and the good news, recovered. Notifications go out only for losses and
 * devaluations of backlinks to the user's domains (`notifiable`).
 */
import { LIMITS } from '../limits.ts';
import type { ChangeCounts, ChangeKind, FoundLink, RowResult, Verdict } from './types.ts';

/** A score drop this large (points, best link) counts as devalued. */
export const SCORE_DROP = 10;

export interface RowChange {
  index: number;
  kinds: ChangeKind[];
  before: Verdict | null;
  after: Verdict;
  /** One line for the user. */
  text: string;
}

const HAS_LINK: readonly Verdict[] = ['live', 'weak'];
const HINTS = ['nofollow', 'sponsored', 'ugc'];

const hinted = (l: FoundLink) => l.rel.some((r) => HINTS.includes(r));

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  lost: 'link lost',
  gone: 'page gone',
  nofollow: 'became nofollow/sponsored/ugc',
  'left-body': 'moved out of the main content',
  hidden: 'became hidden',
  'score-fell': `score fell by ${SCORE_DROP} or more`,
  recovered: 'link back',
  unreachable: 'no answer this time',
  new: 'new in the list',
};

/** Losses and devaluations: what a notification is about. */
export const BAD_CHANGES: readonly ChangeKind[] = ['lost', 'gone', 'nofollow', 'left-body', 'hidden', 'score-fell'];

/** How one row changed between two runs (`before` null: the row was not checked last time). */
export function rowChange(before: RowResult | null, after: RowResult): RowChange | null {
  const kinds: ChangeKind[] = [];
  if (!before) kinds.push('new');
  else {
    const had = HAS_LINK.includes(before.verdict);
    const has = HAS_LINK.includes(after.verdict);
    if (had && after.verdict === 'lost') kinds.push('lost');
    if (had && after.verdict === 'gone') kinds.push('gone');
    if (!had && before.verdict !== 'unreachable' && has) kinds.push('recovered');
    if (after.verdict === 'unreachable' && before.verdict !== 'unreachable') kinds.push('unreachable');
    const a = before.links[0];
    const b = after.links[0];
    if (had && has && a && b) {
      if (!hinted(a) && hinted(b)) kinds.push('nofollow');
      if (a.placement === 'body' && b.placement !== 'body') kinds.push('left-body');
      if (!a.hidden && b.hidden) kinds.push('hidden');
      if (a.score - b.score >= SCORE_DROP) kinds.push('score-fell');
    }
  }
  if (!kinds.length) return null;
  const parts = kinds.map((k) => (k === 'score-fell' ? `score ${Math.round(before!.links[0]!.score)} → ${Math.round(after.links[0]!.score)}` : CHANGE_LABELS[k]));
  return { index: after.index, kinds, before: before?.verdict ?? null, after: after.verdict, text: parts.join(', ') };
}

/** Every row's change between two runs' results (by row index). */
export function runChanges(previous: ReadonlyMap<number, RowResult>, current: Iterable<RowResult>): RowChange[] {
  const out: RowChange[] = [];
  for (const r of current) {
    const c = rowChange(previous.get(r.index) ?? null, r);
    if (c) out.push(c);
  }
  return out;
}

export function countChanges(changes: readonly RowChange[]): ChangeCounts {
  const counts: ChangeCounts = {};
  for (const c of changes) for (const k of c.kinds) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

/** The changes worth a notification: a backlink to one of the user's domains lost or devalued. */
export function notifiable(changes: readonly RowChange[], toMyDomains: (index: number) => boolean): RowChange[] {
  return changes.filter((c) => c.kinds.some((k) => BAD_CHANGES.includes(k)) && toMyDomains(c.index)).slice(0, LIMITS.labels);
}
