/** One line on what history holds and how much of the browser's storage the extension uses. */
import type { HistoryStats } from '@/lib/history/store';
import { formatBytes } from './format';

export function StorageLine({ stats }: { stats: HistoryStats }) {
  return (
    <p class="muted" data-testid="history-storage">
      {stats.inspections} inspection{stats.inspections === 1 ? '' : 's'} of {stats.pages} page{stats.pages === 1 ? '' : 's'} stored
      {stats.usage !== null ? ` · ${formatBytes(stats.usage)} used` : ''}
      {stats.usage !== null && stats.quota ? ` of ${formatBytes(stats.quota)} available` : ''}.
    </p>
  );
}
