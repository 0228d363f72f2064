/**
 * Inspects many pages in ONE browser session with the real extension: each page is opened in
 * a reusable tab, the background's `inspectTab` (the popup's code path) returns the report.
 * Files are served through request interception, optionally as if at another URL.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Route } from 'playwright-core';
import { launchExtension, tabIdOf, type ExtensionSession, type LaunchOptions } from './extension.ts';

export interface Target {
  /** The URL the browser opens. */
  url: string;
  /** A local file served at `url` (.html or .html.gz). */
  file?: string;
}

export interface InspectOutcome {
  url: string;
  report?: any;
  error?: { code: string; message: string };
  ms: number;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Parses `FILE=URL`, `FILE`, or `URL` into a target. */
export function parseTarget(arg: string): Target {
  const eq = arg.indexOf('=');
  if (eq > 0 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(arg.slice(0, eq))) {
    const file = resolve(arg.slice(0, eq));
    return { url: new URL(arg.slice(eq + 1)).href, file };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(arg) && !/^[a-z]:\\/i.test(arg)) return { url: new URL(arg).href };
  const file = resolve(arg);
  // A bare file is served at a stable fake https URL so the page has a real origin.
  return { url: `https://local.file/${encodeURIComponent(pathToFileURL(file).pathname.split('/').pop() ?? 'page.html')}`, file };
}

export function readPage(file: string): Buffer {
  const raw = readFileSync(file);
  return file.endsWith('.gz') ? gunzipSync(raw) : raw;
}

export interface InspectOptions extends LaunchOptions {
  offline?: boolean;
  /** Tabs used in parallel (default 2: the machines have two cores). */
  concurrency?: number;
  timeoutMs?: number;
  onResult?: (outcome: InspectOutcome, index: number) => void;
}

export async function inspectPages(targets: Target[], options: InspectOptions = {}): Promise<InspectOutcome[]> {
  const session = await launchExtension(options);
  try {
    return await inspectWith(session, targets, options);
  } finally {
    await session.close();
  }
}

export async function inspectWith(session: ExtensionSession, targets: Target[], options: InspectOptions = {}): Promise<InspectOutcome[]> {
  const files = new Map<string, string>();
  for (const t of targets) if (t.file) files.set(stripHash(t.url), t.file);
  const handler = async (route: Route) => {
    const url = route.request().url();
    const file = files.get(stripHash(url));
    if (file && route.request().resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readPage(file) });
    }
    if (options.offline && !isLocal(url)) return route.abort('blockedbyclient');
    return route.continue();
  };
  await session.context.route('**/*', handler);

  const results: InspectOutcome[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    const page = await session.context.newPage();
    const tabId = await tabIdOf(session, page);
    while (next < targets.length) {
      const i = next++;
      results[i] = await inspectOne(session, page, tabId, targets[i]!, options.timeoutMs ?? 30_000);
      options.onResult?.(results[i], i);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 2, targets.length) }, worker));
  await session.context.unroute('**/*', handler);
  return results;
}

async function inspectOne(session: ExtensionSession, page: Page, tabId: number, target: Target, timeoutMs: number): Promise<InspectOutcome> {
  const started = Date.now();
  try {
    try {
      await page.goto(target.url, { waitUntil: 'load', timeout: timeoutMs });
    } catch (e) {
      // A page whose subresources hang still has a DOM worth inspecting.
      if (!/Timeout/i.test(String(e))) throw e;
    }
    const result = await session.worker.evaluate(
      ({ tabId, url }) => (globalThis as any).backlinkInspector.inspectTab(tabId, { requestedUrl: url }),
      { tabId, url: target.url },
    );
    if (!result.ok) return { url: target.url, error: result.error, ms: Date.now() - started };
    return { url: target.url, report: result.report, ms: Date.now() - started };
  } catch (e) {
    return { url: target.url, error: { code: 'failed', message: String((e as Error).message ?? e).split('\n')[0] ?? '' }, ms: Date.now() - started };
  }
}

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

function isLocal(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'chrome-extension:' || u.protocol === 'about:') return true;
    return LOCAL_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}
