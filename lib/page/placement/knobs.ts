/**
 * Placement's hand-set thresholds and knobs, named in one place (as in mozilla/readability) so tuning never
 * hunts through the modules. Imports nothing. The fitted model (weights, trees, body threshold) is
 * generated into model.ts by `npm run fit:placement`; the scoring that reads it is score.ts.
 */

/** Main-content search (main-content.ts). */
export const MAIN = {
  /** A block needs this much inline text to count as a paragraph. */
  minParagraphChars: 25,
  /** …and at most this share of it inside links. */
  maxParagraphLinkDensity: 0.5,
  /** One point per this many characters… */
  charsPerPoint: 100,
  /** …up to this many. */
  maxLengthPoints: 3,
  /** How many ancestors a paragraph's points reach. */
  ancestorLevels: 5,
  /** Class/id words: content-like +, boilerplate-like −. */
  classWeight: 25,
  /** <main>, <article>. */
  semanticTagBonus: 10,
  /** Growing the seed: cost of a character of link text, against +1 for plain text… */
  linkTextCost: 1,
  /** …and of a character inside a hinted boilerplate region. */
  boilerplateCost: 1,
  /** A card grid (main-content.ts findGrid): this many alike items… */
  gridMinItems: 4,
  /** …with this much text each on average… */
  gridMinItemChars: 40,
  /** …becomes the main content when its text exceeds the chosen root's text times this… */
  gridOverRoot: 1,
  /** …replacing a root shorter than this outright (else the block holding both)… */
  gridKeepRootChars: 500,
  /** …and only when the chosen root is shorter than this (a caption or a card's blurb, not an article). */
  gridTinyRoot: 1000,
  /** A grid that becomes the main content holds at least this share of the page text. */
  gridMinPageShare: 0.4,
};

/** Region decisions (index.ts / decide below). */
export const REGION = {
  /** Link blocks shorter than this climb to their parent block, like a reader's eye does. */
  contextMinChars: 40,
  /** A class/id hint inside the main content is overruled by a paragraph this long… */
  proseOverrideChars: 120,
  /** …with at most this link density. */
  proseOverrideDensity: 0.3,
  /** Outside the main content: the first/last share of the page's links is header/footer. */
  headerShare: 0.15,
  footerShare: 0.15,
};

/** Layout (geometry.ts), only where the page has real layout. */
export const GEOMETRY = {
  /** A column narrower than this share of the main column's width, beside it, is a sidebar. */
  sidebarMaxWidthRatio: 0.6,
  /** A band below the main content spanning this share of the page width is a footer band. */
  footerMinWidthRatio: 0.8,
  /** Links in the top band of this height (px), outside the main content, are header links. */
  headerBandPx: 200,
};

/** Confidence by kind of evidence. */
export const CONFIDENCE = {
  landmark: 0.9,
  classWord: 0.75,
  mainContent: 0.8,
  mainContentLinkList: 0.55,
  position: 0.55,
  geometry: 0.7,
  fallback: 0.3,
};
