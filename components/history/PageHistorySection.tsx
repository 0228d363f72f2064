/** "Page history": the page's inspections, newest first; any older one can be the comparison base. */
import { HISTORY_ROWS, type HistoryState } from './use-history';
import { num, t } from '../i18n';
import { formatTime } from './format';

export function PageHistorySection({ history }: { history: HistoryState }) {
  const { inspections, comparison, setBaseId } = history;
  if (!inspections?.length) return null;
  return (
    <section class="history-section" aria-labelledby="history-page">
      <h2 id="history-page">{t('history.page.title')}</h2>
      <ol class="history-list">
        {inspections.map((r, i) => {
          const isBase = comparison?.older.id === r.id;
          return (
            <li key={r.id} class={isBase ? 'history-list__item history-list__item--base' : 'history-list__item'}>
              <span class="history-list__time">
                {formatTime(r.time)}
                {r.lastSeen > r.time && <span class="history-seen">{t('history.page.seenAgain', [formatTime(r.lastSeen)])}</span>}
              </span>
              <span class="history-list__counts">
                {t('history.page.counts', [num(r.counts.total), num(r.counts.followed), num(r.counts.external)])}
              </span>
              {i === 0 ? (
                <span class="history-tag">{t('history.page.latest')}</span>
              ) : (
                <button
                  type="button"
                  class="history-small"
                  aria-pressed={isBase}
                  onClick={() => setBaseId(r.id)}
                  aria-label={t('history.page.compareWith', [formatTime(r.time)])}
                >
                  {isBase ? t('history.page.compared') : t('history.page.compare')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {inspections.length >= HISTORY_ROWS && <p class="muted">{t('history.page.newest', [num(HISTORY_ROWS)])}</p>}
    </section>
  );
}
