/** Shared builders for the history tests (not a test file itself). */
import { IDBFactory } from 'fake-indexeddb';
import { countLinks } from '@/lib/build-report';
import { REPORT_VERSION, type LinkReport, type PageReport } from '@/lib/report';
import { closeHistoryDb } from '@/lib/history/db';
import { registrableDomain } from '@/lib/url';

/** A fresh, empty IndexedDB for every test (and no cached connection to the old one). */
export async function freshIndexedDb(): Promise<void> {
  await closeHistoryDb();
  globalThis.indexedDB = new IDBFactory();
}

export function makeLink(partial: Partial<LinkReport> & { url?: string | null } = {}, pageHost = 'blog.test'): LinkReport {
  const url = partial.url === undefined ? 'https://example.com/' : partial.url;
  let host: string | null = null;
  try {
    host = url ? new URL(url).hostname : null;
  } catch {
    host = null;
  }
  const domain = host ? registrableDomain(host) : null;
  return {
    index: 0,
    href: url ?? '#',
    url,
    kind: url ? 'http' : 'fragment',
    element: 'a',
    text: 'a link',
    textSource: 'text',
    rel: [],
    internal: !!domain && domain === registrableDomain(pageHost),
    domain,
    host,
    image: false,
    inList: false,
    inShadow: false,
    frame: null,
    geometry: null,
    fontSizeRatio: null,
    hidden: false,
    hiddenReason: null,
    wrapper: null,
    contextBefore: '',
    contextAfter: '',
    placement: 'body',
    placementConfidence: 0.9,
    placementSignals: ['main'],
    contextRelevance: 0.5,
    targetRelevance: null,
    relevance: 0.5,
    sharedTerms: [],
    followed: true,
    score: 60,
    equityShare: 10,
    reasons: [{ code: 'body', text: 'In the main content', effect: 20 }],
    ...partial,
  };
}

export function makeReport(opts: { url?: string; time?: string | number; links?: Partial<LinkReport>[]; title?: string } = {}): PageReport {
  const url = opts.url ?? 'https://blog.test/post';
  const pageHost = new URL(url).hostname;
  const links = (opts.links ?? [{ url: 'https://example.com/' }]).map((l, i) => makeLink({ index: i, ...l }, pageHost));
  const time = opts.time ?? '2025-01-01T00:00:00.000Z';
  return {
    version: REPORT_VERSION,
    url,
    finalUrl: url,
    title: opts.title ?? 'A post',
    language: 'en',
    description: 'desc',
    canonical: null,
    canonicalElsewhere: false,
    metaRobots: [],
    indexable: true,
    pageNofollow: false,
    counts: countLinks(links),
    frames: [],
    links,
    timing: { totalMs: 12, longestTaskMs: 5 },
    generatedAt: typeof time === 'number' ? new Date(time).toISOString() : time,
  };
}
