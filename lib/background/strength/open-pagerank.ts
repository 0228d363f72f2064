/**
 * Open PageRank (DomCop), free key: up to 100 domains per request.
 *
 *   GET https://openpagerank.com/api/v1.0/getPageRank?domains[]=a.com&domains[]=b.com
 *   API-OPR: <key>
 *   → { status_code: 200, response: [{ status_code, error, page_rank_integer, page_rank_decimal, rank, domain }] }
 *
 * A domain it does not know comes back with its own status_code 404 (no value). The shape is the
 * one in the data README and in public client code; the provider's documentation page was not
 * available to check against.
 */
import { isObject, metric, ProviderError, readJson, type ProviderClient } from './types';

export const OPEN_PAGERANK_URL = 'https://openpagerank.com';

export function openPageRankClient(baseUrl = OPEN_PAGERANK_URL): ProviderClient {
  return {
    id: 'openpagerank',
    batchSize: 100,
    // The free plan allows 10,000 calls an hour; one request per page is the usual need.
    gapMs: 500,
    perPage: 300,
    async fetchBatch(domains, key, request, signal) {
      const q = new URLSearchParams();
      for (const d of domains) q.append('domains[]', d);
      const res = await request(`${baseUrl}/api/v1.0/getPageRank?${q}`, { method: 'GET', headers: { 'API-OPR': key, accept: 'application/json' }, signal });
      const body = await readJson(res, 'Open PageRank');
      if (!isObject(body)) throw new ProviderError('bad-response', 'Open PageRank sent an unexpected answer.');
      const status = Number(body.status_code);
      const error = typeof body.error === 'string' ? body.error : '';
      // Errors can also come inside a 200 answer.
      if (status === 401 || status === 403 || /api.?key/i.test(error)) throw new ProviderError('bad-key', `Open PageRank refused the key${error ? `: ${error}` : ''}.`);
      if (status === 429 || /limit|quota/i.test(error)) throw new ProviderError('quota', `Open PageRank: ${error || 'rate limit reached'}.`);
      if (status !== 200 || !Array.isArray(body.response)) throw new ProviderError('bad-response', `Open PageRank sent an unexpected answer${error ? `: ${error}` : ''}.`);
      const wanted = new Set(domains);
      const out = new Map<string, number | null>(domains.map((d) => [d, null]));
      for (const item of body.response) {
        if (!isObject(item) || typeof item.domain !== 'string') continue;
        const domain = item.domain.toLowerCase();
        if (!wanted.has(domain)) continue; // never trust an answer about a domain not asked for
        out.set(domain, Number(item.status_code) === 200 ? metric(item.page_rank_decimal, 10) : null);
      }
      return out;
    },
  };
}
