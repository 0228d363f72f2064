/**
 * Stage 5 — score: per link a 0–100 score, a `followed` verdict, readable reasons and its share
 * of the page's link equity. The formula and all its constants are in lib/analysis/score/formula.ts
 * (written down in the README).
 */
import { isFollowed, scoreLink } from './formula';
import type { SiteStrength } from '../../report';
import type { LinkData, PageFacts, PlacementResult, RelevanceResult, ScoreResult } from '../../types';
import type { LinkHealth } from '../../link-health';

export { FACTORS, PLACEMENT, baseScore, isFollowed, linkValueOf, scoreLink } from './formula';

/** `site`: the page's own site strength, for linkValue (null or absent when unknown); `health[i]`: what links[i]'s target answered, when the links were checked. */
export function scoreLinks(
  facts: PageFacts,
  links: LinkData[],
  placements: PlacementResult[],
  relevance: RelevanceResult[],
  extra: { site?: SiteStrength | null; health?: (LinkHealth | null)[] } = {},
): ScoreResult[] {
  let followedCount = 0;
  for (const l of links) if (isFollowed(facts, l)) followedCount++;
  const { site, health } = extra;
  const scored = links.map((link, i) => scoreLink({ facts, link, placement: placements[i]!, relevance: relevance[i]!, followedCount, site, health: health?.[i] ?? null }));
  const total = scored.reduce((s, x) => s + x.equityWeight, 0);
  return scored.map((s) => ({
    followed: s.followed,
    score: s.score,
    equityShare: total > 0 ? Math.round((1000 * 100 * s.equityWeight) / total) / 1000 : 0,
    linkValue: s.linkValue,
    reasons: s.reasons,
  }));
}
