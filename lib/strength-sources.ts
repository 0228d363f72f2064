/**
 * One home for how site strength is named and credited on every surface (popup, side panel,
 * options, CSV, CLI): the two shipped lists, the providers a user can connect with their own key,
 * and the words for each figure. Free of extension APIs; the background and the UI both read it.
 */
import type { ProviderValue, SiteStrength, StrengthProvider } from './report';
// .ts: the CLI (plain Node) reads this module too.
import { STRENGTH_LISTS } from './strength-lists.generated.ts';

export { STRENGTH_LISTS };

const fmt = (n: number) => n.toLocaleString('en');
const monthYear = (date: string) => {
  const [y, m] = date.split('-');
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(m) - 1];
  return month ? `${month} ${y}` : date;
};

/** The credits each list asks for, shown in the options page and docs/credits.md. */
export const LIST_CREDITS = {
  authority: {
    title: 'Majestic Million',
    credit: 'Majestic Million by Majestic, majestic.com',
    licence: 'Creative Commons Attribution (CC BY)',
    url: 'https://majestic.com/reports/majestic-million',
    what: `Referring /24 IP subnets of the top ${fmt(STRENGTH_LISTS.authority.top)} sites (edition of ${monthYear(STRENGTH_LISTS.authority.date)}): the authority figure.`,
  },
  popularity: {
    title: 'Tranco',
    credit:
      'Tranco: Le Pochat, Van Goethem, Tajalizadehkhoob, Korczyński and Joosen, “Tranco: A Research-Oriented Top Sites Ranking Hardened Against Manipulation”, NDSS 2019',
    licence: 'cited as its authors ask (no licence text is published with the list)',
    url: 'https://tranco-list.eu',
    what: `Popularity rank of the top ${fmt(STRENGTH_LISTS.popularity.top)} sites (list of ${STRENGTH_LISTS.popularity.date}): Chrome page loads, Cloudflare Radar, Cisco Umbrella, Majestic and Farsight averaged over 30 days.`,
  },
} as const;

export interface ProviderInfo {
  id: StrengthProvider;
  name: string;
  /** How the value is labelled wherever it is shown (Ahrefs requires "Domain Rating by Ahrefs"). */
  label: string;
  /** Values run 0–scale. */
  scale: 10 | 100;
  /** The origin the background calls: asked for as an optional host permission when the key is saved. */
  origin: string;
  /** Where a user gets a key. */
  keyUrl: string;
  note: string;
}

export const PROVIDERS: Record<StrengthProvider, ProviderInfo> = {
  openpagerank: {
    id: 'openpagerank',
    name: 'Open PageRank',
    label: 'Open PageRank',
    scale: 10,
    origin: 'https://openpagerank.com/*',
    keyUrl: 'https://www.domcop.com/openpagerank/',
    note: 'Free key. 100 domains per request.',
  },
  ahrefs: {
    id: 'ahrefs',
    name: 'Ahrefs',
    label: 'Domain Rating by Ahrefs',
    scale: 100,
    origin: 'https://api.ahrefs.com/*',
    keyUrl: 'https://ahrefs.com/api',
    note: 'Free Domain Rating endpoint (an API v3 key is still needed). One domain per request.',
  },
  moz: {
    id: 'moz',
    name: 'Moz',
    label: 'Domain Authority by Moz',
    scale: 100,
    origin: 'https://api.moz.com/*',
    keyUrl: 'https://moz.com/api',
    note: 'Moz API token. 50 domains per request; each domain uses a row of your Moz quota.',
  },
};

export const PROVIDER_IDS = Object.keys(PROVIDERS) as StrengthProvider[];

export function isProviderId(value: unknown): value is StrengthProvider {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROVIDERS, value);
}

/** "Authority 93" / "Not in the top 15,000" / "Unknown". */
export function authorityText(s: SiteStrength | null | undefined): string {
  if (!s) return 'Authority unknown';
  return s.authority ? `Authority ${s.authority.value}` : `Not in the top ${fmt(STRENGTH_LISTS.authority.top)} by links`;
}

/** "Top 1k (#30)" / "Not in the top 50,000". */
export function popularityText(s: SiteStrength | null | undefined): string {
  if (!s) return 'Popularity unknown';
  if (!s.popularity) return `Not in the top ${fmt(STRENGTH_LISTS.popularity.top)} by popularity`;
  const bucket = { 'top-1k': 'Top 1k', 'top-10k': 'Top 10k', 'top-50k': 'Top 50k' }[s.popularity.bucket];
  return `${bucket} (#${fmt(s.popularity.rank)})`;
}

/** "Domain Rating by Ahrefs 91" / "Open PageRank 7.2/10". */
export function providerText(v: ProviderValue): string {
  const p = PROVIDERS[v.provider];
  return p.scale === 10 ? `${p.label} ${v.value}/10` : `${p.label} ${Math.round(v.value)}`;
}

/** The "why" behind the figures: sources, editions, what they count, how they were found. */
export function strengthExplanation(s: SiteStrength | null | undefined): string {
  if (!s) return 'The strength table could not be read, so this site’s strength is unknown.';
  const lines: string[] = [];
  const a = s.authority;
  lines.push(
    a
      ? `Authority ${a.value}/100 from the ${LIST_CREDITS.authority.title} (${monthYear(STRENGTH_LISTS.authority.date)}) for ${a.matched}: about ${fmt(a.refSubnets)} referring /24 subnets, on a log scale where 500,000 is 100.`
      : `Not in the ${LIST_CREDITS.authority.title}’s top ${fmt(STRENGTH_LISTS.authority.top)} (fewer than about 3,000 referring /24 subnets) — like most of the web.`,
  );
  const p = s.popularity;
  lines.push(
    p
      ? `Popularity: #${fmt(p.rank)} in ${LIST_CREDITS.popularity.title} (${STRENGTH_LISTS.popularity.date}) for ${p.matched}.`
      : `Not in ${LIST_CREDITS.popularity.title}’s top ${fmt(STRENGTH_LISTS.popularity.top)} by popularity.`,
  );
  for (const v of s.providers) lines.push(`${providerText(v)} for ${v.domain} (fetched ${v.fetchedAt.slice(0, 10)}).`);
  return lines.join('\n');
}

/** The CSV / table cell for a target's authority: the number, or what "not listed" means. */
export function authorityCell(s: SiteStrength | null | undefined): string {
  if (!s) return '';
  return s.authority ? String(s.authority.value) : `not in top ${STRENGTH_LISTS.authority.top}`;
}

export function popularityCell(s: SiteStrength | null | undefined): string {
  if (!s) return '';
  return s.popularity ? String(s.popularity.rank) : `not in top ${STRENGTH_LISTS.popularity.top}`;
}
