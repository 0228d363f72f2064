/**
 * Options (issue 19 §8): my site or competitor, add many domains at once by pasting a list, and the keyboard shortcut
 * that opens the popup as the browser has it now (the user can change it).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DOMAIN_ROLES, saveMyDomains, type BulkResult, type DomainRole } from '@/lib/settings';
import { num, t } from './i18n';

/** My site / competitor, as a select (the add form, the bulk paste and each listed domain). */
export function RoleSelect({ value, onChange, label }: { value: DomainRole; onChange(role: DomainRole): void; label: string }) {
  return (
    <select class="role-select" aria-label={label} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as DomainRole)}>
      {DOMAIN_ROLES.map((r) => (
        <option value={r}>{t(`options.role.${r}`)}</option>
      ))}
    </select>
  );
}

export function BulkDomains() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [role, setRole] = useState<DomainRole>('mine');
  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const r = await saveMyDomains(text, role);
    setBusy(false);
    setResult(r);
    // Keep only what was refused, so it can be fixed and added again.
    setText(r.rejected.map((x) => x.input).join('\n'));
  };
  return (
    <form class="bulk-domains" onSubmit={(e) => void add(e)}>
      <label>
        {t('options.bulkLabel')}
        <textarea value={text} rows={4} placeholder={t('options.bulkPlaceholder')} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <RoleSelect value={role} onChange={setRole} label={t('options.role.bulkLabel')} />
      <button type="submit" disabled={busy || !text.trim()}>
        {t('options.bulkAdd')}
      </button>
      {result && (
        <div role="status" class="bulk-domains__result">
          <p>{t('options.bulkResult', [num(result.added.length), num(result.existing.length), num(result.rejected.length)])}</p>
          {result.rejected.length > 0 && (
            <ul class="error">
              {result.rejected.map((r) => (
                <li>{r.line ? t('options.bulkRejectedLine', [num(r.line), r.input, r.error]) : t('options.bulkRejected', [r.input, r.error])}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

const COMMANDS = ['_execute_action', '_execute_browser_action'];

export function ShortcutLine() {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    // Some browsers (and test fakes) throw instead of rejecting.
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((all) => setShortcut(all.find((c) => COMMANDS.includes(c.name ?? ''))?.shortcut || null))
      .catch(() => setShortcut(null));
  }, []);
  if (shortcut === undefined) return null;
  return (
    <p class="shortcut" data-testid="shortcut">
      {shortcut ? t('options.shortcut', [shortcut]) : t('options.noShortcut')} <span class="muted">{t('options.shortcutHelp')}</span>
    </p>
  );
}
