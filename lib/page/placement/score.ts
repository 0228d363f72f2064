/**
 * Placement's scoring: the body-link verdict of one link from its signals (link-signals.ts) and the fitted
 * model (model.ts, generated), with each signal's share of it for the reasons shown to the user.
 *
 * Two models over the named link signals, fitted together on development pages (scripts/eval/placement-fit.py):
 * logistic weights, one set for links in the main content, one for links in a hinted region within it, one
 * for links outside it (positive = body), and gradient-boosted trees. A link's log-odds are the mean of the
 * two; body when the probability reaches the fitted threshold (MODEL.bodyThreshold).
 */
import type { Placement } from '../../report';
import type { PlacementResult } from '../../types';
import { FEATURES, type FeatureName, type FeatureVector } from './link-signals';
import { MODEL } from './model';

export function result(placement: Placement, confidence: number, signals: string[]): PlacementResult {
  return { placement, confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100, signals };
}


export const BODY_THRESHOLD = MODEL.bodyThreshold;

/** Readable names for the signals list. */
export const FEATURE_TEXT: Record<FeatureName, string> = {
  bias: 'prior',
  landmark: 'inside a landmark',
  regionHeader: 'header region',
  regionFooter: 'footer region',
  regionNav: 'navigation region',
  regionSidebar: 'sidebar region',
  regionComments: 'comment section',
  regionRelated: 'related-content block',
  regionWidget: 'auxiliary widget',
  blockLinkDensity: 'link density of its text block',
  blockTextLog: 'amount of text in its block',
  surroundTextLog: 'text around the link',
  standalone: 'stand-alone link (no text around it)',
  anchorLenLog: 'anchor text length',
  anchorRepeatLog: 'anchor text repeated on the page',
  hrefRepeatLog: 'target repeated on the page',
  inHeading: 'in a heading',
  inList: 'in a list',
  imageOnly: 'image-only link',
  inParagraph: 'in a paragraph',
  mainRelPos: 'position within the main content',
  mainTail: 'at the end of the main content',
  depthBelowMain: 'nesting depth below the main content',
  mainLinkDensity: 'link density of the main content',
  mainShare: 'main content share of the page text',
  internal: 'internal link',
  pagePos: 'position among the page links',
  pageEdge: 'distance from the page ends',
  textPos: 'position in the page text',
  beforeMain: 'before the main content',
  afterMain: 'after the main content',
  nearScore: 'content score of its container',
  commaRate: 'sentence-like text (commas)',
  paragraphs: 'paragraphs in its block',
  regionInMain: 'region nested in the main content',
  denseBlock: 'block mostly links',
  standaloneShort: 'short stand-alone link (button-like)',
  repeatGroupLog: 'one of many alike items',
  repeatItemTextLog: 'text of its repeated item',
  listEdge: 'list at the start or end of its block',
  inMain: 'inside the detected main content',
  templateShare: 'its block styled like the main content',
  templateParentShare: 'block and parent styled like the main content',
  linkTemplateShare: 'link styled like the main content links',
};

/** The generated weights in FEATURES order (a signal the model does not know weighs 0). */
const weightArray = (w: Readonly<Record<string, number>>) => Float64Array.from(FEATURES, (n: FeatureName) => w[n] ?? 0);
const W_MAIN = weightArray(MODEL.weights.main);
const W_MAIN_REGION = weightArray(MODEL.weights.mainRegion);
const W_OUT = weightArray(MODEL.weights.out);

export interface BodyScore {
  probability: number;
  /** What each signal (FEATURES order) added to the log-odds: its weight × value, and its splits' changes of value. */
  contributions: Float64Array;
}

/**
 * The verdict on one link, with each signal's share of it. Regime by the link's place: in the main
 * content (in no hinted region / inside one), or outside it.
 */
export function bodyScore(f: FeatureVector, inMain: boolean, inRegion: boolean, into = new Float64Array(FEATURES.length)): BodyScore {
  const w = inMain ? (inRegion ? W_MAIN_REGION : W_MAIN) : W_OUT;
  let z = 0;
  for (let i = 0; i < w.length; i++) {
    into[i] = w[i]! * f[i]!;
    z += into[i]!;
  }
  const t = treesScore(f, into);
  z = (z + t) / 2;
  for (let i = 0; i < into.length; i++) into[i] = into[i]! / 2;
  return { probability: 1 / (1 + Math.exp(-z)), contributions: into };
}

/** The trees' log-odds; adds each split's change of value to its signal in `into` (Saabas' attribution). */
function treesScore(f: FeatureVector, into: Float64Array): number {
  const { roots, feature, split, left, right, value } = MODEL;
  let z = MODEL.baseline;
  for (let t = 0; t < roots.length; t++) {
    let n = roots[t]!;
    z += value[n]!;
    for (let k = feature[n]!; k >= 0; k = feature[n]!) {
      const next = f[k]! <= split[n]! ? left[n]! : right[n]!;
      into[k] = into[k]! + value[next]! - value[n]!;
      z += value[next]! - value[n]!;
      n = next;
    }
  }
  return z;
}

const signalText = new Map<number, string>();

/**
 * The `k` largest contributions of the given sign, as readable signals ("in a list (+2.0)"), features in
 * `skip[i]` set left out. No sorting, and the strings are cached.
 */
export function topSignals(contributions: Float64Array, sign: 1 | -1, k: number, skip: Uint8Array): string[] {
  const idx = [-1, -1, -1];
  const val = [0, 0, 0];
  const n = Math.min(k, 3);
  for (let i = 1; i < contributions.length; i++) {
    if (skip[i]) continue;
    const c = contributions[i]! * sign;
    if (c <= 0) continue;
    let j = n - 1;
    if (c <= val[j]! && idx[j]! >= 0) continue;
    while (j > 0 && (idx[j - 1]! < 0 || c > val[j - 1]!)) {
      idx[j] = idx[j - 1]!;
      val[j] = val[j - 1]!;
      j--;
    }
    idx[j] = i;
    val[j] = c;
  }
  const out: string[] = [];
  for (let j = 0; j < n && idx[j]! >= 0; j++) {
    const i = idx[j]!;
    const tenths = Math.round(val[j]! * sign * 10);
    const key = i * 100000 + tenths;
    let t = signalText.get(key);
    if (t === undefined) {
      const v = tenths / 10;
      t = `${FEATURE_TEXT[FEATURES[i]!]} (${v > 0 ? '+' : ''}${v.toFixed(1)})`;
      signalText.set(key, t);
    }
    out.push(t);
  }
  return out;
}
