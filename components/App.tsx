/** The popup and the side panel: one view, two ways of choosing the tab. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { takeFocusRequest, FOCUS_KEY } from '@/lib/focus-request';
import { sendMessage } from '@/lib/messaging';
import type { LinkReport } from '@/lib/report';
import { domainsWithRole } from '@/lib/settings';
import { ChangeSummary } from './history/ChangeSummary';
import { num, t } from './i18n';
import { FOLLOW_STYLE } from './Legend';
import { HistorySlot } from './HistorySlot';
import { LinkActionsContext } from './link-actions';
import { LinkView, type FocusTarget } from './LinkView';
import { SiteStrengthBadge } from './SiteStrength';
import { StatusPanel } from './StatusPanel';
import { useInspector, type Surface } from './use-inspector';
import { useMyDomains } from './use-my-domains';
import './styles.css';

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

async function openSidePanel(): Promise<boolean> {
  const api = browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> }; sidebarAction?: { open(): Promise<void> } };
  try {
    if (api.sidebarAction?.open) await api.sidebarAction.open();
    else if (api.sidePanel?.open) await api.sidePanel.open({ windowId: (await browser.windows.getCurrent()).id! });
    else return false;
    return true;
  } catch {
    return false;
  }
}

export function App({ surface }: { surface: Surface }) {
  const inspector = useInspector(surface);
  const myDomains = useMyDomains();
  const { tabId, report, phase, error, notice, progress, preview } = inspector;
  const [message, setMessage] = useState<string | null>(null);
  const [highlightOn, setHighlightOn] = useState(false);
  const [focus, setFocus] = useState<FocusTarget | null>(null);

  // A new page or tab: the page's outlines are gone, old messages no longer apply.
  useEffect(() => {
    setHighlightOn(false);
    setMessage(null);
  }, [tabId, report?.url]);

  // "Inspect this link" from the context menu: open that link once the report is there.
  useEffect(() => {
    if (tabId === null || phase !== 'done') return;
    const take = () =>
      void takeFocusRequest(tabId).then((req) => {
        if (req?.linkUrl) setFocus({ url: req.linkUrl, nonce: req.at });
      }, () => undefined);
    take();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && FOCUS_KEY in changes) take();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [tabId, phase]);

  const reveal = (link: LinkReport) => {
    if (tabId === null) return;
    void sendMessage('revealLink', { tabId, index: link.index, href: link.href }).then(
      (r) => setMessage(r.ok ? null : r.message),
      () => setMessage(t('app.unreachable')),
    );
  };

  const toggleHighlight = async () => {
    if (tabId === null) return;
    const r = await sendMessage('setHighlight', { tabId, mode: highlightOn ? 'off' : 'on' }).catch((e) => ({
      ok: false as const,
      error: { code: 'failed' as const, message: String(e) },
    }));
    if (r.ok) {
      setHighlightOn(r.on);
      setMessage(r.on ? t('app.outlined', r.count, [num(r.count)]) : null);
    } else setMessage(r.error.message);
  };

  const compareWithTarget = (link: LinkReport) => {
    if (tabId === null || !link.url) return;
    const target = new URL(link.url);
    // The permission prompt needs the click's user gesture: ask before anything else is awaited.
    void browser.permissions
      .request({ origins: [`${target.origin}/*`] })
      .then(async (granted) => {
        if (!granted) return setMessage(t('app.compareDenied', [target.host]));
        setMessage(t('app.reading', [target.host]));
        const r = await sendMessage('compareWithTarget', { tabId, url: target.href });
        setMessage(r.ok ? t('app.compared', [r.title || target.host]) : r.message);
      })
      .catch((e) => setMessage(t('app.compareFailed', [String((e as Error)?.message ?? e)])));
  };

  const grantAccess = async () => {
    const granted = await browser.permissions.request({ origins: ['<all_urls>'] }).catch(() => false);
    if (granted) inspector.reinspect();
    else setMessage(t('app.accessDenied'));
  };

  const loading = phase === 'starting' || phase === 'inspecting' || phase === 'page-loading';
  const title = report?.title || hostOf(report?.finalUrl ?? inspector.tabUrl) || t('app.name');

  return (
    <div class={`app app--${surface}`} data-surface={surface} data-phase={phase} style={FOLLOW_STYLE}>
      <header class="bar">
        <div class="bar__title">
          <h1 title={title}>{title}</h1>
          <span class="muted bar__host">{hostOf(report?.finalUrl ?? inspector.tabUrl)}</span>
          {report && <SiteStrengthBadge site={report.site} />}
        </div>
        <div class="bar__actions">
          <button type="button" aria-pressed={highlightOn} disabled={!report} onClick={() => void toggleHighlight()} title={t('app.highlightHelp')}>
            {highlightOn ? t('app.hideOutlines') : t('app.highlight')}
          </button>
          <button type="button" onClick={inspector.reinspect} disabled={tabId === null || phase === 'inspecting'} title={t('app.refreshHelp')}>
            {t('app.refresh')}
          </button>
          {surface === 'popup' && (
            <button type="button" onClick={() => void openSidePanel().then((ok) => (ok ? window.close() : setMessage(t('app.noSidePanel'))))} title={t('app.sidePanelHelp')}>
              {t('app.sidePanel')}
            </button>
          )}
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()} title={t('app.settingsHelp')}>
            {t('app.settings')}
          </button>
        </div>
      </header>
      <div class="messages">
        <StatusPanel phase={phase} error={error} onRetry={inspector.reinspect} onGrantAccess={grantAccess} />
        {notice && <p class="notice" role="status">{notice}</p>}
        {message && <p class="notice" role="status">{message}</p>}
        {surface === 'popup' && (
          // Reserved line: the summary arrives just after the report and must not push the table.
          <div class="change-summary-slot">
            {report && <ChangeSummary pageUrl={report.url} myDomains={domainsWithRole(myDomains, 'mine')} generation={inspector.generation} />}
          </div>
        )}
      </div>
      {phase !== 'error' && (
        <LinkActionsContext.Provider value={{ compareWithTarget }}>
          <LinkView tabId={tabId} report={report} loading={loading && !report} myDomains={myDomains} onReveal={reveal} focus={focus} progress={progress} preview={preview} />
        </LinkActionsContext.Provider>
      )}
      {surface === 'sidepanel' && (
        <HistorySlot
          pageUrl={report?.url ?? inspector.tabUrl}
          currentReport={report}
          myDomains={domainsWithRole(myDomains, 'mine')}
          competitors={domainsWithRole(myDomains, 'competitor')}
        />
      )}
    </div>
  );
}
