/**
 * The one fetch module and the parser as the built extension runs them in Chrome's service
 * worker: a manual redirect there is opaque (status 0, no Location), so each hop is read from
 * webRequest; a hop to localhost is refused before it is sent; fetched HTML is parsed in the
 * offscreen document. Chromium's --host-resolver-rules give a local server public-looking names
 * while the policy runs as shipped; every other name fails like NXDOMAIN (nothing leaves the machine).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';

let session: ExtensionSession;
let server: http.Server;
let port = 0;
const seen: string[] = [];
const bodies: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.headers.host} ${req.url}`);
    const chain = req.url?.match(/^\/chain\/(\d)$/);
    if (chain) {
      const codes = [301, 302, 307, 308];
      const i = Number(chain[1]);
      if (i < codes.length) {
        res.writeHead(codes[i]!, { location: i === 1 ? `http://other.example:${port}/chain/${i + 1}` : `/chain/${i + 1}`, 'x-robots-tag': 'noindex' });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html', 'x-robots-tag': 'nofollow' });
      return void res.end('<title>end</title>');
    }
    if (req.url === '/to-localhost') {
      res.writeHead(302, { location: `http://localhost:${port}/admin` });
      return void res.end();
    }
    if (req.url === '/echo') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
      return;
    }
    if (req.url === '/post') {
      // A blog post whose links the context menu's "Check links" checks.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(`<!doctype html><html lang="en"><head><title>Pepper seedlings</title></head><body><main><article>
        <h1>Pepper seedlings, week three</h1>
        <p>Heat mats from <a href="http://shop.example:${port}/gone">the shop</a>, grow lights from
        <a href="http://shop.example:${port}/chain/0">this supplier</a>.</p></article></main></body></html>`);
    }
    if (req.url === '/gone') {
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end('<title>Not found</title>');
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<title>other</title>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  session = await launchExtension({
    extensionDir: process.env.BI_EXTENSION_DIR,
    args: ['--host-resolver-rules=MAP *.example 127.0.0.1, MAP * ~NOTFOUND'],
  });
});

afterAll(async () => {
  await session?.close();
  await new Promise((r) => server.close(r));
});

const fetchInWorker = (url: string, options: object = {}) =>
  session.worker.evaluate(async ({ url, options }) => (globalThis as any).backlinkInspector.net().fetch(url, options), { url, options });

describe('the fetch module in Chrome MV3', () => {
  it('follows 301/302/307/308 hop by hop although the browser hands back opaque redirects', async () => {
    const r = await fetchInWorker(`http://shop.example:${port}/chain/0`);
    expect(r.error).toBeNull();
    expect(r.hops.map((h: { status: number }) => h.status)).toEqual([301, 302, 307, 308, 200]);
    expect(r.hops[1].location).toBe(`http://other.example:${port}/chain/2`);
    expect(r.finalUrl).toBe(`http://other.example:${port}/chain/4`);
    expect(r.headers.xRobotsTag).toBe('nofollow');
    expect(r.body).toContain('<title>end</title>');
  });

  it('refuses a redirect to localhost: the admin page is never requested', async () => {
    const r = await fetchInWorker(`http://shop.example:${port}/to-localhost`);
    expect(r.error.kind).toBe('refused-host');
    expect(r.bytesRead).toBe(0);
    expect(seen.some((s) => s.includes('/admin'))).toBe(false);
  });

  it('names a host that does not resolve as a DNS failure (webRequest tells what fetch does not)', async () => {
    const r = await fetchInWorker('http://wwww.facebook.com/BistroGreenTable', { method: 'HEAD', maxBytes: 0 });
    expect(r.error.kind).toBe('dns');
    expect(r.error.message).toMatch(/ERR_NAME_NOT_RESOLVED/);
  });

  it('sends a POST with a JSON body and an allow-listed key header; refuses any other header', async () => {
    const r = await fetchInWorker(`http://api.example:${port}/echo`, { method: 'POST', json: { jsonrpc: '2.0', id: 1 }, headers: { 'x-moz-token': 'tok-1234', accept: 'application/json' } });
    expect(r.error).toBeNull();
    expect(r.body).toBe('{"ok":true}');
    expect(bodies.at(-1)!.body).toBe('{"jsonrpc":"2.0","id":1}');
    expect(bodies.at(-1)!.headers).toMatchObject({ 'x-moz-token': 'tok-1234', 'content-type': 'application/json', accept: 'application/json' });
    expect(bodies.at(-1)!.headers.cookie).toBeUndefined();
    const before = bodies.length;
    const refused = await fetchInWorker(`http://api.example:${port}/echo`, { method: 'POST', json: {}, headers: { cookie: 'session=1' } });
    expect(refused.error.kind).toBe('refused-request');
    expect(bodies.length).toBe(before);
  });

  it('the context menu’s "Check links on this page" checks the page’s links in the background', async () => {
    const page = await session.context.newPage();
    const tabId = await tabIdOf(session, page); // (navigates to a marker page: first)
    await page.goto(`http://blog.example:${port}/post`);
    seen.length = 0;
    const outcome = await session.worker.evaluate(async (tabId) => {
      const tab = await (globalThis as any).chrome.tabs.get(tabId);
      return (globalThis as any).backlinkInspector.menuClick({ menuItemId: 'bi-check-links', pageUrl: tab.url }, tab);
    }, tabId);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ action: 'check-links', checked: { total: 2, checked: 2, cancelled: false } });
    expect(seen).toEqual(expect.arrayContaining([`HEAD shop.example:${port} /gone`, `HEAD shop.example:${port} /chain/0`, `HEAD other.example:${port} /chain/4`]));
    // The next report of the tab carries the results.
    const again = await session.worker.evaluate((tabId) => (globalThis as any).backlinkInspector.inspectTab(tabId), tabId);
    const health = Object.fromEntries(again.report.links.map((l: any) => [l.text, l.health?.status ?? null]));
    expect(health).toEqual({ 'the shop': 404, 'this supplier': 200 });
    await page.close();
  });

  it('the popup’s "Check links" button checks the page’s links and the table shows their statuses', async () => {
    const page = await session.context.newPage();
    const tabId = await tabIdOf(session, page);
    await page.goto(`http://blog.example:${port}/post`);
    const ui = await session.context.newPage();
    await ui.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
    const button = ui.getByRole('button', { name: 'Check links' });
    await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
    await button.click();
    await expect.poll(() => ui.getByText('Checked 2 links').count(), { timeout: 30_000 }).toBe(1);
    // The re-scored report (reportUpdated) carries each link's status into the table.
    const status = (text: string) => ui.locator('tr[data-index]', { hasText: text }).getByTestId('health').first().textContent();
    await expect.poll(() => status('the shop'), { timeout: 30_000 }).toBe('404');
    expect(await status('this supplier')).toBe('301→302→307→308→200');
    await ui.close();
    await page.close();
  });

  it('parses fetched HTML in the offscreen document (the worker has no DOMParser)', async () => {
    const out = await session.worker.evaluate(async () => {
      const g = globalThis as any;
      const topic = await g.backlinkInspector.parseFetched('<title>Seed shop</title><script>globalThis.ran = 1</script><main><h1>Tomatoes</h1><p>Heirloom seeds</p></main>', 'https://shop.example/', 'topic');
      const contexts = await g.chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
      return { topic, hasDomParser: typeof g.DOMParser, offscreen: contexts.length };
    });
    expect(out.hasDomParser).toBe('undefined');
    expect(out.offscreen).toBe(1);
    expect(out.topic.title).toBe('Seed shop');
    expect(out.topic.headings).toEqual(['Tomatoes']);
    expect(out.topic.text).toContain('Heirloom seeds');
  });
});
