/**
 * The `inspect` CLI tells the truth and always ends (issue #13 §8), in Chromium and Firefox: an
 * http:// page served from a file offline, a page that answers 404, one that never answers and
 * one whose text carries terminal escape sequences, all from a local server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspect, type InspectRun } from '../helpers/run-inspect.ts';

const root = resolve(import.meta.dirname, '../..');
const SAMPLE = resolve(root, 'assets/sample/organic-vegetables.html');
/** A real-looking http:// site: Chromium upgrades such navigations to https unless told not to. */
const OLD_SITE = 'http://www.oldsite.com/blog/organic-tomatoes';
/** What a hostile page puts in its title, lang, rel and anchor text (an OSC 8 hyperlink, hidden-text CSI, a C1 CSI). */
const ESCAPES_PAGE =
  '<!doctype html><html lang="en\x1b]8;;https://evil.example/\x07x\x1b]8;;\x07"><head><meta charset="utf-8"><title>Escapes \x1b[8mhidden\x1b[0m</title></head>' +
  '<body><p>Text <a rel="nofollow\x1b[8m" href="https://shop.example/\x9b31m">shop\x9b2J link</a> more text.</p></body></html>';
/** C0 controls but the line feed, DEL, C1 controls. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-robots-tag': 'noindex, nofollow' });
      res.end(ESCAPES_PAGE);
    } else if (req.url === '/missing') {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not found</title><p><a href="/">Home</a></p>');
    }
    // '/never': the request is accepted and never answered.
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

type Run = InspectRun;

/**
 * Runs the CLI. A run takes ~20 s (Chromium) or ~30 s (Firefox) on a busy 2-core machine; one
 * that has not ended after `limitMs` never would (the CLI once hung after a failed page) and is stopped.
 */
function inspect(args: string[], limitMs = 150_000): Promise<Run> {
  return runInspect(['--timeout', '5000', ...args], limitMs);
}

const pages = () => ['--offline', `${SAMPLE}=${OLD_SITE}`, `${origin}/missing`, `${origin}/never`, `${origin}/ok`];

function jsonl(run: Run): Map<string, any> {
  const out = new Map<string, any>();
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const record = JSON.parse(line);
    out.set(record.url, record);
  }
  return out;
}

/** The same truths in both browsers. */
function expectTruthfulRecords(records: Map<string, any>) {
  expect(records.size).toBe(4);
  const old = records.get(OLD_SITE);
  expect(old.error).toBeUndefined();
  expect(old).toMatchObject({ http: { status: 200, xRobotsTag: null }, finalUrl: OLD_SITE });
  expect(old.counts.total).toBe(27);
  expect(records.get(`${origin}/missing`)).toEqual({ url: `${origin}/missing`, http: { status: 404, xRobotsTag: null }, error: { code: 'http-error', message: 'HTTP 404' } });
  expect(records.get(`${origin}/never`)).toMatchObject({ http: null, error: { code: 'no-response' } });
  const ok = records.get(`${origin}/ok`);
  expect(ok.http).toEqual({ status: 200, xRobotsTag: 'noindex, nofollow' });
  // The data is kept: only its printing is made safe.
  expect(ok.links[0].rel).toEqual(['nofollow\x1b[8m']);
}

describe('inspect CLI (Chromium)', () => {
  it(
    'prints each page with its HTTP status and X-Robots-Tag, reports failures, and prints no control characters',
    async () => {
      const run = await inspect(pages());
      expect(run.killed).toBe(false);
      expect(run.code).toBe(0);
      // The http:// page served from a file, offline (it failed with ERR_BLOCKED_BY_CLIENT).
      expect(run.stdout).toContain(`${OLD_SITE}\n`);
      expect(run.stdout).toContain('Growing Organic Tomatoes');
      expect(run.stdout).toContain('HTTP 200 · X-Robots-Tag: noindex, nofollow');
      expect(run.stderr).toContain(`${origin}/missing: HTTP 404`);
      expect(run.stderr).toMatch(new RegExp(`${origin}/never: No response within 5 s`));
      // A 404 and a page that never answered are not reported as inspected pages.
      expect(run.stdout).not.toContain('Not found');
      expect(run.stdout).not.toContain('marker');
      expect(run.stdout).not.toMatch(CONTROL);
      expect(run.stderr).not.toMatch(CONTROL);
      // What was stripped is marked, so `rel="nofollow ESC[8m"` does not print as a plain nofollow.
      expect(run.stdout).toContain('nofollow\uFFFD');
      expect(run.stdout).toContain('lang en\uFFFDx\uFFFD');
    },
    180_000,
  );

  it(
    '--jsonl: the report with `http` next to its fields, or the error; no raw control characters',
    async () => {
      const run = await inspect(['--jsonl', ...pages()]);
      // After a page fails the CLI goes on and ends (it used to hang here).
      expect(run.killed).toBe(false);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(CONTROL);
      expectTruthfulRecords(jsonl(run));
    },
    180_000,
  );

  it(
    'exits non-zero when every page failed',
    async () => {
      const run = await inspect([`${origin}/missing`, `${origin}/never`]);
      expect(run.killed).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
    },
    180_000,
  );
});

describe('inspect CLI (Firefox)', () => {
  it(
    '--browser firefox tells the same truths',
    async () => {
      const run = await inspect(['--browser', 'firefox', '--jsonl', ...pages()], 240_000);
      expect(run.killed).toBe(false);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(CONTROL);
      expectTruthfulRecords(jsonl(run));
    },
    300_000,
  );
});
