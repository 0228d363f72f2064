/**
 * One line for the popup: what changed on this page since it last looked different, with lost or
 * devalued backlinks to the user's domains called out. The side panel shows the full history.
 */
import { useEffect, useState } from 'preact/hooks';
import { onHistoryChanged } from '@/lib/history/events';
import { latestChanges, type LatestChanges } from '@/lib/history/latest';
import { num, t } from '../i18n';
import { formatTime } from './format';

export interface ChangeSummaryProps {
  pageUrl: string | null;
  myDomains: string[];
  /** Changes when a new report arrives (it is saved before the surface gets it). */
  generation?: unknown;
}

export function ChangeSummary({ pageUrl, myDomains, generation }: ChangeSummaryProps) {
  // undefined: not read yet; null: nothing to compare with.
  const [changes, setChanges] = useState<LatestChanges | null | undefined>(undefined);
  const [version, setVersion] = useState(0);
  useEffect(() => onHistoryChanged(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    let alive = true;
    if (!pageUrl) return setChanges(undefined);
    latestChanges(pageUrl, myDomains).then(
      (c) => alive && setChanges(c),
      () => alive && setChanges(undefined),
    );
    return () => {
      alive = false;
    };
  }, [pageUrl, myDomains.join(' '), generation, version]);

  if (changes === undefined) return null;
  if (!changes?.older || !changes.diff) {
    const seenAgain = changes && changes.newer.lastSeen > changes.newer.time ? changes.newer : null;
    return (
      <div class="change-summary" data-testid="change-summary">
        <p class="muted">
          {seenAgain ? t('history.summary.unchanged', [formatTime(seenAgain.time)]) : t('history.summary.first')}
        </p>
      </div>
    );
  }
  const { diff, older, newer } = changes;
  const count = (key: 'gained' | 'lost' | 'rel' | 'moved' | 'text', n: number) => n > 0 && t(`history.summary.${key}`, n, [num(n)]);
  const parts = [
    count('gained', diff.gained.length),
    count('lost', diff.lost.length),
    count('rel', diff.relChanged.length),
    count('moved', diff.placementChanged.length),
    count('text', diff.textChanged.length),
  ].filter(Boolean);
  const lost = diff.mine.lost.length;
  const devalued = diff.mine.devalued.length;
  return (
    <div class="change-summary" data-testid="change-summary">
      <p class="muted">
        {t('history.summary.since', [formatTime(older.time), parts.length ? parts.join(' · ') : t('history.summary.noChange')])}
        {newer.lastSeen > newer.time && ` ${t('history.summary.unchangedSince', [formatTime(newer.time)])}`}
      </p>
      {(lost > 0 || devalued > 0) && (
        <p class="change-summary__alert" role="alert">
          {t('history.summary.alert', [
            [lost && t('history.summary.lostBacklinks', lost, [num(lost)]), devalued && t('history.summary.devaluedBacklinks', devalued, [num(devalued)])].filter(Boolean).join(', '),
          ])}
        </p>
      )}
    </div>
  );
}
