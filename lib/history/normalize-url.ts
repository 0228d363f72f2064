/**
 * Page URL normalization for the history store: two visits of "the same page" must map to the
 * same key however the URL was written. Pure, no DOM.
 *
 * Rules (http/https only; other URLs are returned trimmed and otherwise unchanged):
 * - scheme and host lower-cased, default ports dropped (the URL parser does both);
 * - fragment removed;
 * - tracking parameters removed (utm_*, gclid, fbclid, msclkid, …);
 * - remaining query parameters sorted by name (stable: values of a repeated name keep their order);
 * - empty query (`?`) removed;
 * - trailing slash removed from every path except the root (`/a/` → `/a`, `/` stays);
 * - duplicate slashes in the path collapsed.
 */

const TRACKING_PARAM = /^(utm_[a-z0-9_]+|gclid|gclsrc|dclid|gbraid|wbraid|fbclid|msclkid|mc_cid|mc_eid|yclid|_hsenc|_hsmi|igshid|twclid|li_fat_id|_ga|_gl|ref_src|srsltid)$/i;

export function isTrackingParam(name: string): boolean {
  return TRACKING_PARAM.test(name);
}

export function normalizeUrl(input: string): string {
  const raw = input.trim();
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw;
  u.hash = '';
  u.username = '';
  u.password = '';
  const params = [...u.searchParams].filter(([name]) => !isTrackingParam(name));
  // Array.prototype.sort is stable: repeated names keep their relative order.
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const search = new URLSearchParams(params).toString();
  let path = u.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  return `${u.protocol}//${u.host}${path}${search ? `?${search}` : ''}`;
}

/** Alias kept for readability at call sites that deal with pages rather than link targets. */
export const normalizePageUrl = normalizeUrl;
