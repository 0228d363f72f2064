/**
 * One vocabulary for what a link is worth, shared by the table, the overlay, the exports and the
 * CLI (issue 19 §4): the follow status a link builder reads first (followed / nofollow /
 * sponsored / ugc), and named score bands. Pure data: every room may import it. The words a user
 * reads come from the locale files (`follow.*`, `band.*` message keys); the ids here are stable.
 */
import type { LinkReport } from './report';

/**
 * What the link passes, as SEO tools name it. `rel` wins in the order sponsored > nofollow > ugc
 * (the score applies them in the same order); `blocked` is a link that passes nothing for another
 * reason: hidden, page-level meta nofollow, or not a web link.
 */
export const FOLLOW_STATUSES = ['followed', 'nofollow', 'sponsored', 'ugc', 'blocked'] as const;
export type FollowStatus = (typeof FOLLOW_STATUSES)[number];

export function followStatus(link: Pick<LinkReport, 'followed' | 'rel'>): FollowStatus {
  if (link.followed) return 'followed';
  if (link.rel.includes('sponsored')) return 'sponsored';
  if (link.rel.includes('nofollow')) return 'nofollow';
  if (link.rel.includes('ugc')) return 'ugc';
  return 'blocked';
}

/** Colours of the follow statuses (table badges, overlay outlines, legends); readable on light and dark. */
export const FOLLOW_COLORS: Record<FollowStatus, string> = {
  followed: '#16a34a',
  nofollow: '#dc2626',
  sponsored: '#d97706',
  ugc: '#2563eb',
  blocked: '#64748b',
};

/**
 * Score bands with names. The cut points follow the score's own scale (README, "The score"): a
 * plain followed link in the main content scores about 71; one in the related block, comments,
 * sidebar or menus 30–46; a footer link about 17; a nofollow, ugc or sponsored link under 10.
 */
export const SCORE_BANDS = [
  { id: 'strong', min: 60 },
  { id: 'fair', min: 30 },
  { id: 'weak', min: 10 },
  { id: 'token', min: 1 },
  { id: 'none', min: 0 },
] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number]['id'];

export function scoreBand(score: number): ScoreBand {
  for (const b of SCORE_BANDS) if (score >= b.min) return b.id;
  return 'none';
}

/** The band's range as "60–100", "30–59", …, "0". */
export function bandRange(id: ScoreBand): string {
  const i = SCORE_BANDS.findIndex((b) => b.id === id);
  const min = SCORE_BANDS[i]!.min;
  const max = i === 0 ? 100 : SCORE_BANDS[i - 1]!.min - 1;
  return min === max ? String(min) : `${min}–${max}`;
}

/**
 * An editorial link: what a link builder is after — a followed link to another site placed in the
 * page's main content. The "editorial opportunities" view and the verdict line count these.
 */
export function isEditorial(link: Pick<LinkReport, 'kind' | 'internal' | 'followed' | 'placement'>): boolean {
  return link.kind === 'http' && !link.internal && link.followed && link.placement === 'body';
}
