import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { normalizeUrl } from '@/lib/history/normalize-url';
import { backlinksCsv, BACKLINK_CSV_COLUMNS, neutralizeFormula } from '@/lib/history/csv';
import type { BacklinkGroup } from '@/lib/history/store';

describe('normalizeUrl', () => {
  it.each([
    ['https://Example.COM/', 'https://example.com/'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['https://example.com/a/', 'https://example.com/a'],
    ['https://example.com/a//b///', 'https://example.com/a/b'],
    ['https://example.com/a#section', 'https://example.com/a'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com/a?b=2&a=1&a=0', 'https://example.com/a?a=1&a=0&b=2'],
    ['https://example.com/a?utm_source=x&utm_medium=y&gclid=1&fbclid=2&id=5', 'https://example.com/a?id=5'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['https://example.com/a%20b?q=a%20b', 'https://example.com/a%20b?q=a+b'],
    ['not a url', 'not a url'],
    ['file:///tmp/x.html#a', 'file:///tmp/x.html#a'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const u of ['https://example.com/a/?b=2&a=1#x', 'https://example.com/?q=a%20b&utm_x=1', 'https://EXAMPLE.com:443//x//']) {
      const once = normalizeUrl(u);
      expect(normalizeUrl(once)).toBe(once);
    }
  });
});

function group(p: Partial<BacklinkGroup['latest']> & { pageTitle?: string } = {}, more: BacklinkGroup['links'] = []): BacklinkGroup {
  const { pageTitle = 'Title', ...rest } = p;
  const latest = { inspectionId: 1, targetUrl: 'https://mine.com/', text: 'anchor', placement: 'body' as const, rel: ['nofollow'], followed: false, score: 42.4, ...rest };
  return {
    myDomain: 'mine.com',
    pageUrl: 'https://a.test/p',
    pageTitle,
    firstSeen: Date.UTC(2025, 0, 1),
    lastSeen: Date.UTC(2025, 0, 2),
    timesSeen: 2,
    status: 'live',
    lostAt: null,
    linksInLatest: 1 + more.length,
    latest,
    links: [latest, ...more],
  };
}

describe('backlinksCsv', () => {
  it('writes a header and one quoted row per link', () => {
    const csv = backlinksCsv([group({ text: 'a, "quoted"\nanchor' })]);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...BACKLINK_CSV_COLUMNS]);
    expect(parsed.data[1]).toEqual([
      'mine.com',
      'https://a.test/p',
      'Title',
      'live',
      'https://mine.com/',
      'a, "quoted"\nanchor',
      'body',
      'nofollow',
      'no',
      '42',
      '2025-01-01T00:00:00.000Z',
      '2025-01-02T00:00:00.000Z',
      '2',
      '',
      '',
    ]);
  });

  it('writes one row per link: a page with a followed and a sponsored link to my domain has two rows (issue 19 §6)', () => {
    const sponsored = { inspectionId: 1, targetUrl: 'https://mine.com/shop', text: 'buy', placement: 'sidebar' as const, rel: ['sponsored'], followed: false, score: 3 };
    const csv = backlinksCsv([group({ rel: [], followed: true, score: 71 }, [sponsored])]);
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1);
    const col = (name: (typeof BACKLINK_CSV_COLUMNS)[number]) => BACKLINK_CSV_COLUMNS.indexOf(name);
    expect(rows.map((r) => [r[col('linking_page')], r[col('target_url')], r[col('rel')], r[col('followed')], r[col('score')]])).toEqual([
      ['https://a.test/p', 'https://mine.com/', '', 'yes', '71'],
      ['https://a.test/p', 'https://mine.com/shop', 'sponsored', 'no', '3'],
    ]);
  });

  it('neutralizes spreadsheet formulas in every text cell', () => {
    for (const evil of ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralizeFormula(evil)).toBe(`'${evil}`);
    }
    expect(neutralizeFormula('safe = text')).toBe('safe = text');
    const csv = backlinksCsv([group({ text: '=cmd|"/c calc"!A1', pageTitle: '@evil' })]);
    const row = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data[1]!;
    expect(row[5]).toBe(`'=cmd|"/c calc"!A1`);
    expect(row[2]).toBe(`'@evil`);
  });
});
