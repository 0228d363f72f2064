/** "History data": what is stored, export / import, how long it is kept, and clearing it. */
import { useRef, useState } from 'preact/hooks';
import { clearAll } from '@/lib/history/store';
import { exportFileName, exportHistoryParts } from '@/lib/history/export';
import { describeProblems, importHistoryFiles } from '@/lib/history/import';
import { HistoryImportError } from '@/lib/history/errors';
import { LIMITS } from '@/lib/limits';
import type { HistoryState } from './use-history';
import { ConfirmBox, type Confirmation } from './ConfirmBox';
import { RetentionControl } from './RetentionControl';
import { download } from './download';
import { StorageLine } from './StorageLine';
import { num, t } from '../i18n';

/** Exports every inspection, in as many files as it takes (each under what import reads). */
export async function exportToFiles(): Promise<string> {
  const now = new Date();
  let saved = true;
  const files = await exportHistoryParts((part) => {
    saved &&= download(part.split ? exportFileName('json', undefined, now, part.index) : exportFileName('json', undefined, now), 'application/json', part.chunks);
  });
  if (!saved) return t('history.noDownloads');
  return files === 1 ? t('history.data.exported') : t('history.data.exportedParts', [num(files)]);
}

/** Imports the chosen files (one export or all parts of one); says what was skipped and why. */
export async function importFromFiles(files: readonly File[]): Promise<string> {
  const maxMb = Math.round(LIMITS.historyFileBytes / 1024 / 1024);
  const big = files.find((f) => f.size > LIMITS.historyFileBytes);
  if (big) throw new HistoryImportError(t('history.data.tooLarge', [big.name, num(maxMb)]), null, 'too-large');
  const r = await importHistoryFiles(files.map((f) => ({ name: files.length > 1 ? f.name : '', text: () => f.text() })));
  let text = r.skipped ? t('history.data.importedSkipped', [t('history.data.inspections', r.added, [num(r.added)]), num(r.skipped)]) : t('history.data.imported', [t('history.data.inspections', r.added, [num(r.added)])]);
  const refusedFiles = r.rejected.filter((p) => p.position < 0);
  const records = r.rejected.filter((p) => p.position >= 0);
  if (refusedFiles.length) text += `\n${describeProblems(refusedFiles)}`;
  if (records.length) text += `\n${t('history.data.unreadable', records.length, [num(records.length)])}\n${describeProblems(records)}`;
  return text;
}

export function DataSection({ history }: { history: HistoryState }) {
  const { domains, stats: storeStats, busy, run } = history;
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);

  const onImportFile = (ev: Event) => {
    const input = ev.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void run(() => importFromFiles(files));
  };

  const onClear = () =>
    setConfirm({
      text: storeStats ? t('history.data.clearConfirm', [t('history.data.inspections', storeStats.inspections, [num(storeStats.inspections)])]) : t('history.data.clearConfirmAll'),
      confirmLabel: t('history.data.clearAll'),
      run: async () => {
        await clearAll();
        return t('history.data.cleared');
      },
    });

  const closeConfirm = () => {
    setConfirm(null);
    // Return focus to where the user was.
    setTimeout(() => clearButton.current?.focus(), 0);
  };

  return (
    <section class="history-section" aria-labelledby="history-data">
      <h2 id="history-data">{t('history.data.title')}</h2>
      {storeStats && <StorageLine stats={storeStats} />}
      <div class="history-actions">
        <button type="button" onClick={() => void run(exportToFiles)} disabled={busy}>
          {t('history.data.export')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
          {t('history.data.import')}
        </button>
        <input
          ref={fileInput}
          class="history-file"
          type="file"
          accept="application/json,.json"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          data-testid="history-import-file"
          onChange={onImportFile}
        />
        <RetentionControl keepDomains={domains} busy={busy} run={run} />
        <button type="button" ref={clearButton} class="history-danger" onClick={onClear} disabled={busy}>
          {t('history.data.clear')}
        </button>
      </div>
      {confirm && (
        <ConfirmBox
          text={confirm.text}
          confirmLabel={confirm.confirmLabel}
          onCancel={closeConfirm}
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
