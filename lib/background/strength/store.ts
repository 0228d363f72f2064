/**
 * What the provider layer keeps (IndexedDB `site-strength`, the extension's own origin, which no
 * page or content script can open — so the user's keys stay out of their reach):
 *
 *   values  [provider, domain] → { value | null, fetchedAt }   expiry: 30 days (PROVIDER_CACHE_MS)
 *   keys    provider → { key, savedAt }
 *   status  provider → the last call's outcome (shown per provider in the options page)
 *
 * An in-memory store with the same interface serves the tests.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { StrengthProvider } from '../../report';
import type { ProviderErrorCode } from './types';

export const DB_NAME = 'site-strength';
export const PROVIDER_CACHE_MS = 30 * 24 * 3600_000;

export interface CachedValue {
  provider: StrengthProvider;
  domain: string;
  /** null: the provider has no value for the domain (remembered too, so it is not asked again). */
  value: number | null;
  fetchedAt: number;
}

export interface StoredStatus {
  provider: StrengthProvider;
  state: 'ok' | 'error';
  code: ProviderErrorCode | null;
  message: string | null;
  at: number;
  /** After 'quota': not before this time (epoch ms). */
  retryAt: number | null;
}

export interface StrengthStore {
  values(provider: StrengthProvider, domains: string[]): Promise<CachedValue[]>;
  putValues(values: CachedValue[]): Promise<void>;
  key(provider: StrengthProvider): Promise<string | null>;
  setKey(provider: StrengthProvider, key: string | null): Promise<void>;
  status(provider: StrengthProvider): Promise<StoredStatus | null>;
  setStatus(status: StoredStatus | { provider: StrengthProvider; clear: true }): Promise<void>;
}

export function idbStrengthStore(name = DB_NAME): StrengthStore {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore('values', { keyPath: ['provider', 'domain'] });
        d.createObjectStore('keys', { keyPath: 'provider' });
        d.createObjectStore('status', { keyPath: 'provider' });
      },
    }));
  return {
    async values(provider, domains) {
      const tx = (await open()).transaction('values');
      const found = await Promise.all(domains.map((d) => tx.store.get([provider, d]) as Promise<CachedValue | undefined>));
      return found.filter((v): v is CachedValue => !!v);
    },
    async putValues(values) {
      const tx = (await open()).transaction('values', 'readwrite');
      await Promise.all([...values.map((v) => tx.store.put(v)), tx.done]);
    },
    async key(provider) {
      const r = (await (await open()).get('keys', provider)) as { key?: unknown } | undefined;
      return typeof r?.key === 'string' ? r.key : null;
    },
    async setKey(provider, key) {
      const d = await open();
      if (key === null) await d.delete('keys', provider);
      else await d.put('keys', { provider, key, savedAt: Date.now() });
    },
    async status(provider) {
      return ((await (await open()).get('status', provider)) as StoredStatus | undefined) ?? null;
    },
    async setStatus(status) {
      const d = await open();
      if ('clear' in status) await d.delete('status', status.provider);
      else await d.put('status', status);
    },
  };
}

export function memoryStrengthStore(): StrengthStore & { cached: Map<string, CachedValue> } {
  const cached = new Map<string, CachedValue>();
  const keys = new Map<string, string>();
  const statuses = new Map<string, StoredStatus>();
  return {
    cached,
    async values(provider, domains) {
      return domains.map((d) => cached.get(`${provider} ${d}`)).filter((v): v is CachedValue => !!v);
    },
    async putValues(values) {
      for (const v of values) cached.set(`${v.provider} ${v.domain}`, v);
    },
    async key(provider) {
      return keys.get(provider) ?? null;
    },
    async setKey(provider, key) {
      if (key === null) keys.delete(provider);
      else keys.set(provider, key);
    },
    async status(provider) {
      return statuses.get(provider) ?? null;
    },
    async setStatus(status) {
      if ('clear' in status) statuses.delete(status.provider);
      else statuses.set(status.provider, status);
    },
  };
}
