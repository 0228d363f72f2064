/** "Page history": the page's inspections, newest first; any older one can be the comparison base. */
import { HISTORY_ROWS, type HistoryState } from './use-history';
import { formatTime } from './format';

export function PageHistorySection({ history }: { history: HistoryState }) {
  const { inspections, comparison, setBaseId } = history;
  if (!inspections?.length) return null;
  return (
    <section class="history-section" aria-labelledby="history-page">
      <h2 id="history-page">Page history</h2>
      <ol class="history-list">
        {inspections.map((r, i) => {
          const isBase = comparison?.older.id === r.id;
          return (
            <li key={r.id} class={isBase ? 'history-list__item history-list__item--base' : 'history-list__item'}>
              <span class="history-list__time">
                {formatTime(r.time)}
                {r.lastSeen > r.time && <span class="history-seen">seen again {formatTime(r.lastSeen)}</span>}
              </span>
              <span class="history-list__counts">
                {r.counts.total} links · {r.counts.followed} followed · {r.counts.external} external
              </span>
              {i === 0 ? (
                <span class="history-tag">latest</span>
              ) : (
                <button
                  type="button"
                  class="history-small"
                  aria-pressed={isBase}
                  onClick={() => setBaseId(r.id)}
                  aria-label={`Compare the latest inspection with ${formatTime(r.time)}`}
                >
                  {isBase ? 'Compared' : 'Compare'}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {inspections.length >= HISTORY_ROWS && <p class="muted">Showing the newest {HISTORY_ROWS} inspections.</p>}
    </section>
  );
}
