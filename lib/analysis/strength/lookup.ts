/**
 * Site strength from the shipped table: looked up by host, then each parent of it, down to its
 * registrable domain (public suffix list, private suffixes included, so `someone.blogspot.com`
 * never inherits blogspot.com's strength). Authority and popularity are looked up separately:
 * `en.wikipedia.org` has its own authority in the Majestic Million, and Tranco ranks only
 * wikipedia.org.
 *
 * Hosts are compared in their ASCII form, as the URL parser gives them: an IDN host written in
 * Unicode (`мвд.рф`) is converted to punycode (`xn--b1aew.xn--p1ai`) first.
 */
import { registrableDomain } from '../../domain.ts';
import type { AuthorityValue, PopularityValue, SiteStrength } from '../../report';
import { domainHash } from './hash.ts';
import { authorityOf, popularityBucket } from './formula.ts';
import { subnetsOf, type StrengthMeta, type StrengthTableData } from './table-format.ts';

/** A hostname in the table's form (lower-case ASCII, no trailing dot), or null when it is not one. */
export function tableName(host: string): string | null {
  let h = host.trim().toLowerCase().replace(/\.+$/, '');
  if (!h || h.length > 253) return null;
  if (/[^\x21-\x7e]/.test(h)) {
    try {
      h = new URL(`http://${h}/`).hostname.replace(/\.+$/, '');
    } catch {
      return null;
    }
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(h)) return null;
  // IP addresses are not sites (and a numeric last label is parsed as one).
  if (/(^|\.)\d+$/.test(h)) return null;
  return h;
}

/** The host, each parent, down to the registrable domain (at most 8 names). */
export function candidateNames(name: string): string[] {
  const domain = registrableDomain(name) ?? name;
  const out = [name];
  if (domain === name || !name.endsWith(`.${domain}`)) return out;
  let h = name;
  while (h !== domain && out.length < 8) {
    h = h.slice(h.indexOf('.') + 1);
    out.push(h);
  }
  if (out[out.length - 1] !== domain) out.push(domain);
  return out;
}

function find(hashes: Uint32Array, h: number): number {
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = hashes[mid]!;
    if (v < h) lo = mid + 1;
    else if (v > h) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export class StrengthTable {
  readonly meta: StrengthMeta;
  private readonly data: StrengthTableData;

  constructor(data: StrengthTableData) {
    this.data = data;
    this.meta = data.meta;
  }

  /** Entries in the table (both lists, each domain once). */
  get size(): number {
    return this.data.ranked.hashes.length + this.data.popular.hashes.length;
  }

  /** The host's strength from the lists (providers empty); null when it is not a host name. */
  lookup(host: string | null | undefined): SiteStrength | null {
    const name = host ? tableName(host) : null;
    if (!name) return null;
    let authority: AuthorityValue | null = null;
    let popularity: PopularityValue | null = null;
    const { ranked, popular } = this.data;
    for (const candidate of candidateNames(name)) {
      const h = domainHash(candidate, this.meta.seed);
      let rank = 0;
      const r = find(ranked.hashes, h);
      if (r >= 0) {
        if (!authority) {
          const refSubnets = Math.round(subnetsOf(ranked.subnetCodes[r]!));
          authority = { value: authorityOf(refSubnets), refSubnets, matched: candidate, source: this.meta.authority.id };
        }
        rank = ranked.ranks[r]!;
      } else {
        const p = find(popular.hashes, h);
        if (p >= 0) rank = popular.ranks[p]!;
      }
      const bucket = rank ? popularityBucket(rank) : null;
      if (!popularity && bucket) popularity = { rank, bucket, matched: candidate, source: this.meta.popularity.id };
      if (authority && popularity) break;
    }
    return { host: name, authority, popularity, providers: [] };
  }
}
