/**
 * "My domains": the sites a user cares about (their own, clients', competitors'). Links to them
 * are pinned first, counted in the action badge and always kept in history.
 *
 * Stored in `storage.sync`, one item per domain (`myDomain:<domain>`), so each entry stays far
 * below the 8 KB per-item quota and edits made on two devices merge instead of overwriting.
 */
import { parse } from 'tldts';
import { browser } from 'wxt/browser';

export const MY_DOMAIN_PREFIX = 'myDomain:';
/** storage.sync allows 512 items; leave room for other settings. */
export const MAX_MY_DOMAINS = 300;
export const MAX_DESCRIPTION_LENGTH = 500;

export interface MyDomain {
  /** Lower-case hostname without `www.`; subdomains of it match too. */
  domain: string;
  /** Optional description or keywords: what the site is about (feeds target relevance). */
  description: string;
  /** When it was added (ms since epoch); the list is shown in this order. */
  added: number;
}

interface StoredDomain {
  description?: unknown;
  added?: unknown;
}

export type DomainCheck = { ok: true; domain: string } | { ok: false; error: string };

/** Accepts `example.com`, `www.example.com`, `https://blog.example.com/path`; returns the hostname to match. */
export function normalizeDomain(input: string): DomainCheck {
  const raw = String(input ?? '').trim();
  if (!raw) return { ok: false, error: 'Enter a domain, for example example.com.' };
  if (raw.length > 253 + 20) return { ok: false, error: 'That is too long for a domain name.' };
  let hostname: string;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'Enter a web domain (http or https).' };
    hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return { ok: false, error: `“${raw}” is not a valid domain.` };
  }
  const info = parse(hostname, { allowPrivateDomains: true });
  if (info.isIp) return { ok: false, error: 'Enter a domain name, not an IP address.' };
  if (!info.hostname || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(hostname) || hostname.split('.').some((l) => !l || l.length > 63 || l.startsWith('-') || l.endsWith('-'))) {
    return { ok: false, error: `“${raw}” is not a valid domain.` };
  }
  if (!info.domain) return { ok: false, error: `“${hostname}” is a public suffix, not a site. Enter the site’s domain, for example example.${hostname}.` };
  const domain = hostname.startsWith('www.') && hostname.slice(4) !== info.publicSuffix ? hostname.slice(4) : hostname;
  return { ok: true, domain };
}

const STORED_DOMAIN = /^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/;

function fromStorage(items: Record<string, unknown>): MyDomain[] {
  const list: MyDomain[] = [];
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(MY_DOMAIN_PREFIX)) continue;
    const domain = key.slice(MY_DOMAIN_PREFIX.length);
    // Keys are written normalised; a cheap shape check keeps the surfaces free of the suffix list.
    if (!STORED_DOMAIN.test(domain)) continue;
    const v = (value && typeof value === 'object' ? value : {}) as StoredDomain;
    list.push({
      domain,
      description: typeof v.description === 'string' ? v.description.slice(0, MAX_DESCRIPTION_LENGTH) : '',
      added: typeof v.added === 'number' && Number.isFinite(v.added) ? v.added : 0,
    });
  }
  return list.sort((a, b) => a.added - b.added || a.domain.localeCompare(b.domain));
}

export async function loadMyDomains(): Promise<MyDomain[]> {
  return fromStorage((await browser.storage.sync.get(null)) as Record<string, unknown>);
}

function quotaMessage(e: unknown): string {
  const message = String((e as Error)?.message ?? e);
  if (/quota|MAX_ITEMS|MAX_WRITE/i.test(message)) {
    return 'Browser sync storage is full or busy: remove a few domains or shorten descriptions, then try again.';
  }
  return `Could not save: ${message}`;
}

export type SaveResult = { ok: true; domain: string } | { ok: false; error: string };

/** Adds a domain, or updates its description when it is already listed. */
export async function saveMyDomain(input: string, description = ''): Promise<SaveResult> {
  const check = normalizeDomain(input);
  if (!check.ok) return check;
  const text = String(description ?? '').trim();
  if (text.length > MAX_DESCRIPTION_LENGTH) return { ok: false, error: `Keep the description under ${MAX_DESCRIPTION_LENGTH} characters.` };
  const current = await loadMyDomains();
  const existing = current.find((d) => d.domain === check.domain);
  if (!existing && current.length >= MAX_MY_DOMAINS) return { ok: false, error: `You can list up to ${MAX_MY_DOMAINS} domains.` };
  try {
    await browser.storage.sync.set({ [MY_DOMAIN_PREFIX + check.domain]: { description: text, added: existing?.added ?? Date.now() } });
  } catch (e) {
    return { ok: false, error: quotaMessage(e) };
  }
  return { ok: true, domain: check.domain };
}

export async function removeMyDomain(domain: string): Promise<void> {
  await browser.storage.sync.remove(MY_DOMAIN_PREFIX + domain);
}

/** Calls back with the new list whenever it changes (on this device or by sync). Returns an unsubscribe. */
export function watchMyDomains(callback: (domains: MyDomain[]) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !Object.keys(changes).some((k) => k.startsWith(MY_DOMAIN_PREFIX))) return;
    void loadMyDomains().then(callback, () => undefined);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Which of the user's domains a host belongs to (exact host or any subdomain), or null. O(labels). */
export function createDomainMatcher(domains: Iterable<string>): (host: string | null | undefined) => string | null {
  const set = new Set(domains);
  return (host) => {
    if (!host || set.size === 0) return null;
    let h = host.toLowerCase();
    for (;;) {
      if (set.has(h)) return h;
      const dot = h.indexOf('.');
      if (dot < 0) return null;
      h = h.slice(dot + 1);
    }
  };
}

/** The descriptions users wrote, keyed by domain, for the relevance step (`AnalyzeRequest.targetTopics`). */
export function targetTopicsOf(domains: MyDomain[]): Record<string, string> {
  const topics: Record<string, string> = {};
  for (const d of domains) if (d.description) topics[d.domain] = d.description;
  return topics;
}
