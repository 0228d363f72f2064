/**
 * Moz API (JSON-RPC, token header): Domain Authority, up to 50 sites per request, each using a
 * row of the user's Moz quota.
 *
 *   POST https://api.moz.com/jsonrpc      x-moz-token: <token>
 *   { "jsonrpc": "2.0", "id": "<uuid>", "method": "data.site.metrics.fetch.multiple",
 *     "params": { "data": { "site_queries": [{ "query": "<domain>", "scope": "domain" }] } } }
 *   → { result: { results_by_site: [{ site_query: { query }, site_metrics: { domain_authority, … } }],
 *                 errors_by_site: [...] } }
 *   errors: { error: { code, message } } (JSON-RPC), or HTTP 401/429
 *
 * The data README names the single-site method (`data.site.metrics.fetch`); its batched form is
 * taken from public client code, as Moz's own reference could not be read here.
 */
import { isObject, metric, ProviderError, readJson, type ProviderClient } from './types';

export const MOZ_URL = 'https://api.moz.com';

export function mozClient(baseUrl = MOZ_URL): ProviderClient {
  return {
    id: 'moz',
    batchSize: 50,
    gapMs: 2_000,
    // Every domain costs the user a row of quota: one request per page at most.
    perPage: 50,
    async fetchBatch(domains, key, request, signal) {
      const id = crypto.randomUUID();
      const json = {
        jsonrpc: '2.0',
        id,
        method: 'data.site.metrics.fetch.multiple',
        params: { data: { site_queries: domains.map((query) => ({ query, scope: 'domain' })) } },
      };
      const res = await request(`${baseUrl}/jsonrpc`, { method: 'POST', headers: { 'x-moz-token': key, accept: 'application/json' }, json, signal });
      const answer = await readJson(res, 'Moz');
      if (!isObject(answer)) throw new ProviderError('bad-response', 'Moz sent an unexpected answer.');
      if (isObject(answer.error)) {
        const message = String(answer.error.message ?? answer.error.code ?? 'error').slice(0, 200);
        if (/auth|token|forbidden|permission/i.test(message)) throw new ProviderError('bad-key', `Moz refused the token: ${message}.`);
        if (/quota|limit|exceeded|insufficient/i.test(message)) throw new ProviderError('quota', `Moz: ${message}.`);
        throw new ProviderError('http', `Moz: ${message}.`);
      }
      const results = isObject(answer.result) ? answer.result.results_by_site : undefined;
      if (!Array.isArray(results)) throw new ProviderError('bad-response', 'Moz sent an unexpected answer.');
      const wanted = new Set(domains);
      const out = new Map<string, number | null>(domains.map((d) => [d, null]));
      for (const r of results) {
        if (!isObject(r) || !isObject(r.site_query)) continue;
        const q = r.site_query;
        const asked = isObject(q.original_site_query) ? q.original_site_query.query : q.query;
        if (typeof asked !== 'string' || !wanted.has(asked.toLowerCase())) continue;
        out.set(asked.toLowerCase(), isObject(r.site_metrics) ? metric(r.site_metrics.domain_authority, 100) : null);
      }
      return out;
    },
  };
}
