/**
 * The link report: the one stable shape every surface (popup, side panel, CLI, history) reads.
 * Bump REPORT_VERSION on any breaking change; add optional fields freely.
 */
import type { LinkHealth } from './link-health';

/**
 * Why a link is hidden: a closed set, because the score treats them differently (a link hidden until
 * its menu opens is not the hidden-link trick; off-screen, clipped, tiny or same-colour text is).
 */
export const HIDDEN_REASONS = [
  'hidden attribute',
  'display:none',
  'opacity:0',
  'visibility:hidden',
  'zero size',
  'not visible',
  'off-screen',
  'clipped',
  'tiny text',
  'text colour matches background',
  'inside <noscript> (shown only with scripts off)',
] as const;
export type HiddenReason = (typeof HIDDEN_REASONS)[number];

/** The reasons a page uses to hide a link on purpose (not a collapsed menu). */
export const DECEPTIVE_HIDING: ReadonlySet<HiddenReason> = new Set(['off-screen', 'clipped', 'tiny text', 'text colour matches background']);

export function isHiddenReason(v: unknown): v is HiddenReason {
  return typeof v === 'string' && (HIDDEN_REASONS as readonly string[]).includes(v);
}

export const REPORT_VERSION = 1;

/** Where on the page a link sits. `body` is the page's main content. */
export const PLACEMENTS = ['body', 'header', 'nav', 'sidebar', 'footer', 'comments', 'related'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** What the href is: only `http` links can carry link value. */
export type LinkKind = 'http' | 'javascript' | 'mailto' | 'tel' | 'fragment' | 'malformed' | 'other';

/** How the link's visible text was found. */
export type TextSource = 'text' | 'alt' | 'aria-label' | 'title' | 'none';

/** A URL that forwards to another (an affiliate `/go/`, `?url=`) or carries tracking parameters. */
export interface LinkWrapper {
  kind: 'redirect' | 'tracking';
  /** The URL embedded in the link, for redirects that carry one. */
  target: string | null;
  /** Tracking parameter names (utm_*, gclid, …) or the redirect marker found. */
  markers: string[];
}

export interface LinkGeometry {
  /** Document coordinates in CSS pixels. */
  top: number;
  left: number;
  width: number;
  height: number;
  /** Vertical position as a fraction of the document height (0 = top). */
  pageFraction: number;
  /** Starts inside the first viewport. */
  aboveFold: boolean;
}

/**
 * How strong a site is (issue 17): from two public lists shipped with the extension, plus the
 * values of any provider the user connected with their own key. `null` means "not in the list"
 * (below its top 15,000 / 50,000, which is most of the web), never a low number.
 */
export interface AuthorityValue {
  /** 0–100, log scale of referring /24 subnets: 100 × ln(1 + subnets) / ln(1 + 500,000). */
  value: number;
  /** Referring /24 IP subnets, as stored (within 0.05 %). */
  refSubnets: number;
  /** The name the list has it under: the host, one of its parents, or its registrable domain. */
  matched: string;
  /** List and edition, e.g. `majestic-million-2026-03`. */
  source: string;
}

export type PopularityBucket = 'top-1k' | 'top-10k' | 'top-50k';

export interface PopularityValue {
  rank: number;
  bucket: PopularityBucket;
  matched: string;
  /** List and edition, e.g. `tranco-2026-08-01`. */
  source: string;
}

export type StrengthProvider = 'openpagerank' | 'ahrefs' | 'moz';

/** A value from a provider the user connected with their own key, as the provider gives it. */
export interface ProviderValue {
  provider: StrengthProvider;
  /** Open PageRank 0–10 (decimal); Ahrefs Domain Rating and Moz Domain Authority 0–100. */
  value: number;
  /** The domain the provider was asked about (the registrable domain). */
  domain: string;
  /** ISO time the provider answered (values are cached for 30 days). */
  fetchedAt: string;
}

export interface SiteStrength {
  /** The host looked up. */
  host: string;
  /** null: not in the Majestic Million's top 15,000. */
  authority: AuthorityValue | null;
  /** null: not in Tranco's top 50,000. */
  popularity: PopularityValue | null;
  providers: ProviderValue[];
}

/** The inspected page's own HTTP answer, read by the background (HEAD, GET where refused). */
export interface PageHttp {
  /** 'checked': read through the fetch module; 'unknown': not read (no access to the site, or it did not answer). */
  source: 'checked' | 'unknown';
  /** The final status; null when unknown. */
  status: number | null;
  /** The X-Robots-Tag header as sent, or null. */
  xRobotsTag: string | null;
  /** Why it is unknown, or what happened on the way (redirects). */
  note: string | null;
}

/** One reason behind a score: a readable sentence and its effect in score points (signed). */
export interface ScoreReason {
  code: string;
  /** The reason in English (CLI, exports); the surfaces word it from `code` and `args`. */
  text: string;
  effect: number;
  /** The figures in `text`, raw (numbers unformatted), for the surfaces' own words (issue 19 §9). */
  args?: (string | number)[];
}

export interface LinkReport {
  /** Document order among all collected links (0-based). */
  index: number;
  /** The raw href attribute as written in the page. */
  href: string;
  /** The absolute URL, or null when it could not be resolved. */
  url: string | null;
  kind: LinkKind;
  element: 'a' | 'area' | 'svg-a';
  /** Anchor text (whitespace collapsed), else image alt, aria-label or title. */
  text: string;
  textSource: TextSource;
  /** All rel tokens, lower-cased, in page order, deduplicated. */
  rel: string[];
  /** Same registrable domain as the page (www. and other subdomains count as internal). */
  internal: boolean;
  /** Registrable domain (public suffix list), or null for non-http links / IP-less hosts. */
  domain: string | null;
  host: string | null;
  /** The link wraps an image. */
  image: boolean;
  /** The link sits in a list item. */
  inList: boolean;
  /** Inside an open shadow root. */
  inShadow: boolean;
  /** URL of the same-origin frame the link is in, or null for the top document. */
  frame: string | null;
  /** Null where there is no layout (e.g. jsdom). */
  geometry: LinkGeometry | null;
  /** Rendered font size divided by the page's median link font size (null without layout). */
  fontSizeRatio: number | null;
  hidden: boolean;
  /** Why it is hidden (one of HIDDEN_REASONS); null when visible or the reason is unknown. */
  hiddenReason: HiddenReason | null;
  wrapper: LinkWrapper | null;
  /** A few words of text before and after the link in its block. */
  contextBefore: string;
  contextAfter: string;
  /** Fields cut to their cap in lib/limits.ts ('href', 'url', 'text', 'title', 'rel', 'contextBefore', 'contextAfter'); empty when none. */
  capped: string[];

  placement: Placement;
  /** 0–1. */
  placementConfidence: number;
  /** Signals that decided the placement, most decisive first. */
  placementSignals: string[];

  /** 0–1: is the link embedded in on-topic text? */
  contextRelevance: number;
  /** 0–1: is the page about what the target is about? null when the target's topic is unknown. */
  targetRelevance: number | null;
  /** 0–1: the two combined. */
  relevance: number;
  /** Top terms shared by the link's context and the page topic. */
  sharedTerms: string[];

  /** Does the link pass value (no nofollow/sponsored/ugc, page not meta-nofollow, visible, http)? */
  followed: boolean;
  /** 0–100. */
  score: number;
  /** Share of the page's link equity this link receives, in percent (0 when not followed). */
  equityShare: number;
  reasons: ScoreReason[];
  /**
   * The score weighted by the linking site's strength, so links compare across pages:
   * score × strength / 100 (docs/strength.md). Absent in reports made before it existed.
   */
  linkValue?: number;
  /** The target's strength (null for non-http links). Absent in reports made before it existed. */
  strength?: SiteStrength | null;
  /** What the target answered, once the links were checked (lib/link-health.ts); absent before. */
  health?: LinkHealth;
}

export interface FrameReport {
  url: string;
  inspected: boolean;
  /** Why not inspected (cross-origin, sandboxed, not loaded). */
  reason: string | null;
}

/**
 * Not every link of the page was analysed: the first `analysed` of the `found` link elements
 * (in document order), and why.
 */
export interface LinkTruncation {
  found: number;
  analysed: number;
  reason: string;
}

/** One difference between the links as analysed and as read again right after. */
export interface LinkChange {
  /** The link's report index; null for a link that appeared after the first read. */
  index: number | null;
  /** The href as analysed (as read again, for a link that appeared). */
  href: string;
  what: 'href' | 'rel' | 'added' | 'removed';
  /** The value analysed and the value read again (rel as written); null where there is none. */
  before: string | null;
  after: string | null;
}

/**
 * The page changed its links while it was being inspected: every link's href and rel were read
 * again right after the analysis. `changes` lists the first few of `count`.
 */
export interface LinkChanges {
  count: number;
  changes: LinkChange[];
}

export interface LinkCounts {
  total: number;
  /** http(s) links only from here on. */
  http: number;
  internal: number;
  external: number;
  followed: number;
  nofollow: number;
  sponsored: number;
  ugc: number;
  hidden: number;
  image: number;
  /** javascript:, mailto:, tel:, in-page # and malformed hrefs. */
  flagged: number;
  byPlacement: Record<Placement, number>;
}

export interface PageReport {
  version: typeof REPORT_VERSION;
  /** The URL the user asked for (the document URL when inspected in place). */
  url: string;
  /** The document's URL after redirects. */
  finalUrl: string;
  title: string;
  /** BCP 47 language from <html lang>, else detected from the text, else null. */
  language: string | null;
  description: string;
  canonical: string | null;
  /** The canonical URL points to another page. */
  canonicalElsewhere: boolean;
  /** meta robots / googlebot tokens, lower-cased. */
  metaRobots: string[];
  /** Not `noindex`. */
  indexable: boolean;
  /** Page-level `nofollow`: no link on the page passes value. */
  pageNofollow: boolean;
  /** The page's HTTP status and X-Robots-Tag (their noindex/nofollow count in `indexable`/`pageNofollow`). */
  http?: PageHttp;
  counts: LinkCounts;
  frames: FrameReport[];
  links: LinkReport[];
  /** Set when the page has more links than are analysed (lib/limits.ts): the report covers the first ones. */
  truncated?: LinkTruncation | null;
  /** Links the page changed between the analysis and a second read right after it (count 0: none). */
  changedLinks?: LinkChanges;
  /** The inspected page's site strength (null for pages without an http host). Absent in older reports. */
  site?: SiteStrength | null;
  /** totalMs: wall time of the analysis; longestTaskMs: longest slice between yields; stages: ms per stage. */
  timing: { totalMs: number; longestTaskMs: number; stages?: Record<string, number> };
  /** ISO time. */
  generatedAt: string;
}

export function emptyPlacementCounts(): Record<Placement, number> {
  return Object.fromEntries(PLACEMENTS.map((p) => [p, 0])) as Record<Placement, number>;
}
