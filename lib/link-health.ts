/**
 * Link health: what a link's target answers (lib/background/link-health checks it through the
 * one fetch module). Shared by the background (checks), the analysis (the score reads it) and
 * the surfaces (a status column), so it lives with the other shared shapes.
 */
import type { Hop, NetErrorKind } from './background/net/fetch.ts';
import type { MetaRefresh } from './parse/fetched.ts';
import { isNofollow, isNoindex, robotsHeaderTokens } from './robots.ts';
import { registrableDomain } from './domain.ts';

export type { Hop } from './background/net/fetch.ts';

export type LinkHealthFlag =
  /** 4xx: the target is gone or refuses. */
  | 'client-error'
  /** 5xx. */
  | 'server-error'
  | 'dns'
  | 'timeout'
  | 'network'
  | 'redirect-loop'
  | 'too-many-redirects'
  /** A hop went to a private address or local name: not followed. */
  | 'refused'
  /** The extension has no host access for a hop. */
  | 'no-access'
  /** A redirect whose target the browser did not disclose (no webRequest permission). */
  | 'redirect-hidden'
  | 'redirects'
  /** The final page (or its meta refresh) is on another registrable domain than the link. */
  | 'other-domain'
  | 'meta-refresh'
  | 'noindex'
  | 'nofollow';

export interface LinkHealth {
  /** The URL checked (the link's, without #fragment). */
  url: string;
  /** Final HTTP status; null when no answer came. */
  status: number | null;
  finalUrl: string;
  /** Each response: redirects with their status and target, then the last one. */
  hops: Hop[];
  /** How the final answer was read: HEAD, or GET where HEAD was refused (or meta tags were asked for). */
  method: 'HEAD' | 'GET';
  /** The target's X-Robots-Tag, as sent. */
  xRobotsTag: string | null;
  /** On GET: the final page's meta robots tokens and meta refresh. */
  metaRobots: string[];
  refresh: MetaRefresh | null;
  error: { kind: NetErrorKind; message: string } | null;
  flags: LinkHealthFlag[];
  /** Epoch ms. */
  checkedAt: number;
}

/** The key a link is checked and looked up by: its URL without #fragment; null unless http(s). */
export function checkKey(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/** Links whose target is gone: no value reaches anything. */
export const BROKEN_FLAGS: readonly LinkHealthFlag[] = ['client-error', 'server-error', 'dns', 'redirect-loop', 'too-many-redirects'];

export const isBroken = (h: LinkHealth) => h.flags.some((f) => BROKEN_FLAGS.includes(f));

const ERROR_FLAGS: Partial<Record<NetErrorKind, LinkHealthFlag>> = {
  dns: 'dns',
  timeout: 'timeout',
  network: 'network',
  'redirect-loop': 'redirect-loop',
  'too-many-redirects': 'too-many-redirects',
  'refused-host': 'refused',
  'refused-url': 'refused',
  'no-access': 'no-access',
  'redirect-hidden': 'redirect-hidden',
};

/** The flags a result earns: statuses, failures, redirects, another domain, robots directives. */
export function healthFlags(h: Omit<LinkHealth, 'flags'>): LinkHealthFlag[] {
  const flags = new Set<LinkHealthFlag>();
  if (h.status !== null && h.status >= 400) flags.add(h.status >= 500 ? 'server-error' : 'client-error');
  const fromError = h.error ? ERROR_FLAGS[h.error.kind] : undefined;
  if (fromError) flags.add(fromError);
  if (h.hops.some((hop) => hop.location !== null)) flags.add('redirects');
  if (h.refresh?.url) flags.add('meta-refresh');
  const destination = h.refresh?.url ?? h.finalUrl;
  const from = domainOf(h.url);
  const to = domainOf(destination);
  if (from && to && from !== to) flags.add('other-domain');
  const robots = [...robotsHeaderTokens(h.xRobotsTag), ...h.metaRobots];
  if (isNoindex(robots)) flags.add('noindex');
  if (isNofollow(robots)) flags.add('nofollow');
  return [...flags];
}

function domainOf(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return registrableDomain(host) ?? host;
  } catch {
    return null;
  }
}

/** A check's statuses hop by hop ("301→302→200"), ending in what failed ("301→refused-host", "dns"): for tables. */
export function healthStatusText(h: Pick<LinkHealth, 'hops' | 'status' | 'error'>): string {
  const chain = h.hops.map((hop) => (hop.status === null ? '?' : String(hop.status))).join('→');
  if (h.error && h.error.kind !== 'http') return chain ? `${chain}→${h.error.kind}` : h.error.kind;
  return chain || (h.status === null ? '?' : String(h.status));
}
