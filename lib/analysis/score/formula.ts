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
 *   linkValue     = score × strength / 100   (strength: the linking site's authority, or
 *                   STRENGTH.unlistedAuthority when it is not in the list; lib/analysis/strength)
 *
 * Every factor becomes a ScoreReason whose `effect` is the change in points it caused, applied in
 * the order listed, so the effects add up to the score.
 */
import { DECEPTIVE_HIDING, type LinkGeometry, type Placement, type ScoreReason, type SiteStrength } from '../../report';
import type { LinkData, PageFacts, PlacementResult, RelevanceResult } from '../../types';
import { siteWeight, STRENGTH } from '../strength/formula';
import { STRENGTH_LISTS } from '../../strength-lists.generated';
import { isBroken, type LinkHealth } from '../../link-health';

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
  /**
   * Position: × (1 − lowOnPage·pageFraction) from one screen below the fold on; on the first
   * screen below it the factor slides from aboveFold down to that, so a link a few pixels either
   * side of the fold scores nearly the same (browsers lay text out a few pixels apart).
   */
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
  /** Link health (checked on demand): value that reaches nothing, a page search engines drop, another site. */
  targetBroken: 0.1,
  targetNoindex: 0.5,
  targetElsewhere: 0.7,
};

export interface ScoreInput {
  facts: PageFacts;
  link: LinkData;
  placement: PlacementResult;
  relevance: RelevanceResult;
  /** Followed http links on the page (for dilution). */
  followedCount: number;
  /** The linking page's site strength (for linkValue); null or absent when unknown. */
  site?: SiteStrength | null;
  /** What the target answered, when the links were checked. */
  health?: LinkHealth | null;
}

export interface LinkScore {
  followed: boolean;
  score: number;
  /** w × pass, the link's weight in the page's equity split (0 when not followed). */
  equityWeight: number;
  /** score × the linking site's strength / 100, one decimal. */
  linkValue: number;
  reasons: ScoreReason[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const fmt = (x: number) => (Math.round(x * 100) / 100).toString();

/** Does the link pass value at all? (http, visible, no rel hint, no page-level nofollow.) */
export function isFollowed(facts: PageFacts, link: LinkData): boolean {
  return link.kind === 'http' && !link.hidden && !facts.pageNofollow && !link.rel.some((r) => r === 'nofollow' || r === 'sponsored' || r === 'ugc');
}

/** The position factor of a link below the fold (see FACTORS.lowOnPage). */
export function belowFoldFactor(g: Pick<LinkGeometry, 'top' | 'pageFraction'>, viewportHeight: number | undefined): number {
  const low = 1 - FACTORS.lowOnPage * Math.min(1, Math.max(0, g.pageFraction));
  if (typeof viewportHeight !== 'number' || !(viewportHeight > 0) || !Number.isFinite(viewportHeight) || !Number.isFinite(g.top)) return low;
  const screensBelow = Math.min(1, Math.max(0, (g.top - viewportHeight) / viewportHeight));
  return FACTORS.aboveFold + (low - FACTORS.aboveFold) * screensBelow;
}

export function baseScore(w: number): number {
  return 100 * (1 - Math.exp(-w / FACTORS.scale));
}

export function scoreLink(input: ScoreInput): LinkScore {
  const { facts, link, placement, relevance, followedCount } = input;
  const reasons: ScoreReason[] = [];
  const followed = isFollowed(facts, link);

  if (link.kind !== 'http') {
    reasons.push({ code: 'not-http', text: `Not a web link (${link.kind}): passes no value`, effect: 0, args: [link.kind] });
    return { followed: false, score: 0, equityWeight: 0, linkValue: 0, reasons };
  }

  // --- click weight ------------------------------------------------------------------------
  let w = PLACEMENT[placement.placement];
  let score = baseScore(w);
  reasons.push({ code: `placement-${placement.placement}`, text: `Placed ${PLACEMENT_TEXT[placement.placement]}`, effect: score });
  const step = (code: string, text: string, factor: number, args?: (string | number)[]) => {
    if (factor === 1) return;
    w *= factor;
    const next = baseScore(w);
    reasons.push(args ? { code, text, effect: next - score, args } : { code, text, effect: next - score });
    score = next;
  };

  const g = link.geometry;
  if (g) {
    if (g.aboveFold) step('above-fold', 'Above the fold: seen without scrolling', FACTORS.aboveFold);
    else {
      const f = belowFoldFactor(g, facts.viewportHeight);
      step('low-on-page', `${f >= 1 ? 'Just below' : 'Below'} the fold, ${pct(g.pageFraction)} down the page`, f, [g.pageFraction, f >= 1 ? 1 : 0]);
    }
  }
  if (link.fontSizeRatio !== null) {
    const r = Math.min(FACTORS.fontMax, Math.max(FACTORS.fontMin, link.fontSizeRatio));
    const f = Math.pow(r, FACTORS.fontExponent);
    if (Math.abs(f - 1) >= 0.02) step(r > 1 ? 'large-text' : 'small-text', `${r > 1 ? 'Larger' : 'Smaller'} text than most links (${fmt(link.fontSizeRatio)}×)`, f, [link.fontSizeRatio]);
  }
  const around = countWords(link.contextBefore) + countWords(link.contextAfter);
  if (link.inList) step('in-list', 'In a list, not in running text', FACTORS.inList);
  else if (around >= FACTORS.runningTextWords) step('running-text', 'In running text', FACTORS.runningText);
  if (link.image) step('image', 'Image link: the alt text is its anchor', FACTORS.image);
  if (!link.text) step('no-anchor', 'No anchor text', FACTORS.noAnchor);

  const rel = relevance.relevance;
  if (relevance.unknown) {
    // No penalty without evidence: the relevance factor stays neutral (×1).
    reasons.push({ code: 'relevance-unknown', text: `Relevance unknown: ${relevance.unknown}; no penalty`, effect: 0, args: [relevance.unknown] });
  } else {
    const relFactor = FACTORS.relevanceMin + (FACTORS.relevanceMax - FACTORS.relevanceMin) * rel;
    const shared = relevance.sharedTerms.length ? `; shared: ${relevance.sharedTerms.slice(0, 3).join(', ')}` : '';
    const relText =
      rel >= 0.5 ? `On-topic (relevance ${fmt(rel)}${shared})` : rel >= 0.25 ? `Partly on-topic (relevance ${fmt(rel)}${shared})` : `Off-topic (relevance ${fmt(rel)}${shared})`;
    step(rel >= 0.5 ? 'relevant' : rel >= 0.25 ? 'partly-relevant' : 'off-topic', relText, relFactor, [rel, relevance.sharedTerms.slice(0, 3).join(', ')]);
  }

  if (followed) {
    const d = Math.min(FACTORS.dilutionMax, Math.max(FACTORS.dilutionMin, Math.pow(FACTORS.dilutionRef / Math.max(1, followedCount), FACTORS.dilutionExponent)));
    step(d < 1 ? 'diluted' : 'few-links', `One of ${followedCount} followed link${followedCount === 1 ? '' : 's'} on the page`, d, [followedCount]);
  }

  // --- pass-through -----------------------------------------------------------------------
  let pass = 1;
  const passStep = (code: string, text: string, factor: number, args?: (string | number)[]) => {
    pass *= factor;
    const next = score * factor;
    reasons.push(args ? { code, text, effect: next - score, args } : { code, text, effect: next - score });
    score = next;
  };
  if (link.rel.includes('sponsored')) passStep('rel-sponsored', 'rel="sponsored": marked as paid, passes little', FACTORS.sponsored);
  else if (link.rel.includes('nofollow')) passStep('rel-nofollow', 'rel="nofollow": a hint not to pass value', FACTORS.nofollow);
  else if (link.rel.includes('ugc')) passStep('rel-ugc', 'rel="ugc": user-generated, passes little', FACTORS.ugc);
  const robotsSource = (token: 'noindex' | 'nofollow') => robotsSourceOf(facts, token);
  if (facts.pageNofollow) passStep('page-nofollow', `The page says nofollow (${robotsSource('nofollow')}): no link on it passes value`, FACTORS.pageNofollow, [robotsSource('nofollow')]);
  if (!facts.indexable) passStep('page-noindex', `The page is noindex (${robotsSource('noindex')}): search engines drop it, and its links in time`, FACTORS.noindex, [robotsSource('noindex')]);
  if (facts.canonicalElsewhere) passStep('canonical-elsewhere', `The page's canonical points elsewhere (${facts.canonical ?? ''}): its value goes there`, FACTORS.canonicalElsewhere, [facts.canonical ?? '']);
  if (link.wrapper?.kind === 'redirect') {
    const markers = link.wrapper.markers.join(', ');
    passStep('redirect', `Goes through a redirect${link.wrapper.target ? ` to ${link.wrapper.target}` : ''} (${markers})`, FACTORS.redirect, [link.wrapper.target ?? '', markers]);
  } else if (link.wrapper?.kind === 'tracking') {
    passStep('tracking', `Tracking parameters (${link.wrapper.markers.join(', ')})`, FACTORS.tracking, [link.wrapper.markers.join(', ')]);
  }
  if (input.health) healthSteps(input.health, passStep, (code, text, args) => reasons.push({ code, text, effect: 0, args }));
  if (link.internal) reasons.push({ code: 'internal', text: 'Internal link (same site)', effect: 0 });

  if (link.hidden) {
    const menu = collapsedMenu(link, placement.placement) ? ', in a collapsed menu (opens on hover or click; crawlers still read it)' : '';
    reasons.push({ code: 'hidden', text: `Hidden${link.hiddenReason ? ` (${link.hiddenReason})` : ''}${menu}: scores 0`, effect: -score, args: [link.hiddenReason ?? '', menu ? 1 : 0] });
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

  // The site's strength changes what the link is worth across pages, not its share of this
  // page: a reason with no effect on the score that says how linkValue came about.
  const { value: linkValue, reason } = linkValueOf(final, input.site);
  reasons.push(reason);

  return { followed, score: final, equityWeight: followed ? w * pass : 0, linkValue, reasons };
}

/** linkValue = score × strength / 100, and the reason that explains it. */
export function linkValueOf(score: number, site: SiteStrength | null | undefined): { value: number; reason: ScoreReason } {
  const authority = site?.authority ?? null;
  const weight = siteWeight(authority?.value);
  const value = Math.round(score * weight * 10 / 100) / 10;
  const text = authority
    ? `Linking site's authority ${authority.value} (about ${Math.round(authority.refSubnets).toLocaleString('en')} referring subnets, Majestic Million): link value ${value} (score × ${weight}/100)`
    : site
      ? `Linking site is not in the top ${STRENGTH_LISTS.authority.top.toLocaleString('en')} by links (Majestic Million): counted as ${STRENGTH.unlistedAuthority}, an assumption; link value ${value}`
      : `Linking site's strength is unknown: counted as ${STRENGTH.unlistedAuthority}, an assumption; link value ${value}`;
  const args = authority ? [authority.value, Math.round(authority.refSubnets), value, weight] : [value, site ? 1 : 0, STRENGTH.unlistedAuthority, STRENGTH_LISTS.authority.top];
  return { value, reason: { code: authority ? 'site-authority' : 'site-unlisted', text, effect: 0, args } };
}

/** Where a page-level directive came from: the meta tag, the X-Robots-Tag header, or both. */
function robotsSourceOf(facts: PageFacts, token: 'noindex' | 'nofollow'): string {
  const inMeta = facts.metaRobots.includes(token) || facts.metaRobots.includes('none');
  const header = facts.headerRobots ?? [];
  const inHeader = header.includes(token) || header.includes('none');
  return inMeta && inHeader ? 'meta robots and X-Robots-Tag' : inHeader ? 'X-Robots-Tag header' : 'meta robots';
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * What a checked target costs the link: nothing reaches a broken target; a noindex target or
 * one that redirects to another site keeps part. Unanswered checks and same-site redirects are
 * said, with no effect.
 */
function healthSteps(
  h: LinkHealth,
  step: (code: string, text: string, factor: number, args: (string | number)[]) => void,
  note: (code: string, text: string, args: (string | number)[]) => void,
): void {
  if (isBroken(h)) {
    const why = h.status !== null && h.status >= 400 ? `HTTP ${h.status}` : (h.error?.message ?? 'no answer');
    step('target-broken', `The target is broken (${why}): the link leads nowhere`, FACTORS.targetBroken, [why]);
    return;
  }
  if (h.flags.includes('noindex')) {
    const where = h.xRobotsTag && /noindex|none/i.test(h.xRobotsTag) ? 'X-Robots-Tag' : 'meta robots';
    step('target-noindex', `The target is noindex (${where}): search engines drop the page it points to`, FACTORS.targetNoindex, [where]);
  }
  const destination = h.refresh?.url ?? h.finalUrl;
  if (h.flags.includes('other-domain')) {
    // 0 redirects: a meta refresh.
    const redirects = h.flags.includes('meta-refresh') ? 0 : h.hops.length - 1;
    const how = redirects === 0 ? 'a meta refresh' : `${redirects} redirect${redirects === 1 ? '' : 's'}`;
    step('target-elsewhere', `The target sends visitors to another site (${hostOf(destination)}, by ${how})`, FACTORS.targetElsewhere, [hostOf(destination), redirects]);
  } else if (h.flags.includes('redirects')) {
    const first = h.hops.find((x) => x.location !== null);
    note('target-redirects', `The target redirects${first?.status ? ` (${first.status})` : ''} to ${destination}`, [first?.status ?? '', destination]);
  }
  if (h.error && !h.flags.includes('redirects')) note('target-unchecked', `The target could not be checked (${h.error.message}): not counted`, [h.error.message]);
}

/** Ways of hiding that spam uses; a menu's closed submenu is hidden by display, visibility or size instead. */
/** A menu link that is hidden only until its menu opens, which is not the hidden-link trick it looks like. */
function collapsedMenu(link: LinkData, placement: Placement): boolean {
  return (placement === 'header' || placement === 'nav') && !(link.hiddenReason && DECEPTIVE_HIDING.has(link.hiddenReason));
}

function countWords(s: string): number {
  const t = s.trim();
  return t ? t.split(/\s+/).length : 0;
}
