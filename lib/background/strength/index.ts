/**
 * The background's strength providers: the one bounded fetch module (no cookies, no referrer), the
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
import { tableName } from '../../analysis/strength/lookup';
import { registrableDomain } from '../../domain';
import { idbStrengthStore } from './store';
import { providerFetch } from './through-net';
import { backgroundNet } from '../net';

export { createStrengthProviders } from './providers';


let instance: StrengthProviders | null = null;

export function strengthProviders(): StrengthProviders {
  return (instance ??= createStrengthProviders({
    // Through the one bounded fetch module, like every network read (its limiter, policy and caps).
    fetch: providerFetch({ fetch: (url, options) => backgroundNet().fetch(url, options) }),
    store: idbStrengthStore(),
    hasAccess: (p) => browser.permissions.contains({ origins: [PROVIDERS[p].origin] }),
  }));
}

/** Tests start from a clean state. */
export function forgetStrengthProviders(): void {
  instance = null;
}

/**
 * The registrable domain to ask providers about, recomputed here from the host (the page's
 * content script sent it: it is not trusted), or null for IPs, single labels and junk.
 */
function siteDomainOf(host: string | null): string | null {
  const name = host ? tableName(host) : null;
  const domain = name ? registrableDomain(name) : null;
  return domain && domain.includes('.') ? domain : null;
}

/** The page's own domain first, then its external targets, most linked first (at most `max`). */
export function providerDomains(pageHost: string | null, links: Pick<LinkData, 'kind' | 'host'>[], max = 500): string[] {
  const own = siteDomainOf(pageHost);
  const counts = new Map<string, number>();
  for (const l of links) {
    const domain = l.kind === 'http' ? siteDomainOf(l.host) : null;
    if (!domain || domain === own) continue;
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  const targets = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d]) => d);
  return (own ? [own, ...targets] : targets).slice(0, max);
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
