/**
 * Every page seen linking to the user's domains: one row per link, grouped by the linking page
 * (issue 19 §6), so a page with a followed and a sponsored link to my domain shows both. Two-line
 * link cells keep it readable in the side panel (360–500 px); the box scrolls sideways below that.
 */
import type { BacklinkGroup } from '@/lib/history/store';
import { followStatus, scoreBand } from '@/lib/link-terms';
import { PLACEMENT_COLORS } from '@/lib/placement-colors';
import { date, num, t } from '../i18n';
import { safeHref } from '@/lib/url';
import { backlinkPages, type BacklinkRow } from './backlink-pages';
import { shortTarget } from './format';

const COLUMNS = 5;

/** `prospects`: pages linking to competitors (lost links are no alarm there). */
export function BacklinksTable({ rows, currentPage, kind = 'backlinks' }: { rows: BacklinkGroup[]; currentPage: string | null; kind?: 'backlinks' | 'prospects' }) {
  if (!rows.length) return <p class="muted">{t(`history.${kind}.none`)}</p>;
  const pages = backlinkPages(rows);
  const links = pages.reduce((n, p) => n + p.rows.length, 0);
  const lost = pages.reduce((n, p) => n + p.lost, 0);
  return (
    <>
      <p class="muted" data-testid={`${kind}-count`}>
        {t('history.backlinks.count', [t('history.backlinks.links', links, [num(links)]), t('history.backlinks.pages', pages.length, [num(pages.length)])])}
      </p>
      {lost > 0 && kind === 'backlinks' && <p class="history-alert history-alert--inline">{t('history.backlinks.lost', lost, [num(lost)])}</p>}
      <div class="history-table-wrap" tabIndex={0} role="region" aria-label={t(`history.${kind}.title`)}>
        <table class="history-table backlinks-table">
          <thead>
            <tr>
              <th scope="col">{t('history.backlinks.colLink')}</th>
              <th scope="col">{t('col.placement')}</th>
              <th scope="col">{t('col.follow')}</th>
              <th scope="col" class="history-num">
                {t('col.score')}
              </th>
              <th scope="col">{t('history.backlinks.colStatus')}</th>
            </tr>
          </thead>
          {pages.map((p) => {
            const href = safeHref(p.pageUrl);
            const title = p.pageTitle || p.pageUrl;
            return (
              <tbody key={p.pageUrl} class={`backlinks-page${p.pageUrl === currentPage ? ' history-row--current' : ''}`} data-page={p.pageUrl}>
                <tr class="backlinks-page__head">
                  <th scope="rowgroup" colSpan={COLUMNS} class="history-page">
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer" title={p.pageUrl}>
                        {title}
                      </a>
                    ) : (
                      <span title={p.pageUrl}>{title}</span>
                    )}
                    <span class="backlinks-page__seen">
                      {t('history.backlinks.seen', [t('history.backlinks.links', p.rows.length, [num(p.rows.length)]), date(p.firstSeen), date(p.lastSeen)])}
                    </span>
                  </th>
                </tr>
                {p.rows.map((r, i) => (
                  <LinkRow key={i} row={r} />
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </>
  );
}

function LinkRow({ row }: { row: BacklinkRow }) {
  const { link, status, lostAt, myDomain } = row;
  const follow = followStatus(link);
  const target = link.targetUrl ? shortTarget({ url: link.targetUrl, href: link.targetUrl, kind: 'http' }) : myDomain;
  return (
    <tr class={status === 'lost' ? 'history-row--lost' : undefined} data-follow={follow}>
      <td class="backlinks-link">
        <span class="backlinks-link__anchor" title={link.text}>
          {link.text || <em class="muted">{t('table.noText')}</em>}
        </span>
        <span class="backlinks-link__target history-target" title={link.targetUrl ?? myDomain}>
          {target}
        </span>
      </td>
      <td>
        <span class="chip" style={{ '--c': PLACEMENT_COLORS[link.placement] }}>
          {t(`placement.${link.placement}`)}
        </span>
      </td>
      <td>
        <span class={`follow follow--${follow}`} title={link.rel.length ? `rel="${link.rel.join(' ')}"` : t(`followHelp.${follow}`)}>
          {t(`follow.${follow}`)}
        </span>
      </td>
      <td class="history-num">
        <span class={`score score--${scoreBand(link.score)}`} title={t(`band.${scoreBand(link.score)}`)}>
          {num(Math.round(link.score))}
        </span>
      </td>
      <td>{status === 'lost' ? <strong class="history-bad">{lostAt ? t('history.backlinks.lostOn', [date(lostAt)]) : t('history.backlinks.lostShort')}</strong> : t('history.backlinks.live')}</td>
    </tr>
  );
}
