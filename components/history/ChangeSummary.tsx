/**
 * One line for the popup: what changed on this page since it last looked different, with lost or
 * devalued backlinks to the user's domains called out. The side panel shows the full history.
 */
import { useEffect, useState } from 'preact/hooks';
import { onHistoryChanged } from '@/lib/history/events';
import { latestChanges, type LatestChanges } from '@/lib/history/latest';
import { formatTime } from './format';

export interface ChangeSummaryProps {
  pageUrl: string | null;
  myDomains: string[];
  /** Changes when a new report arrives (it is saved before the surface gets it). */
  generation?: unknown;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

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
          {seenAgain ? `No link changed since ${formatTime(seenAgain.time)}.` : 'First inspection of this page: later visits show what changed.'}
        </p>
      </div>
    );
  }
  const { diff, older, newer } = changes;
  const parts = [
    diff.gained.length && `${diff.gained.length.toLocaleString()} new`,
    diff.lost.length && `${diff.lost.length.toLocaleString()} gone`,
    diff.relChanged.length && plural(diff.relChanged.length, 'rel change'),
    diff.placementChanged.length && `${diff.placementChanged.length.toLocaleString()} moved`,
    diff.textChanged.length && plural(diff.textChanged.length, 'anchor text change'),
  ].filter(Boolean);
  const lost = diff.mine.lost.length;
  const devalued = diff.mine.devalued.length;
  return (
    <div class="change-summary" data-testid="change-summary">
      <p class="muted">
        Since {formatTime(older.time)}: {parts.length ? parts.join(' · ') : 'no link changed'}.
        {newer.lastSeen > newer.time && ` Unchanged since ${formatTime(newer.time)}.`}
      </p>
      {(lost > 0 || devalued > 0) && (
        <p class="change-summary__alert" role="alert">
          Your domains: {[lost && `${plural(lost, 'backlink')} lost`, devalued && `${plural(devalued, 'backlink')} devalued`].filter(Boolean).join(', ')} — open the side panel for details.
        </p>
      )}
    </div>
  );
}
