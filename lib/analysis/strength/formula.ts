/**
 * From list figures to the report's numbers (written down in docs/strength.md):
 *
 *   authority  = 100 × ln(1 + refSubnets) / ln(1 + REF_SUBNETS)      clamped to 0–100
 *   popularity = the Tranco rank and its bucket: top 1k (≤ 1,000), top 10k (≤ 10,000), top 50k
 *   strength   = authority, or UNLISTED_AUTHORITY for a site below the list (used by linkValue)
 *
 * A log scale because link counts span five orders of magnitude: google.com has ~500,000
 * referring /24 subnets, the 15,000th site ~3,000, most sites a handful. REF_SUBNETS is fixed
 * (not the list's maximum) so a number means the same in every edition of the list.
 */
import type { PopularityBucket } from '../../report';

export const STRENGTH = {
  /** Referring /24 subnets that score 100 (about google.com's count in 2026). */
  refSubnets: 500_000,
  /**
   * Strength assumed for a site that is not in the authority list (fewer than ~3,000 referring
   * subnets, authority below ~61): the middle of what is left below the list's floor. An
   * assumption, not a measurement; the UI never shows it as the site's authority.
   */
  unlistedAuthority: 30,
  popularityBuckets: [
    { bucket: 'top-1k', maxRank: 1_000 },
    { bucket: 'top-10k', maxRank: 10_000 },
    { bucket: 'top-50k', maxRank: 50_000 },
  ] as { bucket: PopularityBucket; maxRank: number }[],
};

export function authorityOf(refSubnets: number): number {
  if (!(refSubnets > 0)) return 0;
  const a = (100 * Math.log1p(refSubnets)) / Math.log1p(STRENGTH.refSubnets);
  return Math.round(Math.min(100, Math.max(0, a)));
}

/** The bucket of a rank, or null when it is deeper than the shipped slice. */
export function popularityBucket(rank: number): PopularityBucket | null {
  if (!(rank >= 1)) return null;
  for (const b of STRENGTH.popularityBuckets) if (rank <= b.maxRank) return b.bucket;
  return null;
}

/** The site weight linkValue uses (0–100): the authority, or the unlisted assumption. */
export function siteWeight(authority: number | null | undefined): number {
  return typeof authority === 'number' ? authority : STRENGTH.unlistedAuthority;
}
