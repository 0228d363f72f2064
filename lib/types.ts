/**
 * Internal shapes passed between the pipeline stages (collect → features → placement →
 * relevance → score → report). They keep the DOM element; the report drops it.
 */
import type { HiddenReason, LinkGeometry, LinkKind, LinkWrapper, Placement, ScoreReason, TextSource } from './report';
import type { PageModel } from './page/model';

/** Stage 1, collect: a link element found in the page. */
export interface CollectedLink {
  el: Element;
  index: number;
  href: string;
  element: 'a' | 'area' | 'svg-a';
  inShadow: boolean;
  /** URL of the same-origin frame, null in the top document. */
  frame: string | null;
  /**
   * The page's <noscript> this link was read from, or null. With scripts on, a browser keeps a
   * noscript's content as text; crawlers still read its links, so they are parsed (inertly) from
   * that text: `el` then lives in a detached document and this element is its place in the page.
   */
  noscript: Element | null;
  /** The structure of the document the link is placed in (the page's, or its frame's). */
  model: PageModel;
  /** The link's record in it — or, for a link read from <noscript> or inside unread markup, the nearest recorded ancestor's; -1 outside the body. */
  record: number;
}

/** Stage 2, features: everything measured about a link, before any judgement. */
export interface LinkFeatures extends CollectedLink {
  url: string | null;
  kind: LinkKind;
  domain: string | null;
  host: string | null;
  internal: boolean;
  wrapper: LinkWrapper | null;
  text: string;
  textSource: TextSource;
  title: string;
  rel: string[];
  image: boolean;
  inList: boolean;
  contextBefore: string;
  contextAfter: string;
  /** Fields cut to their cap in lib/limits.ts ('href', 'url', 'text', 'title', 'rel', 'contextBefore', 'contextAfter'); empty when none. */
  capped: string[];
  geometry: LinkGeometry | null;
  fontSizeRatio: number | null;
  hidden: boolean;
  hiddenReason: HiddenReason | null;
}

/** A link's features without its element: what crosses from the page to the background. */
export type LinkData = Omit<LinkFeatures, 'el' | 'noscript' | 'model' | 'record'>;

/** Stage 3, placement. */
export interface PlacementResult {
  placement: Placement;
  confidence: number;
  signals: string[];
}

/** Stage 4, relevance. */
export interface RelevanceResult {
  contextRelevance: number;
  targetRelevance: number | null;
  relevance: number;
  sharedTerms: string[];
  /**
   * Why the relevance is unknown (too little evidence either way: a short context, mostly names,
   * and no target topic), or null when it is known. Unknown relevance neither raises nor lowers
   * the score.
   */
  unknown?: string | null;
}

/** Stage 5, score. */
export interface ScoreResult {
  followed: boolean;
  score: number;
  equityShare: number;
  /** The score weighted by the linking site's strength (lib/analysis/score/formula.ts). */
  linkValue: number;
  reasons: ScoreReason[];
}

/** Page-level facts that stages may read. */
export interface PageFacts {
  url: string;
  finalUrl: string;
  title: string;
  language: string | null;
  description: string;
  headings: string[];
  canonical: string | null;
  canonicalElsewhere: boolean;
  metaRobots: string[];
  /** Robots tokens from the page's X-Robots-Tag header, when the background could read it. */
  headerRobots?: string[];
  /** Not noindex, by meta robots or the X-Robots-Tag header. */
  indexable: boolean;
  /** nofollow, by meta robots or the X-Robots-Tag header. */
  pageNofollow: boolean;
  /** The page's registrable domain (null for file:, data: …). */
  domain: string | null;
  host: string | null;
  /** Height of the first viewport in CSS px, where the fold is (absent without layout). */
  viewportHeight?: number;
}
