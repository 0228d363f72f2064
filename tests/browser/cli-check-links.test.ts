/**
 * `inspect --check-links` (issue #17 §4): the CLI runs the extension's own link check on the
 * page — through the built extension's background and its one fetch module — and prints each
 * link's status chain, final URL and X-Robots-Tag, in Chromium and in Firefox.
 *
 * One local server answers under public-looking names (docs/net.md: `--local-host` becomes
 * `--host-resolver-rules` in Chromium and `network.dns.localDomains` in Firefox), so the fetch
 * module's policy runs as shipped: a 200, a 404, a redirect chain to another site and a noindex
 * header.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspect, type InspectRun } from '../helpers/run-inspect.ts';

const HOSTS = ['site.example', 'shop.example', 'other.example'];

let server: Server;
let port = 0;
const seen: string[] = [];
const at = (host: string, path: string) => `http://${host}:${port}${path}`;

/** A small blog post, shaped like a real one: its links are the cases. */
const page = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Raised beds: what we learnt in one season</title></head>
<body>
<header><nav><a href="${at('site.example', '/ok')}">Home</a></nav></header>
<main><article>
<h1>Raised beds: what we learnt in one season</h1>
<p>We built four cedar raised beds in March. The soil mix came from
<a href="${at('shop.example', '/missing')}">a local supplier's soil page</a>, the drip kit from
<a href="${at('shop.example', '/moved')}">this irrigation kit</a>, and the planting plan from
<a href="${at('other.example', '/noindex')}">a companion planting chart</a>. The seed list
<a href="${at('other.example', '/seed-list')}">moved to a new page</a>.</p>
<p>Questions? <a href="mailto:hello@site.example">Write to us</a>.</p>
</article></main>
</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    seen.push(`${req.method} ${host} ${req.url}`);
    const html = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(body);
    };
    if (host === 'site.example' && req.url === '/post') return html(200, page());
    if (host === 'site.example' && req.url === '/ok') return html(200, '<title>Home</title>');
    if (host === 'shop.example' && req.url === '/missing') return html(404, '<title>Not found</title>');
    if (host === 'shop.example' && req.url === '/moved') {
      res.writeHead(301, { location: at('other.example', '/hop') });
      return void res.end();
    }
    if (host === 'other.example' && req.url === '/hop') {
      res.writeHead(302, { location: '/final' });
      return void res.end();
    }
    if (host === 'other.example' && req.url === '/final') return html(200, '<title>Drip kits</title>');
    if (host === 'other.example' && req.url === '/noindex') return html(200, '<title>Chart</title>', { 'x-robots-tag': 'noindex' });
    if (host === 'other.example' && req.url === '/seed-list') {
      // Seen only when the target's <head> is read (--check-mode get): a meta refresh elsewhere and a meta noindex.
      return html(200, `<html><head><meta http-equiv="refresh" content="0; url=${at('shop.example', '/seeds')}"><meta name="robots" content="noindex"><title>Moved</title></head><body>${'<p>Old list.</p>'.repeat(50)}</body></html>`);
    }
    html(404, '<title>Not found</title>');
  });
  // Firefox resolves localDomains names to ::1 first: listen on both stacks.
  await new Promise<void>((r) => server.listen(0, '::', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

type Run = InspectRun;

/** Runs the CLI; one that has not ended after `limitMs` is stopped (and the test fails on `killed`). */
function inspect(args: string[], limitMs: number): Promise<Run> {
  const hosts = HOSTS.flatMap((h) => ['--local-host', h]);
  return runInspect(['--timeout', '15000', ...hosts, ...args], limitMs);
}

function expectChecked(record: any, method: 'HEAD' | 'GET') {
  expect(record.error).toBeUndefined();
  expect(record.linkCheck).toEqual({ total: 5, checked: 5, cancelled: false });
  const link = (path: string) => record.links.find((l: any) => typeof l.url === 'string' && l.url.endsWith(path));
  expect(link('/ok').health).toMatchObject({ status: 200, flags: [] });
  const missing = link('/missing');
  expect(missing.health).toMatchObject({ status: 404, flags: ['client-error'] });
  expect(missing.reasons.map((r: any) => r.code)).toContain('target-broken');
  const moved = link('/moved');
  expect(moved.health.hops.map((h: any) => h.status)).toEqual([301, 302, 200]);
  expect(moved.health.finalUrl).toBe(at('other.example', '/final'));
  expect(moved.health.flags).toEqual(expect.arrayContaining(['redirects', 'other-domain']));
  const noindex = link('/noindex');
  expect(noindex.health).toMatchObject({ status: 200, xRobotsTag: 'noindex' });
  expect(noindex.health.flags).toContain('noindex');
  const moved2 = link('/seed-list');
  if (method === 'GET') {
    expect(moved2.health).toMatchObject({ status: 200, method: 'GET', metaRobots: ['noindex'], refresh: { delaySeconds: 0, url: at('shop.example', '/seeds') } });
    expect(moved2.health.flags).toEqual(expect.arrayContaining(['meta-refresh', 'other-domain', 'noindex']));
  } else {
    expect(moved2.health).toMatchObject({ status: 200, method: 'HEAD', refresh: null, flags: [] });
  }
  // The mailto link is not checked.
  expect(record.links.find((l: any) => l.kind === 'mailto').health).toBeUndefined();
  // The extension asked, not the CLI: requests hop by hop.
  const asked = ['shop.example /missing', 'shop.example /moved', 'other.example /hop', 'other.example /final', 'other.example /noindex', 'other.example /seed-list'];
  expect(seen).toEqual(expect.arrayContaining(asked.map((a) => `${method} ${a}`)));
}

describe('inspect --check-links (Chromium)', () => {
  it('prints status, redirects and X-Robots-Tag per link in the table', async () => {
    seen.length = 0;
    const run = await inspect(['--check-links', at('site.example', '/post')], 240_000);
    expect(run.killed).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('link check: 5 of 5 checked · 1 broken, 1 redirect, 1 to another site, 1 noindex');
    const row = (text: string) => run.stdout.split('\n').find((l) => l.includes(text)) ?? '';
    expect(row('supplier')).toMatch(/ 404 /);
    expect(row('irrigation kit')).toMatch(/ 301→302→200 /);
    expect(row('irrigation kit')).toContain(`→ ${at('other.example', '/final')}`);
    expect(row('companion planting')).toMatch(/ 200 +noindex /);
    expect(row('Write to us')).toMatch(/ - +- /);
  }, 300_000);

  it('--json --check-mode get: every link carries its health (meta refresh and meta robots read too), and the check its summary', async () => {
    seen.length = 0;
    const run = await inspect(['--json', '--check-links', '--check-mode', 'get', at('site.example', '/post')], 240_000);
    expect(run.killed).toBe(false);
    expect(run.code).toBe(0);
    expectChecked(JSON.parse(run.stdout), 'GET');
  }, 300_000);
});

describe('inspect --check-links (Firefox)', () => {
  it('--browser firefox checks the same links the same way', async () => {
    seen.length = 0;
    const run = await inspect(['--browser', 'firefox', '--json', '--check-links', at('site.example', '/post')], 300_000);
    expect(run.killed).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectChecked(JSON.parse(run.stdout), 'HEAD');
  }, 360_000);
});

describe('inspect --check-links options', () => {
  it('refuses a bad --check-mode or --check-delay before starting a browser', async () => {
    const mode = await inspect(['--check-links', '--check-mode', 'post', at('site.example', '/post')], 60_000);
    expect(mode).toMatchObject({ code: 2, killed: false });
    expect(mode.stderr).toContain('--check-mode must be head or get');
    const delay = await inspect(['--check-links', '--check-delay', '-5', at('site.example', '/post')], 60_000);
    expect(delay).toMatchObject({ code: 2, killed: false });
  }, 120_000);
});
