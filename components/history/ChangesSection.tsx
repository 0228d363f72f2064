/** "Changes since last time": the latest inspection against the last one whose links differ. */
import { isEmptyDiff } from '@/lib/history/diff';
import type { InspectionRecord } from '@/lib/history/types';
import type { HistoryState } from './use-history';
import { DiffView } from './DiffView';
import { t } from '../i18n';
import { formatTime } from './format';

export function ChangesSection({ pageUrl, history }: { pageUrl: string | null; history: HistoryState }) {
  const { inspections, comparison, baseId, domains } = history;
  // The newest inspection repeats earlier identical ones: say so, and show the last real change.
  const olderIndex = comparison && inspections ? inspections.findIndex((r) => r.id === comparison.older.id) : -1;
  const unchangedSince =
    baseId === null && olderIndex > 1 && comparison && !isEmptyDiff(comparison.diff) ? inspections![olderIndex - 1]!.time : null;
  return (
    <section class="history-section" aria-labelledby="history-changes">
      <h2 id="history-changes">{t('history.changes.title')}</h2>
      {!pageUrl ? (
        <p class="muted">{t('history.changes.noPage')}</p>
      ) : inspections === null ? (
        <p class="muted">{t('history.loading')}</p>
      ) : (
        <>
          <SeenAgain latest={inspections[0]} />
          {!comparison ? (
            <p class="muted">
              {!inspections.length
                ? t('history.changes.never')
                : inspections[0]!.lastSeen > inspections[0]!.time
                  ? t('history.changes.noOther')
                  : t('history.changes.first')}
            </p>
          ) : (
            <>
              {unchangedSince !== null && (
                <p class="history-compare" data-testid="history-unchanged">
                  {t('history.changes.unchangedSince', [formatTime(unchangedSince)])}
                </p>
              )}
              <p class="muted history-compare">
                {formatTime(comparison.older.time)} → {formatTime(comparison.newer.time)}
              </p>
              <DiffView diff={comparison.diff} hasMyDomains={domains.length > 0} />
              {isEmptyDiff(comparison.diff) && <p class="muted">{t('history.changes.none')}</p>}
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The latest inspection was found again with the very same links (nothing new was stored). */
function SeenAgain({ latest }: { latest: InspectionRecord | undefined }) {
  if (!latest || !(latest.lastSeen > latest.time)) return null;
  return (
    <p class="history-compare" data-testid="history-seen-again">
      {t('history.changes.seenAgain', [formatTime(latest.time), formatTime(latest.lastSeen)])}
    </p>
  );
}
