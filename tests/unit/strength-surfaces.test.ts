/** Site strength on the exports and in history: CSV, JSON, the CLI table, saved and imported records. */
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SiteStrength } from '@/lib/report';
import { CSV_COLUMNS, toCsv, toJson } from '@/lib/table-export';
import { authorityText, popularityText, providerText, strengthExplanation } from '@/lib/strength-sources';
import { backlinksTo, clearAll, linksOf, listInspections, saveInspection } from '@/lib/history/store';
import { exportHistoryJson } from '@/lib/history/export';
import { importHistory } from '@/lib/history/import';
import { HistoryImportError } from '@/lib/history/errors';
import { backlinksCsv, BACKLINK_CSV_COLUMNS } from '@/lib/history/csv';
import { formatReport } from '../../scripts/lib/format-report';
import { makeLink, makeReport } from '../fixtures/surfaces/report';
import { freshIndexedDb, makeReport as historyReport } from './history-helpers';

const strong: SiteStrength = {
  host: 'www.google.com',
  authority: { value: 100, refSubnets: 501_300, matched: 'google.com', source: 'majestic-million-2026-03' },
  popularity: { rank: 1, bucket: 'top-1k', matched: 'google.com', source: 'tranco-2026-08-01' },
  providers: [{ provider: 'ahrefs', value: 98, domain: 'google.com', fetchedAt: '2026-08-02T10:00:00.000Z' }],
};
const unlisted: SiteStrength = { host: 'tiny.example', authority: null, popularity: null, providers: [] };
const site: SiteStrength = {
  host: 'garden.example',
  authority: { value: 72, refSubnets: 12_000, matched: 'garden.example', source: 'majestic-million-2026-03' },
  popularity: { rank: 8_400, bucket: 'top-10k', matched: 'garden.example', source: 'tranco-2026-08-01' },
  providers: [{ provider: 'openpagerank', value: 5.5, domain: 'garden.example', fetchedAt: '2026-08-02T10:00:00.000Z' }],
};

const report = () =>
  makeReport(
    [
      makeLink(0, { url: 'https://www.google.com/', score: 80, linkValue: 57.6, strength: strong }),
      makeLink(1, { url: 'https://tiny.example/', score: 50, linkValue: 36, strength: unlisted }),
      makeLink(2, { url: null, href: 'mailto:a@b.example', kind: 'mailto', score: 0, linkValue: 0, strength: null }),
    ],
    { site },
  );

describe('strength in words', () => {
  it('names the figures and says "not in the top N" instead of a low number', () => {
    expect(authorityText(strong)).toBe('Authority 100');
    expect(popularityText(strong)).toBe('Top 1k (#1)');
    expect(authorityText(unlisted)).toBe('Not in the top 15,000 by links');
    expect(popularityText(unlisted)).toBe('Not in the top 50,000 by popularity');
    expect(authorityText(null)).toBe('Authority unknown');
    expect(providerText(strong.providers[0]!)).toBe('Domain Rating by Ahrefs 98');
    expect(providerText(site.providers[0]!)).toBe('Open PageRank 5.5/10');
    const why = strengthExplanation(strong);
    expect(why).toContain('Majestic Million (March 2026) for google.com: about 501,300 referring /24 subnets');
    expect(why).toContain('#1 in Tranco (2026-08-01)');
    expect(why).toContain('Domain Rating by Ahrefs 98 for google.com');
    expect(strengthExplanation(unlisted)).toContain('Not in the Majestic Million’s top 15,000');
  });
});

describe('exports', () => {
  it('CSV: link value and the target’s figures, "not in top N" in words', () => {
    const csv = toCsv(report().links.map((link) => ({ link, mine: null })));
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const col = (r: number, c: (typeof CSV_COLUMNS)[number]) => rows[r]![CSV_COLUMNS.indexOf(c)];
    expect([col(1, 'link_value'), col(1, 'target_authority'), col(1, 'target_tranco_rank'), col(1, 'target_provider_values')]).toEqual(['57.6', '100', '1', 'Domain Rating by Ahrefs 98']);
    expect([col(2, 'target_authority'), col(2, 'target_tranco_rank')]).toEqual(['not in top 15000', 'not in top 50000']);
    expect([col(3, 'link_value'), col(3, 'target_authority')]).toEqual(['0', '']);
  });

  it('JSON: the page’s site strength and each link’s', () => {
    const r = report();
    const out = JSON.parse(toJson(r, r.links.map((link) => ({ link, mine: null })), { filters: {}, sort: 'index asc' }));
    expect(out.page.site).toEqual(site);
    expect(out.links[0].strength).toEqual(strong);
    expect(out.links[0].linkValue).toBe(57.6);
  });

  it('CLI table: a site line and the value and target authority columns', () => {
    const text = formatReport(report());
    expect(text).toContain('site garden.example: Authority 72 · Top 10k (#8,400) · Open PageRank 5.5/10');
    const lines = text.split('\n');
    const header = lines.find((l) => l.includes('score'))!;
    expect(header).toMatch(/score\s+value\s+share/);
    expect(header).toContain('auth');
    expect(lines.find((l) => l.includes('"Link 0"'))).toMatch(/ 57\.6 .* 100 /);
    expect(lines.find((l) => l.includes('"Link 1"'))).toMatch(/ n\/l /);
  });
});

describe('history keeps the strength fields', () => {
  beforeEach(freshIndexedDb);

  const withStrength = () => {
    const r = historyReport({ url: 'https://garden.example/post', links: [{ url: 'https://mine.com/a', score: 60, linkValue: 43.2, strength: { ...unlisted, host: 'mine.com' } }] });
    r.site = site;
    return r;
  };

  it('saves, exports and re-imports them unchanged', async () => {
    await saveInspection(withStrength());
    const [saved] = await listInspections('https://garden.example/post');
    expect(saved!.facts.site).toEqual(site);
    expect((await linksOf(saved!.id))[0]).toMatchObject({ linkValue: 43.2, strength: { host: 'mine.com', authority: null } });
    const text = await exportHistoryJson();
    await clearAll();
    expect(await importHistory(text)).toMatchObject({ added: 1 });
    const [again] = await listInspections('https://garden.example/post');
    expect(again!.facts.site).toEqual(site);
    expect((await linksOf(again!.id))[0]).toMatchObject({ linkValue: 43.2, strength: { host: 'mine.com', authority: null, popularity: null, providers: [] } });
  });

  it('backlinks to my domains carry the link value, in the list and its CSV', async () => {
    await saveInspection(withStrength());
    const [g] = await backlinksTo('mine.com');
    expect(g!.latest.linkValue).toBe(43.2);
    const rows = Papa.parse<string[]>(backlinksCsv([g!]).trim()).data;
    expect(rows[1]![BACKLINK_CSV_COLUMNS.indexOf('link_value')]).toBe('43.2');
  });

  it('reads strength fields through the history schema: numbers clamped to their range, an unknown bucket refuses the record, naming the field', async () => {
    await saveInspection(withStrength());
    const doc = JSON.parse(await exportHistoryJson());
    await clearAll();
    doc.inspections[0].links[0].strength.authority = { value: 700, refSubnets: 1, matched: 'x', source: 'y' };
    expect((await importHistory(JSON.stringify(doc))).rejected).toEqual([]);
    const [stored] = await listInspections('https://garden.example/post');
    expect((await linksOf(stored!.id))[0]!.strength?.authority?.value).toBe(100);
    await clearAll();
    const bucket = JSON.parse(JSON.stringify(doc));
    bucket.inspections[0].facts.site.popularity.bucket = 'top-2k';
    const result = await importHistory(JSON.stringify(bucket));
    expect(result.added).toBe(0);
    expect(result.rejected.map((p) => p.path)).toEqual([expect.stringMatching(/site\.popularity\.bucket/)]);
  });
});
