/** Site strength in the finished report: the page's site, every link's target, linkValue. */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { analyzePage } from '@/lib/analyze';
import { completeReport } from '@/lib/analysis/complete-report';
import { snapshotPage } from '@/lib/page/snapshot';

function page(url: string, body: string): Document {
  return new JSDOM(`<!doctype html><html lang="en"><head><title>Notes</title></head><body><main>${body}</main></body></html>`, { url }).window.document;
}

const BODY = `<p>We read <a href="https://www.google.com/search">a search engine</a>, a
  <a href="https://tiny-garden-blog-4821.example/">small garden blog</a> and <a href="mailto:me@example.org">wrote to us</a>.</p>`;

describe('strength in the report', () => {
  it('gives the page its site strength and each link its target’s', async () => {
    const report = await analyzePage(page('https://en.wikipedia.org/wiki/Garden', BODY));
    expect(report.site).toMatchObject({ host: 'en.wikipedia.org', authority: { value: 93, matched: 'en.wikipedia.org' }, popularity: { rank: 30, bucket: 'top-1k' } });
    const [google, tiny, mail] = report.links;
    expect(google!.strength).toMatchObject({ host: 'www.google.com', authority: { value: 100, matched: 'google.com', source: 'majestic-million-2026-03' }, popularity: { rank: 1, source: 'tranco-2026-08-01' } });
    expect(tiny!.strength).toEqual({ host: 'tiny-garden-blog-4821.example', authority: null, popularity: null, providers: [] });
    expect(mail!.strength).toBeNull();
    // linkValue weighs every link by the LINKING site (en.wikipedia.org, 93), not by its target.
    expect(google!.linkValue).toBeCloseTo((google!.score * 93) / 100, 1);
    expect(tiny!.linkValue).toBeCloseTo((tiny!.score * 93) / 100, 1);
    expect(mail!.linkValue).toBe(0);
    expect(report.timing.stages).toHaveProperty('strength');
    expect(() => structuredClone(report)).not.toThrow();
  });

  it('weighs the same links less on a site that is not in the lists', async () => {
    const strong = await analyzePage(page('https://en.wikipedia.org/wiki/Garden', BODY));
    const weak = await analyzePage(page('https://tiny-garden-blog-4821.example/notes', BODY));
    expect(weak.site).toMatchObject({ authority: null, popularity: null });
    expect(weak.links[0]!.score).toBe(strong.links[0]!.score);
    expect(weak.links[0]!.linkValue!).toBeLessThan(strong.links[0]!.linkValue!);
    expect(weak.links[0]!.reasons.find((r) => r.code === 'site-unlisted')!.text).toContain('not in the top 15,000');
  });

  it('adds the provider values the background passes, by registrable domain', async () => {
    const snapshot = await snapshotPage(page('https://en.wikipedia.org/wiki/Garden', BODY));
    const dr = { provider: 'ahrefs' as const, value: 96, domain: 'google.com', fetchedAt: '2026-08-01T00:00:00.000Z' };
    const report = await completeReport(snapshot, { providerValues: { 'google.com': [dr] } });
    expect(report.links[0]!.strength!.providers).toEqual([dr]);
    expect(report.site!.providers).toEqual([]);
  });
});
