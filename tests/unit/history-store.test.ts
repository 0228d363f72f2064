import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyRetention,
  backlinksTo,
  backlinksToDomains,
  clearAll,
  countOlderThan,
  DAY_MS,
  DEFAULT_RETENTION_MS,
  getRetention,
  linksOf,
  listInspections,
  pruneOlderThan,
  saveInspection,
  setRetention,
  stats,
} from '@/lib/history/store';
import { getHistoryDb, openHistoryDb } from '@/lib/history/db';
import { HistoryError, HistoryQuotaError } from '@/lib/history/errors';
import { onHistoryChanged } from '@/lib/history/events';
import type { LinkReport } from '@/lib/report';
import { freshIndexedDb, makeReport } from './history-helpers';

beforeEach(freshIndexedDb);

async function countAll() {
  const db = await getHistoryDb();
  return { inspections: await db.count('inspections'), links: await db.count('links') };
}

describe('saveInspection / listInspections / linksOf', () => {
  it('stores an inspection with its links and facts, keyed by the normalized page url', async () => {
    const report = makeReport({
      url: 'https://Blog.test:443/post/?utm_source=x&b=2&a=1#top',
      links: [{ url: 'https://example.com/a', text: 'A' }, { url: 'https://other.org/', text: 'B' }],
    });
    const saved = await saveInspection(report);
    expect(saved.duplicate).toBe(false);
    expect(saved.pageUrl).toBe('https://blog.test/post?a=1&b=2');

    const list = await listInspections('https://blog.test/post?b=2&a=1');
    expect(list).toHaveLength(1);
    const rec = list[0]!;
    expect(rec).toMatchObject({
      id: saved.id,
      pageUrl: 'https://blog.test/post?a=1&b=2',
      url: report.url,
      finalUrl: report.finalUrl,
      title: 'A post',
      time: Date.parse(report.generatedAt),
      linkCount: 2,
      counts: report.counts,
    });
    expect(rec.facts).toMatchObject({ language: 'en', indexable: true, pageNofollow: false, reportVersion: 1 });

    const links = await linksOf(saved.id);
    expect(links.map((l) => l.text)).toEqual(['A', 'B']);
    expect(links[0]).toMatchObject({ ...report.links[0], inspectionId: saved.id, pageUrl: saved.pageUrl, time: rec.time });
  });

  it('lists the inspections of one page newest first, with a limit', async () => {
    // Each day's links differ: an unchanged page would be one inspection seen again (see below).
    for (const day of [3, 1, 2]) await saveInspection(makeReport({ time: `2025-01-0${day}T00:00:00.000Z`, links: [{ url: `https://example.com/${day}` }] }));
    await saveInspection(makeReport({ url: 'https://blog.test/other', time: '2025-01-05T00:00:00.000Z' }));
    const all = await listInspections('https://blog.test/post');
    expect(all.map((r) => new Date(r.time).getUTCDate())).toEqual([3, 2, 1]);
    const two = await listInspections('https://blog.test/post', { limit: 2 });
    expect(two.map((r) => new Date(r.time).getUTCDate())).toEqual([3, 2]);
    expect(await listInspections('https://blog.test/none')).toEqual([]);
  });

  it('saving the very same report twice stores it once', async () => {
    const report = makeReport();
    const a = await saveInspection(report);
    const b = await saveInspection(structuredClone(report));
    expect(b).toEqual({ ...a, duplicate: true });
    expect(await countAll()).toEqual({ inspections: 1, links: 1 });
  });

  it('announces saves to listeners', async () => {
    const seen: unknown[] = [];
    const off = onHistoryChanged((c) => seen.push(c));
    const { id } = await saveInspection(makeReport());
    await vi.waitFor(() => expect(seen).toContainEqual({ type: 'saved', pageUrl: 'https://blog.test/post', id }));
    off();
  });
});

describe('an unchanged page is stored once (issue 13 §7)', () => {
  const t0 = Date.UTC(2025, 0, 1);
  const links = [{ url: 'https://example.com/a', text: 'A' }, { url: 'https://mine.com/', text: 'M' }];

  it('inspecting one page 10 times unchanged stores one inspection, seen again at the last time', async () => {
    const first = await saveInspection(makeReport({ time: t0, links }));
    for (let i = 1; i < 10; i++) {
      const again = await saveInspection(makeReport({ time: t0 + i * 60_000, links }));
      expect(again).toEqual({ id: first.id, pageUrl: first.pageUrl, duplicate: true, seenAgain: true });
    }
    expect(await countAll()).toEqual({ inspections: 1, links: 2 });
    const [only] = await listInspections('https://blog.test/post');
    expect(only).toMatchObject({ id: first.id, time: t0, lastSeen: t0 + 9 * 60_000 });
  });

  it('a change is stored, and a change back is stored again (compared with the previous inspection only)', async () => {
    await saveInspection(makeReport({ time: t0, links }));
    await saveInspection(makeReport({ time: t0 + 1, links: [links[0]!] }));
    await saveInspection(makeReport({ time: t0 + 2, links }));
    expect((await listInspections('https://blog.test/post')).map((r) => r.time)).toEqual([t0 + 2, t0 + 1, t0]);
  });

  it.each<[string, Partial<LinkReport>]>([
    ['a link stops passing value', { followed: false }],
    ['a link is hidden', { hidden: true }],
    ['a score moves by a point', { score: 61 }],
  ])('%s: stored as a change', async (_name, change) => {
    await saveInspection(makeReport({ time: t0, links }));
    await saveInspection(makeReport({ time: t0 + 1, links: [{ ...links[0]!, ...change }, links[1]!] }));
    expect(await listInspections('https://blog.test/post')).toHaveLength(2);
  });

  it('the backlinks list and retention read the last time an inspection was seen', async () => {
    const now = Date.UTC(2025, 11, 1);
    await saveInspection(makeReport({ url: 'https://a.test/p', time: now - 200 * DAY_MS, links }));
    await saveInspection(makeReport({ url: 'https://a.test/p', time: now - DAY_MS, links }));
    const [group] = await backlinksTo('mine.com');
    expect(group).toMatchObject({ firstSeen: now - 200 * DAY_MS, lastSeen: now - DAY_MS, status: 'live' });
    // First seen 200 days ago but seen yesterday: not old.
    expect(await countOlderThan(DEFAULT_RETENTION_MS, { now, keepDomains: [] })).toBe(0);
    expect(await pruneOlderThan(DEFAULT_RETENTION_MS, { now, keepDomains: [] })).toMatchObject({ inspections: 0 });
  });
});

describe('concurrency', () => {
  it('two saves at once (same connection) are both kept', async () => {
    const a = makeReport({ time: '2025-01-01T00:00:00.000Z', links: [{ url: 'https://a.com/' }] });
    const b = makeReport({ time: '2025-01-01T00:00:00.000Z', links: [{ url: 'https://b.com/' }, { url: 'https://c.com/' }] });
    const [ra, rb] = await Promise.all([saveInspection(a), saveInspection(b)]);
    expect(ra.id).not.toBe(rb.id);
    expect(await countAll()).toEqual({ inspections: 2, links: 3 });
    expect((await linksOf(ra.id)).map((l) => l.url)).toEqual(['https://a.com/']);
    expect((await linksOf(rb.id)).map((l) => l.url)).toEqual(['https://b.com/', 'https://c.com/']);
  });

  it('two tabs (separate connections) saving many inspections at once lose nothing', async () => {
    const tab1 = await openHistoryDb();
    const tab2 = await openHistoryDb();
    const reports = Array.from({ length: 40 }, (_, i) =>
      makeReport({
        url: `https://site${i % 3}.test/p`,
        time: Date.UTC(2025, 0, 1) + i,
        links: Array.from({ length: 5 }, (_, j) => ({ url: `https://t${j}.com/${i}` })),
      }),
    );
    const results = await Promise.all(reports.map((r, i) => saveInspection(r, { db: i % 2 ? tab1 : tab2 })));
    expect(new Set(results.map((r) => r.id)).size).toBe(40);
    expect(await countAll()).toEqual({ inspections: 40, links: 200 });
    for (const r of results) expect(await linksOf(r.id)).toHaveLength(5);
    tab1.close();
    tab2.close();
  });
});

describe('failure midway', () => {
  it('a link that cannot be stored leaves no half inspection', async () => {
    await saveInspection(makeReport({ time: '2024-12-01T00:00:00.000Z' }));
    const before = await countAll();
    const bad = makeReport({ links: [{ url: 'https://a.com/' }, { url: 'https://b.com/' }, { url: 'https://c.com/' }] });
    // The third link's write fails as an unclonable value would (the schema copies only known
    // fields, so a report can no longer carry one).
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'links' && ++calls === 3) throw new DOMException('could not be cloned', 'DataCloneError');
      return realAdd.apply(this, args as Parameters<IDBObjectStore['add']>);
    });
    const err = await saveInspection(bad).catch((e: unknown) => e);
    spy.mockRestore();
    expect(err).toBeInstanceOf(HistoryError);
    expect(await countAll()).toEqual(before);
    expect(await listInspections(bad.url)).toHaveLength(1);
  });

  it('quota exceeded midway: typed error, nothing half-written, earlier data intact', async () => {
    const first = await saveInspection(makeReport({ time: '2024-12-01T00:00:00.000Z' }));
    // Fail the 3rd link write like a full disk would.
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'links' && ++calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realAdd.apply(this, args as Parameters<IDBObjectStore['add']>);
    });
    const report = makeReport({ links: Array.from({ length: 5 }, (_, i) => ({ url: `https://x${i}.com/` })) });
    const err = await saveInspection(report).catch((e: unknown) => e);
    spy.mockRestore();
    expect(err).toBeInstanceOf(HistoryQuotaError);
    expect((err as HistoryQuotaError).code).toBe('quota');
    expect((err as Error).message).toMatch(/storage is full/i);
    expect(await countAll()).toEqual({ inspections: 1, links: 1 });
    expect((await linksOf(first.id))[0]?.url).toBe('https://example.com/');
    // And the store still works afterwards.
    await saveInspection(report);
    expect(await countAll()).toEqual({ inspections: 2, links: 6 });
  });
});

describe('backlinksTo', () => {
  const day = (d: number) => Date.UTC(2025, 0, d);

  it('groups per linking page with first/last seen, latest placement/score/rel, and live/lost', async () => {
    // Page A links to mine.com on days 1 and 2; on day 2 the link became nofollow in the footer.
    await saveInspection(makeReport({ url: 'https://a.test/p', time: day(1), links: [{ url: 'https://mine.com/x', score: 70 }] }));
    await saveInspection(
      makeReport({
        url: 'https://a.test/p',
        time: day(2),
        title: 'A v2',
        links: [
          { url: 'https://mine.com/x', score: 15, rel: ['nofollow'], followed: false, placement: 'footer' },
          { url: 'https://www.mine.com/y', score: 30 },
        ],
      }),
    );
    // Page B linked on day 1, then no longer on day 3: lost.
    await saveInspection(makeReport({ url: 'https://b.test/', time: day(1), links: [{ url: 'https://blog.mine.com/', score: 50 }] }));
    await saveInspection(makeReport({ url: 'https://b.test/', time: day(3), links: [{ url: 'https://else.com/' }] }));
    await saveInspection(makeReport({ url: 'https://b.test/', time: day(4), links: [{ url: 'https://else.com/' }] }));
    // mine.com linking to itself is not a backlink; notmine.com is another domain.
    await saveInspection(makeReport({ url: 'https://mine.com/', time: day(1), links: [{ url: 'https://mine.com/about' }] }));
    await saveInspection(makeReport({ url: 'https://c.test/', time: day(1), links: [{ url: 'https://notmine.com/' }] }));

    const groups = await backlinksTo('https://www.Mine.com/');
    expect(groups.map((g) => [g.pageUrl, g.status])).toEqual([
      ['https://b.test/', 'lost'],
      ['https://a.test/p', 'live'],
    ]);
    const [b, a] = groups;
    expect(a).toMatchObject({
      myDomain: 'mine.com',
      pageTitle: 'A v2',
      firstSeen: day(1),
      lastSeen: day(2),
      timesSeen: 2,
      lostAt: null,
      linksInLatest: 2,
      latest: { targetUrl: 'https://www.mine.com/y', score: 30, placement: 'body', rel: [] },
    });
    expect(b).toMatchObject({ firstSeen: day(1), lastSeen: day(1), timesSeen: 1, lostAt: day(3) });
    // Every link of the latest inspection, best first: the nofollow footer link is not hidden behind the best one.
    expect(a!.links.map((l) => [l.targetUrl, l.score, l.followed, l.placement])).toEqual([
      ['https://www.mine.com/y', 30, true, 'body'],
      ['https://mine.com/x', 15, false, 'footer'],
    ]);
    expect(b!.links.map((l) => l.targetUrl)).toEqual(['https://blog.mine.com/']);

    // A subdomain only matches itself.
    expect((await backlinksTo('blog.mine.com')).map((g) => g.pageUrl)).toEqual(['https://b.test/']);
    expect(await backlinksTo('not a domain!')).toEqual([]);
    expect((await backlinksToDomains(['mine.com', 'MINE.com', 'notmine.com'])).map((g) => g.myDomain)).toEqual([
      'mine.com',
      'mine.com',
      'notmine.com',
    ]);
  });
});

describe('retention, prune, clear, stats', () => {
  it('prunes inspections older than the cutoff together with their links', async () => {
    const now = Date.UTC(2025, 5, 1);
    await saveInspection(makeReport({ time: now - 40 * DAY_MS, links: [{ url: 'https://a.com/' }, { url: 'https://b.com/' }] }));
    const keep = await saveInspection(makeReport({ time: now - 5 * DAY_MS }));
    expect(await pruneOlderThan(30 * DAY_MS, { now, keepDomains: [] })).toEqual({ inspections: 1, links: 2, kept: 0 });
    expect(await countAll()).toEqual({ inspections: 1, links: 1 });
    expect((await listInspections('https://blog.test/post'))[0]?.id).toBe(keep.id);
    await expect(pruneOlderThan(-1, { keepDomains: [] })).rejects.toThrow(RangeError);
  });

  it('never prunes inspections holding a backlink to my domains', async () => {
    const now = Date.UTC(2025, 5, 1);
    const old = now - 400 * DAY_MS;
    await saveInspection(makeReport({ url: 'https://a.test/', time: old, links: [{ url: 'https://blog.mine.com/' }, { url: 'https://x.com/' }] }));
    await saveInspection(makeReport({ url: 'https://b.test/', time: old, links: [{ url: 'https://x.com/' }] }));
    // mine.com linking to itself is not a backlink: not kept.
    await saveInspection(makeReport({ url: 'https://mine.com/', time: old, links: [{ url: 'https://mine.com/about' }] }));
    // The caller (the background, or a surface) hands over the user's domains, normalized here.
    const keepDomains = ['www.mine.com', 'bad domain!'];
    expect(await countOlderThan(30 * DAY_MS, { now, keepDomains })).toBe(2);
    expect(await pruneOlderThan(30 * DAY_MS, { now, keepDomains })).toEqual({ inspections: 2, links: 2, kept: 1 });
    expect(await listInspections('https://a.test/')).toHaveLength(1);
    expect((await backlinksTo('mine.com'))[0]?.firstSeen).toBe(old);
    // Without the user's domains nothing is kept.
    expect(await countOlderThan(30 * DAY_MS, { now, keepDomains: [] })).toBe(1);
    expect(await pruneOlderThan(30 * DAY_MS, { now, keepDomains: [] })).toEqual({ inspections: 1, links: 2, kept: 0 });
  });

  it('keeps 180 days by default, stores the retention setting and applies it', async () => {
    expect(await getRetention()).toBe(DEFAULT_RETENTION_MS);
    expect(DEFAULT_RETENTION_MS).toBe(180 * DAY_MS);
    const now = Date.now();
    await saveInspection(makeReport({ time: now - 200 * DAY_MS, links: [{ url: 'https://a.com/' }] }));
    await saveInspection(makeReport({ time: now - 10 * DAY_MS, links: [{ url: 'https://b.com/' }] }));
    await saveInspection(makeReport({ time: now - 1 * DAY_MS, links: [{ url: 'https://c.com/' }] }));
    expect(await applyRetention({ keepDomains: [] })).toEqual({ inspections: 1, links: 1, kept: 0 });
    await setRetention(7 * DAY_MS);
    expect(await getRetention()).toBe(7 * DAY_MS);
    expect((await applyRetention({ keepDomains: [] })).inspections).toBe(1);
    await expect(setRetention(0)).rejects.toThrow(RangeError);
    await setRetention(null);
    expect(await getRetention()).toBeNull();
    expect(await applyRetention({ keepDomains: [] })).toEqual({ inspections: 0, links: 0, kept: 0 });
  });

  it("a save applies retention when given the user's domains (the background does), at most hourly", async () => {
    const now = Date.now();
    await setRetention(7 * DAY_MS);
    await saveInspection(makeReport({ url: 'https://old.test/', time: now - 9 * DAY_MS }));
    await saveInspection(makeReport({ url: 'https://mine.test/', time: now - 9 * DAY_MS, links: [{ url: 'https://mine.com/' }] }));
    // Without the user's domains (tests, import), a save prunes nothing.
    await saveInspection(makeReport({ url: 'https://new.test/', time: now - 1000 }));
    expect(await listInspections('https://old.test/')).toHaveLength(1);
    await saveInspection(makeReport({ url: 'https://new.test/', time: now - 500, links: [{ url: 'https://x.com/' }] }), { keepDomains: ['mine.com'] });
    expect(await listInspections('https://old.test/')).toEqual([]);
    expect(await listInspections('https://mine.test/')).toHaveLength(1);
    // Within the hour, saves do not prune again.
    await saveInspection(makeReport({ url: 'https://old2.test/', time: now - 9 * DAY_MS }), { keepDomains: ['mine.com'] });
    expect(await listInspections('https://old2.test/')).toHaveLength(1);
  });

  it('clearAll removes every inspection and link but keeps settings; stats counts', async () => {
    await setRetention(365 * DAY_MS);
    const now = Date.now();
    await saveInspection(makeReport({ time: now - 3000 }));
    await saveInspection(makeReport({ time: now - 2000, links: [{ url: 'https://changed.com/' }] }));
    await saveInspection(makeReport({ url: 'https://z.test/', time: now - 1000, links: [{}, {}] }));
    const s = await stats();
    expect(s).toMatchObject({ inspections: 3, links: 4, pages: 2, oldest: now - 3000, newest: now - 1000 });
    await clearAll();
    expect(await countAll()).toEqual({ inspections: 0, links: 0 });
    expect(await stats()).toMatchObject({ inspections: 0, links: 0, pages: 0, oldest: null, newest: null });
    expect(await getRetention()).toBe(365 * DAY_MS);
  });
});
