/**
 * A row's verdict: which links on the checked page go to the row's target, and what they are
 * worth — live, live but weak (with the reasons), lost, page gone, unreachable. Pure: the engine
 * (lib/background/audit) and the tests hand it the page's answer and report.
 *
 * The target is the row's target URL (a link to that URL, or — said as a reason — to another
 * page of the same site), or else any of the audit's domains (lib/my-domains.ts: the domain or a
 * subdomain of it).
 */
import { LIMITS } from '../limits.ts';
import { createDomainMatcher } from '../my-domains.ts';
import { registrableDomain } from '../domain.ts';
import { isNofollow, isNoindex, robotsHeaderTokens } from '../robots.ts';
import type { LinkReport, PageReport, Placement } from '../report.ts';
import type { FoundLink, PageAnswer, Verdict } from './types.ts';

export interface TargetSpec {
  /** The row's target URL, or null: any page of `domains`. */
  url: string | null;
  domains: readonly string[];
}

/** A URL as link lists compare them: no scheme, no `www.`, no trailing slash, no fragment. */
export function looseUrl(url: string): string | null {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    const port = u.port ? `:${u.port}` : '';
    return `${host}${port}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return null;
  }
}

type Match = { exact: boolean; via: 'href' | 'redirect' } | null;

/** Does a link go to the target? Exact (the URL, or any page of the domains) or to the target's site. */
export function targetMatcher(spec: TargetSpec): (link: Pick<LinkReport, 'kind' | 'url' | 'host' | 'wrapper'>) => Match {
  const mine = createDomainMatcher(spec.domains);
  let wanted: string | null = null;
  let site: ((host: string | null | undefined) => string | null) | null = null;
  if (spec.url) {
    wanted = looseUrl(spec.url);
    try {
      site = createDomainMatcher([new URL(spec.url).hostname.replace(/^www\./, '')]);
    } catch {
      site = null;
    }
  }
  const one = (url: string | null, host: string | null): { exact: boolean } | null => {
    if (!url) return null;
    if (wanted !== null) {
      if (looseUrl(url) === wanted) return { exact: true };
      return site?.(host) ? { exact: false } : null;
    }
    return mine(host) ? { exact: true } : null;
  };
  return (link) => {
    if (link.kind !== 'http') return null;
    const direct = one(link.url, link.host);
    if (direct) return { ...direct, via: 'href' };
    // An affiliate or tracking redirect that names the target (`/go?url=…`) still points at it.
    const through = link.wrapper?.target;
    if (link.wrapper?.kind === 'redirect' && through) {
      let host: string | null = null;
      try {
        host = new URL(through).hostname;
      } catch {
        return null;
      }
      const m = one(through, host);
      if (m) return { ...m, via: 'redirect' };
    }
    return null;
  };
}

export interface FoundLinks {
  links: (FoundLink & { viaRedirect: boolean })[];
  count: number;
}

/** The links of a report that go to the target, exact ones first, then by score. */
export function foundLinks(report: PageReport, spec: TargetSpec): FoundLinks {
  const match = targetMatcher(spec);
  const found: (FoundLink & { viaRedirect: boolean })[] = [];
  for (const l of report.links) {
    const m = match(l);
    if (!m) continue;
    found.push({
      url: l.url ?? l.href,
      text: l.text,
      rel: l.rel,
      placement: l.placement,
      placementConfidence: l.placementConfidence,
      hidden: l.hidden,
      hiddenReason: l.hiddenReason,
      followed: l.followed,
      score: l.score,
      relevance: l.relevance,
      targetRelevance: l.targetRelevance,
      exact: m.exact,
      viaRedirect: m.via === 'redirect',
    });
  }
  found.sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score);
  return { links: found.slice(0, LIMITS.auditLinks), count: found.length };
}

const PLACEMENT_WORDS: Record<Placement, string> = {
  body: 'in the main content',
  header: 'in the header',
  nav: 'in the navigation',
  sidebar: 'in the sidebar',
  footer: 'in the footer',
  comments: 'in the comments',
  related: 'in a related-posts block',
};

export function placementWords(p: Placement): string {
  return PLACEMENT_WORDS[p];
}

const HINT_RELS = ['sponsored', 'nofollow', 'ugc'] as const;

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Where the page ended up when that is not where the list said: another site, or the site's home page. */
function redirectedAway(sourceUrl: string, page: PageAnswer): string | null {
  if (!page.hops.some((h) => h.location !== null)) return null;
  const from = hostOf(sourceUrl);
  const to = hostOf(page.finalUrl);
  if (!from || !to) return null;
  if (registrableDomain(from) !== registrableDomain(to)) return `redirects to another site (${to})`;
  let home = false;
  try {
    home = new URL(page.finalUrl).pathname === '/' && new URL(sourceUrl).pathname !== '/';
  } catch {
    home = false;
  }
  return home ? `redirects to the site’s home page (${page.finalUrl})` : null;
}

/** The robots directive and where it was said: the header, the meta tag, or both. */
function robotsSource(page: PageAnswer, test: (tokens: readonly string[]) => boolean): string | null {
  const header = test(robotsHeaderTokens(page.xRobotsTag));
  const meta = test(page.metaRobots);
  if (header && meta) return 'meta robots and X-Robots-Tag';
  if (header) return 'X-Robots-Tag';
  if (meta) return 'meta robots';
  return null;
}

export interface VerdictResult {
  verdict: Verdict;
  reasons: string[];
}

/** Why a found link passes less than a plain followed body link (empty: live). */
export function weakReasons(best: FoundLink & { viaRedirect?: boolean }, page: PageAnswer): string[] {
  const reasons: string[] = [];
  for (const r of HINT_RELS) if (best.rel.includes(r)) reasons.push(`rel="${r}"`);
  if (best.placement !== 'body') reasons.push(PLACEMENT_WORDS[best.placement]);
  if (best.hidden) reasons.push(best.hiddenReason ? `hidden (${best.hiddenReason})` : 'hidden');
  const nofollow = robotsSource(page, isNofollow);
  if (nofollow) reasons.push(`the page is nofollow (${nofollow})`);
  if (page.canonicalElsewhere && page.canonical) reasons.push(`the page’s canonical is another URL (${page.canonical})`);
  if (best.viaRedirect) reasons.push('through a redirect');
  if (!best.exact) reasons.push(`links to ${best.url}, not the listed target`);
  return reasons;
}

/**
 * The verdict of a checked page. `links` are the links to the target (best first); null when the
 * page could not be read (an error, not HTML).
 */
export function decideVerdict(sourceUrl: string, page: PageAnswer, links: (FoundLink & { viaRedirect?: boolean })[] | null, spec: TargetSpec): VerdictResult {
  const err = page.error;
  if (err && err.kind !== 'http') {
    switch (err.kind) {
      case 'dns':
        return { verdict: 'gone', reasons: ['the host name does not resolve'] };
      case 'redirect-loop':
      case 'too-many-redirects':
        return { verdict: 'gone', reasons: [err.message] };
      case 'no-access':
        return { verdict: 'unreachable', reasons: ['no access to this site: allow access to all sites'] };
      case 'redirect-hidden':
        return { verdict: 'unreachable', reasons: ['it redirects, and the browser does not say where (allow the webRequest permission)'] };
      case 'refused-host':
      case 'refused-url':
        return { verdict: 'unreachable', reasons: [err.message] };
      default:
        return { verdict: 'unreachable', reasons: [err.message] };
    }
  }
  if (page.status !== null && page.status >= 400) return { verdict: 'gone', reasons: [`HTTP ${page.status}`] };
  const away = redirectedAway(sourceUrl, page);
  if (away) return { verdict: 'gone', reasons: [away] };
  const type = page.contentType?.split(';')[0]?.trim() ?? '';
  if (links === null) return { verdict: 'gone', reasons: [type && !/html|xml/i.test(type) ? `not an HTML page (${type})` : 'the page could not be read'] };
  const noindex = robotsSource(page, isNoindex);
  if (noindex) return { verdict: 'gone', reasons: [`noindex (${noindex})`] };
  const best = links[0];
  if (!best) {
    const what = spec.url ?? (spec.domains.length === 1 ? spec.domains[0] : spec.domains.join(', '));
    return { verdict: 'lost', reasons: [`no link to ${what} on the page`] };
  }
  const reasons = weakReasons(best, page);
  return { verdict: reasons.length ? 'weak' : 'live', reasons };
}
