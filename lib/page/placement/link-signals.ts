/**
 * Per-link evidence, read in O(1) from the per-element records: where the link's region context puts it,
 * whether it sits in the main content, and the boilerpipe-style local measures of the text block around
 * it (link density, amount of surrounding text, a stand-alone link or one inside a sentence, anchor text
 * repeated across the page like "Reply" or "Read more").
 */
import type { Placement } from '../../report';
import type { Block } from './signals';
import { linkDensity } from './signals';
import type { TemplateStats } from './templates';
import type { TokenHint } from './tokens';

/** Region context of an element, inherited top-down (see index.ts). */
export interface Ctx {
  region: Placement | null;
  hint: TokenHint | null;
  strong: boolean;
  why: string;
  inMain: boolean;
  /** The region was entered inside the main content (an article's header, a share bar, comments). */
  regionInMain: boolean;
}

/** Feature names, in a fixed order (the weights in combine.ts use the same names). */
export const FEATURES = [
  'bias',
  'landmark',
  'regionHeader',
  'regionFooter',
  'regionNav',
  'regionSidebar',
  'regionComments',
  'regionRelated',
  'regionWidget',
  'blockLinkDensity',
  'blockTextLog',
  'surroundTextLog',
  'standalone',
  'anchorLenLog',
  'anchorRepeatLog',
  'hrefRepeatLog',
  'inHeading',
  'inList',
  'imageOnly',
  'inParagraph',
  'mainRelPos',
  'mainTail',
  'depthBelowMain',
  'mainLinkDensity',
  'mainShare',
  'internal',
  'pagePos',
  'pageEdge',
  'textPos',
  'beforeMain',
  'afterMain',
  'nearScore',
  'commaRate',
  'paragraphs',
  'regionInMain',
  'denseBlock',
  'standaloneShort',
  'repeatGroupLog',
  'repeatItemTextLog',
  'listEdge',
  'inMain',
  'templateShare',
  'templateParentShare',
  'linkTemplateShare',
] as const;
export type FeatureName = (typeof FEATURES)[number];
/** Feature values in FEATURES order (a typed array: one allocation per link, no per-name objects). */
export type FeatureVector = Float64Array;
/** Index of each feature in a FeatureVector. */
export const FI = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<FeatureName, number>;
export const FEATURE_COUNT = FEATURES.length;

export interface LinkInput {
  block: Block;
  /** The text block a reader sees the link in (≥ REGION.contextMinChars). */
  context: Block;
  ctx: Ctx;
  main: Block | null;
  pageText: number;
  anchorText: string;
  anchorRepeats: number;
  hrefRepeats: number;
  internal: boolean;
  image: boolean;
  /** Position among the document's links (0–1). */
  pagePos: number;
  /** The best main-content candidate score on the page. */
  bestScore: number;
  /** Candidate scores by block order. */
  scores: Float64Array;
  /** How much of the markup the link and its block share sits in the main content (templates.ts). */
  templates: TemplateStats;
}

const log10p = (x: number) => Math.log10(1 + Math.max(0, x));

/** `into`: a zeroed vector to fill (a view on one buffer for all links is far cheaper than an array each). */
export function linkFeatures(x: LinkInput, into?: FeatureVector): FeatureVector {
  const { block: b, context: cb, ctx, main } = x;
  const owner = b.blockOwner;
  const anchorLen = b.text;
  const surround = Math.max(0, owner.inlineText - anchorLen);
  let inHeading = 0;
  let inList = 0;
  for (let p = b.parent, d = 0; p && d < 8 && p !== main; p = p.parent, d++) {
    if (p.tag.length === 2 && p.tag[0] === 'h' && p.tag[1]! >= '1' && p.tag[1]! <= '6') inHeading = 1;
    if (p.tag === 'li' || p.tag === 'dd' || p.tag === 'dt') inList = 1;
  }
  // The nearest ancestor that is one of 3+ alike siblings (a list item, a card, a post).
  let item: Block | null = null;
  for (let p: Block | null = b, d = 0; p && d < 7 && p !== main; p = p.parent, d++) {
    if (p.siblingGroup >= 3 && p.tag !== 'a' && p.tag !== 'span') {
      item = p;
      break;
    }
  }
  // A list (ul/ol/dl) first or last in its parent block: a menu or table of contents sits at a block's
  // start or end, a list of content links usually follows a paragraph. (Fitted on the dev pages, this
  // plain first/last-child test beat a "no prose before or after it" test.)
  let listEdge = 0;
  for (let p = b.parent, d = 0; p && d < 8 && p !== main; p = p.parent, d++) {
    if (p.tag === 'ul' || p.tag === 'ol' || p.tag === 'dl') {
      if (p.parent && (p.parent.lastChild === p || !p.prevSib)) listEdge = 1;
      break;
    }
  }
  const relPos = main && ctx.inMain ? (b.order - main.order) / Math.max(1, main.end - main.order) : 0;
  const r = ctx.region;
  const v = into ?? new Float64Array(FEATURE_COUNT);
  v[FI.bias] = 1;
  v[FI.landmark] = ctx.strong ? 1 : 0;
  v[FI.regionHeader] = r === 'header' ? 1 : 0;
  v[FI.regionFooter] = r === 'footer' ? 1 : 0;
  v[FI.regionNav] = r === 'nav' ? 1 : 0;
  v[FI.regionSidebar] = r === 'sidebar' && ctx.hint !== 'widget' ? 1 : 0;
  v[FI.regionComments] = r === 'comments' ? 1 : 0;
  v[FI.regionRelated] = r === 'related' ? 1 : 0;
  v[FI.regionWidget] = ctx.hint === 'widget' ? 1 : 0;
  v[FI.blockLinkDensity] = linkDensity(cb);
  v[FI.blockTextLog] = log10p(cb.text);
  v[FI.surroundTextLog] = log10p(surround);
  v[FI.standalone] = surround <= 3 ? 1 : 0;
  v[FI.anchorLenLog] = log10p(anchorLen);
  v[FI.anchorRepeatLog] = Math.log2(Math.max(1, x.anchorRepeats));
  v[FI.hrefRepeatLog] = Math.log2(Math.max(1, x.hrefRepeats));
  v[FI.inHeading] = inHeading;
  v[FI.inList] = inList;
  v[FI.imageOnly] = x.image && anchorLen === 0 ? 1 : 0;
  v[FI.inParagraph] = owner.tag === 'p' ? 1 : 0;
  v[FI.mainRelPos] = relPos;
  v[FI.mainTail] = relPos > 0.85 ? 1 : 0;
  v[FI.depthBelowMain] = main && ctx.inMain ? Math.min(20, b.depth - main.depth) / 10 : 0;
  v[FI.mainLinkDensity] = main ? linkDensity(main) : 1;
  v[FI.mainShare] = main && x.pageText ? main.text / x.pageText : 0;
  v[FI.internal] = x.internal ? 1 : 0;
  v[FI.pagePos] = x.pagePos;
  v[FI.pageEdge] = Math.min(x.pagePos, 1 - x.pagePos);
  v[FI.textPos] = x.pageText ? b.textBefore / x.pageText : 0;
  v[FI.beforeMain] = main && !ctx.inMain && b.order < main.order ? 1 : 0;
  v[FI.afterMain] = main && !ctx.inMain && b.order > main.end ? 1 : 0;
  v[FI.nearScore] = nearScore(b, x.bestScore, x.scores);
  v[FI.commaRate] = owner.inlineText ? Math.min(1, (owner.commas * 100) / owner.inlineText / 3) : 0;
  v[FI.paragraphs] = Math.min(10, cb.paragraphs) / 10;
  v[FI.regionInMain] = ctx.regionInMain ? 1 : 0;
  v[FI.denseBlock] = linkDensity(cb) > 0.7 ? 1 : 0;
  v[FI.standaloneShort] = surround <= 3 && anchorLen < 15 ? 1 : 0;
  v[FI.repeatGroupLog] = item ? Math.log2(item.siblingGroup) : 0;
  v[FI.repeatItemTextLog] = item ? log10p(item.text) : 0;
  v[FI.listEdge] = listEdge;
  v[FI.inMain] = ctx.inMain ? 1 : 0;
  const t = x.templates;
  v[FI.templateShare] = t.blockShare;
  v[FI.templateParentShare] = t.parentShare;
  v[FI.linkTemplateShare] = t.linkShare;
  return v;
}

/** The best candidate score among the link's nearest ancestors, relative to the page's best (0–1). */
function nearScore(b: Block, best: number, scores: Float64Array): number {
  if (best <= 0) return 0;
  let s = 0;
  for (let p: Block | null = b, d = 0; p && d < 6; p = p.parent, d++) if (scores[p.order]! > s) s = scores[p.order]!;
  return Math.min(1, s / best);
}

