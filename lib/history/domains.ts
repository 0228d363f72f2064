/**
 * Backlinks in history: which stored links point at the user's domains. The matching rule is
 * lib/my-domains.ts's, the one every surface uses.
 */
import { createDomainMatcher } from '../my-domains.ts';
import { registrableDomain } from '../domain.ts';

export { normalizeDomainList } from '../my-domains.ts';

/** The registrable domain to query the index with, for a normalized "my domain". */
export function indexDomainFor(myDomain: string): string {
  return registrableDomain(myDomain) ?? myDomain;
}

export type DomainMatcher = ReturnType<typeof createDomainMatcher>;

/**
 * The user's domain a link is a backlink to, or null: an http link from another site to it (a
 * site linking to itself is not a backlink). The one filter behind the backlinks list, the diff's
 * "my backlinks", retention and its preview.
 */
export function backlinkDomain(link: { host: string | null; internal: boolean; kind: string }, match: DomainMatcher): string | null {
  return !link.internal && link.kind === 'http' ? match(link.host) : null;
}
