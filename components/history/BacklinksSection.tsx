/** "Backlinks to my domains": every page seen linking to them, and their CSV export. */
import { backlinksToDomains } from '@/lib/history/store';
import { backlinksCsv } from '@/lib/history/csv';
import { exportFileName } from '@/lib/history/export';
import type { HistoryState } from './use-history';
import { BacklinksTable } from './BacklinksTable';
import { download } from './download';

export function BacklinksSection({ history }: { history: HistoryState }) {
  const { domains, backlinks, inspections, busy, run } = history;
  const onExportCsv = () =>
    run(async () => {
      const rows = backlinks ?? (await backlinksToDomains(domains));
      return download(exportFileName('csv', 'backlinks'), 'text/csv', backlinksCsv(rows)) ? 'Backlinks exported.' : 'Downloads are not available here.';
    });
  return (
    <section class="history-section" aria-labelledby="history-backlinks">
      <h2 id="history-backlinks">Backlinks to my domains</h2>
      {!domains.length ? (
        <p class="muted">Add your domains in the options to follow every page that links to them.</p>
      ) : backlinks === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <BacklinksTable rows={backlinks} currentPage={inspections?.[0]?.pageUrl ?? null} />
          <button type="button" onClick={onExportCsv} disabled={busy || !backlinks.length}>
            Export backlinks (CSV)
          </button>
        </>
      )}
    </section>
  );
}
