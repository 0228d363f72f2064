/**
 * The target's topic, fetched on demand from the background: a pure module with `fetch` and the
 * cache injected. At most MAX_PER_HOST requests per host at once, each with a timeout; results
 * (failures too, for a shorter time) are cached. Never throws: a failure comes back as
 * `{ status: 'error', error }` for the UI to show.
 *
 *   const topic = await fetchTargetTopic(url, { fetch, cache: idbTopicCache() });
 *   // analyzePage(doc, { targetTopics: { [url]: topic.text } })  (keys: URL, host or domain)
 */
import { extractTopic } from './extract';

export interface TargetTopic {
  /** The requested URL (without #fragment): the cache key. */
  url: string;
  /** After redirects. */
  finalUrl: string;
  status: 'ok' | 'error';
  /** Why it failed (HTTP status, timeout, not HTML, network). */
  error: string | null;
  title: string;
  description: string;
  headings: string[];
  /** The text relevance compares against (empty on error). */
  text: string;
  lang: string | null;
  /** Epoch ms. */
  fetchedAt: number;
}

export interface TopicCache {
  get(url: string): Promise<TargetTopic | undefined>;
  set(topic: TargetTopic): Promise<void>;
}

export interface FetchTopicOptions {
  fetch: typeof fetch;
  cache?: TopicCache;
  timeoutMs?: number;
  maxPerHost?: number;
  /** How long a good result stays fresh. */
  maxAgeMs?: number;
  /** How long a failure is remembered before trying again. */
  errorAgeMs?: number;
  now?: () => number;
}

export const DEFAULTS = { timeoutMs: 10_000, maxPerHost: 2, maxAgeMs: 7 * 24 * 3600_000, errorAgeMs: 3600_000 };

/** Per-host slots. Module-level so every caller in the background shares them. */
const active = new Map<string, number>();
const waiting = new Map<string, (() => void)[]>();
const inflight = new Map<string, Promise<TargetTopic>>();

async function acquire(host: string, max: number): Promise<void> {
  if ((active.get(host) ?? 0) < max) {
    active.set(host, (active.get(host) ?? 0) + 1);
    return;
  }
  await new Promise<void>((resolve) => {
    const q = waiting.get(host) ?? [];
    q.push(resolve);
    waiting.set(host, q);
  });
}

function release(host: string): void {
  const next = waiting.get(host)?.shift();
  if (next) next(); // hand the slot over
  else active.set(host, Math.max(0, (active.get(host) ?? 1) - 1));
  if (waiting.get(host)?.length === 0) waiting.delete(host);
}

function failure(url: string, error: string, now: number): TargetTopic {
  return { url, finalUrl: url, status: 'error', error, title: '', description: '', headings: [], text: '', lang: null, fetchedAt: now };
}

export async function fetchTargetTopic(rawUrl: string, opts: FetchTopicOptions): Promise<TargetTopic> {
  const now = opts.now ?? Date.now;
  let parsed: URL;
  try {
    parsed = new URL(rawUrl);
  } catch {
    return failure(rawUrl, 'invalid URL', now());
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return failure(rawUrl, 'not an http(s) URL', now());
  parsed.hash = '';
  const url = parsed.href;

  try {
    const cached = await opts.cache?.get(url);
    if (cached) {
      const age = now() - cached.fetchedAt;
      if (age < (cached.status === 'ok' ? (opts.maxAgeMs ?? DEFAULTS.maxAgeMs) : (opts.errorAgeMs ?? DEFAULTS.errorAgeMs))) return cached;
    }
  } catch {
    /* a broken cache is not fatal */
  }

  const pending = inflight.get(url);
  if (pending) return pending;
  const job = (async () => {
    const host = parsed.host;
    await acquire(host, opts.maxPerHost ?? DEFAULTS.maxPerHost);
    let topic: TargetTopic;
    try {
      topic = await load(url, opts, now);
    } finally {
      release(host);
    }
    try {
      await opts.cache?.set(topic);
    } catch {
      /* not fatal */
    }
    return topic;
  })();
  inflight.set(url, job);
  try {
    return await job;
  } finally {
    inflight.delete(url);
  }
}

async function load(url: string, opts: FetchTopicOptions, now: () => number): Promise<TargetTopic> {
  const controller = new AbortController();
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await opts.fetch(url, {
      signal: controller.signal,
      redirect: 'follow',
      credentials: 'omit',
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
    });
    if (!res.ok) return failure(url, `HTTP ${res.status}`, now());
    const type = res.headers.get('content-type') ?? '';
    if (type && !/html|xml/i.test(type)) return failure(url, `not an HTML page (${type.split(';')[0]})`, now());
    const html = await res.text();
    const t = extractTopic(html);
    return { url, finalUrl: res.url || url, status: 'ok', error: null, ...t, fetchedAt: now() };
  } catch (e) {
    const aborted = controller.signal.aborted;
    return failure(url, aborted ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `network error: ${(e as Error)?.message ?? String(e)}`, now());
  } finally {
    clearTimeout(timer);
  }
}

export { extractTopic } from './extract';
export { idbTopicCache, memoryTopicCache } from './cache';
