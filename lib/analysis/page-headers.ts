/**
 * The page's own X-Robots-Tag joins its meta robots: a header `noindex` or `nofollow` acts on
 * the page exactly as the meta tag does (lib/page/page-facts.ts reads the tag in the page; the
 * header is read by the background, where the page cannot see the request).
 */
import type { PageHttp } from '../report';
import type { PageFacts } from '../types';
import { isNofollow, isNoindex, robotsHeaderTokens } from '../robots';

export function withPageHeaders(facts: PageFacts, http: PageHttp | null | undefined): PageFacts {
  if (!http || http.source !== 'checked') return facts;
  const headerRobots = robotsHeaderTokens(http.xRobotsTag);
  return {
    ...facts,
    headerRobots,
    indexable: facts.indexable && !isNoindex(headerRobots),
    pageNofollow: facts.pageNofollow || isNofollow(headerRobots),
  };
}
