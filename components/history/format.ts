/** Small display helpers for the history view. */
import type { DiffLink } from '@/lib/history/diff';

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' });
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

export function relText(rel: readonly string[]): string {
  return rel.length ? rel.join(' ') : 'follow';
}

export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
