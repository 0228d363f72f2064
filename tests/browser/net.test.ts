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
import { launchExtension, type ExtensionSession } from '../../scripts/lib/extension.ts';

let session: ExtensionSession;
let server: http.Server;
let port = 0;
const seen: string[] = [];

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
