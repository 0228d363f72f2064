import type { LinkReport } from '@/lib/report';
import { useContext } from 'preact/hooks';
import { bandRange, followStatus, scoreBand } from '@/lib/link-terms';
import { dec, pct, t } from './i18n';
import { LinkActionsContext } from './link-actions';
import { flagNames, reasonText } from './link-words';
import { strengthLine, strengthWhy } from './SiteStrength';
import { safeHref } from '@/lib/url';
import { healthStatusText } from '@/lib/link-health';

/** The score's reasons and the facts behind them. Page data is rendered as text only. */
export function LinkDetails({ link, mine, competitor = false, onClose }: { link: LinkReport; mine: string | null; competitor?: boolean; onClose(): void }) {
  const href = safeHref(link.url);
  const flags = flagNames(link);
  const { compareWithTarget } = useContext(LinkActionsContext);
  // Target relevance is unknown until the target's topic is: offer to read the target page.
  const canCompare = !!compareWithTarget && !!href && !link.internal && link.targetRelevance === null;
  const band = scoreBand(link.score);
  const facts = [
    t(`follow.${followStatus(link)}`),
    t('details.placed', [t(`placement.${link.placement}`), pct(link.placementConfidence)]),
    t('details.relevance', [pct(link.relevance)]),
    link.equityShare > 0 ? t('details.equity', [dec(link.equityShare)]) : null,
    link.linkValue !== undefined ? t('details.linkValue', [dec(link.linkValue)]) : null,
  ].filter(Boolean);
  return (
    <div class="details" aria-label={t('details.label', [String(link.index + 1)])}>
      <div class="details__head">
        <strong>
          {t('details.score', [String(link.score)])} <span class={`band band--${band}`}>{t(`band.${band}`)}</span>
        </strong>
        <span title={t('details.bandRange', [bandRange(band)])}>{facts.join(' · ')}</span>
        <button type="button" class="details__close" onClick={onClose} aria-label={t('details.close')}>
          ✕
        </button>
      </div>
      <ul class="reasons">
        {link.reasons.map((r) => (
          <li key={r.code}>
            <span class={`effect ${r.effect > 0 ? 'effect--up' : r.effect < 0 ? 'effect--down' : ''}`}>
              {r.effect > 0 ? '+' : ''}
              {r.effect}
            </span>{' '}
            {reasonText(r)}
          </li>
        ))}
        {link.reasons.length === 0 && <li>{t('details.noReasons')}</li>}
      </ul>
      <dl class="facts">
        <dt>{t('details.url')}</dt>
        <dd class="url">
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {link.url}
            </a>
          ) : (
            <code>{link.url ?? link.href}</code>
          )}
        </dd>
        {mine && (
          <>
            <dt>{competitor ? t('details.competitor') : t('details.myDomain')}</dt>
            <dd>{mine}</dd>
          </>
        )}
        {link.rel.length > 0 && (
          <>
            <dt>rel</dt>
            <dd>{link.rel.join(' ')}</dd>
          </>
        )}
        {flags.length > 0 && (
          <>
            <dt>{t('details.flags')}</dt>
            <dd>{flags.join(', ')}</dd>
          </>
        )}
        {link.wrapper?.target && (
          <>
            <dt>{t('details.wraps')}</dt>
            <dd class="url">{link.wrapper.target}</dd>
          </>
        )}
        {(link.contextBefore || link.contextAfter) && (
          <>
            <dt>{t('details.context')}</dt>
            <dd>
              …{link.contextBefore} <mark>{link.text}</mark> {link.contextAfter}…
            </dd>
          </>
        )}
        {link.strength !== undefined && link.kind === 'http' && (
          <>
            <dt>{t('details.targetStrength')}</dt>
            <dd title={strengthWhy(link.strength)}>{strengthLine(link.strength)}</dd>
          </>
        )}
        {link.health && (
          <>
            <dt>{t('linkCheck.status')}</dt>
            <dd data-testid="health-details">
              {healthStatusText(link.health)}
              {link.health.hops.length > 1 && (
                <ol class="hops" aria-label={t('linkCheck.hops')}>
                  {link.health.hops.map((hop) => (
                    <li>
                      {hop.status ?? '?'} {hop.url}
                    </li>
                  ))}
                </ol>
              )}
            </dd>
            {link.health.finalUrl !== link.health.url && (
              <>
                <dt>{t('linkCheck.finalUrl')}</dt>
                <dd>{link.health.finalUrl}</dd>
              </>
            )}
            <dt>{t('linkCheck.xRobotsTag')}</dt>
            <dd>{link.health.xRobotsTag ?? t('linkCheck.none')}</dd>
          </>
        )}
        <dt>{t('details.targetRelevance')}</dt>
        <dd>
          {link.targetRelevance === null ? t('details.unknown') : pct(link.targetRelevance)}
          {canCompare && (
            <>
              {' '}
              <button type="button" class="link-button" onClick={() => compareWithTarget!(link)} title={t('details.compareHelp')}>
                {t('details.compare')}
              </button>
            </>
          )}
        </dd>
        {link.sharedTerms.length > 0 && (
          <>
            <dt>{t('details.sharedTerms')}</dt>
            <dd>{link.sharedTerms.join(', ')}</dd>
          </>
        )}
        {link.placementSignals.length > 0 && (
          <>
            <dt>{t('details.placementSignals')}</dt>
            <dd>{link.placementSignals.join(', ')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
