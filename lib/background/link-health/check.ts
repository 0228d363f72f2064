/**
 * Checks what links lead to, through the one fetch module (its limits: 2 per host, 6 overall):
 * HEAD first, GET where HEAD is refused (405, 501, any other error status, a reset connection),
 * redirects hop by hop, the target's X-Robots-Tag, and on GET the final page's meta refresh and
 * meta robots (the body is read up to the end of <head> only). External links go first.
 * Never throws; each URL is checked once per session (the cache) and reported as it finishes.
 *
 *   const results = await checkLinks(urls, { net, parse, pageUrl, onProgress, signal });
 */
import type { Net, NetResult } from '../net/fetch.ts';
import type { ParseFetched } from '../../parse/fetched.ts';
import { checkKey, healthFlags, type LinkHealth } from '../../link-health.ts';

export { checkKey } from '../../link-health.ts';
import { registrableDomain } from '../../domain.ts';

export interface LinkCheckProgress {
  done: number;
  total: number;
  /** The result that just finished. */
  result: LinkHealth;
}

export interface CheckLinksOptions {
  net: Net;
  parse: ParseFetched;
  /** The page the links are on: links to other sites are checked first. */
  pageUrl?: string;
  /** 'head' (default): HEAD, GET only where HEAD is refused. 'get': always GET, for meta refresh and meta robots. */
  mode?: 'head' | 'get';
  /** At least this many ms between two requests to one host (the user's politeness setting). */
  delayMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: LinkCheckProgress) => void;
  /** Results kept for the session, by URL. */
  cache?: Map<string, LinkHealth>;
  now?: () => number;
}

export const LINK_CHECK_DEFAULTS = {
  timeoutMs: 15_000,
  /** A GET reads at most this much, and stops at the end of <head>. */
  headBytes: 256 * 1024,
};

/** External links first, then internal ones, each in page order. */
export function orderForChecking(urls: string[], pageUrl?: string): string[] {
  let pageDomain: string | null = null;
  try {
    pageDomain = pageUrl ? registrableDomain(new URL(pageUrl).hostname) : null;
  } catch {
    pageDomain = null;
  }
  const external: string[] = [];
  const internal: string[] = [];
  for (const u of urls) {
    let d: string | null = null;
    try {
      d = registrableDomain(new URL(u).hostname);
    } catch {
      d = null;
    }
    (pageDomain && d === pageDomain ? internal : external).push(u);
  }
  return [...external, ...internal];
}

/** HEAD answers that do not say what GET would: try GET instead. */
function headRefused(r: NetResult): boolean {
  if (r.error?.kind === 'network') return true;
  return r.status !== null && r.status >= 400;
}

export async function checkLink(url: string, opts: CheckLinksOptions): Promise<LinkHealth> {
  const now = opts.now ?? Date.now;
  const common = { signal: opts.signal, gapMs: opts.delayMs, timeoutMs: opts.timeoutMs ?? LINK_CHECK_DEFAULTS.timeoutMs };
  // Only the <head> is needed of a GET: the body is cut there (or at LINK_CHECK_DEFAULTS.headBytes).
  const get = () => opts.net.fetch(url, { ...common, method: 'GET', maxBytes: LINK_CHECK_DEFAULTS.headBytes, stopAt: ['</head>', '<body'] });
  let method: 'HEAD' | 'GET' = opts.mode === 'get' ? 'GET' : 'HEAD';
  let res = method === 'GET' ? await get() : await opts.net.fetch(url, { ...common, method, maxBytes: 0 });
  if (method === 'HEAD' && headRefused(res)) {
    method = 'GET';
    res = await get();
  }
  let metaRobots: string[] = [];
  let refresh: LinkHealth['refresh'] = null;
  if (method === 'GET' && !res.error) {
    const type = res.headers.contentType ?? '';
    if (res.body && (!type || /html|xml/i.test(type))) {
      try {
        const head = await opts.parse(res.body, res.finalUrl, 'head');
        metaRobots = head.metaRobots;
        refresh = head.refresh;
      } catch {
        /* an unreadable page still has its status */
      }
    }
  }
  const health: Omit<LinkHealth, 'flags'> = {
    url,
    status: res.status,
    finalUrl: res.finalUrl,
    hops: res.hops,
    method,
    xRobotsTag: res.headers.xRobotsTag,
    metaRobots,
    refresh,
    error: res.error?.kind === 'http' ? null : res.error,
    checkedAt: now(),
  };
  return { ...health, flags: healthFlags(health) };
}

/**
 * Checks every http(s) URL once (duplicates and fragments folded), external first. Resolves
 * with the results by URL; a cancelled check resolves with what finished before the cancel.
 */
export async function checkLinks(urls: string[], opts: CheckLinksOptions): Promise<Map<string, LinkHealth>> {
  const keys = [...new Set(urls.map(checkKey).filter((k): k is string => k !== null))];
  const ordered = orderForChecking(keys, opts.pageUrl);
  const results = new Map<string, LinkHealth>();
  let done = 0;
  const finish = (key: string, result: LinkHealth) => {
    results.set(key, result);
    done++;
    opts.onProgress?.({ done, total: ordered.length, result });
  };
  // All are handed to the fetch module at once: its limiter runs them 2 per host, 6 overall,
  // in this order (first come, first served, skipping full hosts).
  await Promise.all(
    ordered.map(async (key) => {
      const cached = opts.cache?.get(key);
      if (cached) return finish(key, cached);
      const result = await checkLink(key, opts);
      if (result.error?.kind === 'cancelled' || opts.signal?.aborted) return;
      opts.cache?.set(key, result);
      finish(key, result);
    }),
  );
  return results;
}
