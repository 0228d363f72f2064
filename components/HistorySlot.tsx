/**
 * Mounts the history view (issue 6: components/history/HistoryPanel.tsx) below the link view.
 * Loaded lazily so the side panel works, and shows the links at once, whatever history does.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '@/lib/report';

export interface HistoryPanelProps {
  pageUrl: string | null;
  currentReport: PageReport | null;
  myDomains: string[];
}

type HistoryModule = { HistoryPanel: ComponentType<HistoryPanelProps> };
const modules = import.meta.glob<HistoryModule>('./history/HistoryPanel.tsx');

export function HistorySlot(props: HistoryPanelProps) {
  const [Panel, setPanel] = useState<ComponentType<HistoryPanelProps> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const load = Object.values(modules)[0];
    if (!load) return;
    load().then(
      (m) => setPanel(() => m.HistoryPanel),
      (e) => setFailed(String((e as Error)?.message ?? e)),
    );
  }, []);
  return (
    <section class="history-slot" aria-label="History">
      {Panel ? <Panel {...props} /> : failed ? <p class="muted">History is unavailable: {failed}</p> : null}
    </section>
  );
}
