import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domainHash } from '@/lib/analysis/strength/hash';
import { authorityOf, candidateNames, loadStrengthTable, popularityBucket, siteWeight, STRENGTH, StrengthTable, strengthOfPage, tableName } from '@/lib/analysis/strength/index';
import { decodeStrengthTable, encodeStrengthTable, type StrengthMeta } from '@/lib/analysis/strength/table-format';
import { STRENGTH_LISTS } from '@/lib/strength-lists.generated';
import { buildStrengthTable, listsModule } from '../../scripts/data/build-strength';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(ROOT, '../shared/data/authority');

const META: StrengthMeta = {
  generated: 'test',
  seed: 7,
  authority: { id: 'majestic-million-test', name: 'Majestic Million', date: '2026-03', rows: 4, top: 15_000 },
  popularity: { id: 'tranco-test', name: 'Tranco', date: '2026-08-01', rows: 4, top: 50_000 },
};

/** A small table: name → [refSubnets or 0, rank or 0]. */
function tableOf(entries: Record<string, [number, number]>, meta = META): StrengthTable {
  const ranked = [];
  const popular = [];
  for (const [name, [refSubnets, rank]] of Object.entries(entries)) {
    const hash = domainHash(name, meta.seed);
    if (refSubnets) ranked.push({ hash, refSubnets, rank });
    else popular.push({ hash, rank });
  }
  ranked.sort((a, b) => a.hash - b.hash);
  popular.sort((a, b) => a.hash - b.hash);
  const bytes = encodeStrengthTable(meta, ranked, popular);
  return new StrengthTable(decodeStrengthTable(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer));
}

const small = tableOf({
  'example.com': [40_000, 900],
  'docs.example.com': [9_000, 0],
  'wiki.example': [0, 4_200],
  'xn--b1aew.xn--p1ai': [4_121, 19_642],
  'blogspot.com': [133_965, 0],
});

describe('strength formula', () => {
  it('maps referring subnets to 0–100 on a log scale fixed at 500,000 = 100', () => {
    expect(authorityOf(500_000)).toBe(100);
    expect(authorityOf(5_000_000)).toBe(100);
    expect(authorityOf(3_041)).toBe(61); // the 15,000th site of the list
    expect(authorityOf(1)).toBe(5);
    expect(authorityOf(0)).toBe(0);
    const xs = [1, 10, 100, 1_000, 10_000, 100_000];
    for (let i = 1; i < xs.length; i++) expect(authorityOf(xs[i]!)).toBeGreaterThan(authorityOf(xs[i - 1]!));
  });

  it('buckets ranks into top 1k / 10k / 50k and nothing deeper', () => {
    expect(popularityBucket(1)).toBe('top-1k');
    expect(popularityBucket(1_000)).toBe('top-1k');
    expect(popularityBucket(1_001)).toBe('top-10k');
    expect(popularityBucket(10_000)).toBe('top-10k');
    expect(popularityBucket(50_000)).toBe('top-50k');
    expect(popularityBucket(50_001)).toBeNull();
    expect(popularityBucket(0)).toBeNull();
  });

  it('weighs an unlisted site with the documented assumption, never as authority 0', () => {
    expect(siteWeight(null)).toBe(STRENGTH.unlistedAuthority);
    expect(siteWeight(72)).toBe(72);
    expect(siteWeight(0)).toBe(0);
  });
});

describe('strength table format', () => {
  it('round-trips entries and their columns', () => {
    const t = tableOf({ 'a.example': [12_345, 17], 'b.example': [0, 49_999] });
    const a = t.lookup('a.example')!;
    expect(a.authority!.refSubnets).toBeGreaterThanOrEqual(12_343);
    expect(a.authority!.refSubnets).toBeLessThanOrEqual(12_347);
    expect(a.popularity).toEqual({ rank: 17, bucket: 'top-1k', matched: 'a.example', source: 'tranco-test' });
    expect(t.lookup('b.example')).toMatchObject({ authority: null, popularity: { rank: 49_999, bucket: 'top-50k' } });
    expect(t.size).toBe(2);
  });

  it('refuses a file that is not a strength table', () => {
    expect(() => decodeStrengthTable(new Uint8Array(64).buffer)).toThrow(/magic/);
  });
});

describe('strength lookup', () => {
  it('finds the host itself before its registrable domain', () => {
    const s = small.lookup('docs.example.com')!;
    expect(s.authority).toMatchObject({ value: authorityOf(9_000), matched: 'docs.example.com', source: 'majestic-million-test' });
    // The popularity list ranks only the registrable domain: it comes from there.
    expect(s.popularity).toMatchObject({ rank: 900, bucket: 'top-1k', matched: 'example.com' });
  });

  it('falls back through parents to the registrable domain', () => {
    expect(candidateNames('a.b.example.com')).toEqual(['a.b.example.com', 'b.example.com', 'example.com']);
    expect(candidateNames('example.co.uk')).toEqual(['example.co.uk']);
    expect(small.lookup('www.example.com')).toMatchObject({ host: 'www.example.com', authority: { matched: 'example.com' }, popularity: { matched: 'example.com' } });
    expect(small.lookup('x.docs.example.com')!.authority!.matched).toBe('docs.example.com');
  });

  it('never lends a platform’s strength to a site on a private suffix (blogspot, github.io)', () => {
    expect(small.lookup('someone.blogspot.com')).toMatchObject({ authority: null, popularity: null });
    expect(small.lookup('blogspot.com')!.authority).not.toBeNull();
  });

  it('looks IDN hosts up in punycode, whichever form they are written in', () => {
    expect(tableName('МВД.рф.')).toBe('xn--b1aew.xn--p1ai');
    for (const host of ['мвд.рф', 'xn--b1aew.xn--p1ai', 'www.мвд.рф', 'WWW.XN--B1AEW.XN--P1AI.']) {
      const s = small.lookup(host)!;
      expect(s.authority, host).toMatchObject({ matched: 'xn--b1aew.xn--p1ai', refSubnets: expect.any(Number) });
      expect(s.popularity, host).toMatchObject({ rank: 19_642, bucket: 'top-50k' });
    }
  });

  it('says "not listed" as null, never as a low number', () => {
    expect(small.lookup('tiny-garden-blog.example')).toEqual({ host: 'tiny-garden-blog.example', authority: null, popularity: null, providers: [] });
    expect(small.lookup('wiki.example')).toMatchObject({ authority: null, popularity: { rank: 4_200, bucket: 'top-10k' } });
  });

  it('does not look up IP addresses or junk', () => {
    for (const host of ['192.168.0.1', '[::1]', '', 'a b.example', 'exa_mple.com', null]) expect(small.lookup(host), String(host)).toBeNull();
  });

  it('gives each link its target’s strength and the page its own, with provider values by domain', async () => {
    const ahrefs = { provider: 'ahrefs' as const, value: 91, domain: 'example.com', fetchedAt: '2026-08-01T00:00:00.000Z' };
    const r = await strengthOfPage('blog.example.com', ['docs.example.com', null, 'wiki.example', 'docs.example.com'], { table: small, providerValues: { 'example.com': [ahrefs] } });
    expect(r.site).toMatchObject({ host: 'blog.example.com', authority: { matched: 'example.com' }, providers: [ahrefs] });
    expect(r.links[0]).toMatchObject({ authority: { matched: 'docs.example.com' }, providers: [ahrefs] });
    expect(r.links[1]).toBeNull();
    expect(r.links[2]).toMatchObject({ providers: [] });
    expect(r.links[3]).toBe(r.links[0]); // looked up once per host
    // No table (missing or broken file): strength is unknown, not "not listed".
    expect((await strengthOfPage('example.com', ['example.com'], { table: null })).site).toBeNull();
  });
});

describe('the shipped table', () => {
  it('is under the 300 KB budget and matches the generated list info', async () => {
    const bytes = readFileSync(resolve(ROOT, 'public/strength/domains.bin'));
    expect(bytes.length).toBeLessThanOrEqual(300 * 1024);
    const table = (await loadStrengthTable())!;
    expect(table.meta.authority).toEqual(STRENGTH_LISTS.authority);
    expect(table.meta.popularity).toEqual(STRENGTH_LISTS.popularity);
    expect(table.size).toBeGreaterThan(50_000);
  });

  it('knows the big sites and says so for the rest', async () => {
    const table = (await loadStrengthTable())!;
    expect(table.lookup('www.google.com')).toMatchObject({ authority: { value: 100, matched: 'google.com' }, popularity: { rank: 1, bucket: 'top-1k' } });
    // Majestic ranks en.wikipedia.org itself; Tranco only wikipedia.org.
    expect(table.lookup('en.wikipedia.org')).toMatchObject({ authority: { value: 93, matched: 'en.wikipedia.org' }, popularity: { rank: 30, matched: 'wikipedia.org' } });
    expect(table.lookup('мвд.рф')).toMatchObject({ authority: { value: 63, refSubnets: 4_121 }, popularity: { rank: 19_642 } });
    expect(table.lookup('my-tiny-garden-blog-4821.com')).toMatchObject({ authority: null, popularity: null });
  });

  it.skipIf(!existsSync(SHARED))('is exactly what the generator builds from ../shared/data/authority', () => {
    const built = buildStrengthTable(SHARED);
    expect(Buffer.from(built.table).equals(readFileSync(resolve(ROOT, 'public/strength/domains.bin')))).toBe(true);
    expect(listsModule(built.lists)).toBe(readFileSync(resolve(ROOT, 'lib/strength-lists.generated.ts'), 'utf8'));
  });
});
