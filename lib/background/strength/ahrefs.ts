/**
 * Ahrefs' free Domain Rating endpoint (needs an API v3 key; costs no API units): one domain per
 * request. Shown as "Domain Rating by Ahrefs", as Ahrefs requires.
 *
 *   GET https://api.ahrefs.com/v3/public/domain-rating-free?target=<domain>&output=json
 *   Authorization: Bearer <key>            (403 without a key)
 *   → { domain_rating: { domain_rating: <0–100> } }
 *
 * The shape is the data README's and matches several public clients that cite Ahrefs' reference
 * (docs.ahrefs.com/en/api/reference/public/get-domain-rating-free), which could not be read here
 * itself. Public code also shows a POST form taking up to 100 targets: not used until checked.
 */
import { isObject, metric, ProviderError, readJson, type ProviderClient } from './types';

export const AHREFS_URL = 'https://api.ahrefs.com';

export function ahrefsClient(baseUrl = AHREFS_URL): ProviderClient {
  return {
    id: 'ahrefs',
    batchSize: 1,
    gapMs: 1_000,
    // One request per domain: the page's own site and its most linked targets first.
    perPage: 20,
    async fetchBatch(domains, key, request, signal) {
      const out = new Map<string, number | null>();
      for (const domain of domains) {
        const q = new URLSearchParams({ target: domain, output: 'json' });
        const res = await request(`${baseUrl}/v3/public/domain-rating-free?${q}`, { method: 'GET', headers: { Authorization: `Bearer ${key}`, accept: 'application/json' }, signal });
        const body = await readJson(res, 'Ahrefs');
        const dr = isObject(body) && isObject(body.domain_rating) ? body.domain_rating.domain_rating : undefined;
        if (dr === undefined) throw new ProviderError('bad-response', 'Ahrefs sent an unexpected answer.');
        out.set(domain, metric(dr, 100));
      }
      return out;
    },
  };
}
