/**
 * "Keep history": the retention setting. Shortening it asks first when older inspections would
 * be deleted (inspections with backlinks to the user's domains are always kept). Used by the side
 * panel's history data and by the options page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyRetention, countOlderThan, DAY_MS, getRetention, RETENTION_CHOICES, setRetention } from '@/lib/history/store';
import { ConfirmBox, type Confirmation } from './ConfirmBox';

export interface RetentionControlProps {
  /** The user's domains, normalized. */
  keepDomains: string[];
  busy: boolean;
  /** Runs a change and shows its message (the host's busy flag and notice). */
  run(task: () => Promise<string | void>): Promise<void>;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

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
    const label = RETENTION_CHOICES.find((c) => c.ms === ms)?.label ?? value;
    void run(async () => {
      const doomed = ms === null ? 0 : await countOlderThan(ms, { keepDomains });
      if (!doomed) {
        await setRetention(ms);
        setShown(ms);
        return `History is kept ${ms === null ? 'forever' : `for ${label.toLowerCase()}`}.`;
      }
      setConfirm({
        text:
          `Keep history for ${label.toLowerCase()}? ${plural(doomed, 'older inspection')} will be deleted now` +
          (keepDomains.length ? ' (inspections with backlinks to your domains are kept).' : '.'),
        confirmLabel: 'Delete older history',
        run: async () => {
          await setRetention(ms);
          setShown(ms);
          const r = await applyRetention({ keepDomains });
          return `Deleted ${plural(r.inspections, 'older inspection')}.`;
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
        Keep history
        <select ref={select} value={value} onChange={onChange} disabled={busy || retention === undefined}>
          {RETENTION_CHOICES.map((c) => (
            <option key={c.label} value={c.ms === null ? 'forever' : String(c.ms)}>
              {c.label}
            </option>
          ))}
          {typeof retention === 'number' && !RETENTION_CHOICES.some((c) => c.ms === retention) && (
            <option value={String(retention)}>{Math.round(retention / DAY_MS)} days</option>
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
