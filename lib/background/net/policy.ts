/**
 * Which URLs the extension may fetch: http(s) to public hosts only. Checked on the URL asked for
 * AND on every redirect hop (lib/background/net/fetch.ts), so a public page cannot send the
 * extension — which runs with the user's network position — to a router, an intranet or a local
 * service.
 *
 * What it cannot check: where a public-looking name resolves. An extension has no DNS API in
 * Chrome, and the browser resolves after the check, so `evil.example` whose DNS answer is
 * 127.0.0.1 (or changes between two lookups) still reaches a loopback address. See docs/net.md.
 */
import ipaddr from 'ipaddr.js';

export type RefusalReason = 'invalid-url' | 'not-http' | 'credentials' | 'non-public-address' | 'local-name';

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: RefusalReason; message: string };

/** Names that only mean something on the user's own machine or network (RFC 6761, 6762, 8375, ICANN .internal). */
const LOCAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'corp', 'home.arpa'];

function refuse(reason: RefusalReason, message: string): UrlVerdict {
  return { ok: false, reason, message };
}

/**
 * Is an IP literal (as the URL parser serialises it: dotted IPv4, or IPv6 without brackets) a
 * public unicast address? Everything ipaddr.js does not call plain `unicast` is refused: loopback,
 * private (RFC 1918), carrier-grade NAT, link-local, unspecified, multicast, broadcast, reserved
 * and documentation ranges, unique-local IPv6, and every IPv6 form that embeds an IPv4 address
 * (mapped, translated, NAT64, 6to4, Teredo, the deprecated IPv4-compatible ::a.b.c.d).
 */
export function isPublicIp(literal: string): boolean {
  if (!ipaddr.isValid(literal)) return false;
  const addr = ipaddr.parse(literal);
  if (addr.kind() === 'ipv6') {
    const parts = (addr as ipaddr.IPv6).parts;
    // ::/96 (IPv4-compatible, deprecated): ipaddr.js calls it unicast, but it names an IPv4 host.
    if (parts.slice(0, 6).every((p) => p === 0)) return false;
  }
  return addr.range() === 'unicast';
}

/** Checks one URL against the policy; the parsed URL comes back when it may be fetched. */
export function checkUrl(raw: string | URL): UrlVerdict {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    return refuse('invalid-url', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('not-http', `not an http(s) URL (${url.protocol})`);
  if (url.username || url.password) return refuse('credentials', 'a URL with a user name or password');
  // The URL parser has already turned 0x7f.1, 2130706433, 0177.0.0.1 and full-width digits into
  // dotted IPv4, and IPv6 into its short form in brackets.
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) {
    const literal = host.slice(1, -1);
    return isPublicIp(literal) ? { ok: true, url } : refuse('non-public-address', `${host} is not a public address`);
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) {
    return isPublicIp(host) ? { ok: true, url } : refuse('non-public-address', `${host} is not a public address`);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (LOCAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return refuse('local-name', `${host} is a local name`);
  if (!host.includes('.')) return refuse('local-name', `${host || 'an empty host'} is a single-label (local) name`);
  return { ok: true, url };
}
