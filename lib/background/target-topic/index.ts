/**
 * The target's topic, fetched on demand from the background: a pure module with the network
 * (the one bounded fetch module) and the parser injected. Results (failures too, for a shorter
 * time) are cached. Never throws: a failure comes back as `{ status: 'error', error }` for the UI.
 *
 *   const topic = await fetchTargetTopic(url, { net: backgroundNet(), parse: parseFetched, cache: idbTopicCache() });
 *   // analyzePage(doc, { targetTopics: { [url]: topic.text } })  (keys: URL, host or domain)
 */
import type { Net } from '../net/fetch.ts';
import type { FetchedTopic, ParseFetched } from '../../parse/fetched.ts';

export type { ParseFetched } from '../../parse/fetched.ts';
import { LIMITS } from '../../limits.ts';

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
  net: Net;
  parse: ParseFetched;
  cache?: TopicCache;
  timeoutMs?: number;
  /** How long a good result stays fresh. */
  maxAgeMs?: number;
  /** How long a failure is remembered before trying again. */
  errorAgeMs?: number;
  now?: () => number;
}

export const DEFAULTS = { timeoutMs: 10_000, maxAgeMs: 7 * 24 * 3600_000, errorAgeMs: 3600_000 };

const inflight = new Map<string, Promise<TargetTopic>>();

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
    const topic = await load(url, opts, now);
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
  const res = await opts.net.fetch(url, { maxBytes: LIMITS.fetchedPage, timeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs, cache: 'default' });
  if (res.error) return { ...failure(url, res.error.message, now()), finalUrl: res.finalUrl };
  const type = res.headers.contentType ?? '';
  if (type && !/html|xml/i.test(type)) return failure(url, `not an HTML page (${type.split(';')[0]})`, now());
  try {
    const t: FetchedTopic = await opts.parse(res.body ?? '', res.finalUrl, 'topic');
    return { url, finalUrl: res.finalUrl, status: 'ok', error: null, ...t, fetchedAt: now() };
  } catch (e) {
    return failure(url, `could not read the page: ${(e as Error)?.message ?? String(e)}`, now());
  }
}

export { idbTopicCache, memoryTopicCache } from './cache.ts';
