/**
 * Stage 3 — placement. (Placeholder heuristics: landmarks only; replaced by the full classifier.)
 */
import type { Placement } from '../report';
import type { LinkFeatures, PlacementResult } from '../types';

const LANDMARKS: [string, Placement][] = [
  ['header, [role="banner"]', 'header'],
  ['footer, [role="contentinfo"]', 'footer'],
  ['nav, [role="navigation"]', 'nav'],
  ['aside, [role="complementary"]', 'sidebar'],
];

export interface StageContext {
  checkpoint: () => Promise<void> | void;
}

export async function classifyPlacements(doc: Document, links: LinkFeatures[], ctx: StageContext): Promise<PlacementResult[]> {
  void ctx;
  void doc;
  return links.map((l) => {
    for (const [sel, placement] of LANDMARKS) {
      if (l.el.closest(sel)) return { placement, confidence: 0.6, signals: [`inside ${sel.split(',')[0]}`] };
    }
    return { placement: 'body', confidence: 0.3, signals: ['default'] };
  });
}
