/** One line on what history holds and how much of the browser's storage the extension uses. */
import type { HistoryStats } from '@/lib/history/store';
import { num, t } from '../i18n';
import { formatBytes } from './format';

export function StorageLine({ stats }: { stats: HistoryStats }) {
  return (
    <p class="muted" data-testid="history-storage">
      {t('history.storage.line', [t('history.storage.inspections', stats.inspections, [num(stats.inspections)]), t('history.storage.pages', stats.pages, [num(stats.pages)])])}
      {stats.usage !== null && (stats.quota ? t('history.storage.usedOf', [formatBytes(stats.usage), formatBytes(stats.quota)]) : t('history.storage.used', [formatBytes(stats.usage)]))}
      {t('history.storage.end')}
    </p>
  );
}
