/** Every page seen linking to the user's domains, with the latest state of the link. */
import type { BacklinkGroup } from '@/lib/history/store';
import { formatDate, relText } from './format';
import { safeHref } from '@/lib/url';

export function BacklinksTable({ rows, currentPage }: { rows: BacklinkGroup[]; currentPage: string | null }) {
  if (!rows.length) return <p class="muted">No page linking to your domains has been inspected yet.</p>;
  const lost = rows.filter((r) => r.status === 'lost').length;
  return (
    <>
      {lost > 0 && (
        <p class="history-alert history-alert--inline">
          {lost} page{lost === 1 ? '' : 's'} no longer link{lost === 1 ? 's' : ''} to your domains.
        </p>
      )}
      <div class="history-table-wrap" tabIndex={0} role="region" aria-label="Backlinks to my domains">
        <table class="history-table">
          <thead>
            <tr>
              <th scope="col">Linking page</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col">Placement</th>
              <th scope="col">rel</th>
              <th scope="col" class="history-num">Score</th>
              <th scope="col">First seen</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.myDomain} ${r.pageUrl}`}
                class={[r.status === 'lost' ? 'history-row--lost' : '', r.pageUrl === currentPage ? 'history-row--current' : ''].join(' ').trim() || undefined}
              >
                <th scope="row" class="history-page">
                  {/* Page URLs come from pages and imports: only http(s) becomes a link. */}
                  {safeHref(r.pageUrl) !== null ? (
                    <a href={safeHref(r.pageUrl)!} target="_blank" rel="noopener noreferrer" title={r.pageUrl}>
                      {r.pageTitle || r.pageUrl}
                    </a>
                  ) : (
                    <span title={r.pageUrl}>{r.pageTitle || r.pageUrl}</span>
                  )}
                </th>
                <td>{r.myDomain}</td>
                <td>{r.status === 'lost' ? <strong class="history-bad">lost{r.lostAt ? ` ${formatDate(r.lostAt)}` : ''}</strong> : 'live'}</td>
                <td>{r.latest.placement}</td>
                <td class={r.latest.followed ? undefined : 'history-bad'}>{relText(r.latest.rel)}</td>
                <td class="history-num">{Math.round(r.latest.score)}</td>
                <td>{formatDate(r.firstSeen)}</td>
                <td>{formatDate(r.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
