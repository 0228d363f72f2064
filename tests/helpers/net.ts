/**
 * Network tests without the internet: a local HTTP server, and a `fetch` that reaches it under
 * public-looking names — like Chromium's `--host-resolver-rules="MAP *.example 127.0.0.1"` — so
 * the fetch module's policy runs exactly as shipped. Names not mapped answer like NXDOMAIN.
 *
 * `browserLike(fetch, hub)` adds what extensions see in Chrome MV3 and Firefox MV2: a manual
 * redirect comes back opaque (status 0, no headers), and the status and Location arrive
 * separately, a moment later, as webRequest events do.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Observation } from '../../lib/background/net/observer.ts';

export interface SeenRequest {
  method: string;
  host: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  port: number;
  /** Every request that reached the server, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void | Promise<void>;

export async function startServer(handler: Handler): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    seen.push({ method: req.method ?? 'GET', host: url.hostname, path: url.pathname + url.search, headers: req.headers });
    Promise.resolve(handler(req, res, url)).catch((e) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fetch that connects every host in `hosts` (exact names, or `*.suffix`) to the local server
 * (or, given a function, to the port it picks per name), whatever the scheme and port (https is
 * served as plain HTTP: the resolver rule also stands in for TLS), and fails every other name the
 * way a DNS miss does.
 */
export function resolverFetch(port: number | ((name: string) => number), hosts: string[]): typeof fetch & { agent: Agent } {
  const mapped = (name: string) => hosts.some((h) => (h.startsWith('*.') ? name.endsWith(h.slice(1)) : name === h));
  const portFor = typeof port === 'number' ? () => port : port;
  const agent = new Agent({
    connect: (opts, callback) => {
      const name = opts.hostname.replace(/^\[|\]$/g, '');
      if (!mapped(name)) {
        const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: name });
        setImmediate(() => callback(err, null));
        return;
      }
      const socket = net.connect({ host: '127.0.0.1', port: portFor(name) });
      socket.once('connect', () => callback(null, socket));
      socket.once('error', (e) => callback(e, null));
    },
  });
  const f = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher: agent } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>) as typeof fetch & { agent: Agent };
  f.agent = agent;
  return f;
}

/** What a browser extension gets: opaque manual redirects, heads and errors reported apart (webRequest). */
export function browserLike(inner: typeof fetch, report: (method: string, url: string, o: Observation) => void): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    let res: Response;
    try {
      res = await inner(input, init);
    } catch (e) {
      const code = (e as { cause?: { code?: string } })?.cause?.code;
      // Like Firefox: the event lands after the fetch has settled.
      setTimeout(() => report(method, url, { error: code === 'ENOTFOUND' ? 'net::ERR_NAME_NOT_RESOLVED' : 'net::ERR_CONNECTION_REFUSED' }), 5);
      throw new TypeError('Failed to fetch');
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const location = res.headers.get('location');
    const redirect = res.status >= 300 && res.status < 400 && location !== null && init?.redirect === 'manual';
    setTimeout(() => report(method, url, { head: { status: res.status, headers, redirectUrl: redirect ? new URL(location, url).href : null } }), 5);
    if (!redirect) return res;
    await res.body?.cancel();
    // The opaque-redirect filtered response of the Fetch standard.
    return { type: 'opaqueredirect', status: 0, ok: false, redirected: false, url, headers: new Headers(), body: null } as unknown as Response;
  }) as typeof fetch;
}

/**
 * Names the test resolver connects to the local server: public-looking `*.example` (RFC 2606; the
 * policy has no exception for it) and the local names and addresses a real machine reaches too,
 * so a test that expects them refused fails if the policy lets them through.
 */
export const TEST_HOSTS = ['*.example', 'localhost', 'admin.localhost', 'printer.local', 'router', '127.0.0.1', '10.0.0.5', '192.168.1.1', '169.254.169.254', '::1', '::ffff:7f00:1'];

/** An HTML body of `bytes`, written as the socket drains: a reader that stops early stops it. */
export function streamBytes(res: http.ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'text/html' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < bytes) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}
