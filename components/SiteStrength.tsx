/**
 * The linking site's strength at a glance (popup and side panel header), with its sources and the
 * "why" on hover; also the target's strength in a link's details. "Not in the top N" is said in
 * words, never shown as a low number. Provider errors are shown per provider in the options page.
 * The words come from the locale files; list names and provider labels are names, kept as they are.
 */
import type { ProviderValue, SiteStrength } from '@/lib/report';
import { LIST_CREDITS, PROVIDERS, STRENGTH_LISTS } from '@/lib/strength-sources';
import { num, t, uiLocale } from './i18n';

/** "2026-03" → "March 2026" / "März 2026" in the UI language. */
export function monthYear(date: string): string {
  const [y, m] = date.split('-').map(Number);
  if (!y || !m) return date;
  try {
    return new Intl.DateTimeFormat(uiLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  } catch {
    return date;
  }
}

export function authorityWords(s: SiteStrength | null | undefined): string {
  if (!s) return t('strength.authorityUnknown');
  return s.authority ? t('strength.authority', [num(s.authority.value)]) : t('strength.notInAuthority', [num(STRENGTH_LISTS.authority.top)]);
}

export function popularityWords(s: SiteStrength | null | undefined): string {
  if (!s) return t('strength.popularityUnknown');
  if (!s.popularity) return t('strength.notInPopularity', [num(STRENGTH_LISTS.popularity.top)]);
  const bucket = { 'top-1k': '1k', 'top-10k': '10k', 'top-50k': '50k' }[s.popularity.bucket];
  return t('strength.popularity', [bucket, num(s.popularity.rank)]);
}

export function providerWords(v: ProviderValue): string {
  const p = PROVIDERS[v.provider];
  return p.scale === 10 ? `${p.label} ${num(v.value)}/10` : `${p.label} ${num(Math.round(v.value))}`;
}

/** The "why" behind the figures: sources, editions, what they count, how they were found. */
export function strengthWhy(s: SiteStrength | null | undefined): string {
  if (!s) return t('strength.whyUnknown');
  const a = s.authority;
  const p = s.popularity;
  return [
    a
      ? t('strength.whyAuthority', [num(a.value), LIST_CREDITS.authority.title, monthYear(STRENGTH_LISTS.authority.date), a.matched, num(a.refSubnets)])
      : t('strength.whyNotAuthority', [LIST_CREDITS.authority.title, num(STRENGTH_LISTS.authority.top)]),
    p ? t('strength.whyPopularity', [num(p.rank), LIST_CREDITS.popularity.title, STRENGTH_LISTS.popularity.date, p.matched]) : t('strength.whyNotPopularity', [LIST_CREDITS.popularity.title, num(STRENGTH_LISTS.popularity.top)]),
    ...s.providers.map((v) => t('strength.whyProvider', [providerWords(v), v.domain, v.fetchedAt.slice(0, 10)])),
  ].join('\n');
}

export function SiteStrengthBadge({ site }: { site: SiteStrength | null | undefined }) {
  if (site === undefined) return null; // a report from before strength existed
  const title = strengthWhy(site);
  return (
    <p class="strength" title={title} aria-label={t('strength.label', [title])} data-testid="site-strength">
      <span class={`pill ${site?.authority ? 'pill--ok' : 'pill--muted'}`}>{authorityWords(site)}</span>
      <span class={`pill ${site?.popularity ? 'pill--ok' : 'pill--muted'}`}>{popularityWords(site)}</span>
      {site?.providers.map((v) => (
        <span key={v.provider} class="pill pill--provider">
          {providerWords(v)}
        </span>
      ))}
    </p>
  );
}

/** The target's strength as one line (link details). */
export function strengthLine(s: SiteStrength | null | undefined): string {
  if (!s) return t('details.unknown');
  return [authorityWords(s), popularityWords(s), ...s.providers.map(providerWords)].join(' · ');
}
