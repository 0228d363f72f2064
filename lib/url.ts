/**
 * URL facts for a link: resolution against the document base, kind, host and redirect/tracking
 * wrappers. No public suffix list here (the page half carries no 130 kB of it): registrable
 * domains are lib/domain.ts, in the background.
 */
import type { LinkKind, LinkWrapper } from './report';

export interface ResolvedHref {
  url: string | null;
  kind: LinkKind;
  host: string | null;
}

export function resolveHref(href: string, baseURI: string): ResolvedHref {
  return resolveParsed(href, baseURI).resolved;
}

/**
 * Resolves once and also returns the parsed URL, so later steps need not parse it again (null for
 * non-http kinds, and for http links resolved by the fast path: `resolved.url` is then their href).
 */
export function resolveParsed(href: string, baseURI: string): { resolved: ResolvedHref; parsed: URL | null } {
  const trimmed = href.trim();
  const fast = fastResolve(trimmed, baseURI);
  if (fast) return { resolved: fast, parsed: null };
  const none = (kind: LinkKind, url: string | null) => ({ resolved: { url, kind, host: null }, parsed: null });
  // An empty href or a pure fragment stays on this page.
  if (trimmed === '' || trimmed.startsWith('#')) return none('fragment', safeResolve(trimmed, baseURI));
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed.replace(/[\t\n\r]/g, ''))?.[1]?.toLowerCase();
  if (scheme === 'javascript') return none('javascript', null);
  if (scheme === 'mailto') return none('mailto', trimmed);
  if (scheme === 'tel') return none('tel', trimmed);
  let parsed: URL;
  try {
    parsed = new URL(trimmed, baseURI);
  } catch {
    return none('malformed', null);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return none('other', parsed.href);
  const host = parsed.hostname.toLowerCase();
  if (!host) return none('malformed', null);
  return { resolved: { url: parsed.href, kind: 'http', host }, parsed };
}

/** Characters a URL parser leaves as they are in a path, query or fragment (no escapes, no quotes, no `%`). */
const PLAIN_PATH = "[A-Za-z0-9\\-_.~/+,;=:@&]*";
const PLAIN_TAIL = "(?:\\?[A-Za-z0-9\\-_.~/+,;=:@&?]*)?(?:#[A-Za-z0-9\\-_.~/+,;=:@&?]*)?";
/** `/path?query#fragment` (not `//host`). */
const PLAIN_ABSOLUTE_PATH = new RegExp(`^/(?!/)${PLAIN_PATH}${PLAIN_TAIL}$`);
/** `http(s)://host/path?query#fragment`: lower-case ASCII host, no port, no user info. */
const PLAIN_URL = new RegExp(`^https?://([a-z0-9-]+(?:\\.[a-z0-9-]+)*)(/${PLAIN_PATH})?(${PLAIN_TAIL})$`);
/** `.` and `..` segments, which the parser removes. */
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
/** A host whose last label is a number is parsed as IPv4 (`1.2.3.4`, `0x7f.1`). */
const NUMERIC_LABEL = /(?:^|\.)(?:0x[0-9a-f]*|[0-9]+)$/;
/** Punycode labels are validated by the parser (and may fail). */
const PUNYCODE = /(?:^|\.)xn--/;

const baseParts = new Map<string, { origin: string; host: string } | null>();
/** The origin an absolute path resolves against, when the base is a plain http(s) URL. */
function baseOrigin(baseURI: string): { origin: string; host: string } | null {
  let parts = baseParts.get(baseURI);
  if (parts === undefined) {
    parts = null;
    try {
      const b = new URL(baseURI);
      if ((b.protocol === 'http:' || b.protocol === 'https:') && !b.username && !b.password && b.hostname) {
        parts = { origin: `${b.protocol}//${b.host}`, host: b.hostname.toLowerCase() };
      }
    } catch {
      // no usable base: the slow path reports it
    }
    if (baseParts.size > 100) baseParts.clear();
    baseParts.set(baseURI, parts);
  }
  return parts;
}

/**
 * The common hrefs (`/a/b`, `https://host/a?b=c`) resolved without the URL parser, exactly as it
 * would: only inputs the parser copies unchanged are taken, anything else returns null.
 */
export function fastResolve(href: string, baseURI: string): ResolvedHref | null {
  if (href.charCodeAt(0) === 47 /* / */) {
    if (!PLAIN_ABSOLUTE_PATH.test(href) || DOT_SEGMENT.test(href)) return null;
    const base = baseOrigin(baseURI);
    if (!base) return null;
    return { url: base.origin + href, kind: 'http', host: base.host };
  }
  if (href.charCodeAt(0) !== 104 /* h */) return null;
  const p = plainUrl(href);
  if (!p) return null;
  const url = p.path ? href : `${href.slice(0, href.length - p.tail.length)}/${p.tail}`;
  return { url, kind: 'http', host: p.host };
}

/** Host, path and `?query#fragment` of an http(s) URL the parser would keep exactly as written, else null. */
function plainUrl(href: string): { host: string; path: string; tail: string } | null {
  const m = PLAIN_URL.exec(href);
  if (!m) return null;
  const host = m[1]!;
  const path = m[2] ?? '';
  if (NUMERIC_LABEL.test(host) || PUNYCODE.test(host) || DOT_SEGMENT.test(path)) return null;
  return { host, path, tail: m[3]! };
}

/** The pathname of a plain http(s) URL (one `fastResolve` keeps as it is), without parsing it; else null. */
export function plainPathname(url: string): string | null {
  const p = plainUrl(url);
  return p ? p.path || '/' : null;
}

function safeResolve(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/**
 * Is a host the page's own site? Its registrable domain (given by the background) or a subdomain of
 * it: `shop.example.com` on `example.com`; not `b.github.io` on `a.github.io`.
 */
export function isInternalHost(host: string | null, pageDomain: string | null | undefined): boolean {
  if (!host || !pageDomain) return false;
  return host === pageDomain || (host.length > pageDomain.length && host.endsWith(pageDomain) && host.charCodeAt(host.length - pageDomain.length - 1) === 46);
}

/** True when the resolved link points back at the same page (ignoring the fragment). */
export function isSamePage(url: string, pageUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(pageUrl);
    a.hash = '';
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}

const TRACKING_PARAMS = /^(utm_[a-z]+|gclid|fbclid|msclkid|mc_cid|mc_eid|yclid|dclid|_hsenc|_hsmi|igshid|ref|ref_src|aff(iliate)?_?id|affid|clickid|irclickid|tag)$/i;
const REDIRECT_PARAMS = /^(url|u|to|target|dest|destination|redirect|redirect_uri|redirect_url|redir|goto|link|out|q|r|next|continue|return|returnurl)$/i;
const REDIRECT_PATH = /\/(go|out|redirect|redir|outgoing|exit|away|click|visit|leave|recommends)(\/|\.php|$)/i;

/** Finds an absolute http(s) URL embedded in a parameter value or path segment. */
function embeddedUrl(value: string): string | null {
  let v = value;
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(v); i++) {
    try {
      v = decodeURIComponent(v);
    } catch {
      break;
    }
  }
  const m = /https?:\/\/[^\s"'<>]+/i.exec(v);
  return m ? m[0] : null;
}

function decodeQueryPart(part: string): string {
  const plus = part.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/**
 * The `key=value` pairs of a URL's `search` string (application/x-www-form-urlencoded, as
 * URLSearchParams reads it), as plain strings. Not URLSearchParams itself: in a Firefox content
 * script a URL is the page's object seen through an Xray wrapper, and the iterators of its
 * `searchParams` (`keys()`, `entries()`) are not iterable there.
 */
export function queryParams(search: string): [string, string][] {
  const out: [string, string][] = [];
  const query = search.charCodeAt(0) === 63 /* ? */ ? search.slice(1) : search;
  if (!query) return out;
  const parts = query.split('&');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part) continue;
    const eq = part.indexOf('=');
    out.push(eq < 0 ? [decodeQueryPart(part), ''] : [decodeQueryPart(part.slice(0, eq)), decodeQueryPart(part.slice(eq + 1))]);
  }
  return out;
}

/** Wrapper of a serialised http(s) URL (a `URL.href`): parses it only when it could be one. */
export function wrapperOfHref(href: string): LinkWrapper | null {
  const path = href.slice(href.indexOf('/', href.indexOf('//') + 2) >>> 0);
  if (path.indexOf('?') < 0 && !REDIRECT_PATH.test(path) && !/https?(:|%3A)/i.test(path)) return null;
  return detectWrapper(href);
}

/**
 * Detects links that pass through a redirector (`/go/`, `/out/`, `?url=https://…`) or carry
 * tracking parameters (utm_*, gclid…). Redirects win over tracking: they change where value goes.
 */
export function detectWrapper(url: string | URL): LinkWrapper | null {
  let parsed: URL;
  if (typeof url === 'string') {
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
  } else parsed = url;
  // Most links have no query and an ordinary path: decide on the string, without URL getters.
  const href = parsed.href;
  const path = href.slice(href.indexOf('/', href.indexOf('//') + 2) >>> 0);
  if (path.indexOf('?') < 0 && !REDIRECT_PATH.test(path) && !/https?(:|%3A)/i.test(path)) return null;
  const markers: string[] = [];
  let target: string | null = null;
  const params = queryParams(parsed.search);
  for (let i = 0; i < params.length; i++) {
    const [key, value] = params[i]!;
    if (REDIRECT_PARAMS.test(key)) {
      const embedded = embeddedUrl(value);
      if (embedded) {
        target = embedded;
        markers.push(`?${key}=`);
      }
    }
  }
  if (!target) {
    const inPath = embeddedUrl(parsed.pathname.slice(1));
    if (inPath) {
      target = inPath;
      markers.push('url in path');
    }
  }
  const pathMatch = REDIRECT_PATH.exec(parsed.pathname);
  if (target || pathMatch) {
    if (pathMatch) markers.push(`/${(pathMatch[1] ?? '').toLowerCase()}/`);
    return { kind: 'redirect', target, markers };
  }
  const tracking: string[] = [];
  for (let i = 0; i < params.length; i++) {
    const key = params[i]![0];
    if (TRACKING_PARAMS.test(key) && !tracking.includes(key.toLowerCase())) tracking.push(key.toLowerCase());
  }
  if (tracking.length) return { kind: 'tracking', target: null, markers: tracking };
  return null;
}

/**
 * The one check before any URL from a page (or from history, or an import) becomes a link in the
 * extension's pages: http(s) only, never javascript:, data: or file:. Null when it may not.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
