/**
 * The answer a link builder wants first (issue 19 §1), computed from a report's links: how many
 * editorial links the page gives, how many carry a rel hint, how many sit in comments, the best
 * score, counts by placement and by follow status, and the domains the page links to. Pure and
 * O(links): the surfaces compute it for every report, the background for the early preview.
 */
import { emptyPlacementCounts, type LinkReport, type Placement } from './report';
import { FOLLOW_STATUSES, followStatus, isEditorial, type FollowStatus } from './link-terms';

export interface LinkSummary {
  /** Links of every kind. */
  total: number;
  /** Followed external links in the main content. */
  editorial: number;
  /** http links with rel nofollow, ugc or sponsored. */
  hinted: number;
  /** http links in comments. */
  comments: number;
  /** Best score of an external link (null: none). */
  best: number | null;
  /** http links by placement. */
  byPlacement: Record<Placement, number>;
  /** http links by follow status. */
  byFollow: Record<FollowStatus, number>;
  /** Distinct external registrable domains linked to, and how many of them get a followed link. */
  domains: number;
  followedDomains: number;
  /** Links to the user's own sites. */
  mine: number;
  /** Links to the user's competitors: the page is a prospect (absent in summaries made before roles). */
  competitors?: number;
}

export function summarizeLinks(
  links: readonly LinkReport[],
  matchMine: (host: string | null) => string | null = () => null,
  matchCompetitor: (host: string | null) => string | null = () => null,
): LinkSummary {
  const byPlacement = emptyPlacementCounts();
  const byFollow = Object.fromEntries(FOLLOW_STATUSES.map((s) => [s, 0])) as Record<FollowStatus, number>;
  const domains = new Set<string>();
  const followedDomains = new Set<string>();
  let editorial = 0;
  let hinted = 0;
  let best: number | null = null;
  let mine = 0;
  let competitors = 0;
  for (const l of links) {
    if (l.kind !== 'http') continue;
    byPlacement[l.placement]++;
    byFollow[followStatus(l)]++;
    if (l.rel.includes('nofollow') || l.rel.includes('ugc') || l.rel.includes('sponsored')) hinted++;
    if (isEditorial(l)) editorial++;
    if (matchMine(l.host)) mine++;
    else if (matchCompetitor(l.host)) competitors++;
    if (!l.internal) {
      best = best === null ? l.score : Math.max(best, l.score);
      const d = l.domain ?? l.host;
      if (d) {
        domains.add(d);
        if (l.followed) followedDomains.add(d);
      }
    }
  }
  return {
    total: links.length,
    editorial,
    hinted,
    comments: byPlacement.comments,
    best,
    byPlacement,
    byFollow,
    domains: domains.size,
    followedDomains: followedDomains.size,
    mine,
    competitors,
  };
}
