/**
 * Per-link evidence, read in O(1) from the per-element records: where the link's region context puts it,
 * whether it sits in the main content, and the boilerpipe-style local measures of the text block around
 * it (link density, amount of surrounding text, a stand-alone link or one inside a sentence, anchor text
 * repeated across the page like "Reply" or "Read more").
 */
import type { Placement } from '../../report';
import { linkDensity, type PageModel } from '../model';
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
  /** Inside a forum post (tokens.ts FORUM_POST): its links are user-generated, not editorial. */
  post: boolean;
}

/** Feature names, in a fixed order (the generated model.ts uses the same names; a test checks it). */
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
  model: PageModel;
  /** The link's record. */
  block: number;
  /** The text block a reader sees the link in (≥ REGION.contextMinChars). */
  context: number;
  ctx: Ctx;
  /** The main content's root record (-1: none). */
  main: number;
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
  const { model: m, block: b, context: cb, ctx, main } = x;
  const owner = m.owner[b]!;
  const anchorLen = m.text[b]!;
  const surround = Math.max(0, m.inlineText[owner]! - anchorLen);
  let inHeading = 0;
  let inList = 0;
  for (let p = m.parent[b]!, d = 0; p >= 0 && d < 8 && p !== main; p = m.parent[p]!, d++) {
    const tag = m.tag[p]!;
    if (tag.length === 2 && tag[0] === 'h' && tag[1]! >= '1' && tag[1]! <= '6') inHeading = 1;
    if (tag === 'li' || tag === 'dd' || tag === 'dt') inList = 1;
  }
  // The nearest ancestor that is one of 3+ alike siblings (a list item, a card, a post).
  let item = -1;
  for (let p = b, d = 0; p >= 0 && d < 7 && p !== main; p = m.parent[p]!, d++) {
    if (m.siblingGroup[p]! >= 3 && m.tag[p] !== 'a' && m.tag[p] !== 'span') {
      item = p;
      break;
    }
  }
  // A list (ul/ol/dl) first or last in its parent block: a menu or table of contents sits at a block's
  // start or end, a list of content links usually follows a paragraph. (Fitted on the dev pages, this
  // plain first/last-child test beat a "no prose before or after it" test.)
  let listEdge = 0;
  for (let p = m.parent[b]!, d = 0; p >= 0 && d < 8 && p !== main; p = m.parent[p]!, d++) {
    const tag = m.tag[p]!;
    if (tag === 'ul' || tag === 'ol' || tag === 'dl') {
      const pp = m.parent[p]!;
      if (pp >= 0 && (m.lastChild[pp] === p || m.prevSib[p]! < 0)) listEdge = 1;
      break;
    }
  }
  const hasMain = main >= 0;
  const relPos = hasMain && ctx.inMain ? (b - main) / Math.max(1, m.end[main]! - main) : 0;
  const r = ctx.region;
  const v = into ?? new Float64Array(FEATURE_COUNT);
  const cbDensity = linkDensity(m, cb);
  v[FI.bias] = 1;
  v[FI.landmark] = ctx.strong ? 1 : 0;
  v[FI.regionHeader] = r === 'header' ? 1 : 0;
  v[FI.regionFooter] = r === 'footer' ? 1 : 0;
  v[FI.regionNav] = r === 'nav' ? 1 : 0;
  v[FI.regionSidebar] = r === 'sidebar' && ctx.hint !== 'widget' ? 1 : 0;
  v[FI.regionComments] = r === 'comments' ? 1 : 0;
  v[FI.regionRelated] = r === 'related' ? 1 : 0;
  v[FI.regionWidget] = ctx.hint === 'widget' ? 1 : 0;
  v[FI.blockLinkDensity] = cbDensity;
  v[FI.blockTextLog] = log10p(m.text[cb]!);
  v[FI.surroundTextLog] = log10p(surround);
  v[FI.standalone] = surround <= 3 ? 1 : 0;
  v[FI.anchorLenLog] = log10p(anchorLen);
  v[FI.anchorRepeatLog] = Math.log2(Math.max(1, x.anchorRepeats));
  v[FI.hrefRepeatLog] = Math.log2(Math.max(1, x.hrefRepeats));
  v[FI.inHeading] = inHeading;
  v[FI.inList] = inList;
  v[FI.imageOnly] = x.image && anchorLen === 0 ? 1 : 0;
  v[FI.inParagraph] = m.tag[owner] === 'p' ? 1 : 0;
  v[FI.mainRelPos] = relPos;
  v[FI.mainTail] = relPos > 0.85 ? 1 : 0;
  v[FI.depthBelowMain] = hasMain && ctx.inMain ? Math.min(20, m.depth[b]! - m.depth[main]!) / 10 : 0;
  v[FI.mainLinkDensity] = hasMain ? linkDensity(m, main) : 1;
  v[FI.mainShare] = hasMain && x.pageText ? m.text[main]! / x.pageText : 0;
  v[FI.internal] = x.internal ? 1 : 0;
  v[FI.pagePos] = x.pagePos;
  v[FI.pageEdge] = Math.min(x.pagePos, 1 - x.pagePos);
  v[FI.textPos] = x.pageText ? m.textBefore[b]! / x.pageText : 0;
  v[FI.beforeMain] = hasMain && !ctx.inMain && b < main ? 1 : 0;
  v[FI.afterMain] = hasMain && !ctx.inMain && b > m.end[main]! ? 1 : 0;
  v[FI.nearScore] = nearScore(m, b, x.bestScore, x.scores);
  const ownerText = m.inlineText[owner]!;
  v[FI.commaRate] = ownerText ? Math.min(1, (m.commas[owner]! * 100) / ownerText / 3) : 0;
  v[FI.paragraphs] = Math.min(10, m.paragraphs[cb]!) / 10;
  v[FI.regionInMain] = ctx.regionInMain ? 1 : 0;
  v[FI.denseBlock] = cbDensity > 0.7 ? 1 : 0;
  v[FI.standaloneShort] = surround <= 3 && anchorLen < 15 ? 1 : 0;
  v[FI.repeatGroupLog] = item >= 0 ? Math.log2(m.siblingGroup[item]!) : 0;
  v[FI.repeatItemTextLog] = item >= 0 ? log10p(m.text[item]!) : 0;
  v[FI.listEdge] = listEdge;
  v[FI.inMain] = ctx.inMain ? 1 : 0;
  const t = x.templates;
  v[FI.templateShare] = t.blockShare;
  v[FI.templateParentShare] = t.parentShare;
  v[FI.linkTemplateShare] = t.linkShare;
  return v;
}

/** The best candidate score among the link's nearest ancestors, relative to the page's best (0–1). */
function nearScore(m: PageModel, b: number, best: number, scores: Float64Array): number {
  if (best <= 0) return 0;
  let s = 0;
  for (let p = b, d = 0; p >= 0 && d < 6; p = m.parent[p]!, d++) if (scores[p]! > s) s = scores[p]!;
  return Math.min(1, s / best);
}
