/**
 * Registrable domains (the public suffix list, via tldts): `a.github.io` ≠ `b.github.io`,
 * `shop.example.co.uk` → `example.co.uk`. Background and UI only: the page half sends hosts, and
 * the background decides domains (and so what is internal) itself.
 */
import { parse } from 'tldts';

/** Registrable domain of a hostname; the hostname itself for IPs and hosts with no known suffix. */
const domainCache = new Map<string, string | null>();

export function registrableDomain(hostname: string): string | null {
  if (!hostname) return null;
  const cached = domainCache.get(hostname);
  if (cached !== undefined) return cached;
  const info = parse(hostname, { allowPrivateDomains: true });
  const domain = info.isIp ? hostname : (info.domain ?? hostname);
  if (domainCache.size > 5000) domainCache.clear();
  domainCache.set(hostname, domain);
  return domain;
}

/** The registrable domain of a page URL (null for file:, data: and the like). */
export function pageDomainOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? registrableDomain(u.hostname) : null;
  } catch {
    return null;
  }
}
