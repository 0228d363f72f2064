/**
 * History view of the side panel: changes since last time, page history, backlinks to my
 * domains, and the stored data (export/import, retention, clearing). State lives in
 * useHistory; each section is its own component.
 */
import type { PageReport } from '@/lib/report';
import { useHistory } from './use-history';
import { ChangesSection } from './ChangesSection';
import { PageHistorySection } from './PageHistorySection';
import { BacklinksSection, ProspectsSection } from './BacklinksSection';
import { DataSection } from './DataSection';
import { t } from '../i18n';
import './history.css';

export interface HistoryPanelProps {
  pageUrl: string | null;
  currentReport: PageReport | null;
  /** My own sites: their backlinks, lost ones alerted. */
  myDomains: string[];
  /** Competitors: pages linking to them (and not to my sites) are prospects. */
  competitors?: string[];
}

export function HistoryPanel({ pageUrl, currentReport, myDomains, competitors = [] }: HistoryPanelProps) {
  const history = useHistory(pageUrl, currentReport, myDomains, competitors);
  const { notice, setNotice } = history;
  return (
    <div class="history">
      {notice && (
        <div class={`history-notice history-notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" class="history-notice__close" onClick={() => setNotice(null)} aria-label={t('history.dismiss')}>
            ×
          </button>
        </div>
      )}
      <ChangesSection pageUrl={pageUrl} history={history} />
      {pageUrl && <PageHistorySection history={history} />}
      <BacklinksSection history={history} />
      {history.competitors.length > 0 && <ProspectsSection history={history} />}
      <DataSection history={history} />
    </div>
  );
}
