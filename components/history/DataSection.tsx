/** "History data": what is stored, export / import, how long it is kept, and clearing it. */
import { useRef, useState } from 'preact/hooks';
import { applyRetention, clearAll, countOlderThan, RETENTION_CHOICES, setRetention } from '@/lib/history/store';
import { exportFileName, exportHistoryJson } from '@/lib/history/export';
import { importHistory, IMPORT_LIMITS } from '@/lib/history/import';
import { HistoryImportError } from '@/lib/history/errors';
import type { HistoryState } from './use-history';
import { ConfirmBox, type Confirmation } from './ConfirmBox';
import { download } from './download';
import { formatBytes } from './format';

export function DataSection({ history }: { history: HistoryState }) {
  const { domains, stats: storeStats, retention, setRetentionShown, busy, run, refresh } = history;
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);

  const onExportJson = () =>
    run(async () => {
      const text = await exportHistoryJson();
      return download(exportFileName('json'), 'application/json', text) ? 'History exported.' : 'Downloads are not available here.';
    });

  const onImportFile = (ev: Event) => {
    const input = ev.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void run(async () => {
      if (file.size > IMPORT_LIMITS.maxChars) {
        throw new HistoryImportError(`the file is larger than ${Math.round(IMPORT_LIMITS.maxChars / 1024 / 1024)} MB`, null, 'too-large');
      }
      const r = await importHistory(await file.text());
      return `Imported ${r.added} inspection${r.added === 1 ? '' : 's'}` + (r.skipped ? ` (${r.skipped} already in history, skipped).` : '.');
    });
  };

  const onRetention = (ev: Event) => {
    const value = (ev.currentTarget as HTMLSelectElement).value;
    const ms = value === 'forever' ? null : Number(value);
    const label = RETENTION_CHOICES.find((c) => c.ms === ms)?.label ?? value;
    void run(async () => {
      const doomed = ms === null ? 0 : await countOlderThan(ms, { keepDomains: domains });
      if (!doomed) {
        await setRetention(ms);
        setRetentionShown(ms);
        return `History is kept ${ms === null ? 'forever' : `for ${label.toLowerCase()}`}.`;
      }
      setConfirm({
        text:
          `Keep history for ${label.toLowerCase()}? ${doomed} older inspection${doomed === 1 ? '' : 's'} will be deleted now` +
          (domains.length ? ' (inspections with backlinks to your domains are kept).' : '.'),
        confirmLabel: 'Delete older history',
        run: async () => {
          await setRetention(ms);
          setRetentionShown(ms);
          const r = await applyRetention({ keepDomains: domains });
          return `Deleted ${r.inspections} older inspection${r.inspections === 1 ? '' : 's'}.`;
        },
      });
    });
  };

  const onClear = () =>
    setConfirm({
      text: `Delete all history (${storeStats?.inspections ?? 'all'} inspections)? This cannot be undone. Export it first if you may need it.`,
      confirmLabel: 'Delete all history',
      run: async () => {
        await clearAll();
        return 'History cleared.';
      },
    });

  const closeConfirm = () => {
    setConfirm(null);
    // Return focus to where the user was.
    setTimeout(() => clearButton.current?.focus(), 0);
  };

  return (
    <section class="history-section" aria-labelledby="history-data">
      <h2 id="history-data">History data</h2>
      {storeStats && (
        <p class="muted">
          {storeStats.inspections} inspection{storeStats.inspections === 1 ? '' : 's'} of {storeStats.pages} page
          {storeStats.pages === 1 ? '' : 's'} stored
          {storeStats.usage !== null ? ` · ${formatBytes(storeStats.usage)} used` : ''}.
        </p>
      )}
      <div class="history-actions">
        <button type="button" onClick={onExportJson} disabled={busy}>
          Export history (JSON)
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
          Import history…
        </button>
        <input
          ref={fileInput}
          class="history-file"
          type="file"
          accept="application/json,.json"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="history-import-file"
          onChange={onImportFile}
        />
        <label class="history-retention">
          Keep history
          <select value={retention === null ? 'forever' : String(retention)} onChange={onRetention} disabled={busy}>
            {RETENTION_CHOICES.map((c) => (
              <option key={c.label} value={c.ms === null ? 'forever' : String(c.ms)}>
                {c.label}
              </option>
            ))}
            {retention !== null && !RETENTION_CHOICES.some((c) => c.ms === retention) && (
              <option value={String(retention)}>{Math.round(retention / 86_400_000)} days</option>
            )}
          </select>
        </label>
        <button type="button" ref={clearButton} class="history-danger" onClick={onClear} disabled={busy}>
          Clear history…
        </button>
      </div>
      {confirm && (
        <ConfirmBox
          text={confirm.text}
          confirmLabel={confirm.confirmLabel}
          onCancel={() => {
            // Re-render: a cancelled retention change puts the select back on the stored value.
            refresh();
            closeConfirm();
          }}
          onConfirm={() => {
            const task = confirm.run;
            closeConfirm();
            void run(task);
          }}
        />
      )}
    </section>
  );
}
