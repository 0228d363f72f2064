/** "My domains": turning what the user typed into a comparable domain and matching links to it. */
import { registrableDomain } from '../url.ts';

/**
 * `https://www.Example.com:8080/path` → `example.com`; `blog.example.com` stays a subdomain.
 * Returns null for input that is not a plausible host name.
 */
export function normalizeDomainInput(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.replace(/^[^@/]*@/, '');
  s = s.split(/[/?#]/)[0] ?? '';
  s = s.replace(/:\d+$/, '').replace(/\.$/, '');
  if (s.startsWith('www.')) s = s.slice(4);
  if (!s || s.length > 253 || !/^[a-z0-9.-]+$/.test(s) || s.startsWith('.') || s.includes('..')) {
    // Allow IDN that was typed in Unicode: let the URL parser punycode it.
    try {
      const host = new URL(`http://${s}`).hostname;
      if (host && /^[a-z0-9.-]+$/.test(host) && !host.includes('..')) return host.replace(/^www\./, '');
    } catch {
      /* fall through */
    }
    return null;
  }
  return s;
}

export interface DomainLinkLike {
  domain: string | null;
  host: string | null;
}

/** The registrable domain to query the index with, for a normalized "my domain". */
export function indexDomainFor(myDomain: string): string {
  return registrableDomain(myDomain) ?? myDomain;
}

/** Does the link point at `myDomain` (the domain itself or any subdomain of it)? */
export function linkMatchesDomain(link: DomainLinkLike, myDomain: string): boolean {
  if (!link.host && !link.domain) return false;
  const host = (link.host ?? '').toLowerCase();
  if (host === myDomain || host.endsWith(`.${myDomain}`)) return true;
  // Without a host (should not happen for http links) fall back to the registrable domain.
  return !link.host && link.domain === myDomain;
}

/**
 * A backlink to `myDomain`: an http link from another site to it (a site linking to itself is
 * not a backlink). The one filter behind the backlinks list, retention and its preview.
 */
export function isBacklink(link: DomainLinkLike & { internal: boolean; kind: string }, myDomain: string): boolean {
  return !link.internal && link.kind === 'http' && linkMatchesDomain(link, myDomain);
}

/** The first of the user's domains the link points at, or null. */
export function matchingDomain(link: DomainLinkLike, myDomains: readonly string[]): string | null {
  for (const d of myDomains) if (linkMatchesDomain(link, d)) return d;
  return null;
}

/** Normalizes and deduplicates a list of user-entered domains, dropping invalid entries. */
export function normalizeDomainList(input: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of input) {
    const n = normalizeDomainInput(d);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}
