import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage, type InspectResult } from '@/lib/messaging';

/** Placeholder shell: inspects the active tab and lists its links. */
export function App({ surface }: { surface: 'popup' | 'sidepanel' }) {
  const [result, setResult] = useState<InspectResult | null>(null);
  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return setResult({ ok: false, error: { code: 'no-tab', message: 'No active tab.' } });
      setResult(await sendMessage('inspectTab', { tabId: tab.id }));
    })();
  }, []);
  if (!result) return <p>Inspecting…</p>;
  if (!result.ok) return <p role="alert">{result.error.message}</p>;
  return (
    <main data-surface={surface}>
      <h1>{result.report.title}</h1>
      <p>{result.report.counts.total} links</p>
    </main>
  );
}
