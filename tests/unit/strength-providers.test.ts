/**
 * The user's own provider keys: each client against a local server answering in the provider's
 * documented shape (tests/helpers/provider-server.ts), batching, pacing, the 30-day cache, and
 * every error a provider gives — shown per provider, never thrown.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { ahrefsClient } from '@/lib/background/strength/ahrefs';
import { mozClient } from '@/lib/background/strength/moz';
import { openPageRankClient } from '@/lib/background/strength/open-pagerank';
import { createPacer, type Clock } from '@/lib/background/strength/pace';
import { createStrengthProviders, type ProvidersEnv } from '@/lib/background/strength/providers';
import { idbStrengthStore, memoryStrengthStore, PROVIDER_CACHE_MS } from '@/lib/background/strength/store';
import { ProviderError, type FetchLike } from '@/lib/background/strength/types';
import type { StrengthProvider } from '@/lib/report';
import { startProviderServer, type ProviderServer } from '../helpers/provider-server';
import { resolverFetch } from '../helpers/net';
import { createNet } from '@/lib/background/net/fetch';
import { providerFetch } from '@/lib/background/strength/through-net';

/** The providers' API, reached under a public-looking name mapped to the local server (docs/net.md). */
const API = 'https://rank-api.example';
let server: ProviderServer;
let resolver: ReturnType<typeof resolverFetch>;
let fetchLike: FetchLike;
beforeAll(async () => {
  server = await startProviderServer();
  resolver = resolverFetch(server.port, ['rank-api.example']);
  // Through the one bounded fetch module, as in the extension: no special case in its policy.
  fetchLike = providerFetch(createNet({ fetch: resolver }));
});
afterAll(async () => {
  await resolver.agent.close();
  await server.close();
});
beforeEach(() => {
  server.seen.length = 0;
  server.script.clear();
});

const GOOD = 'good-key-1234';

/** A clock that moves only when slept on, and remembers every wait. */
function fakeClock(start = Date.UTC(2026, 7, 1)) {
  const sleeps: number[] = [];
  let t = start;
  const clock: Clock & { sleeps: number[]; advance(ms: number): void } = {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
  return clock;
}

function setup(over: Partial<ProvidersEnv> = {}, base = API) {
  const store = memoryStrengthStore();
  const clock = fakeClock();
  const providers = createStrengthProviders({
    fetch: fetchLike,
    store,
    clock,
    clients: { openpagerank: openPageRankClient(base), ahrefs: ahrefsClient(base), moz: mozClient(base) },
    ...over,
  });
  return { providers, store, clock };
}

async function connectOnly(p: ReturnType<typeof setup>, provider: StrengthProvider, key = GOOD) {
  await p.store.setKey(provider, key);
  return p;
}

const domains = (n: number) => Array.from({ length: n }, (_, i) => `site${i}.example`);
const requests = (path: string) => server.seen.filter((s) => s.path === path);

describe('Open PageRank client', () => {
  it('asks for up to 100 domains per request with the API-OPR header', async () => {
    const p = await connectOnly(setup(), 'openpagerank');
    const list = ['wikipedia.org', 'garden.example', ...domains(148)];
    expect(await p.providers.refresh(list)).toEqual({ fetched: 150 });
    const reqs = requests('/api/v1.0/getPageRank');
    expect(reqs.map((r) => r.query.getAll('domains[]').length)).toEqual([100, 50]);
    expect(reqs.every((r) => r.headers['api-opr'] === GOOD)).toBe(true);
    expect(await p.providers.cachedValues(['wikipedia.org', 'garden.example', 'site0.example'])).toEqual({
      'wikipedia.org': [{ provider: 'openpagerank', value: 7.6, domain: 'wikipedia.org', fetchedAt: '2026-08-01T00:00:00.000Z' }],
      'garden.example': [expect.objectContaining({ provider: 'openpagerank', value: 3.1 })],
    });
    // Unknown domains (404 inside the answer) are remembered too: nothing is asked again.
    expect(await p.providers.refresh(list)).toEqual({ fetched: 0 });
    expect(requests('/api/v1.0/getPageRank')).toHaveLength(2);
  });

  it('ignores values for domains it was not asked about', async () => {
    server.script.set('/api/v1.0/getPageRank', [
      { status: 200, body: JSON.stringify({ status_code: 200, response: [{ status_code: 200, page_rank_decimal: 9.9, domain: 'evil.example' }, { status_code: 200, page_rank_decimal: 11, domain: 'garden.example' }] }) },
    ]);
    const answers = await openPageRankClient(API).fetchBatch(['garden.example'], GOOD, fetchLike);
    // evil.example was not asked for; 11 is outside Open PageRank's 0–10.
    expect([...answers]).toEqual([['garden.example', null]]);
  });
});

describe('Ahrefs client', () => {
  it('asks one domain per request with a bearer key, paced and capped per page', async () => {
    const p = await connectOnly(setup(), 'ahrefs');
    await p.providers.refresh(['wikipedia.org', ...domains(30)]);
    const reqs = requests('/v3/public/domain-rating-free');
    expect(reqs).toHaveLength(20); // perPage: the page's own site and its most linked targets first
    expect(reqs[0]!.query.get('target')).toBe('wikipedia.org');
    expect(reqs[0]!.query.get('output')).toBe('json');
    expect(reqs[0]!.headers.authorization).toBe(`Bearer ${GOOD}`);
    // At least a second between two requests: 19 waits of 1,000 ms (the fake clock only moves when slept on).
    expect(p.clock.sleeps).toEqual(Array(19).fill(1000));
    expect((await p.providers.cachedValues(['wikipedia.org']))['wikipedia.org']).toEqual([expect.objectContaining({ provider: 'ahrefs', value: 93 })]);
  });

  it('reads 403 without a key as a refused key', async () => {
    const noKey: FetchLike = (url, init) => fetchLike(url, { ...init, headers: {} });
    await expect(ahrefsClient(API).fetchBatch(['wikipedia.org'], GOOD, noKey)).rejects.toMatchObject({ code: 'bad-key', message: 'Ahrefs refused the key (HTTP 403).' });
  });
});

describe('Moz client', () => {
  it('sends one JSON-RPC batch of up to 50 domain queries with the token header', async () => {
    const p = await connectOnly(setup(), 'moz');
    await p.providers.refresh(['wikipedia.org', 'seeds.example', ...domains(60)]);
    const reqs = requests('/jsonrpc');
    expect(reqs).toHaveLength(1); // perPage 50: every domain costs the user a row of quota
    const body = JSON.parse(reqs[0]!.body);
    expect(body).toMatchObject({ jsonrpc: '2.0', method: 'data.site.metrics.fetch.multiple' });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.params.data.site_queries).toHaveLength(50);
    expect(body.params.data.site_queries[0]).toEqual({ query: 'wikipedia.org', scope: 'domain' });
    expect(reqs[0]!.headers['x-moz-token']).toBe(GOOD);
    expect(reqs[0]!.headers['content-type']).toBe('application/json');
    const values = await p.providers.cachedValues(['wikipedia.org', 'seeds.example', 'site0.example']);
    expect(values['wikipedia.org']).toEqual([expect.objectContaining({ provider: 'moz', value: 96 })]);
    expect(values['seeds.example']).toEqual([expect.objectContaining({ value: 12 })]);
    expect(values['site0.example']).toBeUndefined();
  });
});

describe('errors, per provider, never fatal', () => {
  it('a refused key: the status says so, and the provider is not called again until a new key', async () => {
    for (const [provider, key, path] of [
      ['openpagerank', 'wrong-key-1234', '/api/v1.0/getPageRank'],
      ['openpagerank', 'bad-in-body', '/api/v1.0/getPageRank'],
      ['ahrefs', 'wrong-key-1234', '/v3/public/domain-rating-free'],
      ['moz', 'wrong-key-1234', '/jsonrpc'],
    ] as const) {
      server.seen.length = 0;
      const p = await connectOnly(setup(), provider, key);
      expect(await p.providers.refresh(['wikipedia.org'])).toEqual({ fetched: 0 });
      const status = (await p.providers.statuses()).find((s) => s.provider === provider)!;
      expect(status, `${provider} ${key}`).toMatchObject({ connected: true, state: 'error', code: 'bad-key' });
      await p.providers.refresh(['garden.example']);
      expect(requests(path), `${provider} ${key}`).toHaveLength(1);
    }
  });

  it('a quota answer pauses the provider until the time it gave', async () => {
    const p = await connectOnly(setup(), 'ahrefs', 'quota-key-1234');
    await p.providers.refresh(['wikipedia.org', 'garden.example']);
    const status = (await p.providers.statuses()).find((s) => s.provider === 'ahrefs')!;
    expect(status).toMatchObject({ state: 'error', code: 'quota', message: 'Ahrefs: quota or rate limit reached (HTTP 429).' });
    expect((await p.store.status('ahrefs'))!.retryAt).toBe(p.clock.now() + 120_000);
    expect(requests('/v3/public/domain-rating-free')).toHaveLength(1); // the rest of the page waits
    await p.providers.refresh(['garden.example']);
    expect(requests('/v3/public/domain-rating-free')).toHaveLength(1);
    p.clock.advance(121_000);
    await p.providers.refresh(['garden.example']);
    expect(requests('/v3/public/domain-rating-free')).toHaveLength(2);
  });

  it('quota in a JSON-RPC error (Moz) and in a 429 (Open PageRank)', async () => {
    const moz = await connectOnly(setup(), 'moz', 'quota-key-1234');
    await moz.providers.refresh(['wikipedia.org']);
    expect((await moz.providers.statuses()).find((s) => s.provider === 'moz')).toMatchObject({ code: 'quota', message: 'Moz: Quota exceeded for this period.' });
    const opr = await connectOnly(setup(), 'openpagerank', 'quota-key-1234');
    await opr.providers.refresh(['wikipedia.org']);
    expect((await opr.providers.statuses()).find((s) => s.provider === 'openpagerank')).toMatchObject({ code: 'quota' });
  });

  it('offline: no server, or one that never answers (timeout)', async () => {
    // A name that does not resolve (the resolver maps rank-api.example only).
    const down = await connectOnly(setup({}, 'https://down-api.example'), 'openpagerank');
    expect(await down.providers.refresh(['wikipedia.org'])).toEqual({ fetched: 0 });
    expect((await down.providers.statuses()).find((s) => s.provider === 'openpagerank')).toMatchObject({ code: 'offline', message: expect.stringMatching(/^Could not reach Open PageRank/) });

    const hanging = await connectOnly(setup({ timeoutMs: 300 }, `${API}/hang`), 'moz');
    await hanging.providers.refresh(['wikipedia.org']);
    expect((await hanging.providers.statuses()).find((s) => s.provider === 'moz')).toMatchObject({ code: 'offline', message: 'Moz did not answer within 300 ms.' });
    // Offline is not remembered against the provider: the next page tries again.
    await hanging.providers.refresh(['wikipedia.org']);
    expect(server.seen.filter((s) => s.path.startsWith('/hang'))).toHaveLength(2);
  });

  it('answers out of the documented shape, and server errors', async () => {
    server.script.set('/v3/public/domain-rating-free', [
      { status: 200, body: '<html>maintenance</html>' },
      { status: 200, body: '{"rating": 5}' },
      { status: 500, body: '{"error":"internal"}' },
    ]);
    const c = ahrefsClient(API);
    await expect(c.fetchBatch(['a.example'], GOOD, fetchLike)).rejects.toMatchObject({ code: 'bad-response', message: 'Ahrefs sent an answer that is not JSON.' });
    await expect(c.fetchBatch(['a.example'], GOOD, fetchLike)).rejects.toMatchObject({ code: 'bad-response' });
    await expect(c.fetchBatch(['a.example'], GOOD, fetchLike)).rejects.toMatchObject({ code: 'http', message: 'Ahrefs answered HTTP 500.' });
  });

  it('no host permission for the API: nothing is sent and the status says how to fix it', async () => {
    const p = await connectOnly(setup({ hasAccess: async () => false }), 'openpagerank');
    await p.providers.refresh(['wikipedia.org']);
    expect(server.seen).toHaveLength(0);
    expect((await p.providers.statuses()).find((s) => s.provider === 'openpagerank')).toMatchObject({
      code: 'no-access',
      message: 'No access to https://openpagerank.com: connect Open PageRank again to allow it.',
    });
  });

  it('a fetch that throws anything at all still resolves', async () => {
    const p = await connectOnly(setup({ fetch: () => Promise.reject(new Error('boom')) }), 'moz');
    await expect(p.providers.refresh(['wikipedia.org'])).resolves.toEqual({ fetched: 0 });
  });
});

describe('through the one fetch module', () => {
  it('a local API address is refused before anything is sent', async () => {
    await expect(openPageRankClient(server.url).fetchBatch(['wikipedia.org'], GOOD, fetchLike)).rejects.toMatchObject({ code: 'http', message: expect.stringMatching(/non-public|refused/) });
    expect(server.seen).toHaveLength(0);
  });

  it('a redirect is not followed: the key never leaves for another host', async () => {
    server.script.set('/api/v1.0/getPageRank', [{ status: 302, body: '', headers: { location: 'https://collector.example/steal' } }]);
    await expect(openPageRankClient(API).fetchBatch(['wikipedia.org'], GOOD, fetchLike)).rejects.toMatchObject({ code: 'http' });
    expect(server.seen.map((r) => r.path)).toEqual([expect.stringMatching(/^\/api\/v1\.0\/getPageRank/)]);
  });

  it('an answer past the cap is cut and called what it is', async () => {
    server.script.set('/v3/public/domain-rating-free', [{ status: 200, body: `{"domain_rating":{"domain_rating":5},"pad":"${'x'.repeat(2_100_000)}"}` }]);
    await expect(ahrefsClient(API).fetchBatch(['a.example'], GOOD, fetchLike)).rejects.toMatchObject({ code: 'bad-response', message: expect.stringMatching(/too large/) });
  });
});

describe('cache', () => {
  it('keeps values 30 days, then asks again', async () => {
    const p = await connectOnly(setup(), 'openpagerank');
    await p.providers.refresh(['wikipedia.org']);
    p.clock.advance(PROVIDER_CACHE_MS - 1000);
    expect(await p.providers.refresh(['wikipedia.org'])).toEqual({ fetched: 0 });
    expect(Object.keys(await p.providers.cachedValues(['wikipedia.org']))).toEqual(['wikipedia.org']);
    p.clock.advance(2000);
    expect(await p.providers.cachedValues(['wikipedia.org'])).toEqual({});
    expect(await p.providers.refresh(['wikipedia.org'])).toEqual({ fetched: 1 });
    expect(requests('/api/v1.0/getPageRank')).toHaveLength(2);
  });

  it('shows values of connected providers only', async () => {
    const p = await connectOnly(setup(), 'openpagerank');
    await p.providers.refresh(['wikipedia.org']);
    await p.providers.disconnect('openpagerank');
    expect(await p.providers.cachedValues(['wikipedia.org'])).toEqual({});
  });

  it('IndexedDB store: values, keys and statuses persist in the extension origin', async () => {
    globalThis.indexedDB = new IDBFactory();
    const store = idbStrengthStore('site-strength-test');
    await store.putValues([{ provider: 'moz', domain: 'garden.example', value: 35, fetchedAt: 1 }]);
    await store.setKey('moz', GOOD);
    await store.setStatus({ provider: 'moz', state: 'ok', code: null, message: 'fine', at: 2, retryAt: null });
    const again = idbStrengthStore('site-strength-test');
    expect(await again.values('moz', ['garden.example', 'x.example'])).toEqual([{ provider: 'moz', domain: 'garden.example', value: 35, fetchedAt: 1 }]);
    expect(await again.key('moz')).toBe(GOOD);
    expect(await again.status('moz')).toMatchObject({ message: 'fine' });
    await again.setKey('moz', null);
    expect(await again.key('moz')).toBeNull();
  });
});

describe('connect', () => {
  it('saves the key and tries it once, saying what it found', async () => {
    const p = setup();
    const status = await p.providers.connect('ahrefs', `  ${GOOD}  `);
    expect(status).toEqual({ provider: 'ahrefs', connected: true, keyHint: '…1234', state: 'ok', code: null, message: 'Key works: wikipedia.org has Domain Rating by Ahrefs 93.', at: p.clock.now() });
    expect(await p.store.key('ahrefs')).toBe(GOOD);
    expect(await p.providers.anyConnected()).toBe(true);
  });

  it('a refused key is reported at once; a new key clears the old verdict', async () => {
    const p = setup();
    expect(await p.providers.connect('moz', 'wrong-key-1234')).toMatchObject({ connected: true, state: 'error', code: 'bad-key', message: 'Moz refused the key (HTTP 401).' });
    expect(await p.providers.connect('moz', GOOD)).toMatchObject({ state: 'ok', code: null });
  });

  it('refuses what cannot be a key without saving it', async () => {
    const p = setup();
    for (const key of ['', 'short', 'has spaces in it', 'x'.repeat(600), 'line\nbreak-1234']) {
      expect(await p.providers.connect('openpagerank', key)).toMatchObject({ connected: false, code: 'bad-key' });
    }
    expect(server.seen).toHaveLength(0);
    expect(await p.providers.anyConnected()).toBe(false);
  });
});

describe('pacer', () => {
  it('runs one request at a time per provider, spaced by the gap, providers independent', async () => {
    const clock = fakeClock();
    const pacer = createPacer(clock);
    const starts: [string, number][] = [];
    const task = (name: string) => async () => {
      starts.push([name, clock.now()]);
    };
    await Promise.all([pacer.run('a', 1000, task('a1')), pacer.run('a', 1000, task('a2')), pacer.run('b', 5000, task('b1')), pacer.run('a', 1000, task('a3'))]);
    const t0 = starts[0]![1];
    const a = starts.filter(([n]) => n.startsWith('a')).map(([, t]) => t - t0);
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(1000);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(1000);
    expect(starts.map(([n]) => n)).toContain('b1');
    // A failing task does not block the next one.
    await expect(pacer.run('a', 0, async () => Promise.reject(new ProviderError('offline', 'x')))).rejects.toThrow('x');
    await expect(pacer.run('a', 0, async () => 7)).resolves.toBe(7);
  });
});
