/**
 * Site strength from the providers the user connected with their own keys: cached values for a
 * report (fast, IndexedDB only), a refresh that asks the providers for what is missing (batched,
 * rate-limited, capped per page, never throws), and connect / disconnect with a test call.
 *
 *   const providers = createStrengthProviders({ fetch, store: idbStrengthStore() });
 *   const values = await providers.cachedValues(['example.com']);   // for completeReport
 *   const { fetched } = await providers.refresh(['example.com']);     // then re-finish if > 0
 *
 * After a refused key a provider is not called again until a new key is saved; after a quota
 * answer, not before the time it gave (or an hour). Every outcome is stored per provider for the
 * options page.
 */
import type { ProviderValue, StrengthProvider } from '../../report';
import type { ProviderStatus } from '../../protocol';
import { PROVIDER_IDS, PROVIDERS, providerText } from '../../strength-sources';
import { ahrefsClient } from './ahrefs';
import { mozClient } from './moz';
import { openPageRankClient } from './open-pagerank';
import { createPacer, realClock, type Clock } from './pace';
import { PROVIDER_CACHE_MS, type CachedValue, type StoredStatus, type StrengthStore } from './store';
import { ProviderError, type FetchLike, type ProviderClient } from './types';

export interface ProvidersEnv {
  fetch: FetchLike;
  store: StrengthStore;
  clock?: Clock;
  clients?: Partial<Record<StrengthProvider, ProviderClient>>;
  /** Does the extension hold the host permission for the provider's API? Default: yes. */
  hasAccess?: (provider: StrengthProvider) => Promise<boolean>;
  /** Per request. */
  timeoutMs?: number;
}

export const PROVIDER_DEFAULTS = {
  timeoutMs: 15_000,
  /** Without a Retry-After, a quota answer pauses the provider this long. */
  quotaPauseMs: 3600_000,
  /** The domain a new key is tried on. */
  testDomain: 'wikipedia.org',
};

/** Keys are printable ASCII without spaces (all three providers' keys and tokens are). */
export function checkKey(key: unknown): string | null {
  return typeof key === 'string' && /^[\x21-\x7e]{8,512}$/.test(key.trim()) ? key.trim() : null;
}

const keyHint = (key: string | null) => (key ? `…${key.slice(-4)}` : null);

export interface StrengthProviders {
  /** Connected providers' fresh cached values (no network), by domain. */
  cachedValues(domains: string[]): Promise<Record<string, ProviderValue[]>>;
  /** Asks connected providers for the domains they have no fresh value for; `fetched`: answers stored. */
  refresh(domains: string[]): Promise<{ fetched: number }>;
  connect(provider: StrengthProvider, key: string): Promise<ProviderStatus>;
  disconnect(provider: StrengthProvider): Promise<ProviderStatus>;
  statuses(): Promise<ProviderStatus[]>;
  /** Is any provider connected? (Kept in memory: inspections ask this every time.) */
  anyConnected(): Promise<boolean>;
}

export function createStrengthProviders(env: ProvidersEnv): StrengthProviders {
  const clock = env.clock ?? realClock;
  const pacer = createPacer(clock);
  const clients: Record<StrengthProvider, ProviderClient> = {
    openpagerank: env.clients?.openpagerank ?? openPageRankClient(),
    ahrefs: env.clients?.ahrefs ?? ahrefsClient(),
    moz: env.clients?.moz ?? mozClient(),
  };
  const timeoutMs = env.timeoutMs ?? PROVIDER_DEFAULTS.timeoutMs;
  const inflight = new Set<string>();
  let connectedCache: Promise<{ id: StrengthProvider; key: string }[]> | null = null;

  const connected = () =>
    (connectedCache ??= Promise.all(PROVIDER_IDS.map(async (id) => ({ id, key: await env.store.key(id).catch(() => null) }))).then(
      (all) => all.filter((p): p is { id: StrengthProvider; key: string } => !!p.key),
    ));

  const fresh = (v: CachedValue) => clock.now() - v.fetchedAt < PROVIDER_CACHE_MS;

  async function setStatus(provider: StrengthProvider, e: ProviderError | null, message: string | null = null) {
    const status: StoredStatus = e
      ? {
          provider,
          state: 'error',
          code: e.code,
          message: e.message,
          at: clock.now(),
          retryAt: e.code === 'quota' ? clock.now() + (e.retryAfterMs ?? PROVIDER_DEFAULTS.quotaPauseMs) : null,
        }
      : { provider, state: 'ok', code: null, message, at: clock.now(), retryAt: null };
    await env.store.setStatus(status).catch(() => undefined);
  }

  /** One batch through the pacer, with a timeout; network failures become 'offline'. */
  async function ask(client: ProviderClient, batch: string[], key: string): Promise<Map<string, number | null>> {
    return pacer.run(client.id, client.gapMs, async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        return await client.fetchBatch(batch, key, env.fetch, controller.signal);
      } catch (e) {
        if (e instanceof ProviderError) throw e;
        const name = PROVIDERS[client.id].name;
        throw new ProviderError(
          'offline',
          controller.signal.aborted ? `${name} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.` : `Could not reach ${name}: ${String((e as Error)?.message ?? e).slice(0, 200)}.`,
        );
      } finally {
        clearTimeout(timer);
      }
    });
  }

  async function store(provider: StrengthProvider, answers: Map<string, number | null>) {
    const at = clock.now();
    await env.store.putValues([...answers].map(([domain, value]) => ({ provider, domain, value, fetchedAt: at }))).catch(() => undefined);
  }

  /** May this provider be called now? Writes why not when it may not. */
  async function callable(provider: StrengthProvider): Promise<boolean> {
    const status = await env.store.status(provider).catch(() => null);
    if (status?.code === 'bad-key') return false;
    if (status?.code === 'quota' && status.retryAt !== null && status.retryAt > clock.now()) return false;
    if (env.hasAccess && !(await env.hasAccess(provider).catch(() => false))) {
      await setStatus(provider, new ProviderError('no-access', `No access to ${PROVIDERS[provider].origin.replace('/*', '')}: connect ${PROVIDERS[provider].name} again to allow it.`));
      return false;
    }
    return true;
  }

  async function refreshOne(id: StrengthProvider, key: string, domains: string[]): Promise<number> {
    if (!(await callable(id))) return 0;
    const client = clients[id];
    const have = new Set((await env.store.values(id, domains).catch(() => [])).filter(fresh).map((v) => v.domain));
    const missing = domains.filter((d) => !have.has(d) && !inflight.has(`${id} ${d}`)).slice(0, client.perPage);
    let fetched = 0;
    for (let i = 0; i < missing.length; i += client.batchSize) {
      const batch = missing.slice(i, i + client.batchSize);
      for (const d of batch) inflight.add(`${id} ${d}`);
      try {
        const answers = await ask(client, batch, key);
        await store(id, answers);
        fetched += answers.size;
        await setStatus(id, null);
      } catch (e) {
        // Whatever went wrong applies to the rest of this page's batches too.
        await setStatus(id, e instanceof ProviderError ? e : new ProviderError('bad-response', String(e)));
        break;
      } finally {
        for (const d of batch) inflight.delete(`${id} ${d}`);
      }
    }
    return fetched;
  }

  async function statusOf(provider: StrengthProvider): Promise<ProviderStatus> {
    const [key, s] = await Promise.all([env.store.key(provider).catch(() => null), env.store.status(provider).catch(() => null)]);
    return {
      provider,
      connected: !!key,
      keyHint: keyHint(key),
      state: s ? s.state : 'unused',
      code: s?.code ?? null,
      message: s?.message ?? null,
      at: s?.at ?? null,
    };
  }

  return {
    async cachedValues(domains) {
      const out: Record<string, ProviderValue[]> = {};
      for (const { id } of await connected()) {
        const values = await env.store.values(id, domains).catch(() => []);
        for (const v of values) {
          if (v.value === null || !fresh(v)) continue;
          (out[v.domain] ??= []).push({ provider: id, value: v.value, domain: v.domain, fetchedAt: new Date(v.fetchedAt).toISOString() });
        }
      }
      return out;
    },

    async refresh(domains) {
      const unique = [...new Set(domains)];
      if (!unique.length) return { fetched: 0 };
      const counts = await Promise.all((await connected()).map(({ id, key }) => refreshOne(id, key, unique).catch(() => 0)));
      return { fetched: counts.reduce((a, b) => a + b, 0) };
    },

    async connect(provider, rawKey) {
      const key = checkKey(rawKey);
      if (!key) {
        return { ...(await statusOf(provider)), state: 'error', code: 'bad-key', message: 'That does not look like a key: paste it without spaces.' };
      }
      await env.store.setKey(provider, key);
      await env.store.setStatus({ provider, clear: true });
      connectedCache = null;
      // One lookup tells the user at once whether the key works.
      const domain = PROVIDER_DEFAULTS.testDomain;
      if (await callable(provider)) {
        try {
          const answers = await ask(clients[provider], [domain], key);
          await store(provider, answers);
          const value = answers.get(domain);
          await setStatus(
            provider,
            null,
            value === null || value === undefined
              ? `Key works (${PROVIDERS[provider].name} has no value for ${domain}).`
              : `Key works: ${domain} has ${providerText({ provider, value, domain, fetchedAt: '' })}.`,
          );
        } catch (e) {
          await setStatus(provider, e instanceof ProviderError ? e : new ProviderError('bad-response', String(e)));
        }
      }
      return statusOf(provider);
    },

    async disconnect(provider) {
      await env.store.setKey(provider, null);
      await env.store.setStatus({ provider, clear: true });
      connectedCache = null;
      return statusOf(provider);
    },

    statuses: () => Promise.all(PROVIDER_IDS.map(statusOf)),

    async anyConnected() {
      return (await connected()).length > 0;
    },
  };
}
