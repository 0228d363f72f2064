/**
 * One audit row, checked from its fetched HTML: the source page through the one bounded fetch
 * module (status, redirects, X-Robots-Tag), parsed inertly into the SAME snapshot the content
 * script makes (lib/parse 'snapshot' task: the page model, placement, texts — no layout), the
 * targets' topics through the same fetch module (cached), then the background half of the
 * analysis (completeReport) and the verdict (lib/audit/verdict.ts). Pure: the network, the
 * parser and the analysis are injected, so unit tests run it against a local server.
 *
 *   const checked = await checkFetched(row, { url: row.targetUrl, domains }, { net, parse, complete, topicOf });
 *   // checked: { result, report } — or null when cancelled
 */
import type { Net, NetResult } from '../net/fetch.ts';
import type { ParseFetched } from '../../parse/fetched.ts';
import type { CompleteOptions } from '../../analysis/complete-report.ts';
import type { PageSnapshot } from '../../snapshot.ts';
import type { PageHttp, PageReport } from '../../report.ts';
import type { AuditRow, PageAnswer, RowResult } from '../../audit/types.ts';
import { decideVerdict, foundLinks, targetMatcher, type TargetSpec } from '../../audit/verdict.ts';
import { pageDomainOf } from '../../domain.ts';
import { LIMITS } from '../../limits.ts';
import { isNofollow, isNoindex, robotsHeaderTokens } from '../../robots.ts';

export const AUDIT_DEFAULTS = {
  /** One source page: every hop's headers and its body. */
  timeoutMs: 20_000,
  /** Target pages whose topic is fetched per checked page (the rest reuse the cache or go without). */
  topicsPerPage: 3,
};

export interface TopicLike {
  status: 'ok' | 'error';
  text: string;
}

export interface CheckDeps {
  net: Net;
  parse: ParseFetched;
  /** The background half of the analysis (completeReport with the background's caches). */
  complete: (snapshot: PageSnapshot, options: CompleteOptions) => Promise<PageReport>;
  /** A target page's topic through the same fetch module, cached (lib/background/target-topic); absent: none. */
  topicOf?: (url: string) => Promise<TopicLike>;
  /** Descriptions of the user's domains (targetTopicsOf). */
  targetTopics?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

export type CheckedRow = Omit<RowResult, 'runId' | 'history' | 'renderError'>;

export interface FetchedCheck {
  result: CheckedRow;
  /** The page's report (history keeps it); null when the page could not be read. */
  report: PageReport | null;
}

/** What the fetch said, before the page is read. */
export function answerOf(res: NetResult): PageAnswer {
  const header = robotsHeaderTokens(res.headers.xRobotsTag);
  return {
    status: res.status,
    finalUrl: res.finalUrl,
    hops: res.hops,
    contentType: res.headers.contentType,
    xRobotsTag: res.headers.xRobotsTag,
    metaRobots: [],
    canonical: null,
    canonicalElsewhere: false,
    indexable: !isNoindex(header),
    pageNofollow: isNofollow(header),
    title: '',
    error: res.error,
  };
}

/** The page answer completed with what the report read in the page (meta robots, canonical, title). */
export function answerWithReport(page: PageAnswer, report: PageReport): PageAnswer {
  return {
    ...page,
    metaRobots: report.metaRobots,
    canonical: report.canonical,
    canonicalElsewhere: report.canonicalElsewhere,
    indexable: page.indexable && report.indexable,
    pageNofollow: page.pageNofollow || report.pageNofollow,
    title: report.title,
  };
}

export function siteOf(report: PageReport | null): RowResult['site'] {
  const s = report?.site;
  if (!s) return null;
  return { authority: s.authority?.value ?? null, rank: s.popularity?.rank ?? null };
}

/** The HTTP answer as the report records it for the page. */
function pageHttp(res: NetResult): PageHttp {
  const moved = res.hops.some((h) => h.location !== null);
  return { source: 'checked', status: res.status, xRobotsTag: res.headers.xRobotsTag, note: moved ? `answered after redirects to ${res.finalUrl}` : null };
}

/** Topics of the targets the page links to (and the row's own target), fetched once each and cached. */
async function targetTopics(snapshot: PageSnapshot, spec: TargetSpec, deps: CheckDeps): Promise<Record<string, string>> {
  if (!deps.topicOf) return {};
  const match = targetMatcher(spec);
  const urls = new Set<string>();
  if (spec.url) urls.add(spec.url);
  for (const l of snapshot.links) {
    if (urls.size >= AUDIT_DEFAULTS.topicsPerPage) break;
    if (l.url && match(l)?.via === 'href') urls.add(l.url.split('#')[0]!);
  }
  const topics: Record<string, string> = {};
  await Promise.all(
    [...urls].map(async (url) => {
      const t = await deps.topicOf!(url).catch(() => null);
      if (t?.status === 'ok' && t.text) topics[url] = t.text;
    }),
  );
  return topics;
}

const cut = (s: string) => s.slice(0, LIMITS.label);

/** Checks one row from its fetched HTML. Null when cancelled (the row stays in the queue). */
export async function checkFetched(row: AuditRow, spec: TargetSpec, deps: CheckDeps): Promise<FetchedCheck | null> {
  const now = deps.now ?? Date.now;
  const res = await deps.net.fetch(row.sourceUrl, { maxBytes: LIMITS.fetchedPage, timeoutMs: deps.timeoutMs ?? AUDIT_DEFAULTS.timeoutMs, signal: deps.signal });
  if (res.error?.kind === 'cancelled' || deps.signal?.aborted) return null;
  let page = answerOf(res);
  const done = (verdict: ReturnType<typeof decideVerdict>, report: PageReport | null, found: ReturnType<typeof foundLinks> | null): FetchedCheck => ({
    report,
    result: {
      index: row.index,
      verdict: verdict.verdict,
      reasons: verdict.reasons.map(cut),
      method: 'fetched',
      fetchedVerdict: null,
      page,
      links: (found?.links ?? []).map(({ viaRedirect: _v, ...l }) => l),
      linkCount: found?.count ?? 0,
      site: siteOf(report),
      checkedAt: now(),
    },
  });
  const type = res.headers.contentType ?? '';
  const readable = !res.error && res.body !== null && (!type || /html|xml/i.test(type));
  if (!readable) return done(decideVerdict(row.sourceUrl, page, null, spec), null, null);

  let snapshot: PageSnapshot;
  try {
    snapshot = await deps.parse(res.body!, res.finalUrl, 'snapshot', { requestedUrl: row.sourceUrl, pageDomain: pageDomainOf(res.finalUrl) });
  } catch (e) {
    return done({ verdict: 'unreachable', reasons: [`could not read the page: ${String((e as Error)?.message ?? e)}`] }, null, null);
  }
  if (deps.signal?.aborted) return null;
  const topics = await targetTopics(snapshot, spec, deps);
  const report = await deps.complete(snapshot, { targetTopics: { ...deps.targetTopics, ...topics }, pageHttp: pageHttp(res) });
  page = answerWithReport(page, report);
  const found = foundLinks(report, spec);
  return done(decideVerdict(row.sourceUrl, page, found.links, spec), report, found);
}

/**
 * The same row, from the page rendered in a tab with its scripts and the real content script
 * (`report`): the links found there decide; the HTTP answer stays the fetched one.
 */
export function checkedFromRendered(row: AuditRow, spec: TargetSpec, fetched: Pick<RowResult, 'page' | 'verdict'>, report: PageReport, now: () => number = Date.now): FetchedCheck {
  const page = answerWithReport(fetched.page, report);
  const found = foundLinks(report, spec);
  const v = decideVerdict(row.sourceUrl, page, found.links, spec);
  return {
    report,
    result: {
      index: row.index,
      verdict: v.verdict,
      reasons: v.reasons.map(cut),
      method: 'rendered',
      fetchedVerdict: fetched.verdict,
      page,
      links: found.links.map(({ viaRedirect: _v, ...l }) => l),
      linkCount: found.count,
      site: siteOf(report),
      checkedAt: now(),
    },
  };
}
