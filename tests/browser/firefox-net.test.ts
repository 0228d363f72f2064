/**
 * The one fetch module and the parser in Firefox MV2's background page (the built extension in
 * Firefox ESR through web-ext): manual redirects come back opaque there too and are followed
 * through webRequest; a hop to localhost is refused; a name that does not resolve is named a DNS
 * failure (NS_ERROR_UNKNOWN_HOST); HTML is parsed by the background page's own DOMParser.
 *
 * Playwright cannot drive a stock Firefox, so a probe appended to a copy of the background script
 * posts its results to a local server. `network.dns.localDomains` gives the local server
 * public-looking names, as --host-resolver-rules does in Chromium; the policy runs as shipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const root = resolve(import.meta.dirname, '../..');
const built = resolve(root, process.env.BI_FIREFOX_DIR ?? '.output/firefox-mv2');

let child: ChildProcess | null = null;
let dir = '';
const servers: http.Server[] = [];

afterAll(async () => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // web-ext and the Firefox it started (its own process group)
    } catch {
      /* already gone */
    }
  }
  for (const s of servers) s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function listen(handler: http.RequestListener, host: string): Promise<number> {
  const s = http.createServer(handler);
  servers.push(s);
  return new Promise((r) => s.listen(0, host, () => r((s.address() as AddressInfo).port)));
}

describe.skipIf(!existsSync(FIREFOX))('the fetch module in Firefox MV2', () => {
  it('follows opaque redirects through webRequest, refuses localhost, names DNS failures, parses with DOMParser', { timeout: 180_000 }, async () => {
    expect(existsSync(join(built, 'manifest.json')), 'run `npm run build:firefox` first').toBe(true);
    const seen: string[] = [];
    // Firefox resolves localDomains names to loopback, IPv6 first: listen on both.
    const port = await listen((req, res) => {
      seen.push(`${req.method} ${req.headers.host} ${req.url}`);
      const chain = req.url?.match(/^\/chain\/(\d)$/);
      if (chain) {
        const i = Number(chain[1]);
        if (i < 4) {
          res.writeHead([301, 302, 307, 308][i]!, { location: i === 1 ? `http://other.example:${port}/chain/${i + 1}` : `/chain/${i + 1}` });
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
      res.end('<title>admin</title>');
    }, '::');
    let report: (value: any) => void;
    const reported = new Promise<any>((r) => (report = r));
    const reportPort = await listen((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.end('ok');
        report(JSON.parse(body));
      });
    }, '127.0.0.1');

    dir = mkdtempSync(join(tmpdir(), 'bi-firefox-'));
    const ext = join(dir, 'extension');
    cpSync(built, ext, { recursive: true });
    const manifestPath = join(ext, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    // Granted as a user does when turning on link checks (optional: webRequest and all sites).
    manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])])];
    delete manifest.optional_permissions;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const background = join(ext, manifest.background.scripts.at(-1));
    appendFileSync(
      background,
      `\n;setTimeout(async () => {
  const bi = globalThis.backlinkInspector, out = {};
  try {
    out.chain = await bi.net().fetch('http://shop.example:${port}/chain/0');
    out.toLocal = await bi.net().fetch('http://shop.example:${port}/to-localhost');
    out.dns = await bi.net().fetch('http://wwww.facebook.com/BistroGreenTable', { method: 'HEAD', maxBytes: 0 });
    out.topic = await bi.parseFetched('<title>Seed shop</title><script>globalThis.ran = 1</script><main><h1>Tomatoes</h1></main>', 'https://shop.example/', 'topic');
    out.domParser = typeof DOMParser;
    out.ran = globalThis.ran ?? 0;
  } catch (e) { out.error = String(e); }
  await fetch('http://127.0.0.1:${reportPort}/report', { method: 'POST', body: JSON.stringify(out) });
}, 1000);\n`,
    );
    child = spawn(
      resolve(root, 'node_modules/.bin/web-ext'),
      ['run', '--source-dir', ext, '--firefox', FIREFOX, '--no-input', '--no-reload', '--arg=--headless', '--pref', 'network.dns.localDomains=shop.example,other.example', '--profile-create-if-missing', '--firefox-profile', join(dir, 'profile')],
      { detached: true, stdio: 'ignore' },
    );
    const out = await reported;

    expect(out.error).toBeUndefined();
    expect(out.chain.error).toBeNull();
    expect(out.chain.hops.map((h: { status: number }) => h.status)).toEqual([301, 302, 307, 308, 200]);
    expect(out.chain.finalUrl).toBe(`http://other.example:${port}/chain/4`);
    expect(out.chain.headers.xRobotsTag).toBe('nofollow');
    expect(out.toLocal.error.kind).toBe('refused-host');
    expect(seen.some((s) => s.includes('/admin'))).toBe(false);
    expect(out.dns.error.kind).toBe('dns');
    expect(out.domParser).toBe('function');
    expect(out.topic.title).toBe('Seed shop');
    expect(out.topic.headings).toEqual(['Tomatoes']);
    expect(out.ran).toBe(0);
  });
});
