/**
 * The background's side of link health and of the page's own headers: validated requests,
 * progress to the surfaces, cancel, the report scored again with what was found, and the
 * page's X-Robots-Tag acting like its meta robots. Network: a local server under
 * public-looking names (tests/helpers/net.ts); nothing reaches the internet.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sampleSnapshot } from '../fixtures/surfaces/snapshot';
import { snapshotHead, snapshotPart } from '@/lib/snapshot';
import { createNet } from '@/lib/background/net/fetch';
import { createObservationHub } from '@/lib/background/net/observer';
import { replaceBackgroundNet } from '@/lib/background/net/index';
import { isLinkCheckRequest, type LinkCheckUpdate } from '@/lib/protocol';
import { parseHtml, readFetched, type ParseFetched } from '@/lib/parse/fetched';
import { browserLike, resolverFetch, startServer, TEST_HOSTS, type TestServer } from '../helpers/net';

const sendMessage = vi.fn();
vi.mock('@/lib/messaging', async (importOriginal) => ({ ...(await importOriginal<object>()), sendMessage: (...args: unknown[]) => sendMessage(...args) }));

const { inspectTab, rescoreTab } = await import('@/lib/background/inspect-tab');
const { startLinkCheck, cancelLinkCheck, checkLinksToEnd, forgetLinkHealth } = await import('@/lib/background/link-health/session');
const { checkTabLinks } = await import('@/lib/background/link-health/tab');

const parse: ParseFetched = async (html, url, task) => readFetched(parseHtml(html), url, task);

let server: TestServer;
let fetchImpl: ReturnType<typeof resolverFetch>;
let tabId: number;

beforeAll(async () => {
  server = await startServer(async (req, res, url) => {
    if (url.hostname === 'garden.example' && url.pathname === '/post') {
      res.writeHead(200, { 'content-type': 'text/html', 'x-robots-tag': 'noindex, nofollow' });
      return void res.end();
    }
    if (url.pathname === '/mix') {
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end();
    }
    if (url.pathname === '/tomato-seeds') {
      res.writeHead(301, { location: 'https://www.bigseeds.example/tomatoes' });
      return void res.end();
    }
    if (url.pathname.startsWith('/slow')) {
      await new Promise((r) => setTimeout(r, 50));
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end();
  });
  fetchImpl = resolverFetch(server.port, TEST_HOSTS);
});

afterAll(async () => {
  await fetchImpl.agent.close();
  await server.close();
});

function extensionNet() {
  const hub = createObservationHub();
  return createNet({ fetch: browserLike(fetchImpl, hub.report), observer: hub });
}

beforeEach(async () => {
  forgetLinkHealth();
  const tab = await fakeBrowser.tabs.create({ url: 'https://garden.example/post' });
  tabId = tab.id!;
  fakeBrowser.scripting.executeScript = vi.fn().mockResolvedValue([]) as never;
  fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true) as never;
  const snapshot = await sampleSnapshot();
  sendMessage.mockReset().mockImplementation(async (type: string, data: { from: number; count: number }) => {
    if (type === 'ping') return 'pong';
    if (type === 'analyze') return structuredClone(snapshotHead(snapshot, 1));
    if (type === 'snapshotPart') return structuredClone(snapshotPart(snapshot, data.from, data.count));
    return undefined;
  });
});

describe('isLinkCheckRequest', () => {
  it('takes http(s) URLs within the limits and refuses the rest', () => {
    expect(isLinkCheckRequest({ tabId: 1, urls: ['https://a.example/'], mode: 'get', delayMs: 500 })).toBe(true);
    expect(isLinkCheckRequest({ tabId: 1, urls: ['javascript:alert(1)'] })).toBe(false);
    expect(isLinkCheckRequest({ tabId: 1, urls: ['https://a.example/' + 'x'.repeat(9000)] })).toBe(false);
    expect(isLinkCheckRequest({ tabId: 1, urls: Array.from({ length: 20_001 }, () => 'https://a.example/') })).toBe(false);
    expect(isLinkCheckRequest({ tabId: 1, urls: [], delayMs: -1 })).toBe(false);
    expect(isLinkCheckRequest({ tabId: 1, urls: [], mode: 'post' })).toBe(false);
    expect(isLinkCheckRequest({ tabId: -1, urls: [] })).toBe(false);
  });
});

describe('startLinkCheck', () => {
  it('asks for the permissions it needs instead of checking blind', async () => {
    const r = await startLinkCheck({ tabId, urls: ['https://soil.example/mix'] }, { net: extensionNet(), parse, send: async () => undefined, finished: async () => undefined, hasPermissions: async () => false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.permissions).toEqual({ permissions: ['webRequest'], origins: ['<all_urls>'] });
  });

  it('reports progress, then scores the tab again: a broken target and one that redirects to another site lose value', async () => {
    replaceBackgroundNet(extensionNet());
    const first = await inspectTab(tabId);
    if (!first.ok) throw new Error(first.error.message);
    const before = (d: string) => first.report.links.find((l) => l.domain === d)!;
    const updates: LinkCheckUpdate[] = [];
    let finishedTab = -1;
    const done = new Promise<void>((resolve) => {
      void startLinkCheck(
        // The same target twice, once with a #fragment: checked once, counted once.
        { tabId, urls: [...first.report.links.map((l) => l.url!).filter(Boolean), 'https://soil.example/mix#top'], pageUrl: first.report.finalUrl },
        {
          net: extensionNet(),
          parse,
          send: async (u) => void updates.push(u),
          finished: async (t) => {
            finishedTab = t;
            await rescoreTab(t);
            resolve();
          },
          hasPermissions: async () => true,
        },
      );
    });
    await done;
    const last = updates.at(-1)!;
    expect(last.finished).toBe(true);
    expect(last.done).toBe(last.total);
    expect(updates.flatMap((u) => u.results).length).toBe(last.total);
    expect(finishedTab).toBe(tabId);
    const report = sendMessage.mock.calls.filter(([type]) => type === 'reportUpdated').at(-1)![1].report as import('@/lib/report').PageReport;
    const soil = report.links.find((l) => l.domain === 'soil.example')!;
    expect(soil.health?.status).toBe(404);
    expect(soil.reasons.map((r) => r.code)).toContain('target-broken');
    expect(soil.score).toBeLessThan(before('soil.example').score);
    const seeds = report.links.find((l) => l.domain === 'mysite.example')!;
    expect(seeds.health?.flags).toContain('other-domain');
    expect(seeds.reasons.map((r) => r.code)).toContain('target-elsewhere');
  });

  it('cancels: the check ends as cancelled and the report is not scored again', async () => {
    const updates: LinkCheckUpdate[] = [];
    const finished = vi.fn(async () => undefined);
    const urls = Array.from({ length: 40 }, (_, i) => `https://one-host.example/slow${i}`);
    const start = await startLinkCheck({ tabId, urls }, { net: extensionNet(), parse, send: async (u) => void updates.push(u), finished, hasPermissions: async () => true });
    if (!start.ok) throw new Error(start.error.message);
    expect(start.total).toBe(40);
    expect(cancelLinkCheck(start.checkId)).toBe(true);
    await vi.waitFor(() => expect(updates.at(-1)?.finished).toBe(true));
    expect(updates.at(-1)!.cancelled).toBe(true);
    expect(updates.at(-1)!.done).toBeLessThan(40);
    expect(finished).not.toHaveBeenCalled();
    expect(cancelLinkCheck(start.checkId)).toBe(false);
  });
});

describe('checkLinksToEnd (inspect --check-links)', () => {
  it('resolves once the check has ended, with every result, and the next report carries them', async () => {
    replaceBackgroundNet(extensionNet());
    const urls = ['https://soil.example/mix', 'https://mysite.example/tomato-seeds', ...Array.from({ length: 12 }, (_, i) => `https://one-host.example/slow${i}`)];
    const progress: LinkCheckUpdate[] = [];
    const r = await checkLinksToEnd({ tabId, urls, pageUrl: 'https://garden.example/post' }, { send: async (u) => void progress.push(u) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r).toMatchObject({ total: 14, cancelled: false });
    expect(r.results).toHaveLength(14);
    expect(r.results.find((h) => h.url === 'https://soil.example/mix')).toMatchObject({ status: 404, flags: ['client-error'] });
    expect(r.results.find((h) => h.url === 'https://mysite.example/tomato-seeds')?.hops.map((h) => h.status)).toEqual([301, 200]);
    expect(progress.at(-1)?.finished).toBe(true);
    const again = await inspectTab(tabId);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.report.links.find((l) => l.domain === 'soil.example')?.health?.status).toBe(404);
  });

  it('checkTabLinks (the context menu): the tab’s http links, progress to the surfaces, then the report again with them', async () => {
    replaceBackgroundNet(extensionNet());
    const r = await checkTabLinks(tabId);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.total).toBeGreaterThan(0);
    expect(r.results).toHaveLength(r.total);
    const progress = sendMessage.mock.calls.filter(([type]) => type === 'linkCheckProgress').map(([, u]) => u as LinkCheckUpdate);
    expect(progress.at(-1)).toMatchObject({ tabId, finished: true, done: r.total });
    await vi.waitFor(() => expect(sendMessage.mock.calls.some(([type]) => type === 'reportUpdated')).toBe(true));
    const report = sendMessage.mock.calls.filter(([type]) => type === 'reportUpdated').at(-1)![1].report as import('@/lib/report').PageReport;
    expect(report.links.find((l) => l.domain === 'soil.example')?.health?.status).toBe(404);
  });

  it('answers the refusal at once without the permissions', async () => {
    const r = await checkLinksToEnd({ tabId, urls: ['https://soil.example/mix'] }, { net: extensionNet(), parse, hasPermissions: async () => false });
    expect(r).toMatchObject({ ok: false, error: { code: 'no-access' } });
  });
});

describe('the page’s own headers', () => {
  it('reads the status and X-Robots-Tag from the background; a header nofollow acts like the meta tag', async () => {
    replaceBackgroundNet(extensionNet());
    const r = await inspectTab(tabId);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.http).toEqual({ source: 'checked', status: 200, xRobotsTag: 'noindex, nofollow', note: null });
    expect(r.report.indexable).toBe(false);
    expect(r.report.pageNofollow).toBe(true);
    expect(r.report.links.every((l) => !l.followed)).toBe(true);
    expect(r.report.links[0]!.reasons.find((x) => x.code === 'page-nofollow')?.text).toMatch(/X-Robots-Tag header/);
    // Read by the background through the fetch module, never by the page.
    expect(server.seen.some((s) => s.host === 'garden.example' && s.path === '/post' && s.method === 'HEAD')).toBe(true);
    expect(sendMessage.mock.calls.some(([type]) => type === 'fetch')).toBe(false);
  });

  it('says "unknown" without access to the site', async () => {
    replaceBackgroundNet(extensionNet());
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false) as never;
    const before = server.seen.length;
    const r = await inspectTab(tabId);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.http?.source).toBe('unknown');
    expect(r.report.http?.note).toMatch(/no access/);
    expect(r.report.indexable).toBe(true);
    expect(server.seen.length).toBe(before);
  });
});
