// @vitest-environment node
/**
 * The bounded fetch against a local server reached under public-looking names (tests/helpers/net.ts).
 * Every scenario runs twice: with Node's fetch, which shows manual redirects as they are, and
 * "browser-like", where they come back opaque and the status and Location arrive through the
 * observer — what Chrome MV3 and Firefox MV2 give an extension (docs/net.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNet, NET_DEFAULTS, type NetEnv } from '../../lib/background/net/fetch';
import { createObservationHub } from '../../lib/background/net/observer';
import { browserLike, resolverFetch, startServer, streamBytes, TEST_HOSTS, type TestServer } from '../helpers/net';

let server: TestServer;
let fetchImpl: ReturnType<typeof resolverFetch>;
let running = 0;
let maxRunning = 0;
const runningByHost = new Map<string, number>();
let maxPerHost = 0;

beforeAll(async () => {
  server = await startServer(async (req, res, url) => {
    const p = url.pathname;
    if (p === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-robots-tag': 'noindex', 'content-length': '44' });
      return void res.end('<html><head><title>Page</title></head></html>');
    }
    const hop = p.match(/^\/chain\/(\d+)$/);
    if (hop) {
      const codes = [301, 302, 307, 308];
      const i = Number(hop[1]);
      if (i < codes.length) {
        res.writeHead(codes[i]!, { location: i === 1 ? `https://other.example/chain/${i + 1}` : `/chain/${i + 1}` });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<title>end of chain</title>');
    }
    if (p === '/to-localhost') {
      res.writeHead(302, { location: `http://localhost:${server.port}/admin` });
      return void res.end();
    }
    if (p === '/to-private') {
      res.writeHead(301, { location: 'http://10.0.0.5/admin' });
      return void res.end();
    }
    if (p === '/to-mapped-v6') {
      res.writeHead(301, { location: 'http://[::ffff:127.0.0.1]/admin' });
      return void res.end();
    }
    if (p === '/admin') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<title>Router admin</title>');
    }
    if (p === '/loop-a' || p === '/loop-b') {
      res.writeHead(302, { location: p === '/loop-a' ? '/loop-b' : '/loop-a' });
      return void res.end();
    }
    const many = p.match(/^\/many\/(\d+)$/);
    if (many) {
      res.writeHead(302, { location: `/many/${Number(many[1]) + 1}` });
      return void res.end();
    }
    if (p === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<title>slow</title>');
      const t = setInterval(() => res.write(' '), 50);
      req.on('close', () => clearInterval(t));
      return;
    }
    if (p === '/no-headers') {
      req.on('close', () => res.end());
      return; // never answers
    }
    if (p === '/huge') {
      streamBytes(res, 20 * 1024 * 1024);
      return;
    }
    if (p === '/head-then-body') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><meta name="robots" content="noindex"></head>');
      const t = setInterval(() => res.write('<p>body</p>'.repeat(1000)), 20);
      req.on('close', () => clearInterval(t));
      return;
    }
    if (p === '/latin1') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(Buffer.concat([Buffer.from('<meta charset="windows-1252"><title>Caf'), Buffer.from([0xe9]), Buffer.from('</title>')]));
    }
    if (p === '/echo') {
      // What arrived: method, the headers a caller may set, and the body.
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      await new Promise((r) => req.on('end', r));
      const h = req.headers;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' });
      return void res.end(JSON.stringify({ method: req.method, host: url.hostname, body, headers: { accept: h.accept, authorization: h.authorization, 'api-opr': h['api-opr'], 'x-moz-token': h['x-moz-token'], 'content-type': h['content-type'], cookie: h.cookie } }));
    }
    const redirectTo = p.match(/^\/(301|302|303|307|308)-to-(same|other)$/);
    if (redirectTo) {
      res.writeHead(Number(redirectTo[1]), { location: redirectTo[2] === 'same' ? '/echo' : 'https://other.example/echo' });
      return void res.end();
    }
    if (p === '/wait') {
      const host = url.hostname;
      running++;
      runningByHost.set(host, (runningByHost.get(host) ?? 0) + 1);
      maxRunning = Math.max(maxRunning, running);
      maxPerHost = Math.max(maxPerHost, runningByHost.get(host)!);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      runningByHost.set(host, runningByHost.get(host)! - 1);
      res.writeHead(204);
      return void res.end();
    }
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<title>Not found</title>');
  });
  fetchImpl = resolverFetch(server.port, TEST_HOSTS);
});

afterAll(async () => {
  await fetchImpl.agent.close();
  await server.close();
});

const sawPath = (path: string) => server.seen.some((r) => r.path === path);

function envs(): [string, () => NetEnv][] {
  return [
    ['node fetch', () => ({ fetch: fetchImpl })],
    [
      'browser-like (opaque redirects + observer)',
      () => {
        const hub = createObservationHub();
        return { fetch: browserLike(fetchImpl, hub.report), observer: hub };
      },
    ],
  ];
}

describe.each(envs())('netFetch — %s', (_name, makeEnv) => {
  it('reads a page: status, selected headers, body, bytes', async () => {
    const r = await createNet(makeEnv()).fetch('https://shop.example/page#frag');
    expect(r.url).toBe('https://shop.example/page');
    expect(r.status).toBe(200);
    expect(r.ok).toBe(true);
    expect(r.error).toBeNull();
    expect(r.headers).toEqual({ contentType: 'text/html; charset=utf-8', xRobotsTag: 'noindex', location: null, contentLength: 44, retryAfter: null });
    expect(r.body).toContain('<title>Page</title>');
    expect(r.bytesRead).toBe(44);
    expect(r.truncated).toBe(false);
    expect(r.hops).toEqual([{ url: 'https://shop.example/page', status: 200, location: null }]);
    const req = server.seen.filter((s) => s.path === '/page').at(-1)!;
    expect(req.headers.referer).toBeUndefined();
    expect(req.headers.cookie).toBeUndefined();
  });

  it('follows 301, 302, 307 and 308 hop by hop, across hosts', async () => {
    const r = await createNet(makeEnv()).fetch('http://shop.example/chain/0');
    expect(r.error).toBeNull();
    expect(r.hops.map((h) => h.status)).toEqual([301, 302, 307, 308, 200]);
    expect(r.hops[1]).toEqual({ url: 'http://shop.example/chain/1', status: 302, location: 'https://other.example/chain/2' });
    expect(r.finalUrl).toBe('https://other.example/chain/4');
    expect(r.body).toContain('end of chain');
  });

  it('refuses a redirect to localhost and reads nothing there', async () => {
    const before = server.seen.length;
    const r = await createNet(makeEnv()).fetch('https://shop.example/to-localhost');
    expect(r.error?.kind).toBe('refused-host');
    expect(r.finalUrl).toBe(`http://localhost:${server.port}/admin`);
    expect(r.body).toBeNull();
    expect(r.bytesRead).toBe(0);
    expect(r.hops).toEqual([{ url: 'https://shop.example/to-localhost', status: 302, location: `http://localhost:${server.port}/admin` }]);
    expect(server.seen.slice(before).map((s) => s.path)).toEqual(['/to-localhost']);
  });

  it('refuses redirects to a private address and to an IPv4-mapped IPv6 loopback', async () => {
    const net = createNet(makeEnv());
    const a = await net.fetch('https://shop.example/to-private');
    expect(a.error?.kind).toBe('refused-host');
    const b = await net.fetch('https://shop.example/to-mapped-v6');
    expect(b.error?.kind).toBe('refused-host');
    expect(sawPath('/admin')).toBe(false);
  });

  it('refuses a local URL before sending anything', async () => {
    const before = server.seen.length;
    const r = await createNet(makeEnv()).fetch(`http://127.0.0.1:${server.port}/page`);
    expect(r.error?.kind).toBe('refused-host');
    expect(r.hops).toEqual([]);
    expect(server.seen.length).toBe(before);
  });

  it('names a redirect loop and stops after 10 redirects', async () => {
    const net = createNet(makeEnv());
    const loop = await net.fetch('https://shop.example/loop-a');
    expect(loop.error?.kind).toBe('redirect-loop');
    expect(loop.hops.map((h) => h.status)).toEqual([302, 302]);
    const many = await net.fetch('https://shop.example/many/0');
    expect(many.error?.kind).toBe('too-many-redirects');
    expect(many.hops.length).toBe(11);
    expect(sawPath('/many/11')).toBe(false);
  });

  it('reports a name that does not resolve as a DNS failure', async () => {
    const r = await createNet(makeEnv()).fetch('http://wwww.facebook.com/somepage');
    expect(r.error?.kind).toBe('dns');
    expect(r.status).toBeNull();
  });

  it('times out a body that never ends (the timeout covers the body)', async () => {
    const r = await createNet(makeEnv()).fetch('https://shop.example/slow-body', { timeoutMs: 300 });
    expect(r.error?.kind).toBe('timeout');
    // What came before the timeout is counted, and the result says it was cut.
    expect(r.bytesRead).toBeGreaterThan(0);
    expect(r.truncated).toBe(true);
  });

  it('times out a server that never answers', async () => {
    const r = await createNet(makeEnv()).fetch('https://shop.example/no-headers', { timeoutMs: 300 });
    expect(r.error?.kind).toBe('timeout');
  });

  it('cuts a 20 MB body at the cap and stops reading', async () => {
    const r = await createNet(makeEnv()).fetch('https://shop.example/huge');
    expect(r.truncated).toBe(true);
    expect(r.body!.length).toBe(1_500_000);
    // What was received past the cap is at most one network chunk.
    expect(r.bytesRead).toBeLessThan(1_500_000 + 256 * 1024);
  });

  it('reads no body for status-only checks (maxBytes 0) and for HEAD', async () => {
    const net = createNet(makeEnv());
    const a = await net.fetch('https://shop.example/huge', { maxBytes: 0 });
    expect(a.status).toBe(200);
    expect(a.body).toBeNull();
    expect(a.bytesRead).toBe(0);
    const b = await net.fetch('https://shop.example/page', { method: 'HEAD' });
    expect(b.status).toBe(200);
    expect(b.body).toBeNull();
  });

  it('stops reading at a marker (the end of <head>) on a body that goes on', async () => {
    const r = await createNet(makeEnv()).fetch('https://shop.example/head-then-body', { stopAt: ['</head>'], timeoutMs: 5_000 });
    expect(r.error).toBeNull();
    expect(r.truncated).toBe(true);
    expect(r.body).toContain('<meta name="robots" content="noindex">');
  });

  it('reports 404 as an HTTP error without reading its body', async () => {
    const r = await createNet(makeEnv()).fetch('https://shop.example/missing');
    expect(r.status).toBe(404);
    expect(r.error).toEqual({ kind: 'http', message: 'HTTP 404' });
    expect(r.body).toBeNull();
  });

  it('decodes the charset a page declares in its first KB', async () => {
    const r = await createNet(makeEnv()).fetch('https://shop.example/latin1');
    expect(r.body).toContain('<title>Café</title>');
  });

  it('cancels', async () => {
    const ctl = new AbortController();
    const p = createNet(makeEnv()).fetch('https://shop.example/no-headers', { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 20);
    expect((await p).error?.kind).toBe('cancelled');
  });

  it('sends allow-listed headers and a POST with a JSON body, and reads an error answer as text', async () => {
    const r = await createNet(makeEnv()).fetch('https://api.example/echo', {
      method: 'POST',
      headers: { 'X-Moz-Token': 'tok-1234', Accept: 'application/json' },
      json: { jsonrpc: '2.0', params: ['wikipedia.org'] },
      readErrorBody: true,
    });
    expect(r.status).toBe(429);
    expect(r.error?.kind).toBe('http');
    expect(r.headers.retryAfter).toBe('120');
    const seen = JSON.parse(r.body!);
    expect(seen).toEqual({
      method: 'POST',
      host: 'api.example',
      body: '{"jsonrpc":"2.0","params":["wikipedia.org"]}',
      headers: { accept: 'application/json', 'x-moz-token': 'tok-1234', 'content-type': 'application/json' },
    });
  });

  it('refuses headers off the allow-list, bad header values and oversized bodies before sending anything', async () => {
    const net = createNet(makeEnv());
    const before = server.seen.length;
    const refused = [
      await net.fetch('https://api.example/echo', { headers: { Cookie: 'session=1' } }),
      await net.fetch('https://api.example/echo', { headers: { Referer: 'https://bank.example/' } }),
      await net.fetch('https://api.example/echo', { headers: { Origin: 'https://api.example' } }),
      await net.fetch('https://api.example/echo', { headers: { Authorization: 'Bearer a\r\nCookie: x=1' } }),
      await net.fetch('https://api.example/echo', { headers: { Authorization: 'x'.repeat(1025) } }),
      await net.fetch('https://api.example/echo', { method: 'POST', json: { list: 'x'.repeat(NET_DEFAULTS.maxRequestBytes) } }),
      await net.fetch('https://api.example/echo', { method: 'POST' }),
      await net.fetch('https://api.example/echo', { method: 'GET', json: {} }),
      await net.fetch('https://api.example/echo', { method: 'PUT' as 'POST', json: {} }),
    ];
    expect(refused.map((r) => r.error?.kind)).toEqual(Array(refused.length).fill('refused-request'));
    expect(server.seen.length).toBe(before);
  });

  it('checks the policy on a POST too: a local API address is refused unsent', async () => {
    const before = server.seen.length;
    const r = await createNet(makeEnv()).fetch(`http://127.0.0.1:${server.port}/echo`, { method: 'POST', json: {} });
    expect(r.error?.kind).toBe('refused-host');
    expect(server.seen.length).toBe(before);
  });

  it('keys and tokens go to the origin asked for only, never after a redirect to another', async () => {
    const net = createNet(makeEnv());
    const same = await net.fetch('https://api.example/302-to-same', { headers: { authorization: 'Bearer k-1234' }, readErrorBody: true });
    expect(JSON.parse(same.body!).headers.authorization).toBe('Bearer k-1234');
    const other = await net.fetch('https://api.example/302-to-other', { headers: { authorization: 'Bearer k-1234', 'api-opr': 'k', 'x-moz-token': 't', accept: 'application/json' }, readErrorBody: true });
    expect(other.finalUrl).toBe('https://other.example/echo');
    expect(JSON.parse(other.body!).headers).toEqual({ accept: 'application/json' });
  });

  it('a POST redirected by 303 (or 301/302) becomes a GET without body; 307 and 308 keep it', async () => {
    const net = createNet(makeEnv());
    const sent = async (path: string) => JSON.parse((await net.fetch(`https://api.example${path}`, { method: 'POST', json: { a: 1 }, readErrorBody: true })).body!);
    for (const code of [301, 302, 303]) {
      const seen = await sent(`/${code}-to-same`);
      expect(seen, String(code)).toMatchObject({ method: 'GET', body: '' });
      expect(seen.headers['content-type'], String(code)).toBeUndefined();
    }
    for (const code of [307, 308]) expect(await sent(`/${code}-to-same`), String(code)).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
  });

  it('maxRedirects 0 refuses to follow', async () => {
    const r = await createNet(makeEnv()).fetch('https://api.example/307-to-same', { maxRedirects: 0 });
    expect(r.error?.kind).toBe('too-many-redirects');
    expect(r.hops).toHaveLength(1);
  });

  it('keeps to 2 requests per host and 6 overall', async () => {
    running = 0;
    maxRunning = 0;
    maxPerHost = 0;
    const net = createNet(makeEnv());
    const urls = ['a', 'b', 'c', 'd', 'e'].flatMap((h) => Array.from({ length: 4 }, (_, i) => `https://${h}.example/wait?${i}`));
    const results = await Promise.all(urls.map((u) => net.fetch(u)));
    expect(results.every((r) => r.status === 204)).toBe(true);
    expect(maxPerHost).toBe(2);
    expect(maxRunning).toBe(6);
  });

  it('asks for host access per hop', async () => {
    const env = makeEnv();
    const r = await createNet({ ...env, canAccess: (u) => u.hostname !== 'other.example' }).fetch('http://shop.example/chain/0');
    expect(r.error?.kind).toBe('no-access');
    expect(r.finalUrl).toBe('https://other.example/chain/2');
  });
});

describe('netFetch — opaque redirects without an observer', () => {
  it('says the redirect target is hidden instead of guessing', async () => {
    const hub = createObservationHub();
    const before = server.seen.length;
    const r = await createNet({ fetch: browserLike(fetchImpl, hub.report) }).fetch('https://shop.example/chain/0');
    expect(r.error?.kind).toBe('redirect-hidden');
    expect(r.hops).toEqual([{ url: 'https://shop.example/chain/0', status: null, location: null }]);
    expect(server.seen.slice(before).map((s) => s.path)).toEqual(['/chain/0']);
  });
});
