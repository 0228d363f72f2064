import type { PageReport } from '@/lib/report';

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

/** One line on what the page gives: link counts and whether the page itself passes anything. */
export function Verdict({ report, mineCount }: { report: PageReport | null; mineCount: number }) {
  if (!report) {
    return (
      <div class="verdict verdict--placeholder" aria-hidden="true">
        <span class="skeleton" style={{ width: '60%' }} />
        <span class="skeleton" style={{ width: '40%' }} />
      </div>
    );
  }
  const c = report.counts;
  return (
    <div class="verdict" role="status" aria-live="polite">
      <p class="verdict__counts">
        <strong>{c.total.toLocaleString()}</strong> links · <strong>{c.external.toLocaleString()}</strong> external ·{' '}
        <strong>{c.followed.toLocaleString()}</strong> followed
        {mineCount > 0 && (
          <>
            {' '}
            · <strong class="mine-count">{mineCount.toLocaleString()}</strong> to my domains
          </>
        )}
      </p>
      <p class="verdict__page">
        {report.indexable ? <span class="pill pill--ok">Indexable</span> : <span class="pill pill--bad" title={report.metaRobots.join(', ')}>noindex</span>}
        {report.canonicalElsewhere && report.canonical ? (
          <span class="pill pill--warn" title={report.canonical}>
            Canonical elsewhere: {shortUrl(report.canonical)}
          </span>
        ) : (
          <span class="pill pill--ok">{report.canonical ? 'Canonical: this page' : 'No canonical'}</span>
        )}
        {report.pageNofollow && (
          <span class="pill pill--bad" title="meta robots nofollow: no link on this page passes value">
            meta nofollow
          </span>
        )}
      </p>
    </div>
  );
}
