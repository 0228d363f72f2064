/**
 * "Backlinks to my domains": every page seen linking to my sites, and their CSV export; and
 * "Prospects": pages seen linking to a competitor but to none of my sites (issue 19 §8).
 */
import { backlinksToDomains } from '@/lib/history/store';
import { backlinksCsv } from '@/lib/history/csv';
import { exportFileName } from '@/lib/history/export';
import { t } from '../i18n';
import type { HistoryState } from './use-history';
import { BacklinksTable } from './BacklinksTable';
import { download } from './download';

export function BacklinksSection({ history }: { history: HistoryState }) {
  const { domains, backlinks, inspections, busy, run } = history;
  const onExportCsv = () =>
    run(async () => {
      const rows = backlinks ?? (await backlinksToDomains(domains));
      return download(exportFileName('csv', 'backlinks'), 'text/csv', backlinksCsv(rows)) ? t('history.backlinks.exported') : t('history.noDownloads');
    });
  return (
    <section class="history-section" aria-labelledby="history-backlinks">
      <h2 id="history-backlinks">{t('history.backlinks.title')}</h2>
      {!domains.length ? (
        <p class="muted">{t('history.backlinks.noDomains')}</p>
      ) : backlinks === null ? (
        <p class="muted">{t('history.loading')}</p>
      ) : (
        <>
          <BacklinksTable rows={backlinks} currentPage={inspections?.[0]?.pageUrl ?? null} />
          <button type="button" onClick={onExportCsv} disabled={busy || !backlinks.length}>
            {t('history.backlinks.export')}
          </button>
        </>
      )}
    </section>
  );
}

export function ProspectsSection({ history }: { history: HistoryState }) {
  const { prospects, busy, run } = history;
  const onExportCsv = () =>
    run(async () =>
      prospects && download(exportFileName('csv', 'prospects'), 'text/csv', backlinksCsv(prospects)) ? t('history.prospects.exported') : t('history.noDownloads'),
    );
  return (
    <section class="history-section" aria-labelledby="history-prospects">
      <h2 id="history-prospects">{t('history.prospects.title')}</h2>
      <p class="muted">{t('history.prospects.help')}</p>
      {prospects === null ? (
        <p class="muted">{t('history.loading')}</p>
      ) : (
        <>
          <BacklinksTable rows={prospects} currentPage={null} kind="prospects" />
          <button type="button" onClick={onExportCsv} disabled={busy || !prospects.length}>
            {t('history.prospects.export')}
          </button>
        </>
      )}
    </section>
  );
}
