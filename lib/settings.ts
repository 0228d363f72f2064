/**
 * "My domains": the sites a user cares about (their own, clients', competitors'). Links to them
 * are pinned first, counted in the action badge and always kept in history.
 *
 * Stored in `storage.sync`, one item per domain (`myDomain:<domain>`), so each entry stays far
 * below the 8 KB per-item quota and edits made on two devices merge instead of overwriting.
 */
import { browser } from 'wxt/browser';
import { normalizeDomain, roleOf, type DomainRole, type MyDomain } from './my-domains';

// The normaliser and the matcher live in lib/my-domains.ts; the surfaces read them from here too.
export {
  createDomainMatcher,
  createRoleMatcher,
  DOMAIN_ROLES,
  domainsWithRole,
  normalizeDomain,
  roleOf,
  targetTopicsOf,
  type DomainCheck,
  type DomainMatch,
  type DomainRole,
  type MyDomain,
} from './my-domains';

export const MY_DOMAIN_PREFIX = 'myDomain:';
/** storage.sync allows 512 items; leave room for other settings. */
export const MAX_MY_DOMAINS = 300;
export const MAX_DESCRIPTION_LENGTH = 500;

interface StoredDomain {
  description?: unknown;
  added?: unknown;
  role?: unknown;
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
      // Anything but a known role (older lists have none) is one of my sites.
      role: v.role === 'competitor' ? 'competitor' : 'mine',
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

/** Adds a domain, or updates its description (and role, when given) when it is already listed. */
export async function saveMyDomain(input: string, description = '', role?: DomainRole): Promise<SaveResult> {
  const check = normalizeDomain(input);
  if (!check.ok) return check;
  const text = String(description ?? '').trim();
  if (text.length > MAX_DESCRIPTION_LENGTH) return { ok: false, error: `Keep the description under ${MAX_DESCRIPTION_LENGTH} characters.` };
  const current = await loadMyDomains();
  const existing = current.find((d) => d.domain === check.domain);
  if (!existing && current.length >= MAX_MY_DOMAINS) return { ok: false, error: `You can list up to ${MAX_MY_DOMAINS} domains.` };
  try {
    const kept = role ?? (existing ? roleOf(existing) : 'mine');
    await browser.storage.sync.set({ [MY_DOMAIN_PREFIX + check.domain]: { description: text, added: existing?.added ?? Date.now(), role: kept } });
  } catch (e) {
    return { ok: false, error: quotaMessage(e) };
  }
  return { ok: true, domain: check.domain };
}

export interface BulkResult {
  /** Domains added (normalised), in the order given. */
  added: string[];
  /** Already listed: left as they are (descriptions kept). */
  existing: string[];
  /** What could not be added: the line number (1-based), the text and why. */
  rejected: { line: number; input: string; error: string }[];
}

/**
 * Adds many domains at once (a pasted list: one per line, or separated by commas or spaces), in one
 * storage write so sync's per-minute write quota is not spent one domain at a time.
 */
export async function saveMyDomains(text: string, role: DomainRole = 'mine'): Promise<BulkResult> {
  const out: BulkResult = { added: [], existing: [], rejected: [] };
  const current = await loadMyDomains();
  const listed = new Set(current.map((d) => d.domain));
  const items: Record<string, { description: string; added: number; role: DomainRole }> = {};
  const now = Date.now();
  String(text ?? '')
    .split(/\r?\n/)
    .forEach((row, i) => {
      for (const input of row.split(/[\s,;]+/).filter(Boolean)) {
        const check = normalizeDomain(input);
        if (!check.ok) out.rejected.push({ line: i + 1, input, error: check.error });
        else if (out.added.includes(check.domain)) continue; // pasted twice
        else if (listed.has(check.domain)) {
          if (!out.existing.includes(check.domain)) out.existing.push(check.domain);
        } else if (listed.size >= MAX_MY_DOMAINS) out.rejected.push({ line: i + 1, input, error: `You can list up to ${MAX_MY_DOMAINS} domains.` });
        else {
          listed.add(check.domain);
          out.added.push(check.domain);
          // Distinct times keep the pasted order in the list.
          items[MY_DOMAIN_PREFIX + check.domain] = { description: '', added: now + out.added.length, role };
        }
      }
    });
  if (out.added.length) {
    try {
      await browser.storage.sync.set(items);
    } catch (e) {
      const error = quotaMessage(e);
      out.rejected.push(...out.added.map((d) => ({ line: 0, input: d, error })));
      out.added = [];
    }
  }
  return out;
}

/** Makes a listed domain one of my sites or a competitor (its description and place kept). */
export async function setDomainRole(domain: string, role: DomainRole): Promise<SaveResult> {
  const existing = (await loadMyDomains()).find((d) => d.domain === domain);
  if (!existing) return { ok: false, error: `${domain} is not listed.` };
  return saveMyDomain(domain, existing.description, role);
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

