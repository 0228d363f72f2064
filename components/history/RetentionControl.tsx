/**
 * "Keep history": the retention setting. Shortening it asks first when older inspections would
 * be deleted (inspections with backlinks to the user's domains are always kept). Used by the side
 * panel's history data and by the options page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyRetention, countOlderThan, DAY_MS, getRetention, RETENTION_CHOICES, setRetention } from '@/lib/history/store';
import { num, t } from '../i18n';
import { ConfirmBox, type Confirmation } from './ConfirmBox';

export interface RetentionControlProps {
  /** The user's domains, normalized. */
  keepDomains: string[];
  busy: boolean;
  /** Runs a change and shows its message (the host's busy flag and notice). */
  run(task: () => Promise<string | void>): Promise<void>;
}

/** The choice's words: "1 week", "6 months", "Forever" in the UI language. */
export function retentionLabel(ms: number | null): string {
  if (ms === null) return t('history.retention.forever');
  const days = Math.round(ms / DAY_MS);
  if (days % 365 === 0) return t('history.retention.years', days / 365, [num(days / 365)]);
  if (days % 30 === 0) return t('history.retention.months', days / 30, [num(days / 30)]);
  if (days % 7 === 0) return t('history.retention.weeks', days / 7, [num(days / 7)]);
  return t('history.retention.days', days, [num(days)]);
}

export function RetentionControl({ keepDomains, busy, run }: RetentionControlProps) {
  // undefined: not read yet.
  const [retention, setShown] = useState<number | null | undefined>(undefined);
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  const [, setRender] = useState(0);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    getRetention().then(setShown, () => undefined);
  }, []);

  const onChange = (ev: Event) => {
    const value = (ev.currentTarget as HTMLSelectElement).value;
    const ms = value === 'forever' ? null : Number(value);
    void run(async () => {
      const doomed = ms === null ? 0 : await countOlderThan(ms, { keepDomains });
      if (!doomed) {
        await setRetention(ms);
        setShown(ms);
        return ms === null ? t('history.retention.keptForever') : t('history.retention.kept', [retentionLabel(ms)]);
      }
      setConfirm({
        text: t(keepDomains.length ? 'history.retention.confirmKeeping' : 'history.retention.confirm', [retentionLabel(ms), t('history.retention.older', doomed, [num(doomed)])]),
        confirmLabel: t('history.retention.delete'),
        run: async () => {
          await setRetention(ms);
          setShown(ms);
          const r = await applyRetention({ keepDomains });
          return t('history.retention.deleted', [t('history.retention.older', r.inspections, [num(r.inspections)])]);
        },
      });
    });
  };

  const close = () => {
    setConfirm(null);
    // Re-render: a cancelled change puts the select back on the stored value; focus returns to it.
    setRender((n) => n + 1);
    setTimeout(() => select.current?.focus(), 0);
  };

  const value = retention === undefined ? '' : retention === null ? 'forever' : String(retention);
  return (
    <>
      <label class="history-retention">
        {t('history.retention.label')}
        <select ref={select} value={value} onChange={onChange} disabled={busy || retention === undefined}>
          {RETENTION_CHOICES.map((c) => (
            <option key={c.label} value={c.ms === null ? 'forever' : String(c.ms)}>
              {retentionLabel(c.ms)}
            </option>
          ))}
          {typeof retention === 'number' && !RETENTION_CHOICES.some((c) => c.ms === retention) && (
            <option value={String(retention)}>{retentionLabel(retention)}</option>
          )}
        </select>
      </label>
      {confirm && (
        <ConfirmBox
          text={confirm.text}
          confirmLabel={confirm.confirmLabel}
          onCancel={close}
          onConfirm={() => {
            const task = confirm.run;
            close();
            void run(task);
          }}
        />
      )}
    </>
  );
}
