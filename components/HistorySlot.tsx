/**
 * Mounts the history view (issue 6: components/history/HistoryPanel.tsx) below the link view.
 * Loaded lazily: the side panel shows the links at once, and the popup never loads it.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { HistoryPanelProps } from './history/HistoryPanel';
import { t } from './i18n';

export function HistorySlot(props: HistoryPanelProps) {
  const [Panel, setPanel] = useState<ComponentType<HistoryPanelProps> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    import('./history/HistoryPanel').then(
      (m) => setPanel(() => m.HistoryPanel),
      (e) => setFailed(String((e as Error)?.message ?? e)),
    );
  }, []);
  return (
    <section class="history-slot" aria-label={t('history.settings.title')}>
      {Panel ? <Panel {...props} /> : failed ? <p class="muted">{t('history.unavailable', [failed])}</p> : null}
    </section>
  );
}
