/** Options: where the site-strength figures come from, credited as each list asks. */
import { Fragment } from 'preact';
import { LIST_CREDITS, STRENGTH_LISTS } from '@/lib/strength-sources';
import { num, t } from './i18n';
import { monthYear } from './SiteStrength';

export function Credits() {
  return (
    <section aria-labelledby="credits-h">
      <h2 id="credits-h">{t('credits.title')}</h2>
      <p>{t('credits.help', [num(STRENGTH_LISTS.authority.top), num(STRENGTH_LISTS.popularity.top)])}</p>
      <dl class="credits">
        {(['authority', 'popularity'] as const).map((k) => (
          <Fragment key={k}>
            <dt>{LIST_CREDITS[k].credit}</dt>
            <dd>
              {k === 'authority'
                ? t('credits.authorityWhat', [num(STRENGTH_LISTS.authority.top), monthYear(STRENGTH_LISTS.authority.date)])
                : t('credits.popularityWhat', [num(STRENGTH_LISTS.popularity.top), STRENGTH_LISTS.popularity.date])}{' '}
              {t('credits.licence', [k === 'authority' ? LIST_CREDITS[k].licence : t('credits.popularityLicence')])}{' '}
              <a href={LIST_CREDITS[k].url} target="_blank" rel="noopener noreferrer">
                {LIST_CREDITS[k].url.replace('https://', '')}
              </a>
            </dd>
          </Fragment>
        ))}
      </dl>
      <p class="muted">{t('credits.providers')}</p>
    </section>
  );
}
