/**
 * Firefox with the BUILT add-on (.output/firefox-mv2), driven through WebDriver BiDi: the same
 * code path a user gets. The add-on is installed with `webExtension.install` (temporarily, as
 * about:debugging does). Two things a user does by hand are done by the harness:
 *
 * - all-sites access (the optional permission) is granted by clicking "Allow access to all sites"
 *   in the options page with real input events; the preference
 *   `extensions.webextOptionalPermissionPrompts: false` accepts the prompt that would follow;
 * - the harness calls the background (`globalThis.backlinkInspector`, as the Chromium harness
 *   does) from a tab showing the options page, through `runtime.getBackgroundPage()`.
 *
 * Firefox 153+ lets automation open moz-extension:// pages only when started with
 * `--remote-allow-system-access`; the add-on's internal UUID is fixed with the
 * `extensions.webextensions.uuids` preference so its pages have a known address.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BiDiConnection } from './bidi.ts';
import { CHROMIUM_FONT_PREFS, launchFirefox, NO_NETWORK_PREFS, type FirefoxProcess } from './firefox.ts';

export const DEFAULT_FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');
/** The Chromium harness's viewport: the same page geometry in both browsers. */
export const VIEWPORT = { width: 1280, height: 900 };

export interface Served {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface InterceptedRequest {
  url: string;
  method: string;
  /** The BiDi browsing context that made it (null: not a tab, e.g. the add-on's background). */
  context: string | null;
  /** A navigation of a tab or frame (a document), not a subresource. */
  isDocument: boolean;
}

/** What to do with a request: answer it, let it go to the network, abort it, or leave it to the next handler (undefined). */
export type RouteDecision = Served | 'continue' | 'abort' | undefined;
export type RouteHandler = (request: InterceptedRequest) => RouteDecision | Promise<RouteDecision>;

export interface NavigationResult {
  /** What the tab shows now. */
  url: string;
  /** The navigation response's HTTP status and headers (lower-case names); null when none was seen. */
  status: number | null;
  headers: Record<string, string>;
}

export interface FirefoxLaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  /** Grant the optional all-sites permission through the options page (default true). */
  grantHostAccess?: boolean;
  /** Route every request nothing answers to a closed local port (default false). */
  noNetwork?: boolean;
  /** An existing profile (kept), e.g. to restart the browser with the same add-ons. */
  profileDir?: string;
  /** Do not install the add-on (it is already in the profile). */
  skipInstall?: boolean;
  /** The add-on's internal UUID (the host of its moz-extension:// pages). */
  uuid?: string;
  /** Install permanently (`moz:permanent`; unsigned add-ons need `xpinstall.signatures.required: false`, honoured by ESR). */
  permanent?: boolean;
  /** A packed add-on (.xpi/.zip) to install instead of the folder. */
  archive?: string;
  prefs?: Record<string, string | number | boolean>;
  /**
   * Grant the optional webRequest permission up front (a copy of the add-on lists it as required),
   * as the Chromium harness does: link checks need it to follow redirects, and no page of the
   * add-on asks for it with a button the harness could click (default false).
   */
  grantWebRequest?: boolean;
}

export interface FirefoxExtensionSession {
  firefox: FirefoxProcess;
  bidi: BiDiConnection;
  addonId: string;
  uuid: string;
  /** `moz-extension://<uuid>`. */
  base: string;
  /** The tab that shows the options page; the harness calls the background from it. */
  control: string;
  /** A new tab (with the standard viewport); returns its BiDi context id. */
  openTab(): Promise<string>;
  /** The tab id the add-on knows a context by. */
  tabIdOf(context: string): Promise<number>;
  navigate(context: string, url: string, options?: { timeoutMs?: number }): Promise<NavigationResult>;
  /** Runs `fn(...args)` in the context's page; the result travels as JSON. */
  evaluate<T = any>(context: string, fn: string | ((...args: any[]) => any), ...args: unknown[]): Promise<T>;
  /** Runs `fn(backgroundWindow, ...args)` from the control tab; the result travels as JSON. */
  background<T = any>(fn: string | ((bg: any, ...args: any[]) => any), ...args: unknown[]): Promise<T>;
  /** Clicks the first element matching `selector` with real pointer input (a user gesture). */
  click(context: string, selector: string): Promise<void>;
  /** Adds a request handler (handlers run newest first); returns its remover. */
  route(handler: RouteHandler): () => void;
  closeTab(context: string): Promise<void>;
  close(): Promise<void>;
}

function manifestOf(dir: string): any {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`No built add-on at ${dir}: run \`npm run build:firefox\` first.`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A temporary copy of the add-on whose manifest requires webRequest instead of making it optional. */
function withWebRequest(dir: string): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'bi-ff-ext-'));
  const copy = join(root, 'extension');
  cpSync(dir, copy, { recursive: true });
  const manifest = manifestOf(copy);
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p: string) => p !== 'webRequest');
  manifest.permissions = [...new Set([...(manifest.permissions ?? []), 'webRequest'])];
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
  return { dir: copy, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

const header = (name: string, value: string) => ({ name, value: { type: 'string', value } });

/** A function (or function source) called with arguments given as JSON, returning JSON text. */
function jsonCall(fn: string | ((...args: any[]) => any), args: unknown[]): string {
  return `async () => { const __r = await (${String(fn)})(...${JSON.stringify(args)}); return JSON.stringify(__r === undefined ? null : __r); }`;
}

export async function launchFirefoxExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxExtensionSession> {
  const extensionDir = options.extensionDir ?? DEFAULT_FIREFOX_EXTENSION_DIR;
  const addonId: string = manifestOf(extensionDir).browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`The add-on in ${extensionDir} has no browser_specific_settings.gecko.id.`);
  const uuid = options.uuid ?? randomUUID();
  const prepared = options.grantWebRequest && !options.archive && !options.skipInstall ? withWebRequest(extensionDir) : null;
  const launched = launchFirefox({
    headless: options.headless,
    profileDir: options.profileDir,
    allowSystemAccess: true,
    prefs: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      'extensions.webextOptionalPermissionPrompts': false,
      ...CHROMIUM_FONT_PREFS,
      ...(options.permanent ? { 'xpinstall.signatures.required': false } : {}),
      ...(options.noNetwork ? NO_NETWORK_PREFS : {}),
      ...options.prefs,
    },
  });
  launched.catch(() => prepared?.cleanup());
  const browserProcess = await launched;
  // Closing also removes the add-on's temporary copy, if one was made.
  const firefox: FirefoxProcess = {
    ...browserProcess,
    close: async () => {
      try {
        await browserProcess.close();
      } finally {
        prepared?.cleanup();
      }
    },
  };
  const { bidi } = firefox;
  const base = `moz-extension://${uuid}`;
  const handlers: RouteHandler[] = [];
  /** Each tab's last navigation response (BiDi reports it before `navigate` returns, and also when the load never completes). */
  const responses = new Map<string, { status: number; headers: Record<string, string> }>();

  try {
    await bidi.send('session.subscribe', { events: ['network.beforeRequestSent', 'network.responseCompleted'] });
    await bidi.send('network.addIntercept', { phases: ['beforeRequestSent'] });
    bidi.on('network.beforeRequestSent', (p) => void intercept(p));
    bidi.on('network.responseCompleted', (p) => {
      if (!p.navigation || !p.context) return;
      const headers: Record<string, string> = {};
      for (const h of p.response.headers ?? []) {
        const name = String(h.name).toLowerCase();
        const value = h.value?.type === 'string' ? String(h.value.value) : '';
        headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
      }
      responses.set(p.context, { status: p.response.status, headers });
    });

    if (!options.skipInstall) {
      const extensionData = options.archive ? { type: 'archivePath', path: resolve(options.archive) } : { type: 'path', path: resolve(prepared?.dir ?? extensionDir) };
      await bidi.send('webExtension.install', { extensionData, ...(options.permanent ? { 'moz:permanent': true } : {}) });
    }
  } catch (e) {
    await firefox.close();
    throw e;
  }

  async function intercept(p: any): Promise<void> {
    if (!p.isBlocked) return;
    const id = p.request.request;
    const url: string = p.request.url;
    const request: InterceptedRequest = {
      url,
      method: p.request.method,
      context: p.context ?? null,
      isDocument: p.navigation != null || p.request.destination === 'document' || p.request.destination === 'iframe',
    };
    let decision: RouteDecision;
    try {
      for (const handler of handlers) {
        decision = await handler(request);
        if (decision !== undefined) break;
      }
    } catch {
      decision = 'abort';
    }
    try {
      if (decision === undefined || decision === 'continue') await bidi.send('network.continueRequest', { request: id });
      else if (decision === 'abort') await bidi.send('network.failRequest', { request: id });
      else {
        const body = typeof decision.body === 'string' ? { type: 'string', value: decision.body } : { type: 'base64', value: decision.body.toString('base64') };
        const headers = Object.entries({ 'content-type': 'text/html; charset=utf-8', ...decision.headers }).map(([k, v]) => header(k, v));
        await bidi.send('network.provideResponse', { request: id, statusCode: decision.status ?? 200, reasonPhrase: 'OK', headers, body });
      }
    } catch {
      // the request went away (tab closed, navigation replaced)
    }
  }

  const evaluate = async <T>(context: string, fn: string | ((...args: any[]) => any), ...args: unknown[]): Promise<T> => {
    const r = await bidi.send('script.callFunction', { functionDeclaration: jsonCall(fn, args), target: { context }, awaitPromise: true, userActivation: false });
    if (r.type !== 'success') throw new Error(`evaluate failed: ${r.exceptionDetails?.text ?? JSON.stringify(r.exceptionDetails)}`);
    return JSON.parse(r.result.value) as T;
  };

  const navigate = async (context: string, url: string, navOptions: { timeoutMs?: number } = {}): Promise<NavigationResult> => {
    const timeoutMs = navOptions.timeoutMs ?? 30_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    responses.delete(context);
    const started = bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
    // A page whose subresources hang still has a DOM worth inspecting: after the timeout, go on.
    const timedOut = new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)));
    try {
      await Promise.race([started, timedOut]);
      const response = responses.get(context);
      const shown = (await bidi.send('browsingContext.getTree', { root: context, maxDepth: 0 })).contexts[0]?.url ?? url;
      return { url: shown, status: response?.status ?? null, headers: response?.headers ?? {} };
    } finally {
      clearTimeout(timer);
      started.catch(() => undefined);
    }
  };

  const openTab = async (): Promise<string> => {
    const { context } = await bidi.send('browsingContext.create', { type: 'tab' });
    await bidi.send('browsingContext.setViewport', { context, viewport: VIEWPORT });
    return context;
  };

  // The control tab: the options page, from which the background is called. An add-on already in
  // the profile may still be starting: until it is, its pages do not load.
  const control = (await bidi.send('browsingContext.getTree', { maxDepth: 0 })).contexts[0].context as string;
  await waitFor(async () => {
    await bidi.send('browsingContext.navigate', { context: control, url: `${base}/options.html`, wait: 'complete' }).catch(() => undefined);
    return evaluate<boolean>(control, () => typeof (globalThis as any).browser?.runtime?.getBackgroundPage === 'function');
  }, 'the add-on to start').catch(async (e) => {
    await firefox.close();
    throw e;
  });

  const background = <T>(fn: string | ((bg: any, ...args: any[]) => any), ...args: unknown[]): Promise<T> =>
    evaluate<T>(control, `async (...args) => (${String(fn)})(await browser.runtime.getBackgroundPage(), ...args)`, ...args);

  const click = async (context: string, selector: string): Promise<void> => {
    const found = await bidi.send('script.callFunction', {
      // Scrolled into view first: WebDriver refuses to move the pointer outside the viewport.
      functionDeclaration: `(selector) => { const el = document.querySelector(selector); el?.scrollIntoView({ block: 'center' }); return el; }`,
      arguments: [{ type: 'string', value: selector }],
      target: { context },
      awaitPromise: false,
      resultOwnership: 'root',
    });
    const sharedId = found.type === 'success' ? found.result.sharedId : undefined;
    if (!sharedId) throw new Error(`click: nothing matches ${selector}`);
    await bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId } } },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await bidi.send('input.releaseActions', { context }).catch(() => undefined);
  };

  const session: FirefoxExtensionSession = {
    firefox,
    bidi,
    addonId,
    uuid,
    base,
    control,
    openTab,
    navigate,
    evaluate,
    background,
    click,
    route(handler) {
      handlers.unshift(handler);
      return () => {
        const i = handlers.indexOf(handler);
        if (i >= 0) handlers.splice(i, 1);
      };
    },
    async tabIdOf(context) {
      const marker = `http://tab-marker.backlink-inspector.invalid/${randomUUID()}`;
      const unroute = session.route((r) => (r.url === marker ? { body: '<title>marker</title>' } : undefined));
      try {
        await navigate(context, marker);
      } finally {
        unroute();
      }
      const id = await evaluate<number>(control, async (url: string) => (await (globalThis as any).browser.tabs.query({ url }))[0]?.id ?? -1, marker);
      if (id < 0) throw new Error('Could not find the tab in the add-on.');
      return id;
    },
    async closeTab(context) {
      responses.delete(context);
      await bidi.send('browsingContext.close', { context }).catch(() => undefined);
    },
    close: () => firefox.close(),
  };

  try {
    if (options.grantHostAccess ?? true) await grantAllSites(session);
  } catch (e) {
    await firefox.close();
    throw e;
  }
  return session;
}

/** Clicks "Allow access to all sites" in the options page, as a user would; waits for the grant. */
async function grantAllSites(session: FirefoxExtensionSession): Promise<void> {
  const granted = () => session.evaluate<boolean>(session.control, () => (globalThis as any).browser.permissions.contains({ origins: ['<all_urls>'] }));
  if (await granted()) return;
  const button = 'section[aria-labelledby="access-h"] button';
  await waitFor(() => session.evaluate<boolean>(session.control, (s: string) => /Allow access/.test(document.querySelector(s)?.textContent ?? ''), button), 'the options page');
  await session.click(session.control, button);
  await waitFor(granted, 'the all-sites permission');
}

/** Polls `check` until it is true (event-driven waits are not available across the BiDi boundary for these). */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
