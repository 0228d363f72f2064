/**
 * Network figures of the one fetch module, in Node against local servers (no internet):
 *
 *   npx tsx scripts/bench/net.ts          (or: node scripts/bench/net.ts on Node ≥ 22.18)
 *
 * 1. A hostile target: a public-looking site whose pages redirect to localhost, private and
 *    link-local addresses and local names, send 20 MB, never finish, or hold 400 KB of unclosed
 *    `<!--`. Every local name resolves to an "internal" server, as it would on a real machine:
 *    the requests it receives must be 0, and the bytes read stay within the cap.
 * 2. "Check links" for 200 links on 20 hosts (each answer takes 20 ms, a third of the links
 *    redirect once) at the shipped limits: 2 per host, 6 overall.
 *
 * Node's fetch shows manual redirects as they are; in the extension they arrive opaque and the
 * observer (webRequest) supplies each hop — the same code path past that point.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSDOM } from 'jsdom';
import { createNet, NET_DEFAULTS } from '../../lib/background/net/fetch.ts';
import { checkLinks } from '../../lib/background/link-health/check.ts';
import { fetchTargetTopic } from '../../lib/background/target-topic/index.ts';
import { parseHtml, readFetched, type ParseFetched } from '../../lib/parse/fetched.ts';
import { resolverFetch, streamBytes } from '../../tests/helpers/net.ts';

const { DOMParser } = new JSDOM('').window;
const parse: ParseFetched = async (html, url, task, options) => readFetched(parseHtml(html, url, new DOMParser()), url, task, options);

function listen(handler: http.RequestListener): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

const INTERNAL_NAMES = ['localhost', 'router', 'printer.local', 'nas.home.arpa', '127.0.0.1', '10.0.0.5', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', '::ffff:7f00:1', 'fd00::1'];

async function hostileTarget(): Promise<string[]> {
  let internalRequests = 0;
  const internal = await listen((_req, res) => {
    internalRequests++;
    res.end('<title>Router admin</title>');
  });
  const redirects: Record<string, string> = {
    '/r/localhost': `http://localhost:${internal.port}/admin`,
    '/r/router': 'http://router/cgi-bin/reboot',
    '/r/mdns': 'http://printer.local/',
    '/r/home-arpa': 'http://nas.home.arpa/',
    '/r/loopback': 'http://127.0.0.1/',
    '/r/decimal': 'http://2130706433/',
    '/r/rfc1918': 'http://10.0.0.5/',
    '/r/home-router': 'http://192.168.1.1/',
    '/r/metadata': 'http://169.254.169.254/latest/meta-data/',
    '/r/cgnat': 'http://100.64.0.1/',
    '/r/v6-loopback': 'http://[::1]/',
    '/r/v4-mapped': 'http://[::ffff:127.0.0.1]/',
    '/r/ula': 'http://[fd00::1]/',
  };
  const hostile = await listen((req, res) => {
    const path = req.url ?? '/';
    if (redirects[path]) {
      res.writeHead(302, { location: redirects[path]! });
      return void res.end();
    }
    if (path === '/huge') {
      return streamBytes(res, 20 * 1024 * 1024);
    }
    if (path === '/endless') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<title>endless</title>');
      const t = setInterval(() => res.write('<p>more</p>'), 20);
      return void req.on('close', () => clearInterval(t));
    }
    if (path === '/comments') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(`<title>comments</title>${'<!--'.repeat(100_000)}`);
    }
    res.writeHead(404);
    res.end();
  });
  const fetchImpl = resolverFetch((name) => (INTERNAL_NAMES.includes(name) ? internal.port : hostile.port), ['*.example', ...INTERNAL_NAMES]);
  const net = createNet({ fetch: fetchImpl });
  const rows: string[] = [];
  let totalBytes = 0;
  const t0 = performance.now();
  for (const path of [...Object.keys(redirects), '/huge', '/endless', '/comments']) {
    const t = performance.now();
    const topic = await fetchTargetTopic(`https://evil.example${path}`, { net, parse, timeoutMs: 2_000 });
    const raw = await net.fetch(`https://evil.example${path}`, { timeoutMs: 2_000 });
    totalBytes += raw.bytesRead;
    rows.push(`  ${path.padEnd(16)} ${(raw.error?.kind ?? `HTTP ${raw.status}`).padEnd(13)} ${String(raw.bytesRead).padStart(9)} B  ${(performance.now() - t).toFixed(0).padStart(5)} ms  topic: ${topic.status === 'ok' ? JSON.stringify(topic.title) : topic.error}`);
  }
  const wall = performance.now() - t0;
  await fetchImpl.agent.close();
  internal.server.close();
  hostile.server.close();
  return [
    `Hostile target (${Object.keys(redirects).length + 3} pages, each read as a target topic and as a raw fetch; timeout 2 s, cap ${NET_DEFAULTS.maxBytes.toLocaleString('en')} B):`,
    ...rows,
    `  requests that reached the internal server: ${internalRequests} (must be 0); bytes read in all: ${totalBytes.toLocaleString('en')}; wall ${(wall / 1000).toFixed(1)} s`,
  ];
}

async function checkLinksWallTime(): Promise<string[]> {
  let requests = 0;
  let running = 0;
  let maxRunning = 0;
  const byHost = new Map<string, number>();
  let maxPerHost = 0;
  const site = await listen(async (req, res) => {
    requests++;
    const host = (req.headers.host ?? '').split(':')[0]!;
    running++;
    byHost.set(host, (byHost.get(host) ?? 0) + 1);
    maxRunning = Math.max(maxRunning, running);
    maxPerHost = Math.max(maxPerHost, byHost.get(host)!);
    await new Promise((r) => setTimeout(r, 20));
    running--;
    byHost.set(host, byHost.get(host)! - 1);
    const m = req.url?.match(/^\/p(\d+)$/);
    if (m && Number(m[1]) % 3 === 0) {
      res.writeHead(301, { location: `/p${m[1]}/` });
      return void res.end();
    }
    res.writeHead(Number(m?.[1]) % 17 === 5 ? 404 : 200, { 'content-type': 'text/html' });
    res.end();
  });
  const fetchImpl = resolverFetch(site.port, ['*.example']);
  const urls = Array.from({ length: 200 }, (_, i) => `https://site${i % 20}.example/p${i}`);
  const runs: number[] = [];
  let broken = 0;
  for (let run = 0; run < 3; run++) {
    requests = 0;
    const net = createNet({ fetch: fetchImpl });
    const t = performance.now();
    const results = await checkLinks(urls, { net, parse, pageUrl: 'https://blog.example/post' });
    runs.push(performance.now() - t);
    broken = [...results.values()].filter((r) => r.flags.includes('client-error')).length;
  }
  await fetchImpl.agent.close();
  site.server.close();
  const median = [...runs].sort((a, b) => a - b)[1]!;
  const floor = (requests * 20) / NET_DEFAULTS.global;
  return [
    `Check links: 200 links on 20 hosts, each answer 20 ms, 1 in 3 redirects once (${requests} requests; ${broken} broken found):`,
    `  wall ${median.toFixed(0)} ms (median of 3; runs ${runs.map((r) => r.toFixed(0)).join(', ')}), floor at 6 at once ${floor.toFixed(0)} ms; most at once ${maxRunning} overall, ${maxPerHost} per host`,
  ];
}

export async function benchNet(): Promise<string> {
  return [...(await hostileTarget()), '', ...(await checkLinksWallTime())].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchNet());
