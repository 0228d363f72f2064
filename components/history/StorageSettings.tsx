/** The options page's "History" section: storage used and how long history is kept. */
import { useEffect, useState } from 'preact/hooks';
import { stats, type HistoryStats } from '@/lib/history/store';
import { onHistoryChanged } from '@/lib/history/events';
import { t } from '../i18n';
import { errorText } from './use-history';
import { RetentionControl } from './RetentionControl';
import { StorageLine } from './StorageLine';
import './history.css';

export function StorageSettings({ keepDomains }: { keepDomains: string[] }) {
  const [storeStats, setStats] = useState<HistoryStats | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => onHistoryChanged(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    let alive = true;
    stats().then(
      (s) => alive && setStats(s),
      (e) => alive && setMessage({ error: true, text: t('history.error.with', [t('history.error.read'), errorText(e)]) }),
    );
    return () => {
      alive = false;
    };
  }, [version]);

  const run = async (task: () => Promise<string | void>) => {
    setBusy(true);
    try {
      const text = await task();
      setMessage(text ? { error: false, text } : null);
    } catch (e) {
      setMessage({ error: true, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
      setVersion((v) => v + 1);
    }
  };

  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">{t('history.settings.title')}</h2>
      <p>{t('history.settings.help')}</p>
      {storeStats ? <StorageLine stats={storeStats} /> : <p class="muted">…</p>}
      <div class="history-actions">
        <RetentionControl keepDomains={keepDomains} busy={busy} run={run} />
      </div>
      {message && (
        <p class={message.error ? 'error' : undefined} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
