/** Stage 6 — report: joins the stages' results into the stable `PageReport` shape (no DOM). */
import { REPORT_VERSION, emptyPlacementCounts } from '../report';
import type { FrameReport, LinkChanges, LinkCounts, LinkReport, LinkTruncation, PageHttp, PageReport, SiteStrength } from '../report';
import type { LinkData, PageFacts, PlacementResult, RelevanceResult, ScoreResult } from '../types';
import type { LinkHealth } from '../link-health';

export interface ReportParts {
  facts: PageFacts;
  frames: FrameReport[];
  links: LinkData[];
  placements: PlacementResult[];
  relevance: RelevanceResult[];
  scores: ScoreResult[];
  /** The page's site strength and each link target's (absent: unknown). */
  strength?: { site: SiteStrength | null; links: (SiteStrength | null)[] };
  timing: PageReport['timing'];
  truncated?: LinkTruncation | null;
  changedLinks?: LinkChanges;
  /** Per link, what its target answered (links not checked: null). */
  health?: (LinkHealth | null)[];
  http?: PageHttp;
}

export function countLinks(links: LinkReport[]): LinkCounts {
  const counts: LinkCounts = {
    total: links.length, http: 0, internal: 0, external: 0, followed: 0, nofollow: 0, sponsored: 0, ugc: 0,
    hidden: 0, image: 0, flagged: 0, byPlacement: emptyPlacementCounts(),
  };
  for (const l of links) {
    if (l.kind !== 'http') {
      counts.flagged++;
      continue;
    }
    counts.http++;
    if (l.internal) counts.internal++;
    else counts.external++;
    if (l.followed) counts.followed++;
    if (l.rel.includes('nofollow')) counts.nofollow++;
    if (l.rel.includes('sponsored')) counts.sponsored++;
    if (l.rel.includes('ugc')) counts.ugc++;
    if (l.hidden) counts.hidden++;
    if (l.image) counts.image++;
    counts.byPlacement[l.placement]++;
  }
  return counts;
}

export function buildReport(parts: ReportParts): PageReport {
  const { facts, links, placements, relevance, scores } = parts;
  const reportLinks: LinkReport[] = links.map((l, i) => {
    const placement = placements[i]!;
    const rel = relevance[i]!;
    const score = scores[i]!;
    const health = parts.health?.[i];
    const report: LinkReport = {
    index: l.index,
    href: l.href,
    url: l.url,
    kind: l.kind,
    element: l.element,
    text: l.text,
    textSource: l.textSource,
    rel: l.rel,
    internal: l.internal,
    domain: l.domain,
    host: l.host,
    image: l.image,
    inList: l.inList,
    inShadow: l.inShadow,
    frame: l.frame,
    geometry: l.geometry,
    fontSizeRatio: l.fontSizeRatio,
    hidden: l.hidden,
    hiddenReason: l.hiddenReason,
    wrapper: l.wrapper,
    contextBefore: l.contextBefore,
    contextAfter: l.contextAfter,
    capped: l.capped,
    placement: placement.placement,
    placementConfidence: Math.round(placement.confidence * 100) / 100,
    placementSignals: placement.signals,
    contextRelevance: rel.contextRelevance,
    targetRelevance: rel.targetRelevance,
    relevance: rel.relevance,
    sharedTerms: rel.sharedTerms,
    followed: score.followed,
    score: score.score,
    equityShare: score.equityShare,
    reasons: score.reasons,
    linkValue: score.linkValue,
    strength: parts.strength?.links[i] ?? null,
    };
    if (health) report.health = health;
    return report;
  });
  return {
    version: REPORT_VERSION,
    url: facts.url,
    finalUrl: facts.finalUrl,
    title: facts.title,
    language: facts.language,
    description: facts.description,
    canonical: facts.canonical,
    canonicalElsewhere: facts.canonicalElsewhere,
    metaRobots: facts.metaRobots,
    indexable: facts.indexable,
    pageNofollow: facts.pageNofollow,
    ...(parts.http ? { http: parts.http } : {}),
    counts: countLinks(reportLinks),
    frames: parts.frames,
    links: reportLinks,
    truncated: parts.truncated ?? null,
    changedLinks: parts.changedLinks ?? { count: 0, changes: [] },
    site: parts.strength?.site ?? null,
    timing: parts.timing,
    generatedAt: new Date().toISOString(),
  };
}
