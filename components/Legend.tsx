/**
 * What the colours and numbers mean (issue 19 §4): follow statuses, score bands with their
 * ranges, placements. A native <details>: opens with Enter/Space, read as a disclosure.
 */
import { PLACEMENTS } from '@/lib/report';
import { FOLLOW_COLORS, FOLLOW_STATUSES, SCORE_BANDS, bandRange } from '@/lib/link-terms';
import { PLACEMENT_COLORS } from '@/lib/placement-colors';
import { t } from './i18n';

export function Legend() {
  return (
    <details class="legend">
      <summary>{t('legend.title')}</summary>
      <div class="legend__body">
        <section>
          <h3>{t('legend.score')}</h3>
          <p class="muted">{t('legend.scoreHelp')}</p>
          <ul>
            {SCORE_BANDS.map((b) => (
              <li>
                <span class={`score score--${b.id}`}>{bandRange(b.id)}</span> <strong>{t(`band.${b.id}`)}</strong> — {t(`bandHelp.${b.id}`)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t('legend.follow')}</h3>
          <ul>
            {FOLLOW_STATUSES.map((f) => (
              <li>
                <span class={`follow follow--${f}`}>{t(`follow.${f}`)}</span> {t(`followHelp.${f}`)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t('legend.placement')}</h3>
          <ul class="legend__placements">
            {PLACEMENTS.map((p) => (
              <li>
                <span class="chip" style={{ '--c': PLACEMENT_COLORS[p] }}>
                  {t(`placement.${p}`)}
                </span>{' '}
                <span class="muted">{t(`placementHelp.${p}`)}</span>
              </li>
            ))}
          </ul>
        </section>
        <p class="muted">{t('legend.relevance')}</p>
      </div>
    </details>
  );
}

/** The follow colours as CSS custom properties, one home for table and legend. */
export const FOLLOW_STYLE = Object.entries(FOLLOW_COLORS)
  .map(([k, v]) => `--follow-${k}: ${v};`)
  .join(' ');
