/**
 * The answer first (issue 19 §1): one verdict line — editorial links, rel hints, comments, the
 * best score — then the counts by placement and by follow status, the domains linked, and the
 * page's own status. A placement count is a button: it shows those links.
 */
import type { PageReport, Placement } from '@/lib/report';
import { PLACEMENTS } from '@/lib/report';
import { FOLLOW_COLORS, FOLLOW_STATUSES } from '@/lib/link-terms';
import type { LinkSummary } from '@/lib/link-summary';
import { PLACEMENT_COLORS } from '@/lib/placement-colors';
import { num, t } from './i18n';

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

interface Props {
  report: PageReport | null;
  summary: LinkSummary | null;
  /** Show only the links of one placement. */
  onPlacement?(placement: Placement): void;
}

/** The verdict as one sentence (also the row's accessible name). */
export function verdictText(s: LinkSummary): string {
  const parts = [t('verdict.editorial', s.editorial, [num(s.editorial)]), t('verdict.hinted', s.hinted, [num(s.hinted)]), t('verdict.comments', s.comments, [num(s.comments)])];
  parts.push(s.best === null ? t('verdict.noExternal') : t('verdict.best', [num(s.best)]));
  if (s.mine > 0) parts.push(t('verdict.mine', s.mine, [num(s.mine)]));
  if (s.competitors) parts.push(t('verdict.competitors', s.competitors, [num(s.competitors)]));
  return parts.join(' · ');
}

export function Verdict({ report, summary, onPlacement }: Props) {
  if (!report || !summary) {
    return (
      <div class="verdict verdict--placeholder" aria-hidden="true">
        <span class="skeleton" style={{ width: '60%' }} />
        <span class="skeleton" style={{ width: '40%' }} />
      </div>
    );
  }
  const s = summary;
  return (
    <div class="verdict" data-testid="verdict">
      <p class="verdict__line" role="status" aria-live="polite">
        <strong class={s.editorial ? 'verdict__good' : undefined}>{t('verdict.editorial', s.editorial, [num(s.editorial)])}</strong>
        {' · '}
        <span>{t('verdict.hinted', s.hinted, [num(s.hinted)])}</span>
        {' · '}
        <span>{t('verdict.comments', s.comments, [num(s.comments)])}</span>
        {' · '}
        {s.best === null ? <span>{t('verdict.noExternal')}</span> : <strong>{t('verdict.best', [num(s.best)])}</strong>}
        {s.mine > 0 && (
          <>
            {' · '}
            <strong class="mine-count">{t('verdict.mine', s.mine, [num(s.mine)])}</strong>
          </>
        )}
        {!!s.competitors && (
          <>
            {' · '}
            <strong class="competitor-count" title={t('verdict.competitorsHelp')}>
              {t('verdict.competitors', s.competitors, [num(s.competitors)])}
            </strong>
          </>
        )}
      </p>
      <p class="verdict__counts" aria-label={t('verdict.countsLabel')}>
        <span class="count-group">
          {PLACEMENTS.filter((p) => s.byPlacement[p] > 0).map((p) => (
            <button type="button" class="count-chip" style={{ '--c': PLACEMENT_COLORS[p] }} onClick={() => onPlacement?.(p)} title={t('verdict.showPlacement', [t(`placement.${p}`)])}>
              {t(`placement.${p}`)} <b>{num(s.byPlacement[p])}</b>
            </button>
          ))}
        </span>
        <span class="count-group">
          {FOLLOW_STATUSES.filter((f) => s.byFollow[f] > 0).map((f) => (
            <span class="count-chip count-chip--static" style={{ '--c': FOLLOW_COLORS[f] }} title={t(`followHelp.${f}`)}>
              {t(`follow.${f}`)} <b>{num(s.byFollow[f])}</b>
            </span>
          ))}
        </span>
        <span class="count-group muted" title={t('verdict.domainsHelp')}>
          {t('verdict.domains', s.domains, [num(s.domains), num(s.followedDomains)])}
        </span>
        <span class="count-group muted">{t('verdict.total', s.total, [num(s.total)])}</span>
        <span class="count-group verdict__page">
        {report.indexable ? (
          <span class="pill pill--ok">{t('page.indexable')}</span>
        ) : (
          <span class="pill pill--bad" title={report.metaRobots.join(', ')}>
            {t('page.noindex')}
          </span>
        )}
        {report.canonicalElsewhere && report.canonical ? (
          <span class="pill pill--warn" title={report.canonical}>
            {t('page.canonicalElsewhere', [shortUrl(report.canonical)])}
          </span>
        ) : (
          <span class="pill pill--ok">{report.canonical ? t('page.canonicalSelf') : t('page.noCanonical')}</span>
        )}
        {report.pageNofollow && (
          <span class="pill pill--bad" title={t('page.metaNofollowHelp')}>
            {t('page.metaNofollow')}
          </span>
        )}
        </span>
      </p>
    </div>
  );
}
