/**
 * "My domains" in one place (lib/my-domains.ts): one normaliser and one matcher, and every user of
 * them — pinned rows and badge, relevance's target topic, history backlinks, the diff, retention —
 * agrees on the subdomain case: with `blog.example.com` listed, `a.blog.example.com` is mine and
 * `example.com` is not.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createDomainMatcher, createRoleMatcher, domainsWithRole, normalizeDomain, normalizeDomainList, targetTopicsOf, type MyDomain } from '@/lib/my-domains';
import { analyzePage } from '@/lib/analyze';
import { countMyDomainLinks } from '@/lib/background/inspect-tab';
import { backlinksTo, countOlderThan, DAY_MS, pruneOlderThan, saveInspection } from '@/lib/history/store';
import { diffInspections } from '@/lib/history/diff';
import { freshIndexedDb, makeLink, makeReport } from './history-helpers';

const BLOG: MyDomain = { domain: 'blog.example.com', description: 'heirloom tomato seeds, sowing and germination in raised garden beds', added: 1 };

describe('normalizeDomain: the one normaliser', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['https://www.example.com:8080/path?q#f', 'example.com'],
    ['user:pw@shop.example.co.uk/', 'shop.example.co.uk'],
    ['example.com.', 'example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['https://www.Blog.Example.com/x', 'blog.example.com'],
  ])('%s → %s', (input, domain) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, domain });
  });

  it.each(['', '   ', 'not a domain', 'a..b', 'co.uk', '192.168.0.1'])('refuses %j', (input) => {
    expect(normalizeDomain(input).ok).toBe(false);
  });

  it('normalizes lists the same way, dropping what is not a domain', () => {
    expect(normalizeDomainList(['https://www.Mine.com/', 'MINE.com', 'co.uk', '10.0.0.1', 'shop.other.org'])).toEqual(['mine.com', 'shop.other.org']);
  });
});

describe('my sites and competitors: the same matcher, with a role', () => {
  const LIST: MyDomain[] = [
    { domain: 'example.com', description: '', added: 1, role: 'mine' },
    { domain: 'shop.example.com', description: '', added: 2, role: 'competitor' },
    { domain: 'rival.test', description: '', added: 3, role: 'competitor' },
    { domain: 'legacy.test', description: '', added: 4 },
  ];

  it('the most specific listed domain decides the role; a domain saved without a role is mine', () => {
    const match = createRoleMatcher(LIST);
    expect(match('a.shop.example.com')).toEqual({ domain: 'shop.example.com', role: 'competitor' });
    expect(match('www.example.com')).toEqual({ domain: 'example.com', role: 'mine' });
    expect(match('blog.legacy.test')).toEqual({ domain: 'legacy.test', role: 'mine' });
    expect(match('rival.test.evil.example')).toBeNull();
    expect(createRoleMatcher([])('example.com')).toBeNull();
    expect(domainsWithRole(LIST, 'mine')).toEqual(['example.com', 'legacy.test']);
    expect(domainsWithRole(LIST, 'competitor')).toEqual(['shop.example.com', 'rival.test']);
  });

  it('the badge counts links to my sites, not to competitors', () => {
    const report = makeReport({
      url: 'https://reviews.test/p',
      links: [{ url: 'https://example.com/' }, { url: 'https://shop.example.com/cart' }, { url: 'https://rival.test/' }, { url: 'https://legacy.test/' }],
    });
    expect(countMyDomainLinks(report, LIST)).toBe(2);
  });
});

describe('the subdomain case, everywhere', () => {
  beforeEach(freshIndexedDb);

  it('the matcher (pinned rows) and the badge count a.blog.example.com, not example.com', () => {
    const match = createDomainMatcher([BLOG.domain]);
    expect(match('a.blog.example.com')).toBe('blog.example.com');
    expect(match('example.com')).toBeNull();
    const report = makeReport({ url: 'https://reviews.test/p', links: [{ url: 'https://a.blog.example.com/x' }, { url: 'https://example.com/' }, { url: 'https://blog.example.com/' }] });
    expect(countMyDomainLinks(report, [BLOG])).toBe(2);
  });

  it('relevance uses the description for a link to a subdomain of the listed domain', async () => {
    const doc = new DOMParser().parseFromString(
      `<html lang="en"><head><title>Growing heirloom tomatoes from seed</title></head><body><main>
        <h1>Growing heirloom tomatoes from seed</h1>
        <p>Sow heirloom tomato seeds indoors in early spring. Germination takes a week in warm soil; move the seedlings to raised garden beds after the frost.</p>
        <p>We buy seeds from <a href="https://a.blog.example.com/seeds">this shop</a> and from <a href="https://example.com/">another one</a>.</p>
      </main></body></html>`,
      'text/html',
    );
    const report = await analyzePage(doc, { targetTopics: targetTopicsOf([BLOG]) });
    const sub = report.links.find((l) => l.host === 'a.blog.example.com')!;
    const parent = report.links.find((l) => l.host === 'example.com')!;
    expect(sub.targetRelevance).not.toBeNull();
    expect(sub.targetRelevance!).toBeGreaterThan(0.5);
    expect(parent.targetRelevance).toBeNull();
  });

  it('relevance ignores keys that name Object.prototype members', async () => {
    const doc = new DOMParser().parseFromString('<html lang="en"><title>Tomatoes</title><p>Tomato seeds. <a href="http://constructor/">x</a></p></html>', 'text/html');
    const report = await analyzePage(doc, { targetTopics: {} });
    expect(report.links[0]!.targetRelevance).toBeNull();
  });

  it('history: backlinks, the diff and retention treat the subdomain as mine, and never a public suffix', async () => {
    const now = Date.UTC(2025, 5, 1);
    const old = now - 400 * DAY_MS;
    await saveInspection(makeReport({ url: 'https://reviews.test/p', time: old, links: [{ url: 'https://a.blog.example.com/x' }] }));
    await saveInspection(makeReport({ url: 'https://other.test/', time: old, links: [{ url: 'https://example.com/' }] }));
    expect((await backlinksTo('https://www.blog.example.com/')).map((g) => g.pageUrl)).toEqual(['https://reviews.test/p']);
    expect(await backlinksTo('com')).toEqual([]);
    // A public suffix is not a domain: it must not keep every old .com backlink forever.
    expect(await countOlderThan(30 * DAY_MS, { now, keepDomains: ['com'] })).toBe(2);
    expect(await countOlderThan(30 * DAY_MS, { now, keepDomains: [BLOG.domain] })).toBe(1);
    expect(await pruneOlderThan(30 * DAY_MS, { now, keepDomains: [BLOG.domain] })).toMatchObject({ inspections: 1, kept: 1 });

    const before = [makeLink({ index: 0, url: 'https://a.blog.example.com/x' }, 'reviews.test'), makeLink({ index: 1, url: 'https://example.com/' }, 'reviews.test')];
    const d = diffInspections(before, [], [BLOG.domain]);
    expect(d.mine.lost.map((m) => [m.link.url, m.myDomain])).toEqual([['https://a.blog.example.com/x', 'blog.example.com']]);
  });
});
