/**
 * Target topics through the one fetch module and the inert parser, against a local server
 * reached under public-looking names (tests/helpers/net.ts).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTargetTopic, idbTopicCache, memoryTopicCache, type ParseFetched } from '../../lib/background/target-topic/index';
import { createNet } from '../../lib/background/net/fetch';
import { resolverFetch, startServer, TEST_HOSTS, type TestServer } from '../helpers/net';
import { parseInJsdom } from '../helpers/parse';

const HTML = `<!doctype html><html lang="en"><head><title>Green Table &amp; Co — bistro</title>
<meta name="description" content="Seasonal dishes with organic vegetables"><script>var x = "<h1>no</h1>";</script></head>
<body><nav>Home About</nav><h1>Our menu</h1><p>Roast carrots, tomato salad &#38; fresh bread.</p><footer>Legal</footer></body></html>`;

const parse: ParseFetched = parseInJsdom;

let server: TestServer;
let fetchImpl: ReturnType<typeof resolverFetch>;

beforeAll(async () => {
  server = await startServer(async (req, res, url) => {
    const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...extra });
      res.end(body);
    };
    if (url.pathname === '/menu') return send(200, 'text/html; charset=utf-8', HTML);
    if (url.pathname === '/moved') return send(301, 'text/html', '', { location: '/menu' });
    if (url.pathname === '/doc.pdf') return send(200, 'application/pdf', '%PDF-1.7');
    if (url.pathname === '/to-admin') return send(302, 'text/html', '', { location: `http://localhost:${server.port}/admin` });
    if (url.pathname === '/admin') return send(200, 'text/html', '<title>Router admin — change password</title>');
    if (url.pathname === '/slow') return void setTimeout(() => send(200, 'text/html', HTML), 2_000);
    send(404, 'text/html', '<title>Not found</title>');
  });
  fetchImpl = resolverFetch(server.port, TEST_HOSTS);
});

afterAll(async () => {
  await fetchImpl.agent.close();
  await server.close();
});

const net = () => createNet({ fetch: fetchImpl });

describe('fetchTargetTopic', () => {
  it('fetches, reads the topic on the DOM and caches', async () => {
    const cache = memoryTopicCache();
    const n = net();
    const before = server.seen.length;
    const a = await fetchTargetTopic('https://greentable.example/menu#top', { net: n, parse, cache });
    expect(a.status).toBe('ok');
    expect(a.url).toBe('https://greentable.example/menu');
    expect(a.title).toBe('Green Table & Co — bistro');
    expect(a.headings).toEqual(['Our menu']);
    expect(a.text).toContain('Roast carrots, tomato salad & fresh bread.');
    expect(a.text).not.toContain('Legal');
    expect(a.text).not.toContain('var x');
    const b = await fetchTargetTopic('https://greentable.example/menu', { net: n, parse, cache });
    expect(b.title).toBe(a.title);
    expect(server.seen.length - before).toBe(1);
  });

  it('follows a redirect and says where it ended', async () => {
    const t = await fetchTargetTopic('https://greentable.example/moved', { net: net(), parse });
    expect(t.status).toBe('ok');
    expect(t.finalUrl).toBe('https://greentable.example/menu');
  });

  it('refuses a redirect to localhost: the admin page is never read', async () => {
    const t = await fetchTargetTopic('https://evil.example/to-admin', { net: net(), parse });
    expect(t.status).toBe('error');
    expect(t.error).toMatch(/refused: localhost is a local name/);
    expect(t.title).toBe('');
    expect(server.seen.some((s) => s.path === '/admin')).toBe(false);
  });

  it('reports failures without throwing: HTTP errors, non-HTML, DNS, timeout, bad URLs', async () => {
    const cache = memoryTopicCache();
    const n = net();
    expect((await fetchTargetTopic('https://a.example/x', { net: n, parse, cache })).error).toBe('HTTP 404');
    expect((await fetchTargetTopic('https://a.example/doc.pdf', { net: n, parse })).error).toBe('not an HTML page (application/pdf)');
    expect((await fetchTargetTopic('https://no-such-host.invalid/', { net: n, parse })).error).toMatch(/does not resolve/);
    const slow = await fetchTargetTopic('https://a.example/slow', { net: n, parse, timeoutMs: 100 });
    expect(slow.error).toMatch(/timed out/);
    expect((await fetchTargetTopic('mailto:a@b', { net: n, parse })).error).toBe('not an http(s) URL');
    // The failure is cached for a while.
    expect((await cache.get('https://a.example/x'))?.status).toBe('error');
  });

  it('caches in IndexedDB (target-topics DB)', async () => {
    const cache = idbTopicCache('target-topics-test');
    await fetchTargetTopic('https://idb.example/menu', { net: net(), parse, cache });
    const again = idbTopicCache('target-topics-test');
    expect((await again.get('https://idb.example/menu'))?.title).toBe('Green Table & Co — bistro');
  });
});
