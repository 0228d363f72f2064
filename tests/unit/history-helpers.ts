/** Shared builders for the history tests (not a test file itself). */
import { IDBFactory } from 'fake-indexeddb';
import type { LinkReport, PageReport } from '@/lib/report';
import { makeLink as fixtureLink, makeReport as fixtureReport } from '../fixtures/surfaces/report';
import { closeHistoryDb } from '@/lib/history/db';
import { registrableDomain } from '@/lib/domain';

/** A fresh, empty IndexedDB for every test (and no cached connection to the old one). */
export async function freshIndexedDb(): Promise<void> {
  await closeHistoryDb();
  globalThis.indexedDB = new IDBFactory();
}

/**
 * A link as the history tests want it: the shared fixture link (tests/fixtures/surfaces/report.ts)
 * with its URL facts derived against `pageHost` and the history tests' own defaults.
 */
export function makeLink(partial: Partial<LinkReport> & { url?: string | null } = {}, pageHost = 'blog.test'): LinkReport {
  const url = partial.url === undefined ? 'https://example.com/' : partial.url;
  let host: string | null = null;
  try {
    host = url ? new URL(url).hostname : null;
  } catch {
    host = null;
  }
  const domain = host ? registrableDomain(host) : null;
  return fixtureLink(partial.index ?? 0, {
    href: url ?? '#',
    url,
    kind: url ? 'http' : 'fragment',
    text: 'a link',
    internal: !!domain && domain === registrableDomain(pageHost),
    domain,
    host,
    contextBefore: '',
    contextAfter: '',
    placementSignals: ['main'],
    sharedTerms: [],
    score: 60,
    equityShare: 10,
    reasons: [{ code: 'body', text: 'In the main content', effect: 20 }],
    ...partial,
  });
}

export function makeReport(opts: { url?: string; time?: string | number; links?: Partial<LinkReport>[]; title?: string } = {}): PageReport {
  const url = opts.url ?? 'https://blog.test/post';
  const pageHost = new URL(url).hostname;
  const links = (opts.links ?? [{ url: 'https://example.com/' }]).map((l, i) => makeLink({ index: i, ...l }, pageHost));
  const time = opts.time ?? '2025-01-01T00:00:00.000Z';
  return fixtureReport(links, {
    url,
    finalUrl: url,
    title: opts.title ?? 'A post',
    description: 'desc',
    canonical: null,
    timing: { totalMs: 12, longestTaskMs: 5 },
    generatedAt: typeof time === 'number' ? new Date(time).toISOString() : time,
  });
}
