/**
 * "My domains" — the sites a user cares about — as ONE normaliser and ONE matcher, used by the
 * settings (what is stored), the badge and the pinned rows (which links are mine), relevance
 * (whose description applies), and history (backlinks, the diff, what retention keeps).
 *
 * The rule: a domain is a lower-case host name without `www.`, never a public suffix or an IP;
 * a link is to that domain when its host is the domain or any subdomain of it. With
 * `blog.example.com` listed, `a.blog.example.com` is mine and `example.com` is not.
 *
 * Each listed domain has a role (issue 19 §8): one of *my sites* (links to it are backlinks I have:
 * pinned, counted on the badge, lost ones alerted) or a *competitor* (a page linking to it is a
 * prospect: it links to sites like mine). Both are "my domains" to follow — pinned in the table,
 * kept in history — and the matcher says which role a link's domain has.
 *
 * Pure (no extension APIs): storage lives in lib/settings.ts.
 */
import { parse } from 'tldts';

export interface MyDomain {
  /** Lower-case hostname without `www.`; subdomains of it match too. */
  domain: string;
  /** Optional description or keywords: what the site is about (feeds target relevance). */
  description: string;
  /** When it was added (ms since epoch); the list is shown in this order. */
  added: number;
  /** Absent: `mine` (lists saved before roles existed). */
  role?: DomainRole;
}

export const DOMAIN_ROLES = ['mine', 'competitor'] as const;
export type DomainRole = (typeof DOMAIN_ROLES)[number];

export function roleOf(entry: Pick<MyDomain, 'role'>): DomainRole {
  return entry.role === 'competitor' ? 'competitor' : 'mine';
}

/** The listed domains with one role (`mine`: the user's own sites). */
export function domainsWithRole(list: readonly Pick<MyDomain, 'domain' | 'role'>[], role: DomainRole): string[] {
  return list.filter((d) => roleOf(d) === role).map((d) => d.domain);
}

export type DomainCheck = { ok: true; domain: string } | { ok: false; error: string };

/** Accepts `example.com`, `www.example.com`, `https://user@blog.example.com:8080/path`; returns the hostname to match. */
export function normalizeDomain(input: string): DomainCheck {
  const raw = String(input ?? '').trim();
  if (!raw) return { ok: false, error: 'Enter a domain, for example example.com.' };
  if (raw.length > 253 + 20) return { ok: false, error: 'That is too long for a domain name.' };
  let hostname: string;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'Enter a web domain (http or https).' };
    hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return { ok: false, error: `“${raw}” is not a valid domain.` };
  }
  const info = parse(hostname, { allowPrivateDomains: true });
  if (info.isIp) return { ok: false, error: 'Enter a domain name, not an IP address.' };
  if (!info.hostname || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(hostname) || hostname.split('.').some((l) => !l || l.length > 63 || l.startsWith('-') || l.endsWith('-'))) {
    return { ok: false, error: `“${raw}” is not a valid domain.` };
  }
  if (!info.domain) return { ok: false, error: `“${hostname}” is a public suffix, not a site. Enter the site’s domain, for example example.${hostname}.` };
  const domain = hostname.startsWith('www.') && hostname.slice(4) !== info.publicSuffix ? hostname.slice(4) : hostname;
  return { ok: true, domain };
}

/** Normalizes and deduplicates a list of domains, dropping what is not a domain. */
export function normalizeDomainList(input: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of input) {
    const n = normalizeDomain(d);
    if (n.ok && !out.includes(n.domain)) out.push(n.domain);
  }
  return out;
}

/**
 * The most specific of `host` and its parent domains for which `has` is true, or null: the
 * matching rule itself, for callers that keep their domains in a record (relevance's topics).
 * O(labels).
 */
export function mostSpecificDomain(host: string | null | undefined, has: (domain: string) => boolean): string | null {
  if (!host) return null;
  let h = host.toLowerCase().replace(/\.$/, '');
  for (;;) {
    if (has(h)) return h;
    const dot = h.indexOf('.');
    if (dot < 0) return null;
    h = h.slice(dot + 1);
  }
}

/** Which of the user's domains a host belongs to (exact host or any subdomain), or null. */
export function createDomainMatcher(domains: Iterable<string>): (host: string | null | undefined) => string | null {
  const set = new Set(domains);
  return (host) => (set.size === 0 ? null : mostSpecificDomain(host, (d) => set.has(d)));
}

export interface DomainMatch {
  domain: string;
  role: DomainRole;
}

/**
 * Which listed domain a host belongs to, with its role: the most specific listed domain wins, so
 * with `example.com` mine and `shop.example.com` a competitor, `a.shop.example.com` is the
 * competitor's. The same rule as createDomainMatcher.
 */
export function createRoleMatcher(list: readonly Pick<MyDomain, 'domain' | 'role'>[]): (host: string | null | undefined) => DomainMatch | null {
  const roles = new Map(list.map((d) => [d.domain, roleOf(d)]));
  return (host) => {
    if (roles.size === 0) return null;
    const domain = mostSpecificDomain(host, (d) => roles.has(d));
    return domain ? { domain, role: roles.get(domain)! } : null;
  };
}

/** The descriptions users wrote, keyed by domain, for the relevance step (`AnalyzeRequest.targetTopics`). */
export function targetTopicsOf(domains: MyDomain[]): Record<string, string> {
  const topics: Record<string, string> = {};
  for (const d of domains) if (d.description) topics[d.domain] = d.description;
  return topics;
}
