/**
 * The background's strength providers: the browser's fetch (no cookies, no referrer), the
 * IndexedDB store, host permission per provider API; the messages the options page sends; and the
 * domains of a page worth asking about.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '../../messaging';
import { isFromExtensionPage, type ProviderStatus } from '../../protocol';
import type { LinkData } from '../../types';
import type { StrengthProvider } from '../../report';
import { isProviderId, PROVIDERS } from '../../strength-sources';
import { createStrengthProviders, type StrengthProviders } from './providers';
import { idbStrengthStore } from './store';
import type { FetchLike } from './types';

export { createStrengthProviders } from './providers';

// TODO(net): once lib/background/net (the one bounded fetch) takes request headers and POST
// bodies, route provider calls through it; until then they use the browser's fetch directly,
// only to the three fixed API origins the user granted.
const browserFetch: FetchLike = (url, init) => fetch(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'error' });

let instance: StrengthProviders | null = null;

export function strengthProviders(): StrengthProviders {
  return (instance ??= createStrengthProviders({
    fetch: browserFetch,
    store: idbStrengthStore(),
    hasAccess: (p) => browser.permissions.contains({ origins: [PROVIDERS[p].origin] }),
  }));
}

/** Tests start from a clean state. */
export function forgetStrengthProviders(): void {
  instance = null;
}

/** A registrable domain a provider could know (not an IP address, not a bare label). */
const isSiteDomain = (d: string | null): d is string => !!d && d.includes('.') && !/^[\d.]+$/.test(d) && !d.includes(':');

/** The page's own domain first, then its external targets, most linked first (at most `max`). */
export function providerDomains(pageDomain: string | null, links: Pick<LinkData, 'kind' | 'domain' | 'internal'>[], max = 500): string[] {
  const counts = new Map<string, number>();
  for (const l of links) {
    if (l.kind !== 'http' || l.internal || !isSiteDomain(l.domain) || l.domain === pageDomain) continue;
    counts.set(l.domain, (counts.get(l.domain) ?? 0) + 1);
  }
  const targets = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d]) => d);
  return (isSiteDomain(pageDomain) ? [pageDomain, ...targets] : targets).slice(0, max);
}

const MAX_KEY_CHARS = 600;

/** The options page's messages: statuses, connect, disconnect (extension pages only). */
export function registerStrengthMessages(extensionOrigin: string): void {
  const refused = (provider: StrengthProvider): ProviderStatus => ({ provider, connected: false, keyHint: null, state: 'error', code: null, message: 'Invalid request.', at: null });
  onMessage('providerStatuses', ({ sender }) => (isFromExtensionPage(sender, extensionOrigin) ? strengthProviders().statuses() : []));
  onMessage('connectProvider', ({ data, sender }) => {
    if (!data || !isProviderId(data.provider)) return refused('openpagerank');
    if (!isFromExtensionPage(sender, extensionOrigin) || typeof data.key !== 'string' || data.key.length > MAX_KEY_CHARS) return refused(data.provider);
    return strengthProviders().connect(data.provider, data.key);
  });
  onMessage('disconnectProvider', ({ data, sender }) => {
    if (!data || !isProviderId(data.provider)) return refused('openpagerank');
    if (!isFromExtensionPage(sender, extensionOrigin)) return refused(data.provider);
    return strengthProviders().disconnect(data.provider);
  });
}
