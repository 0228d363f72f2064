/**
 * The providers' fetch-like function on top of the one bounded fetch module (lib/background/net):
 * the API origins pass the same policy as every other read (public https hosts, allow-listed
 * headers, a JSON body of bounded size, per-host limits, a timeout covering the body), answers are
 * read up to MAX_ANSWER_BYTES, and a redirect is refused (no provider's API redirects; a key must
 * not follow one).
 */
import type { Net, NetResult } from '../net';
import { MAX_ANSWER_BYTES, ProviderError, type FetchLike, type ProviderResponse } from './types';

/** Failures that mean "could not reach it" (the caller says offline); the rest are answers gone wrong. */
const UNREACHABLE = new Set(['timeout', 'cancelled', 'dns', 'network']);

function responseOf(r: NetResult): ProviderResponse {
  const body = r.body ?? '';
  return {
    status: r.status ?? 0,
    headers: { get: (name) => (name.toLowerCase() === 'retry-after' ? r.headers.retryAfter : name.toLowerCase() === 'content-type' ? r.headers.contentType : null) },
    text: async () => body,
  };
}

export function providerFetch(net: Pick<Net, 'fetch'>, timeoutMs?: number): FetchLike {
  return async (url, init) => {
    const r = await net.fetch(url, {
      method: init.method,
      headers: init.headers,
      json: init.json,
      signal: init.signal,
      timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
      maxRedirects: 0,
      readErrorBody: true,
      accept: 'application/json',
    });
    if (r.error && r.error.kind !== 'http') {
      if (r.error.kind === 'no-access') throw new ProviderError('no-access', `No access to ${new URL(url).origin}: connect the provider again to allow it.`);
      if (UNREACHABLE.has(r.error.kind)) throw new Error(r.error.message);
      throw new ProviderError('http', `The provider's answer could not be read (${r.error.message}).`);
    }
    if (r.truncated) throw new ProviderError('bad-response', `The provider sent an answer too large to be one (over ${MAX_ANSWER_BYTES} bytes).`);
    return responseOf(r);
  };
}
