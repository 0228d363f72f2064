import { useState } from 'preact/hooks';
import type { PageReport } from '@/lib/report';
import { exportFileName, toCsv, toJson, type ExportRow } from '@/lib/table-export';

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

/** Copy / download the table as shown (filtered and sorted). */
export function ExportBar({ report, rows, view }: Props) {
  const [status, setStatus] = useState('');
  const disabled = !report || rows.length === 0;
  const text = (format: 'csv' | 'json') => (format === 'csv' ? toCsv(rows) : toJson(report!, rows, view));
  const copy = async (format: 'csv' | 'json') => {
    try {
      await navigator.clipboard.writeText(text(format));
      setStatus(`Copied ${rows.length.toLocaleString()} rows as ${format.toUpperCase()}`);
    } catch (e) {
      setStatus(`Could not copy: ${String((e as Error)?.message ?? e)}`);
    }
  };
  const save = (format: 'csv' | 'json') => {
    download(exportFileName(report!, format), text(format), format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
    setStatus(`Saved ${rows.length.toLocaleString()} rows as ${format.toUpperCase()}`);
  };
  return (
    <div class="export" role="group" aria-label="Copy or export the table">
      <button type="button" disabled={disabled} onClick={() => void copy('csv')}>Copy CSV</button>
      <button type="button" disabled={disabled} onClick={() => void copy('json')}>Copy JSON</button>
      <button type="button" disabled={disabled} onClick={() => save('csv')}>Export CSV</button>
      <button type="button" disabled={disabled} onClick={() => save('json')}>Export JSON</button>
      <span class="export__status" role="status">{status}</span>
    </div>
  );
}
