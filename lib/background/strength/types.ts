/**
 * What a strength provider client needs and gives. Clients are pure: the network comes in as a
 * small fetch-like function (in the extension, the one bounded fetch module through
 * `providerFetch`, through-net.ts), the key as a string.
 */
import type { StrengthProvider } from '../../report';
import type { ProviderStatus } from '../../protocol';

export interface ProviderRequest {
  method: 'GET' | 'POST';
  /** Names from the fetch module's allow-list (lib/background/net/request.ts). */
  headers: Record<string, string>;
  /** A POST's body, sent as JSON. */
  json?: unknown;
  signal?: AbortSignal;
}

export interface ProviderResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: ProviderRequest) => Promise<ProviderResponse>;

/** bad-key · quota · offline (network, DNS, timeout) · no-access (no host permission) · http · bad-response. */
export type ProviderErrorCode = NonNullable<ProviderStatus['code']>;

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  /** For 'quota': how long the provider said to wait (Retry-After), if it did. */
  readonly retryAfterMs: number | null;
  constructor(code: ProviderErrorCode, message: string, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'ProviderError';
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface ProviderClient {
  id: StrengthProvider;
  /** Domains per request (1 where the API takes one at a time). */
  batchSize: number;
  /** At least this long between two requests to the provider. */
  gapMs: number;
  /** At most this many new domains asked per inspection (quota-friendly). */
  perPage: number;
  /**
   * The provider's values for a batch of registrable domains: a number, or null when the provider
   * has none for that domain. Throws ProviderError.
   */
  fetchBatch(domains: string[], key: string, request: FetchLike, signal?: AbortSignal): Promise<Map<string, number | null>>;
}

/** Answers larger than this are not a domain-metrics answer. */
export const MAX_ANSWER_CHARS = 2_000_000;
/** The body read from the network is cut here (the fetch module's cap for provider answers). */
export const MAX_ANSWER_BYTES = 2_000_000;

/** Reads a JSON answer, mapping the HTTP statuses every provider shares to error codes. */
export async function readJson(res: ProviderResponse, name: string): Promise<unknown> {
  if (res.status === 401 || res.status === 403) throw new ProviderError('bad-key', `${name} refused the key (HTTP ${res.status}).`);
  if (res.status === 429) {
    const retry = Number(res.headers.get('retry-after'));
    throw new ProviderError('quota', `${name}: quota or rate limit reached (HTTP 429).`, Number.isFinite(retry) && retry > 0 ? retry * 1000 : null);
  }
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) throw new ProviderError('http', `${name} answered HTTP ${res.status}.`);
  if (text.length > MAX_ANSWER_CHARS) throw new ProviderError('bad-response', `${name} sent an answer too large to be one.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError('bad-response', `${name} sent an answer that is not JSON.`);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A number within [0, max], or null. */
export function metric(v: unknown, max: number): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= max ? n : null;
}
