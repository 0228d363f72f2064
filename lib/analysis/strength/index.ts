/**
 * Stage 4½ — site strength: the inspected page's site and every link's target, from the shipped
 * lists (lookup.ts) plus the provider values the background passes in (the user's own keys;
 * keyed by registrable domain). Each host is looked up once per page.
 *
 *   const strengths = await strengthOfPage(facts.host, links.map((l) => l.host), { providerValues });
 *
 * Imports carry `.ts` so the benchmark (scripts/bench/strength.ts) runs this under plain Node.
 */
import { registrableDomain } from '../../domain.ts';
import type { ProviderValue, SiteStrength } from '../../report';
import { loadStrengthTable } from './table-asset.ts';
import type { StrengthTable } from './lookup';

export { STRENGTH, authorityOf, popularityBucket, siteWeight } from './formula.ts';
export { StrengthTable, candidateNames, tableName } from './lookup.ts';
export { loadStrengthTable, setTableReader } from './table-asset.ts';

export interface StrengthOptions {
  /** Provider values by registrable domain (from the background's cache). */
  providerValues?: Record<string, ProviderValue[]>;
  /** A table to use instead of the shipped one (tests). */
  table?: StrengthTable | null;
}

export interface PageStrengths {
  site: SiteStrength | null;
  /** Per link, in order; null for links without a host. */
  links: (SiteStrength | null)[];
}

export async function strengthOfPage(pageHost: string | null, linkHosts: (string | null)[], options: StrengthOptions = {}): Promise<PageStrengths> {
  const table = options.table !== undefined ? options.table : await loadStrengthTable();
  const provided = options.providerValues ?? {};
  const memo = new Map<string, SiteStrength | null>();
  const of = (host: string | null): SiteStrength | null => {
    if (!host) return null;
    let s = memo.get(host);
    if (s === undefined) {
      s = table?.lookup(host) ?? null;
      if (s) {
        const domain = registrableDomain(s.host);
        const values = domain ? provided[domain] : undefined;
        if (Array.isArray(values) && values.length) s = { ...s, providers: values.slice() };
      }
      memo.set(host, s);
    }
    return s;
  };
  return { site: of(pageHost), links: linkHosts.map(of) };
}
