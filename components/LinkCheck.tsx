/**
 * "Check links" from a surface (issue #17 §4): asks for the optional network permissions inside
 * the click (the background cannot ask), then has the background check the page's http(s) links;
 * shows "checked N of M" with Cancel. The results come back in the re-scored report
 * (`reportUpdated`), so the table shows each link's status from the report alone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { onMessage, sendMessage } from '@/lib/messaging';
import { NET_PERMISSIONS } from '@/lib/permissions';
import { isFromBackground, LINK_CHECK_LIMITS, type LinkCheckUpdate } from '@/lib/protocol';
import type { PageReport } from '@/lib/report';
import { num, t } from './i18n';

interface Props {
  tabId: number | null;
  report: PageReport | null;
}

interface Running {
  checkId: number;
  done: number;
  total: number;
}

/** The page's http(s) link targets, each once, as the background's request accepts them. */
export function linkCheckUrls(report: PageReport): string[] {
  const urls = new Set<string>();
  for (const l of report.links) if (l.kind === 'http' && l.url && /^https?:\/\//i.test(l.url)) urls.add(l.url);
  return [...urls].slice(0, LINK_CHECK_LIMITS.urls);
}

export function LinkCheck({ tabId, report }: Props) {
  const [running, setRunning] = useState<Running | null>(null);
  const [message, setMessage] = useState('');
  const runningRef = useRef<Running | null>(null);
  runningRef.current = running;
  /** Updates that came before the answer to checkLinks (a check of cached links can end first): the last few. */
  const early = useRef(new Map<number, LinkCheckUpdate>());

  const apply = (data: LinkCheckUpdate, r: Running) => {
    if (data.finished) {
      setRunning(null);
      setMessage(data.cancelled ? t('linkCheck.cancelled', [num(data.done), num(data.total)]) : t('linkCheck.finished', [num(data.total)]));
    } else setRunning({ ...r, done: data.done, total: data.total });
  };

  useEffect(() => {
    let remove: (() => void) | undefined;
    try {
      const origin = browser.runtime.getURL('/');
      remove = onMessage('linkCheckProgress', ({ data, sender }) => {
        // Only the background reports checks; a page's script may not feed the surface.
        if (!isFromBackground(sender, origin) || !data || typeof data.done !== 'number' || typeof data.total !== 'number') return;
        const r = runningRef.current;
        if (r && data.checkId === r.checkId) return apply(data, r);
        if (r || typeof data.checkId !== 'number') return;
        early.current.set(data.checkId, data);
        if (early.current.size > 4) early.current.delete(early.current.keys().next().value!);
      });
    } catch {
      // another instance in this context already listens
    }
    return () => remove?.();
  }, []);

  // Another tab or page: a check of the previous one no longer shows here.
  const pageKey = report ? `${tabId}|${report.finalUrl}` : '';
  useEffect(() => {
    setRunning(null);
    setMessage('');
  }, [pageKey]);

  const urls = report ? linkCheckUrls(report) : [];

  const start = async () => {
    if (tabId === null || !report) return;
    // First await of the click: browsers grant permissions only within the user's gesture.
    const granted = await browser.permissions.request(NET_PERMISSIONS as Browser.permissions.Permissions).catch(() => false);
    if (!granted) return setMessage(t('linkCheck.denied'));
    setMessage('');
    try {
      const r = await sendMessage('checkLinks', { tabId, urls, pageUrl: report.finalUrl });
      if (!r.ok) return setMessage(r.error.code === 'no-access' ? t('linkCheck.denied') : t('linkCheck.failed', [r.error.message]));
      const started = { checkId: r.checkId, done: 0, total: r.total };
      const before = early.current.get(r.checkId);
      early.current.clear();
      if (before) apply(before, started);
      else setRunning(started);
    } catch (e) {
      setMessage(t('linkCheck.failed', [String((e as Error)?.message ?? e)]));
    }
  };

  const cancel = async () => {
    if (!running) return;
    await sendMessage('cancelLinkCheck', { checkId: running.checkId }).catch(() => false);
  };

  return (
    <div class="link-check" role="group" aria-label={t('linkCheck.label')}>
      {running ? (
        <>
          <span role="status" data-testid="link-check-progress">
            {t('linkCheck.progress', [num(running.done), num(running.total)])}
          </span>
          <progress max={running.total || undefined} value={running.done} aria-label={t('linkCheck.label')} />
          <button type="button" onClick={() => void cancel()}>
            {t('linkCheck.cancel')}
          </button>
        </>
      ) : (
        <button type="button" disabled={tabId === null || urls.length === 0} title={t('linkCheck.hint')} onClick={() => void start()}>
          {t('linkCheck.start')}
        </button>
      )}
      {message && (
        <span class="link-check__message" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
