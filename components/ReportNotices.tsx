/**
 * What a report says about itself: links it did not analyse (a page with more than the limit)
 * and links the page changed while it was being read. Page strings are rendered as text only.
 */
import type { LinkChange, PageReport } from '@/lib/report';
import { num, t } from './i18n';

/** Changes spelled out; the rest are counted. */
const SHOWN_CHANGES = 5;

function short(url: string): string {
  return url.length > 80 ? `${url.slice(0, 77)}…` : url;
}

export function describeChange(c: LinkChange): string {
  const which = c.index === null ? short(c.href) : t('notices.linkAt', [num(c.index + 1), short(c.href)]);
  switch (c.what) {
    case 'rel':
      return t('notices.rel', [which, c.before || t('notices.none'), c.after || t('notices.none')]);
    case 'href':
      return t('notices.href', [which, short(c.after ?? '')]);
    case 'removed':
      return t('notices.removed', [which]);
    case 'added':
      return t('notices.added', [short(c.href)]);
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
          {/* The reason is the report's own sentence (it travels in JSON and the CLI too). */}
          {t('notices.truncated', [num(truncated.analysed), num(truncated.found)])} {truncated.reason}
        </p>
      )}
      {changedLinks && changedLinks.count > 0 && (
        <div class="notice notice--warn" role="alert" data-notice="changed-links">
          <p>{t('notices.changed', [num(changedLinks.count)])}</p>
          <ul>
            {shown.map((c, i) => (
              <li key={i}>{describeChange(c)}</li>
            ))}
            {changedLinks.count > shown.length && <li>{t('notices.more', [num(changedLinks.count - shown.length)])}</li>}
          </ul>
        </div>
      )}
    </>
  );
}
