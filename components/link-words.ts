/** The words for a link's facts, from the locale files: flags, follow status, score band, reasons. */
import type { LinkReport, ScoreReason } from '@/lib/report';
import { bandRange, followStatus, scoreBand } from '@/lib/link-terms';
import { t } from './i18n';

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
  return r.text;
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
