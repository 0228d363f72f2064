/** Stage 5 — score. (Placeholder: replaced by the reasonable-surfer formula.) */
import type { LinkFeatures, PageFacts, PlacementResult, RelevanceResult, ScoreResult } from './types';

export function scoreLinks(
  facts: PageFacts,
  links: LinkFeatures[],
  placements: PlacementResult[],
  relevance: RelevanceResult[],
): ScoreResult[] {
  void relevance;
  return links.map((l, i) => {
    const followed = l.kind === 'http' && !facts.pageNofollow && !l.hidden && !l.rel.some((r) => r === 'nofollow' || r === 'sponsored' || r === 'ugc');
    const score = followed ? (placements[i].placement === 'body' ? 60 : 20) : 0;
    return { followed, score, equityShare: 0, reasons: [] };
  });
}
