import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportFileName, guardCell, linkFlags, relBadges, toCsv, toJson } from '@/lib/table-export';
import { makeLink, makeReport, sampleReport } from '../fixtures/surfaces/report';

describe('guardCell (CSV formula injection)', () => {
  it.each(['=HYPERLINK("http://evil")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '  =1', '\uFF1D1', '=1\nsecond line'])('neutralises %j', (v) => {
    expect(guardCell(v)).toBe(`'${v}`);
  });
  it.each(['plain text', 'https://example.com/?a=1', '1=1', 'email@example.com', ''])('leaves %j alone', (v) => {
    expect(guardCell(v)).toBe(v);
  });
});

describe('toCsv', () => {
  it('writes a header and one record per row, in the given order, that parses back', () => {
    const report = sampleReport();
    const rows = [report.links[3]!, report.links[1]!].map((link) => ({ link, mine: link.index === 3 ? 'mysite.example' : null }));
    const csv = toCsv(rows, { ...report, title: 'Garden post, "tomatoes"', canonical: 'https://garden.example/post' });
    const parsed = Papa.parse<string[]>(csv.trim(), { header: false });
    expect(parsed.data[0]).toEqual([...CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(3);
    const rec = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, parsed.data[1]![i]]));
    expect(rec).toMatchObject({
      // The page's facts on every row, so exports of several pages merge into one sheet.
      source_page_url: 'https://garden.example/post',
      source_page_title: 'Garden post, "tomatoes"',
      page_indexable: 'yes',
      page_canonical: 'https://garden.example/post',
      position: '4',
      anchor_text: 'My seeds',
      url: 'https://shop.mysite.example/seeds',
      target_domain: 'mysite.example',
      my_domain: 'mysite.example',
      internal: 'external',
      placement: 'body',
      relevance: '0.8',
      placement_confidence: '0.9',
      score: '60',
      score_band: 'strong',
      followed: 'yes',
      follow_status: 'followed',
    });
    expect(Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, parsed.data[2]![i]])).source_page_title).toBe('Garden post, "tomatoes"');
    expect(rec.reasons).toContain('In the main content (+20)');
  });

  it('quotes commas, quotes and new lines, and guards formulas in page-controlled cells', () => {
    const link = makeLink(0, { text: '=cmd|" /C calc"!A0, "quoted"\nnext', rel: ['nofollow', 'sponsored'], followed: false });
    const csv = toCsv([{ link, mine: null }], makeReport([link], { title: '=HYPERLINK("http://evil")' }));
    const parsed = Papa.parse<string[]>(csv.trim());
    expect(parsed.data[1]![CSV_COLUMNS.indexOf('source_page_title')]).toBe('\'=HYPERLINK("http://evil")');
    expect(parsed.data[1]![CSV_COLUMNS.indexOf('follow_status')]).toBe('sponsored');
    const anchor = parsed.data[1]![CSV_COLUMNS.indexOf('anchor_text')];
    expect(anchor).toBe(`'${link.text}`);
    expect(parsed.data[1]![CSV_COLUMNS.indexOf('rel')]).toBe('nofollow sponsored');
    expect(parsed.data).toHaveLength(2);
  });

  it('carries each checked link’s health: status chain, final URL, X-Robots-Tag and flags (empty before a check)', () => {
    const health = {
      url: 'https://shop.example/moved',
      status: 200,
      finalUrl: 'https://other.example/final',
      hops: [
        { url: 'https://shop.example/moved', status: 301, location: 'https://other.example/final' },
        { url: 'https://other.example/final', status: 200, location: null },
      ],
      method: 'HEAD' as const,
      xRobotsTag: 'noindex',
      metaRobots: [],
      refresh: null,
      error: null,
      flags: ['redirects' as const, 'other-domain' as const, 'noindex' as const],
      checkedAt: 0,
    };
    const checked = makeLink(0, { url: 'https://shop.example/moved', health });
    const unchecked = makeLink(1);
    const parsed = Papa.parse<string[]>(toCsv([{ link: checked, mine: null }, { link: unchecked, mine: null }]).trim());
    const col = (r: number, c: (typeof CSV_COLUMNS)[number]) => parsed.data[r]![CSV_COLUMNS.indexOf(c)];
    expect([col(1, 'target_status'), col(1, 'target_final_url'), col(1, 'target_x_robots_tag'), col(1, 'target_health_flags')]).toEqual([
      '301→200',
      'https://other.example/final',
      'noindex',
      'redirects; other-domain; noindex',
    ]);
    expect([col(2, 'target_status'), col(2, 'target_final_url'), col(2, 'target_x_robots_tag'), col(2, 'target_health_flags')]).toEqual(['', '', '', '']);
  });

  it('lists flags and rel badges', () => {
    const r = sampleReport();
    expect(linkFlags(r.links[4]!)).toEqual(['image']);
    expect(linkFlags(r.links[5]!)).toEqual(['hidden (display:none)']);
    expect(linkFlags(r.links[7]!)).toEqual(['javascript']);
    expect(linkFlags(r.links[8]!)).toEqual(['redirect']);
    expect(relBadges(r.links[6]!)).toEqual(['nofollow', 'ugc']);
  });
});

describe('toJson', () => {
  it('exports the page facts, the view and only the rows shown', () => {
    const report = sampleReport();
    const rows = [{ link: report.links[1]!, mine: null }];
    const out = JSON.parse(toJson(report, rows, { filters: { scope: 'external' }, sort: 'score desc' }));
    expect(out.page.url).toBe(report.url);
    expect(out.page.links).toBeUndefined();
    expect(out.view).toEqual({ filters: { scope: 'external' }, sort: 'score desc', shown: 1, total: report.links.length });
    expect(out.links).toHaveLength(1);
    expect(out.links[0]).toMatchObject({ text: 'Compost mix', myDomain: null, reasons: report.links[1]!.reasons });
  });

  it('names files after the page (host and path) and the time, so exports of a site never overwrite each other', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      expect(exportFileName(makeReport([]), 'csv')).toBe('links-garden.example-post-2026-01-02-0304.csv');
      expect(exportFileName(makeReport([], { finalUrl: 'https://garden.example/blog/Raised%20Béds/?p=2', generatedAt: '2026-07-08T21:45:00.000Z' }), 'csv')).toBe(
        'links-garden.example-blog-raised-beds-2026-07-08-2145.csv',
      );
      expect(exportFileName(makeReport([], { finalUrl: 'https://garden.example/' }), 'json')).toBe('links-garden.example-2026-01-02-0304.json');
      expect(exportFileName(makeReport([], { finalUrl: 'not a url', url: 'x' }), 'json')).toBe('links-page-2026-01-02-0304.json');
    } finally {
      process.env.TZ = tz;
    }
  });
});
