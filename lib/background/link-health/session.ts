/**
 * Link checks in the background: one session cache of results, the checks running now (each
 * with an id the surfaces can cancel), progress sent to the surfaces in batches, and, when a
 * check ends, the tab's report scored again with what was found.
 */
import { browser, type Browser } from 'wxt/browser';
import { checkLinks } from './check';
import { backgroundNet, NET_PERMISSIONS, parseFetched } from '../net/index';
import { checkKey, type LinkHealth } from '../../link-health';
import type { LinkCheckRequest, LinkCheckStart, LinkCheckUpdate } from '../../protocol';
import type { Net } from '../net/fetch';
import type { ParseFetched } from '../../parse/fetched';

/** Results kept for the browser session (the service worker's life), oldest dropped first. */
const MAX_CACHED = 50_000;
const cache = new Map<string, LinkHealth>();
/** Progress goes out at most this often (a page can have thousands of links). */
const PROGRESS_EVERY_MS = 250;

export function sessionLinkHealth(): ReadonlyMap<string, LinkHealth> {
  return cache;
}

export interface LinkCheckDeps {
  net: Net;
  parse: ParseFetched;
  send: (update: LinkCheckUpdate) => Promise<unknown>;
  /** Called when a check ran to its end (not cancelled): score the tab's report again. */
  finished: (tabId: number) => Promise<void>;
  hasPermissions: () => Promise<boolean>;
}

const running = new Map<number, AbortController>();
let nextId = 1;

function defaultDeps(send: LinkCheckDeps['send'], finished: LinkCheckDeps['finished']): LinkCheckDeps {
  return {
    net: backgroundNet(),
    parse: parseFetched,
    send,
    finished,
    hasPermissions: () => browser.permissions.contains(NET_PERMISSIONS as Browser.permissions.Permissions).catch(() => false),
  };
}

/** Starts a check and answers at once with its id; progress and results follow as messages. */
export async function startLinkCheck(req: LinkCheckRequest, deps: LinkCheckDeps | Pick<LinkCheckDeps, 'send' | 'finished'>): Promise<LinkCheckStart> {
  const d = 'net' in deps ? deps : defaultDeps(deps.send, deps.finished);
  if (!(await d.hasPermissions())) {
    return {
      ok: false,
      error: {
        code: 'no-access',
        message: 'Checking links needs access to all sites and to the browser’s view of redirects (webRequest). Allow both to check links.',
        permissions: NET_PERMISSIONS,
      },
    };
  }
  const checkId = nextId++;
  const controller = new AbortController();
  running.set(checkId, controller);
  // Counted as checkLinks will: http(s) only, duplicates and #fragments folded.
  const total = new Set(req.urls.map(checkKey).filter((k) => k !== null)).size;
  let pending: LinkHealth[] = [];
  let done = 0;
  let lastSent = 0;
  const flush = (finished: boolean) => {
    const update: LinkCheckUpdate = { checkId, tabId: req.tabId, done, total, results: pending, finished, cancelled: controller.signal.aborted };
    pending = [];
    lastSent = Date.now();
    void d.send(update).catch(() => undefined);
  };
  void checkLinks(req.urls, {
    net: d.net,
    parse: d.parse,
    pageUrl: req.pageUrl,
    mode: req.mode,
    delayMs: req.delayMs,
    signal: controller.signal,
    cache,
    onProgress: (p) => {
      done = p.done;
      pending.push(p.result);
      if (Date.now() - lastSent >= PROGRESS_EVERY_MS) flush(false);
    },
  })
    .then(async () => {
      while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
      running.delete(checkId);
      flush(true);
      if (!controller.signal.aborted) await d.finished(req.tabId).catch(() => undefined);
    })
    .catch(() => {
      running.delete(checkId);
      flush(true);
    });
  return { ok: true, checkId, total };
}

export type LinkCheckOutcome =
  | { ok: true; checkId: number; total: number; results: LinkHealth[]; cancelled: boolean }
  | Extract<LinkCheckStart, { ok: false }>;

/**
 * A check from its start to its end, the same one the surfaces start (`inspect --check-links`,
 * the context menu): resolves with every result once it has ended; progress still goes to `send`.
 */
export async function checkLinksToEnd(req: LinkCheckRequest, deps: Partial<LinkCheckDeps> = {}): Promise<LinkCheckOutcome> {
  const results: LinkHealth[] = [];
  let end!: (cancelled: boolean) => void;
  const ended = new Promise<boolean>((resolve) => (end = resolve));
  const send: LinkCheckDeps['send'] = async (update) => {
    results.push(...update.results);
    if (update.finished) end(update.cancelled);
    await deps.send?.(update);
  };
  const finished = deps.finished ?? (async () => undefined);
  const { net, parse, hasPermissions } = deps;
  const start = await startLinkCheck(req, net && parse && hasPermissions ? { net, parse, hasPermissions, send, finished } : { send, finished });
  if (!start.ok) return start;
  const cancelled = await ended;
  return { ok: true, checkId: start.checkId, total: start.total, results, cancelled };
}

/** Stops a running check: requests not yet started never are; running ones are aborted. */
export function cancelLinkCheck(checkId: number): boolean {
  const c = running.get(checkId);
  if (!c) return false;
  c.abort();
  return true;
}

/** Tests start from a clean state. */
export function forgetLinkHealth(): void {
  cache.clear();
  for (const c of running.values()) c.abort();
  running.clear();
}
