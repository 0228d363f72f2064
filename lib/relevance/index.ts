/** Stage 4 — relevance. (Placeholder: replaced by TF-IDF / embeddings.) */
import type { LinkFeatures, PageFacts, PlacementResult, RelevanceResult } from '../types';

export async function scoreRelevance(
  doc: Document,
  facts: PageFacts,
  links: LinkFeatures[],
  placements: PlacementResult[],
  ctx: { checkpoint: () => Promise<void> | void; targetTopics?: Record<string, string> },
): Promise<RelevanceResult[]> {
  void doc; void facts; void placements; void ctx;
  return links.map(() => ({ contextRelevance: 0, targetRelevance: null, relevance: 0, sharedTerms: [] }));
}
