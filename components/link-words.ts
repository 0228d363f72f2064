/** The words for a link's facts, from the locale files: flags, follow status, score band, reasons. */
import type { LinkReport, ScoreReason } from '@/lib/report';
import { bandRange, followStatus, scoreBand } from '@/lib/link-terms';
import { dec, num, pct, t } from './i18n';

export type FlagId = 'hidden' | 'image' | 'redirect' | 'tracking' | 'javascript' | 'mailto' | 'tel' | 'fragment' | 'malformed' | 'other';

/** Flags in the table's order: hidden, image, wrapper, non-web kinds. */
export function flagIds(link: LinkReport): FlagId[] {
  const out: FlagId[] = [];
  if (link.hidden) out.push('hidden');
  if (link.image) out.push('image');
  if (link.wrapper) out.push(link.wrapper.kind);
  if (link.kind !== 'http') out.push(link.kind);
  return out;
}

export function flagName(link: LinkReport, id: FlagId): string {
  if (id === 'hidden' && link.hiddenReason) return t('flag.hiddenWhy', [link.hiddenReason]);
  return t(`flag.${id}`);
}

export function flagNames(link: LinkReport): string[] {
  return flagIds(link).map((id) => flagName(link, id));
}

/** A reason as shown: the effect, then the sentence. */
export function reasonLine(r: ScoreReason): string {
  return `${r.effect > 0 ? '+' : ''}${r.effect} ${reasonText(r)}`;
}

/**
 * A reason's sentence. The background writes it in English with a stable `code`; the codes the
 * locale files know are rendered from the code and the reason's figures, the rest as written.
 */
export function reasonText(r: ScoreReason): string {
  // Reasons with figures need them (reasons saved before `args` existed show their sentence).
  const plain = r.code.startsWith('placement-') || Object.hasOwn(PLAIN, r.code);
  return ((plain || r.args) && wordReason(r.code, r.args ?? [])) || r.text;
}

const PLACED = new Set(['body', 'header', 'nav', 'sidebar', 'footer', 'comments', 'related']);
/** Reasons without figures: their code, and their message key (message names allow no hyphen). */
const PLAIN = {
  'above-fold': 'aboveFold',
  'in-list': 'inList',
  'running-text': 'runningText',
  image: 'image',
  'no-anchor': 'noAnchor',
  internal: 'internal',
  'rel-sponsored': 'relSponsored',
  'rel-nofollow': 'relNofollow',
  'rel-ugc': 'relUgc',
} as const;

/** A reason in the UI language from its code and raw figures; null for a code (or figures) it does not know. */
export function wordReason(code: string, args: readonly (string | number)[]): string | null {
  const n = (i: number) => (typeof args[i] === 'number' ? (args[i] as number) : NaN);
  const s = (i: number) => String(args[i] ?? '');
  if (code.startsWith('placement-')) {
    const p = code.slice('placement-'.length);
    return PLACED.has(p) ? t(`reason.placed.${p as 'body'}`) : null;
  }
  if (Object.hasOwn(PLAIN, code)) return t(`reason.plain.${PLAIN[code as keyof typeof PLAIN]}`);
  switch (code) {
    case 'not-http':
      return t('reason.notHttp', [s(0)]);
    case 'low-on-page':
      return Number.isFinite(n(0)) ? t(n(1) ? 'reason.justBelowFold' : 'reason.belowFold', [pct(n(0))]) : null;
    case 'large-text':
    case 'small-text':
      return Number.isFinite(n(0)) ? t(code === 'large-text' ? 'reason.largeText' : 'reason.smallText', [dec(n(0))]) : null;
    case 'relevance-unknown':
      return t('reason.relevanceUnknown', [s(0)]);
    case 'relevant':
    case 'partly-relevant':
    case 'off-topic': {
      if (!Number.isFinite(n(0))) return null;
      const key = code === 'relevant' ? 'onTopic' : code === 'partly-relevant' ? 'partlyOnTopic' : 'offTopic';
      return s(1) ? t(`reason.${key}Shared`, [pct(n(0)), s(1)]) : t(`reason.${key}`, [pct(n(0))]);
    }
    case 'diluted':
    case 'few-links':
      return Number.isFinite(n(0)) ? t('reason.oneOf', n(0), [num(n(0))]) : null;
    case 'page-nofollow':
    case 'page-noindex':
      return t(code === 'page-nofollow' ? 'reason.pageNofollow' : 'reason.pageNoindex', [s(0)]);
    case 'canonical-elsewhere':
      return t('reason.canonicalElsewhere', [s(0)]);
    case 'redirect':
      return s(0) ? t('reason.redirectTo', [s(0), s(1)]) : t('reason.redirect', [s(1)]);
    case 'tracking':
      return t('reason.tracking', [s(0)]);
    case 'target-broken':
      return t('reason.targetBroken', [s(0)]);
    case 'target-noindex':
      return t('reason.targetNoindex', [s(0)]);
    case 'target-elsewhere':
      return Number.isFinite(n(1)) ? (n(1) === 0 ? t('reason.targetElsewhereRefresh', [s(0)]) : t('reason.targetElsewhere', n(1), [s(0), num(n(1))])) : null;
    case 'target-redirects':
      return s(0) ? t('reason.targetRedirectsStatus', [s(0), s(1)]) : t('reason.targetRedirects', [s(1)]);
    case 'target-unchecked':
      return t('reason.targetUnchecked', [s(0)]);
    case 'hidden':
      if (n(1)) return t(s(0) ? 'reason.hiddenMenu' : 'reason.hiddenMenuNoWhy', [s(0)]);
      return t(s(0) ? 'reason.hiddenWhy' : 'reason.hidden', [s(0)]);
    case 'site-authority':
      return [0, 1, 2, 3].every((i) => Number.isFinite(n(i))) ? t('reason.siteAuthority', [num(n(0)), num(n(1)), dec(n(2)), num(n(3))]) : null;
    case 'site-unlisted':
      return [0, 2, 3].every((i) => Number.isFinite(n(i))) ? t(n(1) ? 'reason.siteUnlisted' : 'reason.siteUnknown', [dec(n(0)), num(n(2)), num(n(3))]) : null;
  }
  return null;
}

/** The score's tooltip: its band and the reasons that add up to it. */
export function scoreTitle(link: LinkReport): string {
  const band = scoreBand(link.score);
  const head = t('score.tooltip', [String(link.score), t(`band.${band}`), bandRange(band)]);
  return [head, ...link.reasons.map(reasonLine)].join('\n');
}

export function followTitle(link: LinkReport): string {
  const status = followStatus(link);
  const rel = link.rel.length ? `\nrel="${link.rel.join(' ')}"` : '';
  return `${t(`followHelp.${status}`)}${rel}`;
}
