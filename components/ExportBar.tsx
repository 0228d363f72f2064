import { useState } from 'preact/hooks';
import type { PageReport } from '@/lib/report';
import { exportFileName, toCsv, toJson, type ExportRow } from '@/lib/table-export';
import { num, t } from './i18n';

interface Props {
  report: PageReport | null;
  rows: ExportRow[];
  view: { filters: Record<string, string>; sort: string };
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copy / download the table as shown (filtered and sorted), each row with its page's facts. */
export function ExportBar({ report, rows, view }: Props) {
  const [status, setStatus] = useState('');
  const disabled = !report || rows.length === 0;
  const text = (format: 'csv' | 'json') => (format === 'csv' ? toCsv(rows, report!) : toJson(report!, rows, view));
  const copy = async (format: 'csv' | 'json') => {
    try {
      await navigator.clipboard.writeText(text(format));
      setStatus(t(format === 'csv' ? 'export.copiedCsv' : 'export.copiedJson', rows.length, [num(rows.length)]));
    } catch (e) {
      setStatus(t('export.copyFailed', [String((e as Error)?.message ?? e)]));
    }
  };
  const save = (format: 'csv' | 'json') => {
    download(exportFileName(report!, format), text(format), format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
    setStatus(t(format === 'csv' ? 'export.savedCsv' : 'export.savedJson', rows.length, [num(rows.length)]));
  };
  return (
    <div class="export" role="group" aria-label={t('export.label')}>
      <button type="button" disabled={disabled} onClick={() => void copy('csv')}>{t('export.copyCsv')}</button>
      <button type="button" disabled={disabled} onClick={() => void copy('json')}>{t('export.copyJson')}</button>
      <button type="button" disabled={disabled} onClick={() => save('csv')}>{t('export.saveCsv')}</button>
      <button type="button" disabled={disabled} onClick={() => save('json')}>{t('export.saveJson')}</button>
      <span class="export__status" role="status">{status}</span>
    </div>
  );
}
