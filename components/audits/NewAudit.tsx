/**
 * A new audit from pasted URLs or a .csv/.txt file (issue #18 §1): the vendors' columns are
 * recognised (lib/audit/input.ts) and the user picks them when the reader is unsure; duplicates
 * merged and unusable rows listed with their lines. Starting asks for the permissions the fetch
 * module needs (a user gesture), stores the audit and asks the background to run it.
 */
import { useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { t, num } from '../i18n';
import { buildRows, decodeListFile, readList, type ListTable } from '@/lib/audit/input';
import { createAudit } from '@/lib/audit/store';
import { normalizeDomain } from '@/lib/my-domains';
import { NET_PERMISSIONS } from '@/lib/permissions';
import { sendMessage } from '@/lib/messaging';
import type { MyDomain } from '@/lib/settings';

const SHOWN_PROBLEMS = 20;

export function NewAudit({ myDomains, onStarted }: { myDomains: MyDomain[]; onStarted: (auditId: number) => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [table, setTable] = useState<ListTable | null>(null);
  const [source, setSource] = useState(-1);
  const [target, setTarget] = useState(-1);
  const [domains, setDomains] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [renderMissing, setRenderMissing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = (input: string, file?: string) => {
    const tb = readList(input, file);
    setTable(tb);
    setSource(tb.guess.source);
    setTarget(tb.guess.target);
    setFileName(file);
    setMessage(null);
  };
  const onFile = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    read(decodeListFile(new Uint8Array(await f.arrayBuffer())), f.name);
  };

  const built = table && source >= 0 ? buildRows(table, { sourceColumn: source, targetColumn: target }) : null;
  const domainText = domains ?? myDomains.map((d) => d.domain).join(', ');
  const parsedDomains = domainText
    .split(/[\s,]+/)
    .map((d) => normalizeDomain(d))
    .flatMap((d) => (d.ok ? [d.domain] : []));
  const columns = table?.header ?? (table ? Array.from({ length: Math.max(1, ...table.records.slice(0, 50).map((r) => r.cells.length)) }, (_, i) => `#${i + 1}`) : []);

  const start = async () => {
    if (!table || !built) return;
    if (!built.rows.length) return setMessage(t('audits.noRows'));
    if (target < 0 && !parsedDomains.length) return setMessage(t('audits.noDomains'));
    // Asked here, within the click: the background cannot ask.
    const granted = await browser.permissions.request(NET_PERMISSIONS as Browser.permissions.Permissions).catch(() => false);
    if (!granted) return setMessage(t('audits.accessDenied'));
    setBusy(true);
    try {
      const id = await createAudit({
        name: name.trim() || t('audits.defaultName', [fileName ?? parsedDomains[0] ?? '']),
        columns: table.header ?? ['url'],
        sourceColumn: source,
        targetColumn: target,
        domains: parsedDomains,
        rows: built.rows,
        renderMissing,
      });
      const r = await sendMessage('startAudit', { auditId: id });
      if (!r.ok) setMessage(r.error.message);
      onStarted(id);
      setTable(null);
      setText('');
    } catch (e) {
      setMessage(String((e as Error)?.message ?? e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="audit-new" aria-labelledby="audit-new-title">
      <h2 id="audit-new-title">{t('audits.newAudit')}</h2>
      <label class="audit-field">
        <span>{t('audits.paste')}</span>
        <textarea rows={5} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </label>
      <div class="audit-actions">
        <button type="button" onClick={() => read(text)} disabled={!text.trim()}>
          {t('audits.read')}
        </button>
        <label class="audit-file">
          <span>{t('audits.file')}</span> <input type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" onChange={onFile} />
        </label>
      </div>
      {table && (
        <div class="audit-setup">
          {table.guess.vendor && <p class="muted">{t('audits.vendor', [table.guess.vendor])}</p>}
          {!table.guess.sure && <p class="audit-warn">{t('audits.unsure')}</p>}
          <label class="audit-field">
            <span>{t('audits.sourceColumn')}</span>
            <select value={source} onChange={(e) => setSource(Number((e.target as HTMLSelectElement).value))}>
              {columns.map((c, i) => (
                <option value={i} key={i}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label class="audit-field">
            <span>{t('audits.targetColumn')}</span>
            <select value={target} onChange={(e) => setTarget(Number((e.target as HTMLSelectElement).value))}>
              <option value={-1}>{t('audits.noTarget')}</option>
              {columns.map((c, i) => (
                <option value={i} key={i}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label class="audit-field">
            <span>{t('audits.domains')}</span>
            <input type="text" value={domainText} onInput={(e) => setDomains((e.target as HTMLInputElement).value)} />
          </label>
          <label class="audit-field">
            <span>{t('audits.name')}</span>
            <input type="text" value={name} maxLength={200} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </label>
          <label class="audit-check">
            <input type="checkbox" checked={renderMissing} onChange={(e) => setRenderMissing((e.target as HTMLInputElement).checked)} /> {t('audits.renderMissing')}
          </label>
          {built && (
            <p class="audit-count">
              {t('audits.rows', built.rows.length, [num(built.rows.length)])}
              {built.duplicates > 0 && <> · {t('audits.duplicates', [num(built.duplicates)])}</>}
              {built.problems.length > 0 && <> · {t('audits.problems', built.problems.length, [num(built.problems.length)])}</>}
            </p>
          )}
          {built && built.problems.length > 0 && (
            <ul class="audit-problems">
              {built.problems.slice(0, SHOWN_PROBLEMS).map((p) => (
                <li key={`${p.line}-${p.message}`}>{t('audits.problemLine', [String(p.line), p.message])}</li>
              ))}
              {built.problems.length > SHOWN_PROBLEMS && <li>{t('audits.moreProblems', [num(built.problems.length - SHOWN_PROBLEMS)])}</li>}
            </ul>
          )}
          <p class="muted">{t('audits.needAccess')}</p>
          <button type="button" class="primary" disabled={busy || !built?.rows.length} onClick={() => void start()}>
            {t('audits.start')}
          </button>
        </div>
      )}
      {message && (
        <p class="audit-warn" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
