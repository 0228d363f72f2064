/**
 * The link score, in one module so it can be tuned (formula written down in the README).
 *
 * Reasonable-surfer model: the chance a reader follows a link decides the share of the page's
 * value it passes. Per link:
 *
 *   clickWeight w = PLACEMENT[placement] × position × prominence × relevanceFactor × dilution
 *                   (relevanceFactor = 1 when the relevance is unknown: no penalty without evidence)
 *   base score    = 100 × (1 − e^(−w / SCALE))
 *   score         = base × pass          (pass: rel hints, page directives, redirect/tracking)
 *   score         = 0 when hidden or not an http(s) link
 *   equityShare   = w·pass / Σ(w·pass over followed links) × 100 %   (0 when not followed)
 *
 * Every factor becomes a ScoreReason whose `effect` is the change in points it caused, applied in
 * the order listed, so the effects add up to the score.
 */
import type { Placement, ScoreReason } from '../../report';
import type { LinkData, PageFacts, PlacementResult, RelevanceResult } from '../../types';

/** Click weight of a placement (reasonable surfer: where readers actually click). */
export const PLACEMENT: Record<Placement, number> = {
  body: 1,
  related: 0.5,
  comments: 0.4,
  sidebar: 0.35,
  header: 0.3,
  nav: 0.3,
  footer: 0.15,
};

export const PLACEMENT_TEXT: Record<Placement, string> = {
  body: 'in the main content',
  related: 'in a related-links block',
  comments: 'in the comments',
  sidebar: 'in a sidebar',
  header: 'in the page header',
  nav: 'in the navigation',
  footer: 'in the footer',
};

export const FACTORS = {
  /** base = 100·(1 − e^(−w/SCALE)): w = 1 (a plain body link) → 71. */
  scale: 0.8,
  aboveFold: 1.15,
  /** Position: × (1 − lowOnPage·pageFraction) below the fold. */
  lowOnPage: 0.35,
  /** Font size ratio to the page's median link, clamped, then ^fontExponent. */
  fontMin: 0.7,
  fontMax: 1.6,
  fontExponent: 0.5,
  /** Running text = at least this many words around the link, not in a list. */
  runningTextWords: 8,
  runningText: 1.15,
  inList: 0.8,
  image: 0.9,
  noAnchor: 0.6,
  /** relevanceFactor = relevanceMin + (relevanceMax − relevanceMin)·relevance. */
  relevanceMin: 0.4,
  relevanceMax: 1.5,
  /** dilution = clamp((dilutionRef / followed links)^dilutionExponent, dilutionMin, dilutionMax). */
  dilutionRef: 40,
  dilutionExponent: 0.25,
  dilutionMin: 0.55,
  dilutionMax: 1.1,
  /** Pass-through (multiplies the score). */
  nofollow: 0.1,
  sponsored: 0.08,
  ugc: 0.15,
  pageNofollow: 0.1,
  noindex: 0.5,
  canonicalElsewhere: 0.6,
  redirect: 0.6,
  tracking: 0.97,
};

export interface ScoreInput {
  facts: PageFacts;
  link: LinkData;
  placement: PlacementResult;
  relevance: RelevanceResult;
  /** Followed http links on the page (for dilution). */
  followedCount: number;
}

export interface LinkScore {
  followed: boolean;
  score: number;
  /** w × pass, the link's weight in the page's equity split (0 when not followed). */
  equityWeight: number;
  reasons: ScoreReason[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const fmt = (x: number) => (Math.round(x * 100) / 100).toString();

/** Does the link pass value at all? (http, visible, no rel hint, no page-level nofollow.) */
export function isFollowed(facts: PageFacts, link: LinkData): boolean {
  return link.kind === 'http' && !link.hidden && !facts.pageNofollow && !link.rel.some((r) => r === 'nofollow' || r === 'sponsored' || r === 'ugc');
}

export function baseScore(w: number): number {
  return 100 * (1 - Math.exp(-w / FACTORS.scale));
}

export function scoreLink(input: ScoreInput): LinkScore {
  const { facts, link, placement, relevance, followedCount } = input;
  const reasons: ScoreReason[] = [];
  const followed = isFollowed(facts, link);

  if (link.kind !== 'http') {
    reasons.push({ code: 'not-http', text: `Not a web link (${link.kind}): passes no value`, effect: 0 });
    return { followed: false, score: 0, equityWeight: 0, reasons };
  }

  // --- click weight ------------------------------------------------------------------------
  let w = PLACEMENT[placement.placement];
  let score = baseScore(w);
  reasons.push({ code: `placement-${placement.placement}`, text: `Placed ${PLACEMENT_TEXT[placement.placement]}`, effect: score });
  const step = (code: string, text: string, factor: number) => {
    if (factor === 1) return;
    w *= factor;
    const next = baseScore(w);
    reasons.push({ code, text, effect: next - score });
    score = next;
  };

  const g = link.geometry;
  if (g) {
    if (g.aboveFold) step('above-fold', 'Above the fold: seen without scrolling', FACTORS.aboveFold);
    else step('low-on-page', `Below the fold, ${pct(g.pageFraction)} down the page`, 1 - FACTORS.lowOnPage * Math.min(1, Math.max(0, g.pageFraction)));
  }
  if (link.fontSizeRatio !== null) {
    const r = Math.min(FACTORS.fontMax, Math.max(FACTORS.fontMin, link.fontSizeRatio));
    const f = Math.pow(r, FACTORS.fontExponent);
    if (Math.abs(f - 1) >= 0.02) step(r > 1 ? 'large-text' : 'small-text', `${r > 1 ? 'Larger' : 'Smaller'} text than most links (${fmt(link.fontSizeRatio)}×)`, f);
  }
  const around = countWords(link.contextBefore) + countWords(link.contextAfter);
  if (link.inList) step('in-list', 'In a list, not in running text', FACTORS.inList);
  else if (around >= FACTORS.runningTextWords) step('running-text', 'In running text', FACTORS.runningText);
  if (link.image) step('image', 'Image link: the alt text is its anchor', FACTORS.image);
  if (!link.text) step('no-anchor', 'No anchor text', FACTORS.noAnchor);

  const rel = relevance.relevance;
  if (relevance.unknown) {
    // No penalty without evidence: the relevance factor stays neutral (×1).
    reasons.push({ code: 'relevance-unknown', text: `Relevance unknown: ${relevance.unknown}; no penalty`, effect: 0 });
  } else {
    const relFactor = FACTORS.relevanceMin + (FACTORS.relevanceMax - FACTORS.relevanceMin) * rel;
    const shared = relevance.sharedTerms.length ? `; shared: ${relevance.sharedTerms.slice(0, 3).join(', ')}` : '';
    const relText =
      rel >= 0.5 ? `On-topic (relevance ${fmt(rel)}${shared})` : rel >= 0.25 ? `Partly on-topic (relevance ${fmt(rel)}${shared})` : `Off-topic (relevance ${fmt(rel)}${shared})`;
    step(rel >= 0.5 ? 'relevant' : rel >= 0.25 ? 'partly-relevant' : 'off-topic', relText, relFactor);
  }

  if (followed) {
    const d = Math.min(FACTORS.dilutionMax, Math.max(FACTORS.dilutionMin, Math.pow(FACTORS.dilutionRef / Math.max(1, followedCount), FACTORS.dilutionExponent)));
    step(d < 1 ? 'diluted' : 'few-links', `One of ${followedCount} followed link${followedCount === 1 ? '' : 's'} on the page`, d);
  }

  // --- pass-through -----------------------------------------------------------------------
  let pass = 1;
  const passStep = (code: string, text: string, factor: number) => {
    pass *= factor;
    const next = score * factor;
    reasons.push({ code, text, effect: next - score });
    score = next;
  };
  if (link.rel.includes('sponsored')) passStep('rel-sponsored', 'rel="sponsored": marked as paid, passes little', FACTORS.sponsored);
  else if (link.rel.includes('nofollow')) passStep('rel-nofollow', 'rel="nofollow": a hint not to pass value', FACTORS.nofollow);
  else if (link.rel.includes('ugc')) passStep('rel-ugc', 'rel="ugc": user-generated, passes little', FACTORS.ugc);
  if (facts.pageNofollow) passStep('page-nofollow', 'The page says nofollow (meta robots): no link on it passes value', FACTORS.pageNofollow);
  if (!facts.indexable) passStep('page-noindex', 'The page is noindex: search engines drop it, and its links in time', FACTORS.noindex);
  if (facts.canonicalElsewhere) passStep('canonical-elsewhere', `The page's canonical points elsewhere (${facts.canonical ?? ''}): its value goes there`, FACTORS.canonicalElsewhere);
  if (link.wrapper?.kind === 'redirect') {
    passStep('redirect', `Goes through a redirect${link.wrapper.target ? ` to ${link.wrapper.target}` : ''} (${link.wrapper.markers.join(', ')})`, FACTORS.redirect);
  } else if (link.wrapper?.kind === 'tracking') {
    passStep('tracking', `Tracking parameters (${link.wrapper.markers.join(', ')})`, FACTORS.tracking);
  }
  if (link.internal) reasons.push({ code: 'internal', text: 'Internal link (same site)', effect: 0 });

  if (link.hidden) {
    const menu = collapsedMenu(link, placement.placement) ? ', in a collapsed menu (opens on hover or click; crawlers still read it)' : '';
    reasons.push({ code: 'hidden', text: `Hidden${link.hiddenReason ? ` (${link.hiddenReason})` : ''}${menu}: scores 0`, effect: -score });
    score = 0;
    pass = 0;
  }

  // Round effects so they add up to the rounded score.
  const final = Math.round(score);
  let acc = 0;
  for (const r of reasons) {
    r.effect = Math.round(r.effect);
    acc += r.effect;
  }
  const fix = reasons.find((r) => r.effect !== 0) ?? reasons[0];
  if (fix) fix.effect += final - acc;

  return { followed, score: final, equityWeight: followed ? w * pass : 0, reasons };
}

/** Ways of hiding that spam uses; a menu's closed submenu is hidden by display, visibility or size instead. */
const DECEPTIVE_HIDING = new Set(['off-screen', 'clipped', 'tiny text', 'text colour matches background']);

/** A menu link that is hidden only until its menu opens, which is not the hidden-link trick it looks like. */
function collapsedMenu(link: LinkData, placement: Placement): boolean {
  return (placement === 'header' || placement === 'nav') && !DECEPTIVE_HIDING.has(link.hiddenReason ?? '');
}

function countWords(s: string): number {
  const t = s.trim();
  return t ? t.split(/\s+/).length : 0;
}
