/** Small display helpers for the history view. */
import type { DiffLink } from '@/lib/history/diff';
import { date, dateTime, fixed1, num, t } from '../i18n';

/** Date and time in the UI language. */
export function formatTime(ms: number): string {
  return dateTime(ms);
}

export function formatDate(ms: number): string {
  return date(ms);
}

/** `example.com/path` for http links, the raw href otherwise. */
export function shortTarget(l: Pick<DiffLink, 'url' | 'href' | 'kind'>): string {
  if (l.kind === 'http' && l.url) {
    try {
      const u = new URL(l.url);
      const path = u.pathname === '/' ? '' : u.pathname;
      return `${u.host.replace(/^www\./, '')}${path}${u.search}`;
    } catch {
      return l.url;
    }
  }
  return l.href;
}

/** rel tokens as written, or the word for none. */
export function relText(rel: readonly string[]): string {
  return rel.length ? rel.join(' ') : t('history.follow');
}

/** 3.0 MB / 3,0 MB: at most three digits before the unit ("1,001 KB" reads as 1.0 MB). */
export function formatBytes(n: number): string {
  if (n < 999.5 * 1024) return t('history.kb', [num(Math.max(1, Math.round(n / 1024)))]);
  if (n < 999.95 * 1024 ** 2) return t('history.mb', [fixed1(n / 1024 / 1024)]);
  return t('history.gb', [fixed1(n / 1024 ** 3)]);
}
