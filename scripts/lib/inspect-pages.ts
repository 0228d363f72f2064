/**
 * Inspects many pages in ONE browser session with the real extension (Chromium or Firefox): each
 * page is opened in a reusable tab, the background's `inspectTab` (the popup's code path) returns
 * the report. Files are served through request interception, optionally as if at another URL.
 *
 * Every page ends, one way or another: the navigation and the inspection have deadlines, a page
 * that fails gets a fresh tab for the next one, and a page is reported only when the tab really
 * shows it (its navigation got a response).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Response, Route } from 'playwright-core';
import { launchExtension, tabIdOf, type ExtensionSession, type LaunchOptions } from './extension.ts';
import { launchFirefoxExtension, type FirefoxExtensionSession } from './firefox-extension.ts';

export type BrowserName = 'chromium' | 'firefox';

export interface Target {
  /** The URL the browser opens. */
  url: string;
  /** A local file served at `url` (.html or .html.gz). */
  file?: string;
}

/** The page's navigation response, as the browser got it. */
export interface HttpFacts {
  status: number | null;
  xRobotsTag: string | null;
}

/** How links are checked: HEAD (GET where refused) or always GET (meta refresh, meta robots); the gap between two requests to one host. */
export interface LinkCheckSettings {
  mode?: 'head' | 'get';
  delayMs?: number;
}

/** What `--check-links` adds: the check's end (the results are in `report.links[].health`), or why it did not run. */
export type LinkCheckSummary = { total: number; checked: number; cancelled: boolean; error?: never } | { error: { code: string; message: string } };

export interface InspectOutcome {
  url: string;
  http: HttpFacts | null;
  report?: any;
  linkCheck?: LinkCheckSummary;
  error?: { code: string; message: string };
  ms: number;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** The background gets this long for one inspection (it has its own 60 s limit per step). */
const INSPECT_TIMEOUT_MS = 150_000;
/** A whole link check (each request has its own 15 s limit; 2 per host, 6 at once). */
const LINK_CHECK_TIMEOUT_MS = 900_000;

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

/** A tab with the extension's view of it. */
export interface DriverTab {
  /** Opens `url`; throws when the browser could not load it. `http` is null when no response arrived in time. */
  goto(url: string, timeoutMs: number): Promise<{ http: HttpFacts | null }>;
  /** The background's `inspectTab` for this tab. */
  inspect(requestedUrl: string): Promise<{ ok: true; report: any } | { ok: false; error: { code: string; message: string } }>;
  /** The background's link check (the surfaces' "Check links") for this tab, awaited to its end. */
  checkLinks(urls: string[], pageUrl: string, settings: LinkCheckSettings): Promise<{ ok: true; total: number; results: unknown[]; cancelled: boolean } | { ok: false; error: { code: string; message: string } }>;
  close(): Promise<void>;
}

/** One browser with the built extension, as `inspect` needs it. */
export interface InspectDriver {
  /** Serves `files` (URL → path) to documents; with `offline`, aborts every other request that is not local. Returns the undo. */
  serve(files: Map<string, string>, offline: boolean): Promise<() => Promise<void>>;
  openTab(): Promise<DriverTab>;
}

export interface InspectOptions extends LaunchOptions {
  browser?: BrowserName;
  offline?: boolean;
  /** Tabs used in parallel (default 2: the machines have two cores). */
  concurrency?: number;
  /** Navigation timeout per page, ms. */
  timeoutMs?: number;
  /** After inspecting a page, check its http(s) links through the extension and report again with the results. */
  checkLinks?: boolean | LinkCheckSettings;
  /** Names the browser resolves to this machine (127.0.0.1 / ::1): a local server under public-looking names. */
  localHosts?: string[];
  onResult?: (outcome: InspectOutcome, index: number) => void;
}

export async function inspectPages(targets: Target[], options: InspectOptions = {}): Promise<InspectOutcome[]> {
  const localHosts = options.localHosts ?? [];
  if (options.browser === 'firefox') {
    const session = await launchFirefoxExtension({
      extensionDir: options.extensionDir,
      headless: options.headless,
      noNetwork: options.offline,
      grantWebRequest: !!options.checkLinks,
      prefs: localHosts.length ? { 'network.dns.localDomains': localHosts.join(',') } : undefined,
    });
    try {
      return await inspectWith(firefoxDriver(session), targets, options);
    } finally {
      await closeWithin(session.close(), 30_000);
    }
  }
  const session = await launchExtension({
    ...options,
    args: [...(options.args ?? []), ...(localHosts.length ? [`--host-resolver-rules=${localHosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`] : [])],
  });
  try {
    return await inspectWith(chromiumDriver(session), targets, options);
  } finally {
    await closeWithin(session.close(), 30_000);
  }
}

function closeWithin(closing: Promise<void>, ms: number): Promise<void> {
  return Promise.race([closing.catch(() => undefined), new Promise<void>((r) => setTimeout(r, ms).unref())]);
}

export async function inspectWith(driver: InspectDriver, targets: Target[], options: InspectOptions = {}): Promise<InspectOutcome[]> {
  const files = new Map<string, string>();
  for (const t of targets) if (t.file) files.set(stripHash(t.url), t.file);
  const unserve = await driver.serve(files, options.offline ?? false);
  const results: InspectOutcome[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    let tab: DriverTab | null = null;
    while (next < targets.length) {
      const i = next++;
      tab ??= await driver.openTab();
      const check = options.checkLinks === true ? {} : options.checkLinks || null;
      results[i] = await inspectOne(tab, targets[i]!, options.timeoutMs ?? 30_000, check);
      // A tab that failed may be stuck (an error page, a hung load): the next page gets a new one.
      if (results[i]!.error) {
        await closeWithin(tab.close(), 10_000);
        tab = null;
      }
      options.onResult?.(results[i]!, i);
    }
    if (tab) await closeWithin(tab.close(), 10_000);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 2, targets.length) }, worker));
  } finally {
    await unserve();
  }
  return results;
}

async function inspectOne(tab: DriverTab, target: Target, timeoutMs: number, checkLinks: LinkCheckSettings | null): Promise<InspectOutcome> {
  const started = Date.now();
  const outcome = (rest: Omit<InspectOutcome, 'url' | 'ms'>): InspectOutcome => ({ url: target.url, ...rest, ms: Date.now() - started });
  let http: HttpFacts | null = null;
  try {
    ({ http } = await deadline(tab.goto(target.url, timeoutMs), timeoutMs + 15_000, 'loading the page'));
    if (!http) return outcome({ http, error: { code: 'no-response', message: `No response within ${timeoutMs / 1000} s.` } });
    if (http.status !== null && http.status >= 400) return outcome({ http, error: { code: 'http-error', message: `HTTP ${http.status}` } });
    const result = await deadline(tab.inspect(target.url), INSPECT_TIMEOUT_MS, 'the inspection');
    if (!result.ok) return outcome({ http, error: result.error });
    if (!checkLinks) return outcome({ http, report: result.report });
    return outcome({ http, ...(await checkAndReport(tab, target, result.report, checkLinks)) });
  } catch (e) {
    return outcome({ http, error: { code: 'failed', message: firstLine(e) } });
  }
}

/** The page's http(s) links checked by the extension, then its report again: each link now carries `health`. */
async function checkAndReport(tab: DriverTab, target: Target, report: any, settings: LinkCheckSettings): Promise<{ report: any; linkCheck: LinkCheckSummary }> {
  const urls = [...new Set<string>(report.links.filter((l: any) => l.kind === 'http' && typeof l.url === 'string').map((l: any) => l.url))];
  try {
    const check = await deadline(tab.checkLinks(urls, report.finalUrl, settings), LINK_CHECK_TIMEOUT_MS, 'the link check');
    if (!check.ok) return { report, linkCheck: { error: check.error } };
    const again = await deadline(tab.inspect(target.url), INSPECT_TIMEOUT_MS, 'the inspection after the link check');
    const linkCheck = { total: check.total, checked: check.results.length, cancelled: check.cancelled };
    if (!again.ok) return { report, linkCheck: { error: { code: again.error.code, message: `checked ${check.results.length} links, then the report failed: ${again.error.message}` } } };
    return { report: again.report, linkCheck };
  } catch (e) {
    return { report, linkCheck: { error: { code: 'failed', message: firstLine(e) } } };
  }
}

function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timed out: ${what} took over ${Math.round(ms / 1000)} s.`)), ms)));
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0] ?? '';
}

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

function isLocal(url: string): boolean {
  try {
    const u = new URL(url);
    if (['data:', 'blob:', 'about:', 'chrome-extension:', 'moz-extension:'].includes(u.protocol)) return true;
    return LOCAL_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium (Playwright over CDP)

export function chromiumDriver(session: ExtensionSession): InspectDriver {
  return {
    async serve(files, offline) {
      const handler = async (route: Route) => {
        const url = route.request().url();
        const file = files.get(stripHash(url));
        if (file && route.request().resourceType() === 'document') {
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readPage(file) });
        }
        if (offline && !isLocal(url)) return route.abort('blockedbyclient');
        return route.continue();
      };
      await session.context.route('**/*', handler);
      return () => session.context.unroute('**/*', handler);
    },
    async openTab() {
      const page = await session.context.newPage();
      const tabId = await tabIdOf(session, page);
      return {
        goto: (url, timeoutMs) => chromiumGoto(page, url, timeoutMs),
        inspect: (requestedUrl) =>
          session.worker.evaluate(({ tabId, url }) => (globalThis as any).backlinkInspector.inspectTab(tabId, { requestedUrl: url }), { tabId, url: requestedUrl }),
        checkLinks: (urls, pageUrl, { mode, delayMs }) =>
          session.worker.evaluate(({ tabId, urls, pageUrl, mode, delayMs }) => (globalThis as any).backlinkInspector.checkLinks({ tabId, urls, pageUrl, mode, delayMs }), { tabId, urls, pageUrl, mode, delayMs }),
        close: () => page.close(),
      };
    },
  };
}

/** Said when the tab is still blank after the navigation: the URL was a download, or nothing loaded. */
const NOT_SHOWN = 'The browser did not show the page (a download, or nothing loaded).';

async function chromiumGoto(page: Page, url: string, timeoutMs: number): Promise<{ http: HttpFacts | null }> {
  // From a blank tab, so a page that never shows cannot be mistaken for the previous one.
  await page.goto('about:blank');
  // The main frame's last navigation response (redirects end on the final one), also when `load` never comes.
  let last: Response | null = null;
  const onResponse = (r: Response) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) last = r;
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  } catch (e) {
    // A page whose subresources hang still has a DOM worth inspecting.
    if (!/Timeout/i.test(String(e))) throw e;
  } finally {
    page.off('response', onResponse);
  }
  const response = last as Response | null;
  if (!response) return { http: null };
  if (page.url() === 'about:blank') throw new Error(NOT_SHOWN);
  return { http: { status: response.status(), xRobotsTag: await response.headerValue('x-robots-tag').catch(() => null) } };
}

// ---------------------------------------------------------------------------------------------
// Firefox (WebDriver BiDi)

export function firefoxDriver(session: FirefoxExtensionSession): InspectDriver {
  return {
    async serve(files, offline) {
      const unroute = session.route((request) => {
        const file = files.get(stripHash(request.url));
        if (file && request.isDocument) return { body: readPage(file) };
        if (offline && !isLocal(request.url)) return 'abort';
        return 'continue';
      });
      return async () => unroute();
    },
    async openTab() {
      const context = await session.openTab();
      const tabId = await session.tabIdOf(context);
      return {
        async goto(url, timeoutMs) {
          await session.navigate(context, 'about:blank');
          const nav = await session.navigate(context, url, { timeoutMs });
          if (nav.status === null) return { http: null };
          if (nav.url === 'about:blank') throw new Error(NOT_SHOWN);
          return { http: { status: nav.status, xRobotsTag: nav.headers['x-robots-tag'] ?? null } };
        },
        inspect: (requestedUrl) => session.background((bg: any, id: number, url: string) => bg.backlinkInspector.inspectTab(id, { requestedUrl: url }), tabId, requestedUrl),
        checkLinks: (urls, pageUrl, { mode, delayMs }) =>
          session.background(
            (bg: any, id: number, list: string[], page: string, mode?: string, delayMs?: number) => bg.backlinkInspector.checkLinks({ tabId: id, urls: list, pageUrl: page, mode, delayMs }),
            tabId,
            urls,
            pageUrl,
            mode,
            delayMs,
          ),
        close: () => session.closeTab(context),
      };
    },
  };
}
