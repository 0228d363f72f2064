/**
 * The linking site's strength at a glance (popup and side panel header), with its sources and the
 * "why" on hover; also the target's strength in a link's details. "Not in the top N" is said in
 * words, never shown as a low number. Provider errors are shown per provider in the options page.
 */
import type { SiteStrength } from '@/lib/report';
import { authorityText, popularityText, providerText, strengthExplanation } from '@/lib/strength-sources';

export function SiteStrengthBadge({ site }: { site: SiteStrength | null | undefined }) {
  if (site === undefined) return null; // a report from before strength existed
  const title = strengthExplanation(site);
  return (
    <p class="strength" title={title} aria-label={`Site strength. ${title}`} data-testid="site-strength">
      <span class={`pill ${site?.authority ? 'pill--ok' : 'pill--muted'}`}>{authorityText(site)}</span>
      <span class={`pill ${site?.popularity ? 'pill--ok' : 'pill--muted'}`}>{popularityText(site)}</span>
      {site?.providers.map((v) => (
        <span key={v.provider} class="pill pill--provider">
          {providerText(v)}
        </span>
      ))}
    </p>
  );
}

/** The target's strength as one line (link details). */
export function strengthLine(s: SiteStrength | null | undefined): string {
  if (!s) return 'unknown';
  return [authorityText(s), popularityText(s), ...s.providers.map(providerText)].join(' · ');
}
