/**
 * The background's one network instance and its HTML parser. Every network read of the
 * extension goes through `backgroundNet()` (one limiter for all callers); fetched HTML is read
 * by `parseFetched`: directly where the background has a DOMParser (Firefox's background page,
 * tests), else in Chrome's offscreen document (reason DOM_PARSER).
 */
import { browser, type Browser } from 'wxt/browser';
import { createNet, type Net } from './fetch.ts';
import { webRequestObserver } from './web-request.ts';
import { sendMessage } from '../../messaging.ts';
import { parseHtml, readFetched, type ParseOptions, type ParseResults, type ParseTask } from '../../parse/fetched.ts';

export { NET_DEFAULTS, createNet, type Net, type NetResult, type NetError, type NetErrorKind, type Hop } from './fetch.ts';

/** What `webRequest` and host access need: the UI asks for them together (permissions.request). */
export { NET_PERMISSIONS } from '../../permissions.ts';

/** Host access to a URL's origin: the optional all-sites permission or a grant for that origin. */
export async function hasHostAccess(url: URL): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [`${url.origin}/*`] });
  } catch {
    return false;
  }
}

let instance: Net | null = null;

/** Unit tests put a net of their own here (one that reaches only local servers, or nothing). */
export function replaceBackgroundNet(net: Net | null): void {
  instance = net;
}

export function backgroundNet(): Net {
  instance ??= createNet({
    fetch: (input, init) => globalThis.fetch(input, init),
    observer: webRequestObserver(),
    canAccess: hasHostAccess,
  });
  return instance;
}

/** Reads fetched HTML into plain data (see lib/parse/fetched.ts). Never runs the page's scripts. */
export async function parseFetched<T extends ParseTask>(html: string, url: string, task: T, options?: ParseOptions): Promise<ParseResults[T]> {
  if (typeof DOMParser === 'function') return readFetched(parseHtml(html, url), url, task, options);
  await ensureOffscreen();
  scheduleClose();
  return (await sendMessage('parseFetched', { html, url, task, options })) as ParseResults[T];
}

const OFFSCREEN_PATH = '/offscreen.html';
/** The parser document is closed after this long without work (it holds a renderer). */
const OFFSCREEN_IDLE_MS = 60_000;
let creating: Promise<void> | null = null;
let closeTimer: ReturnType<typeof setTimeout> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType], documentUrls: [url] });
  // The context is listed before its script has run: while another call is creating it, a
  // message sent now finds no listener ("Receiving end does not exist"). Wait for the creation.
  if (creating) return creating;
  if (contexts.length) return;
  creating ??= browser.offscreen
    .createDocument({ url: OFFSCREEN_PATH, reasons: ['DOM_PARSER' as Browser.offscreen.Reason], justification: 'Read fetched pages (link checks, target topics) without running their scripts.' })
    .finally(() => (creating = null));
  await creating;
}

function scheduleClose(): void {
  if (closeTimer) clearTimeout(closeTimer);
  closeTimer = setTimeout(() => {
    closeTimer = null;
    void browser.offscreen.closeDocument().catch(() => undefined);
  }, OFFSCREEN_IDLE_MS);
}
