/**
 * Link health against a local server reached under public-looking names (tests/helpers/net.ts),
 * browser-like: manual redirects come back opaque and each hop is read from the observer, as in
 * the extension (docs/net.md). Parsing runs on jsdom's DOMParser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks, orderForChecking } from '../../lib/background/link-health/check';
import { createNet } from '../../lib/background/net/fetch';
import { createLimiter, type AcquireOptions, type Limiter } from '../../lib/background/net/limiter';
import { createObservationHub } from '../../lib/background/net/observer';
import { parseHtml, readFetched, type ParseFetched } from '../../lib/parse/fetched';
import { healthStatusText, isBroken, type LinkHealth } from '../../lib/link-health';
import { browserLike, resolverFetch, startServer, TEST_HOSTS, type TestServer } from '../helpers/net';

const parse: ParseFetched = async (html, url, task) => readFetched(parseHtml(html), url, task);

let server: TestServer;
let fetchImpl: ReturnType<typeof resolverFetch>;
let running = 0;
let maxRunning = 0;
const byHost = new Map<string, number>();
let maxPerHost = 0;

beforeAll(async () => {
  server = await startServer(async (req, res, url) => {
    const p = url.pathname;
    const send = (status: number, headers: Record<string, string> = {}, body = '') => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const chain = p.match(/^\/chain\/(\d+)$/);
    if (chain) {
      const codes = [301, 302, 303, 307, 308];
      const i = Number(chain[1]);
      return i < codes.length ? send(codes[i]!, { location: `/chain/${i + 1}` }) : send(200, {}, '<title>ok</title>');
    }
    switch (p) {
      case '/ok':
        return send(200, {}, '<title>fine</title>');
      case '/missing':
        return send(404, {}, '<title>Not found</title>');
      case '/down':
        return send(503, { 'retry-after': '120' }, '<title>Maintenance</title>');
      case '/loop':
        return send(302, { location: '/loop2' });
      case '/loop2':
        return send(302, { location: '/loop' });
      case '/elsewhere':
        return send(301, { location: 'https://www.other-site.example/landing' });
      case '/landing':
        return send(200, {}, '<title>landing</title>');
      case '/noindex-header':
        return send(200, { 'x-robots-tag': 'noindex, nofollow' }, '<title>hidden from search</title>');
      case '/googlebot-only':
        return send(200, { 'x-robots-tag': 'bingbot: noindex' }, '<title>for Bing only</title>');
      case '/refresh':
        return send(200, {}, '<html><head><meta http-equiv="refresh" content="0; url=https://news.other-site.example/story"><meta name="robots" content="noindex"></head><body>' + 'x'.repeat(500_000) + '</body></html>');
      case '/no-head':
        // Refuses HEAD, as some servers and CDNs do; GET works.
        if (req.method === 'HEAD') return send(405, { allow: 'GET' });
        return send(200, {}, '<html><head><title>GET only</title></head><body>…</body></html>');
      case '/head-501':
        if (req.method === 'HEAD') return send(501);
        return send(200, {}, '<title>GET only</title>');
      case '/to-private':
        return send(302, { location: 'http://192.168.1.1/setup.cgi' });
      case '/setup.cgi':
        return send(200, {}, '<title>router setup</title>');
      case '/slow-head': {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><head><title>slow</title>');
        const t = setInterval(() => res.write('<meta name="x" content="y">'), 50);
        req.on('close', () => clearInterval(t));
        return;
      }
      case '/wait': {
        const host = url.hostname;
        running++;
        byHost.set(host, (byHost.get(host) ?? 0) + 1);
        maxRunning = Math.max(maxRunning, running);
        maxPerHost = Math.max(maxPerHost, byHost.get(host)!);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        byHost.set(host, byHost.get(host)! - 1);
        return send(200);
      }
    }
    send(404);
  });
  fetchImpl = resolverFetch(server.port, TEST_HOSTS);
});

afterAll(async () => {
  await fetchImpl.agent.close();
  await server.close();
});

function options() {
  const hub = createObservationHub();
  return { net: createNet({ fetch: browserLike(fetchImpl, hub.report), observer: hub }), parse };
}

async function one(url: string, extra: Partial<Parameters<typeof checkLinks>[1]> = {}): Promise<LinkHealth> {
  const results = await checkLinks([url], { ...options(), ...extra });
  return results.get(url)!;
}

describe('checkLinks', () => {
  it('follows 301, 302, 303, 307 and 308 hop by hop to the final URL', async () => {
    const h = await one('https://shop.example/chain/0');
    expect(h.status).toBe(200);
    expect(h.hops.map((x) => x.status)).toEqual([301, 302, 303, 307, 308, 200]);
    expect(h.finalUrl).toBe('https://shop.example/chain/5');
    expect(h.flags).toEqual(['redirects']);
    expect(h.method).toBe('HEAD');
  });

  it('flags 404 and 503 as broken', async () => {
    const a = await one('https://shop.example/missing');
    expect(a.status).toBe(404);
    expect(a.flags).toContain('client-error');
    expect(isBroken(a)).toBe(true);
    const b = await one('https://shop.example/down');
    expect(b.status).toBe(503);
    expect(b.flags).toContain('server-error');
  });

  it('flags a redirect loop', async () => {
    const h = await one('https://shop.example/loop');
    expect(h.flags).toContain('redirect-loop');
    expect(isBroken(h)).toBe(true);
  });

  it('flags a redirect to another domain', async () => {
    const h = await one('https://shop.example/elsewhere');
    expect(h.finalUrl).toBe('https://www.other-site.example/landing');
    expect(h.flags).toEqual(['redirects', 'other-domain']);
  });

  it('reads the target X-Robots-Tag (directives for other crawlers ignored)', async () => {
    expect((await one('https://shop.example/noindex-header')).flags).toEqual(['noindex', 'nofollow']);
    expect((await one('https://shop.example/googlebot-only')).flags).toEqual([]);
  });

  it('on GET, reads a meta refresh and meta robots from the <head> only', async () => {
    const h = await one('https://shop.example/refresh', { mode: 'get' });
    expect(h.method).toBe('GET');
    expect(h.refresh).toEqual({ delaySeconds: 0, url: 'https://news.other-site.example/story' });
    expect(h.metaRobots).toEqual(['noindex']);
    expect(h.flags).toEqual(['meta-refresh', 'other-domain', 'noindex']);
  });

  it('falls back to GET where HEAD is refused (405, 501)', async () => {
    const a = await one('https://shop.example/no-head');
    expect(a.method).toBe('GET');
    expect(a.status).toBe(200);
    expect(a.flags).toEqual([]);
    const b = await one('https://shop.example/head-501');
    expect(b.method).toBe('GET');
    expect(b.status).toBe(200);
    const methods = server.seen.filter((s) => s.path === '/no-head').map((s) => s.method);
    expect(methods).toEqual(['HEAD', 'GET']);
  });

  it('refuses a redirect to a private address', async () => {
    const h = await one('https://shop.example/to-private');
    expect(h.flags).toContain('refused');
    expect(h.error?.kind).toBe('refused-host');
    expect(server.seen.some((s) => s.path === '/setup.cgi')).toBe(false);
  });

  it('reports a typo’d host as a DNS failure', async () => {
    const h = await one('http://wwww.facebook.com/BistroGreenTable');
    expect(h.flags).toEqual(['dns']);
    expect(isBroken(h)).toBe(true);
  });

  it('times out a body that never reaches </head>', async () => {
    const h = await one('https://shop.example/slow-head', { mode: 'get', timeoutMs: 300 });
    expect(h.flags).toEqual(['timeout']);
    expect(isBroken(h)).toBe(false);
  });

  it('checks external links first, each URL once, with progress', async () => {
    const page = 'https://blog.example/post';
    const urls = ['https://blog.example/about', 'https://shop.example/ok', 'https://blog.example/about#team', 'https://cdn.other.example/ok', 'mailto:x@y.z'];
    expect(orderForChecking(['https://blog.example/a', 'https://x.example/b'], page)).toEqual(['https://x.example/b', 'https://blog.example/a']);
    const progress: [number, number, string][] = [];
    const results = await checkLinks(urls, { ...options(), pageUrl: page, onProgress: (p) => progress.push([p.done, p.total, p.result.url]) });
    expect([...results.keys()].sort()).toEqual(['https://blog.example/about', 'https://cdn.other.example/ok', 'https://shop.example/ok']);
    expect(progress.map((p) => p[0])).toEqual([1, 2, 3]);
    expect(progress.every((p) => p[1] === 3)).toBe(true);
    const order = server.seen.filter((s) => ['blog.example', 'shop.example', 'cdn.other.example'].includes(s.host) && ['/about', '/ok'].includes(s.path)).map((s) => s.host);
    expect(order.at(-1)).toBe('blog.example');
  });

  it('answers from the session cache the second time', async () => {
    const cache = new Map<string, LinkHealth>();
    await checkLinks(['https://cache.example/ok'], { ...options(), cache });
    const before = server.seen.length;
    const again = await checkLinks(['https://cache.example/ok'], { ...options(), cache });
    expect(again.get('https://cache.example/ok')?.status).toBe(200);
    expect(server.seen.length).toBe(before);
  });

  it('keeps to 2 per host and 6 overall', async () => {
    maxRunning = 0;
    maxPerHost = 0;
    const urls = ['a', 'b', 'c', 'd', 'e'].flatMap((h) => Array.from({ length: 4 }, (_, i) => `https://${h}.example/wait?${i}`));
    const results = await checkLinks(urls, { ...options() });
    expect([...results.values()].every((r) => r.status === 200)).toBe(true);
    expect(maxPerHost).toBe(2);
    expect(maxRunning).toBe(6);
  });

  it('hands the user’s delay to the limiter for every request (the gap itself: net-policy.test.ts)', async () => {
    const gaps: (number | undefined)[] = [];
    const limiter = createLimiter({ perHost: 2, global: 6 });
    const spy = { ...limiter, acquire: (host: string, o?: AcquireOptions) => (gaps.push(o?.gapMs), limiter.acquire(host, o)) } as Limiter;
    const hub = createObservationHub();
    const net = createNet({ fetch: browserLike(fetchImpl, hub.report), observer: hub, limiter: spy });
    await checkLinks(['https://slowly.example/wait?1', 'https://slowly.example/chain/3'], { net, parse, delayMs: 250 });
    expect(gaps.length).toBe(4); // one request, and a redirect chain of three
    expect(gaps.every((g) => g === 250)).toBe(true);
  });

  it('cancels: unfinished links are left out and no more requests start', async () => {
    const ctl = new AbortController();
    const urls = Array.from({ length: 30 }, (_, i) => `https://cancel.example/wait?${i}`);
    const p = checkLinks(urls, { ...options(), signal: ctl.signal, onProgress: (pr) => pr.done === 4 && ctl.abort() });
    const results = await p;
    const sent = server.seen.filter((s) => s.host === 'cancel.example').length;
    expect(results.size).toBeGreaterThanOrEqual(4);
    expect(results.size).toBeLessThan(30);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.seen.filter((s) => s.host === 'cancel.example').length).toBe(sent);
  });
});

describe('healthStatusText (the CLI table’s status column)', () => {
  const hop = (status: number | null, location: string | null = null) => ({ url: 'https://a.example/', status, location });
  it('gives the statuses hop by hop, then what failed', () => {
    expect(healthStatusText({ hops: [hop(301, 'https://b.example/'), hop(302, 'https://b.example/x'), hop(200)], status: 200, error: null })).toBe('301→302→200');
    expect(healthStatusText({ hops: [hop(404)], status: 404, error: { kind: 'http', message: 'HTTP 404' } })).toBe('404');
    expect(healthStatusText({ hops: [hop(302, 'http://localhost/')], status: 302, error: { kind: 'refused-host', message: 'refused' } })).toBe('302→refused-host');
    expect(healthStatusText({ hops: [], status: null, error: { kind: 'dns', message: 'no such host' } })).toBe('dns');
    expect(healthStatusText({ hops: [hop(null, null)], status: null, error: { kind: 'redirect-hidden', message: 'hidden' } })).toBe('?→redirect-hidden');
  });
});
