/**
 * The one bounded fetch: every network read the extension makes goes through `netFetch`
 * (target topics, link checks, the page's own headers; later audits and rank providers).
 *
 *   const net = createNet({ fetch: globalThis.fetch.bind(globalThis), observer });
 *   const r = await net.fetch('https://shop.example/', { maxBytes: 1_500_000 });
 *   // r: { status, finalUrl, hops, headers, body, bytesRead, truncated, error } — plain data
 *
 * Policy: only http(s) to public hosts (policy.ts), checked on the URL and on every redirect hop,
 * redirects followed by hand (at most 10), the body read as a stream and cut at a cap, one
 * timeout for all hops' headers and bodies, per-host and global concurrency (limiter.ts), no
 * cookies, no referrer. Request headers only from an allow-list (request.ts), a POST only with
 * a JSON body of bounded size. It never throws: failures come back as `error: { kind, message }`.
 *
 * `fetch` is injected: the extension passes the browser's; tests pass one that maps
 * public-looking test hosts to a local server (like a host resolver rule), so the policy runs
 * exactly as shipped.
 */
import { checkUrl } from './policy.ts';
import { createLimiter, type Limiter } from './limiter.ts';
import { LIMITS } from '../../limits.ts';
import type { HopObserver, HopWatch, Observation } from './observer.ts';
import { checkRequest, headersForHop, type RequestHeaders } from './request.ts';

export const NET_DEFAULTS = {
  /** Body cap, bytes. */
  maxBytes: LIMITS.fetchedPage,
  /** Headers and body of every hop together, ms. */
  timeoutMs: 15_000,
  maxRedirects: 10,
  perHost: 2,
  global: 6,
  /** How long to wait for the browser's report of an opaque redirect or a failed request. */
  observeMs: 3_000,
  /** A POST's JSON body, bytes (the rank APIs' batches are a few KB). */
  maxRequestBytes: 64 * 1024,
} as const;

export type NetErrorKind =
  /** Not a valid http(s) URL, or one with credentials in it. */
  | 'refused-url'
  /** A request header off the allow-list, a bad header value, or a body too large (request.ts). */
  | 'refused-request'
  /** Loopback, private, link-local … addresses and local names (policy.ts). */
  | 'refused-host'
  /** The extension has no host permission for this origin. */
  | 'no-access'
  | 'too-many-redirects'
  | 'redirect-loop'
  /** A redirect whose target the browser did not disclose (no webRequest permission). */
  | 'redirect-hidden'
  | 'timeout'
  | 'cancelled'
  | 'dns'
  | 'network'
  /** An HTTP status of 400 or more. */
  | 'http';

export interface NetError {
  kind: NetErrorKind;
  message: string;
}

export interface Hop {
  url: string;
  /** null when the browser hid it (an opaque redirect with no observer). */
  status: number | null;
  /** The Location of a redirect, absolute. */
  location: string | null;
}

/** The few response headers callers read, from the last response. */
export interface NetHeaders {
  contentType: string | null;
  xRobotsTag: string | null;
  location: string | null;
  contentLength: number | null;
  /** Retry-After, as sent (rate-limited APIs). */
  retryAfter: string | null;
}

export interface NetResult {
  /** The URL asked for (without #fragment). */
  url: string;
  /** The last URL requested (the one that answered, or the one that failed). */
  finalUrl: string;
  /** Status of the last response; null when none came. */
  status: number | null;
  /** 2xx. */
  ok: boolean;
  /** Every response in order, redirects and the last one. */
  hops: Hop[];
  headers: NetHeaders;
  /** The body decoded as text, up to the cap; null when not read. */
  body: string | null;
  /** Body bytes received. */
  bytesRead: number;
  /** The body was cut (the cap or `stopAt`). */
  truncated: boolean;
  error: NetError | null;
}

export interface NetFetchOptions {
  /** POST only with `json`. */
  method?: 'GET' | 'HEAD' | 'POST';
  /** Request headers, names from ALLOWED_REQUEST_HEADERS only (request.ts); `accept` overrides `accept`. */
  headers?: RequestHeaders;
  /** A POST's body: serialised as JSON (Content-Type application/json), at most NET_DEFAULTS.maxRequestBytes. */
  json?: unknown;
  /** Body bytes to keep; 0 reads no body (status-only checks). */
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Cancels the request (error kind `cancelled`). */
  signal?: AbortSignal;
  accept?: string;
  /** Stop reading once one of these lower-case strings appears in the body (e.g. '</head>'). */
  stopAt?: string[];
  /** Read the body of 4xx/5xx answers too (default: no). */
  readErrorBody?: boolean;
  /** At least this many ms between two requests starting on one host. */
  gapMs?: number;
  cache?: RequestCache;
}

export interface NetEnv {
  fetch: typeof fetch;
  /** The browser's view of response heads (webRequest); without it opaque redirects cannot be followed. */
  observer?: HopObserver | null;
  limiter?: Limiter;
  /** Does the extension have host access to this URL's origin? Default: yes. */
  canAccess?: (url: URL) => Promise<boolean> | boolean;
}

export interface Net {
  fetch(url: string, options?: NetFetchOptions): Promise<NetResult>;
  readonly limiter: Limiter;
}

export function createNet(env: NetEnv): Net {
  const limiter = env.limiter ?? createLimiter({ perHost: NET_DEFAULTS.perHost, global: NET_DEFAULTS.global });
  return { fetch: (url, options) => netFetch(url, options ?? {}, { ...env, limiter }), limiter };
}

const EMPTY_HEADERS: NetHeaders = { contentType: null, xRobotsTag: null, location: null, contentLength: null, retryAfter: null };

class Stop extends Error {
  readonly kind: 'timeout' | 'cancelled';
  constructor(kind: 'timeout' | 'cancelled') {
    super(kind);
    this.kind = kind;
  }
}

/** One budget of time for the whole request, paused while waiting for a slot. */
function budget(totalMs: number, outer: AbortSignal | undefined) {
  let left = totalMs;
  let controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let startedAt = 0;
  let reason: Stop | null = null;
  const onOuter = () => {
    reason ??= new Stop('cancelled');
    controller.abort(reason);
  };
  outer?.addEventListener('abort', onOuter, { once: true });
  return {
    get signal() {
      return controller.signal;
    },
    get stopped() {
      return reason;
    },
    /** Runs the clock (one hop's request and body). */
    run() {
      if (outer?.aborted) onOuter();
      if (reason) throw reason;
      controller = new AbortController();
      startedAt = Date.now();
      timer = setTimeout(() => {
        reason ??= new Stop('timeout');
        controller.abort(reason);
      }, Math.max(0, left));
      return controller.signal;
    },
    pause() {
      if (timer) clearTimeout(timer);
      timer = null;
      left -= Date.now() - startedAt;
    },
    left: () => left - (timer ? Date.now() - startedAt : 0),
    dispose() {
      if (timer) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

/** Resolves when `signal` aborts: races reads of bodies whose stream ignores the signal. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function selectHeaders(h: Headers | Record<string, string>): NetHeaders {
  // Duck-typed: a Headers from another realm (or from undici in tests) is not `instanceof Headers`.
  const get = (name: string) => (typeof (h as Headers).get === 'function' ? (h as Headers).get(name) : ((h as Record<string, string>)[name] ?? null));
  const length = get('content-length');
  const n = length === null ? NaN : Number(length);
  return {
    contentType: get('content-type'),
    xRobotsTag: get('x-robots-tag'),
    location: get('location'),
    contentLength: Number.isFinite(n) && n >= 0 ? n : null,
    retryAfter: get('retry-after'),
  };
}

const DNS_ERROR = /NAME_NOT_RESOLVED|UNKNOWN_HOST|ENOTFOUND|EAI_AGAIN|EAI_NONAME|NAME_RESOLUTION/i;

/** Why a request failed: the browser's report (webRequest) names DNS failures; so does Node's cause. */
function networkError(e: unknown, observed: Observation | null): NetError {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const detail = observed?.error ?? cause?.code ?? cause?.message ?? (e as Error)?.message ?? String(e);
  if (DNS_ERROR.test(detail)) return { kind: 'dns', message: `the host name does not resolve (${detail})` };
  return { kind: 'network', message: `network error (${detail})` };
}

/** The charset of a response: its Content-Type, else a <meta charset> in the first 1,024 bytes. */
function charsetOf(contentType: string | null, head: Uint8Array): string {
  const fromHeader = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
  if (fromHeader) return fromHeader;
  // A bounded prescan of the first KB, like the HTML spec's: never a regex over the whole body.
  const prefix = new TextDecoder('latin1').decode(head.subarray(0, 1024));
  return prefix.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ?? 'utf-8';
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

interface BodyRead {
  body: string;
  bytesRead: number;
  truncated: boolean;
}

/** Reads at most `maxBytes` of the body (and stops early at a `stopAt` marker), then cancels the stream. */
async function readBody(res: Response, maxBytes: number, stopAt: string[], signal: AbortSignal, contentType: string | null, progress: { received: number }): Promise<BodyRead> {
  if (!res.body) return { body: '', bytesRead: 0, truncated: false };
  const reader = res.body.getReader();
  const stop = aborted(signal);
  stop.catch(() => undefined);
  let pending: Uint8Array[] = [];
  let kept = 0;
  let received = 0;
  let truncated = false;
  let decoder: TextDecoder | null = null;
  let text = '';
  let hit = false;
  const overlap = Math.max(0, ...stopAt.map((m) => m.length)) - 1;
  // Linear: only the new text (and a marker's length before it) is searched for a marker.
  const append = (s: string) => {
    const from = Math.max(0, text.length - overlap);
    text += s;
    if (stopAt.length && !hit) {
      const tail = text.slice(from).toLowerCase();
      hit = stopAt.some((m) => tail.includes(m));
    }
  };
  // The charset prescan reads the first KB, so decoding starts once that much has come.
  const startDecoding = () => {
    const head = concat(pending);
    pending = [];
    decoder = decoderFor(charsetOf(contentType, head));
    append(decoder.decode(head, { stream: true }));
    return decoder;
  };
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), stop]);
      if (done) break;
      received += value.byteLength;
      progress.received = received;
      const room = maxBytes - kept;
      const part = value.byteLength > room ? value.subarray(0, room) : value;
      kept += part.byteLength;
      if (decoder) append((decoder as TextDecoder).decode(part, { stream: true }));
      else {
        pending.push(part);
        if (kept >= 1024) startDecoding();
      }
      if (hit || value.byteLength > room) {
        truncated = true;
        break;
      }
    }
    const d: TextDecoder = decoder ?? startDecoding();
    if (hit) truncated = true;
    text += d.decode();
  } finally {
    if (truncated || signal.aborted) reader.cancel().catch(() => undefined);
  }
  return { body: text, bytesRead: received, truncated };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

async function netFetch(rawUrl: string, options: NetFetchOptions, env: NetEnv & { limiter: Limiter }): Promise<NetResult> {
  let method: string = options.method ?? 'GET';
  const maxBytes = Math.max(0, options.maxBytes ?? NET_DEFAULTS.maxBytes);
  const maxRedirects = options.maxRedirects ?? NET_DEFAULTS.maxRedirects;
  const observeMs = NET_DEFAULTS.observeMs;
  const hops: Hop[] = [];
  const visited = new Set<string>();
  let requested = rawUrl;
  try {
    const u = new URL(rawUrl);
    u.hash = '';
    requested = u.href;
  } catch {
    /* checkUrl reports it */
  }
  const result = (finalUrl: string, fields: Partial<NetResult>): NetResult => ({
    url: requested,
    finalUrl,
    status: null,
    ok: false,
    hops,
    headers: EMPTY_HEADERS,
    body: null,
    bytesRead: 0,
    truncated: false,
    error: null,
    ...fields,
  });
  const request = checkRequest(method, options.headers, options.json, NET_DEFAULTS.maxRequestBytes);
  if (!request.ok) return result(requested, { error: { kind: 'refused-request', message: `refused: ${request.message}` } });
  let body: string | undefined = request.body;
  let firstOrigin: string | null = null;
  const time = budget(options.timeoutMs ?? NET_DEFAULTS.timeoutMs, options.signal);
  // Body bytes received so far: reported even when the timeout cuts the read.
  const progress = { received: 0 };
  let current = requested;
  try {
    for (let n = 0; ; n++) {
      const verdict = checkUrl(current);
      if (!verdict.ok) {
        const kind = verdict.reason === 'non-public-address' || verdict.reason === 'local-name' ? 'refused-host' : 'refused-url';
        return result(current, { error: { kind, message: `refused: ${verdict.message}` } });
      }
      const url = verdict.url;
      url.hash = '';
      current = url.href;
      visited.add(current);
      firstOrigin ??= url.origin;
      if (env.canAccess && !(await env.canAccess(url))) {
        return result(current, { error: { kind: 'no-access', message: `no access to ${url.host}: the extension needs permission for this site` } });
      }

      let release: () => void;
      try {
        release = await env.limiter.acquire(url.host, { signal: options.signal, gapMs: options.gapMs });
      } catch {
        return result(current, { error: { kind: 'cancelled', message: 'cancelled' } });
      }
      const watch: HopWatch | undefined = env.observer?.watch(method, current);
      try {
        const signal = time.run();
        let res: Response;
        try {
          res = await Promise.race([
            env.fetch(current, {
              method,
              redirect: 'manual',
              credentials: 'omit',
              referrerPolicy: 'no-referrer',
              cache: options.cache ?? 'no-store',
              signal,
              // Secret headers (keys, tokens) go to the origin asked for only, as fetch does for Authorization.
              headers: headersForHop(request.headers, options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', url.origin === firstOrigin, body !== undefined),
              body,
            }),
            aborted(signal),
          ]);
        } catch (e) {
          if (time.stopped) throw time.stopped;
          const observed = watch ? await watch.result(Math.min(observeMs, Math.max(0, time.left()))) : null;
          return result(current, { error: networkError(e, observed) });
        }

        // A redirect: readable (Node, or a browser that gives extensions the real response) or
        // opaque (Chrome MV3 and Firefox MV2 today), then the observer tells where it goes.
        let status: number | null = res.status;
        let headers = selectHeaders(res.headers);
        let location: string | null = null;
        const opaque = res.type === 'opaqueredirect';
        if (opaque) {
          const observed = watch ? await watch.result(Math.min(observeMs, Math.max(0, time.left()))) : null;
          if (time.stopped) throw time.stopped;
          if (observed?.head) {
            status = observed.head.status;
            headers = selectHeaders(observed.head.headers);
            location = observed.head.redirectUrl ?? headers.location;
          } else {
            status = null;
          }
        } else if (status >= 300 && status < 400 && headers.location !== null) {
          location = headers.location;
        }
        let next: string | null = null;
        if (location !== null) {
          try {
            next = new URL(location, current).href;
          } catch {
            next = null;
          }
        }
        if (opaque || next !== null) {
          res.body?.cancel().catch(() => undefined);
          hops.push({ url: current, status, location: next });
          if (next === null) {
            const error: NetError = opaque
              ? { kind: 'redirect-hidden', message: 'redirects, but the browser does not say where (the webRequest permission lets the extension follow redirects)' }
              : { kind: 'refused-url', message: `refused: a redirect to an invalid URL (${location})` };
            return result(current, { status, headers, error });
          }
          const target = new URL(next);
          target.hash = '';
          if (visited.has(target.href)) {
            return result(current, { status, headers, error: { kind: 'redirect-loop', message: `redirect loop: back to ${target.href}` } });
          }
          if (n + 1 > maxRedirects) {
            return result(current, { status, headers, error: { kind: 'too-many-redirects', message: maxRedirects === 0 ? 'redirects (no redirects allowed)' : `more than ${maxRedirects} redirects` } });
          }
          // As fetch does: 301/302 turn a POST into a GET, 303 anything but HEAD; 307/308 keep it.
          if (body !== undefined && (status === 303 || ((status === 301 || status === 302) && method === 'POST'))) {
            method = 'GET';
            body = undefined;
          }
          current = next;
          continue;
        }

        // Not opaque, so the response's own status.
        const final = res.status;
        hops.push({ url: current, status: final, location: null });
        const ok = final >= 200 && final < 300;
        const error: NetError | null = final >= 400 ? { kind: 'http', message: `HTTP ${final}` } : null;
        const wantBody = maxBytes > 0 && method !== 'HEAD' && (final < 400 || options.readErrorBody);
        if (!wantBody) {
          res.body?.cancel().catch(() => undefined);
          return result(current, { status: final, ok, headers, error });
        }
        const read = await readBody(res, maxBytes, options.stopAt ?? [], signal, headers.contentType, progress).catch((e) => {
          if (time.stopped) throw time.stopped;
          throw e;
        });
        return result(current, { status: final, ok, headers, error, ...read });
      } finally {
        watch?.done();
        time.pause();
        release();
      }
    }
  } catch (e) {
    const stop = e instanceof Stop ? e : time.stopped;
    if (stop) {
      const message = stop.kind === 'timeout' ? `timed out after ${Math.round((options.timeoutMs ?? NET_DEFAULTS.timeoutMs) / 100) / 10} s` : 'cancelled';
      return result(current, { error: { kind: stop.kind, message }, bytesRead: progress.received, truncated: progress.received > 0 });
    }
    return result(current, { error: networkError(e, null) });
  } finally {
    time.dispose();
  }
}
