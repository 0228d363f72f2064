/**
 * What a report says about itself: links it did not analyse (a page with more than the limit)
 * and links the page changed while it was being read. Page strings are rendered as text only.
 */
import type { LinkChange, PageReport } from '@/lib/report';

/** Changes spelled out; the rest are counted. */
const SHOWN_CHANGES = 5;

function short(url: string): string {
  return url.length > 80 ? `${url.slice(0, 77)}…` : url;
}

export function describeChange(c: LinkChange): string {
  const which = c.index === null ? short(c.href) : `link ${c.index + 1} (${short(c.href)})`;
  switch (c.what) {
    case 'rel':
      return `rel of ${which}: “${c.before || 'none'}” → “${c.after || 'none'}”`;
    case 'href':
      return `href of ${which} → ${short(c.after ?? '')}`;
    case 'removed':
      return `${which} was removed`;
    case 'added':
      return `a link to ${short(c.href)} was added`;
  }
}

export function ReportNotices({ report }: { report: PageReport | null }) {
  if (!report) return null;
  const { truncated, changedLinks } = report;
  const shown = changedLinks ? changedLinks.changes.slice(0, SHOWN_CHANGES) : [];
  return (
    <>
      {truncated && (
        <p class="notice notice--warn" role="status" data-notice="truncated">
          Analysed the first {truncated.analysed.toLocaleString()} of {truncated.found.toLocaleString()} links. {truncated.reason}
        </p>
      )}
      {changedLinks && changedLinks.count > 0 && (
        <div class="notice notice--warn" role="alert" data-notice="changed-links">
          <p>
            The page changed its links while being inspected ({changedLinks.count.toLocaleString()} change{changedLinks.count === 1 ? '' : 's'}): the report shows
            them as first read.
          </p>
          <ul>
            {shown.map((c, i) => (
              <li key={i}>{describeChange(c)}</li>
            ))}
            {changedLinks.count > shown.length && <li>and {(changedLinks.count - shown.length).toLocaleString()} more</li>}
          </ul>
        </div>
      )}
    </>
  );
}
