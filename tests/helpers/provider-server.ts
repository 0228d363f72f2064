/**
 * A local HTTP server that answers like the three strength providers, in their documented shapes
 * (lib/background/strength/*.ts), including their error answers. Nothing reaches the internet:
 * clients go through the fetch module with a resolver that maps their API host to `server.port`
 * (tests/helpers/net.ts), so the fetch policy runs as shipped.
 *
 * Keys: 'good-key-1234' works; 'quota-key-1234' gets the provider's quota answer; 'bad-in-body'
 * gets Open PageRank's in-body refusal; anything else is refused the provider's way.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The providers' values for the test domains (others are unknown to them). */
export const KNOWN: Record<string, { opr: number; dr: number; da: number }> = {
  'wikipedia.org': { opr: 7.6, dr: 93, da: 96 },
  'garden.example': { opr: 3.1, dr: 41, da: 35 },
  'seeds.example': { opr: 2.2, dr: 18, da: 12 },
};

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ProviderServer {
  url: string;
  port: number;
  seen: Seen[];
  /** Answers to send instead of the normal ones, by path prefix (one each, in order). */
  script: Map<string, { status: number; body: string; headers?: Record<string, string> }[]>;
  close(): Promise<void>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

function openPageRank(q: URLSearchParams, key: string | undefined) {
  if (key === 'bad-in-body') return json(200, { status_code: 401, error: 'Invalid API Key' });
  if (key === 'quota-key-1234') return json(429, { status_code: 429, error: 'Rate limit exceeded' });
  if (key !== 'good-key-1234') return json(401, { status_code: 401, error: 'Missing or invalid API key' });
  const domains = q.getAll('domains[]');
  return json(200, {
    status_code: 200,
    response: domains.map((domain, i) =>
      KNOWN[domain]
        ? { status_code: 200, error: '', page_rank_integer: Math.round(KNOWN[domain]!.opr), page_rank_decimal: KNOWN[domain]!.opr, rank: String(100 + i), domain }
        : { status_code: 404, error: 'Domain not found', page_rank_integer: 0, page_rank_decimal: 0, rank: null, domain },
    ),
    last_updated: '1st Aug 2026',
  });
}

function ahrefs(q: URLSearchParams, auth: string | undefined) {
  if (!auth) return json(403, { error: 'Forbidden' });
  if (auth === 'Bearer quota-key-1234') return json(429, { error: 'Too many requests' }, { 'retry-after': '120' });
  if (auth !== 'Bearer good-key-1234') return json(401, { error: 'Unauthorized' });
  const target = q.get('target') ?? '';
  return json(200, { domain_rating: { domain_rating: KNOWN[target]?.dr ?? 0 } });
}

function moz(body: string, token: string | undefined) {
  let req: { id?: string; method?: string; params?: { data?: { site_queries?: { query: string; scope: string }[] } } };
  try {
    req = JSON.parse(body);
  } catch {
    return json(400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  }
  if (token === 'quota-key-1234') return json(200, { jsonrpc: '2.0', id: req.id, error: { code: -32029, message: 'Quota exceeded for this period' } });
  if (token !== 'good-key-1234') return json(401, { jsonrpc: '2.0', id: req.id, error: { code: -32001, message: 'Unauthorized: invalid token' } });
  if (req.method !== 'data.site.metrics.fetch.multiple') return json(200, { jsonrpc: '2.0', id: req.id, error: { code: -32601, message: 'Method not found' } });
  const queries = req.params?.data?.site_queries ?? [];
  return json(200, {
    jsonrpc: '2.0',
    id: req.id,
    result: {
      results_by_site: queries
        .filter((q) => KNOWN[q.query])
        .map((q) => ({ site_query: { query: q.query, scope: q.scope }, site_metrics: { domain_authority: KNOWN[q.query]!.da, page_authority: 50, spam_score: 1 } })),
      errors_by_site: queries.filter((q) => !KNOWN[q.query]).map((q) => ({ site_query: q, error: { code: 'not-found', message: 'No data' } })),
    },
  });
}

export async function startProviderServer(): Promise<ProviderServer> {
  const seen: Seen[] = [];
  const script = new Map<string, { status: number; body: string; headers?: Record<string, string> }[]>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://localhost');
      seen.push({ method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body });
      if (u.pathname.startsWith('/hang')) return; // never answers
      const scripted = [...script].find(([prefix]) => u.pathname.startsWith(prefix))?.[1].shift();
      const a = scripted
        ? { status: scripted.status, body: scripted.body, headers: scripted.headers ?? { 'content-type': 'application/json' } }
        : u.pathname === '/api/v1.0/getPageRank' && req.method === 'GET'
          ? openPageRank(u.searchParams, req.headers['api-opr'] as string | undefined)
          : u.pathname === '/v3/public/domain-rating-free' && req.method === 'GET'
            ? ahrefs(u.searchParams, req.headers.authorization)
            : u.pathname === '/jsonrpc' && req.method === 'POST'
              ? moz(body, req.headers['x-moz-token'] as string | undefined)
              : json(404, { error: 'not found' });
      res.writeHead(a.status, a.headers);
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
