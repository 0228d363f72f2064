/**
 * The inspected page's own HTTP status and X-Robots-Tag, read from the background through the
 * one fetch module — never from the content script, so the page cannot observe it. Only where
 * the extension has host access to the page's origin (the optional all-sites permission or a
 * grant for that site); otherwise the report says "unknown". The request carries no cookies, so
 * it reads what a crawler gets, which is what X-Robots-Tag is for.
 */
import type { PageHttp } from '../report';
import { checkLink } from './link-health/check';
import { backgroundNet, hasHostAccess, parseFetched } from './net/index';
import { checkKey } from '../link-health';

/** A watched page is re-analysed often: its headers are read again after this long. */
const FRESH_MS = 120_000;
const KEPT = 50;
/** The report waits for this at most (it is read while relevance runs). */
const TIMEOUT_MS = 3_000;
const recent = new Map<string, { at: number; http: Promise<PageHttp> }>();

const unknown = (note: string): PageHttp => ({ source: 'unknown', status: null, xRobotsTag: null, note });

export function pageHttpFor(pageUrl: string, now = Date.now()): Promise<PageHttp> {
  const key = checkKey(pageUrl);
  if (!key) return Promise.resolve(unknown('not an http(s) page'));
  const hit = recent.get(key);
  if (hit && now - hit.at < FRESH_MS) return hit.http;
  const http = read(key);
  recent.delete(key);
  recent.set(key, { at: now, http });
  while (recent.size > KEPT) recent.delete(recent.keys().next().value!);
  return http;
}

async function read(url: string): Promise<PageHttp> {
  if (!(await hasHostAccess(new URL(url)))) return unknown('no access to this site (allow access to all sites to read its headers)');
  const h = await checkLink(url, { net: backgroundNet(), parse: parseFetched, timeoutMs: TIMEOUT_MS });
  if (h.status === null) return unknown(h.error?.message ?? 'no answer');
  const redirected = h.finalUrl !== url ? `answered after redirects to ${h.finalUrl}` : null;
  return { source: 'checked', status: h.status, xRobotsTag: h.xRobotsTag, note: redirected };
}

/** Tests start from a clean state. */
export function forgetPageHeaders(): void {
  recent.clear();
}
