/**
 * The HopObserver of the extension: `webRequest` events for the extension's own requests (tab
 * -1, initiated by this extension). They carry what an opaque manual redirect hides — status,
 * Location, X-Robots-Tag — and the reason a request failed (net::ERR_NAME_NOT_RESOLVED in
 * Chrome, NS_ERROR_UNKNOWN_HOST in Firefox), which fetch's TypeError does not.
 *
 * `webRequest` is an optional permission, asked for with host access when the user turns on
 * link checks; until it is granted the API is absent, and redirects come back as "target hidden".
 */
import { createObservationHub, type HopObserver } from './observer.ts';

interface WebRequestDetails {
  method: string;
  url: string;
  tabId: number;
  statusCode?: number;
  redirectUrl?: string;
  responseHeaders?: { name: string; value?: string }[];
  error?: string;
  /** Chrome. */
  initiator?: string;
  /** Firefox. */
  originUrl?: string;
  documentUrl?: string;
}

interface WebRequestEvent {
  addListener(cb: (d: WebRequestDetails) => void, filter: { urls: string[] }, extra?: string[]): void;
}

interface WebRequestApi {
  onHeadersReceived: WebRequestEvent;
  onBeforeRedirect: WebRequestEvent;
  onErrorOccurred: WebRequestEvent;
}

interface RuntimeLike {
  getURL(path: string): string;
}

function api(): { webRequest?: WebRequestApi; runtime?: RuntimeLike } | undefined {
  const g = globalThis as { browser?: { webRequest?: WebRequestApi; runtime?: RuntimeLike }; chrome?: { webRequest?: WebRequestApi; runtime?: RuntimeLike } };
  // The raw namespace: events need no promise wrapping, and the polyfill may not see an API
  // that appeared when an optional permission was granted.
  return g.chrome?.webRequest ? g.chrome : g.browser;
}

function headersOf(list: WebRequestDetails['responseHeaders']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list ?? []) {
    const name = h.name.toLowerCase();
    out[name] = name in out ? `${out[name]}, ${h.value ?? ''}` : (h.value ?? '');
  }
  return out;
}

export function webRequestObserver(): HopObserver {
  const hub = createObservationHub();
  let listening = false;
  const listen = () => {
    const a = api();
    const wr = a?.webRequest;
    if (listening || !wr || !a?.runtime) return;
    listening = true;
    const origin = a.runtime.getURL('/');
    const ours = (d: WebRequestDetails) =>
      d.tabId === -1 && ((d.initiator !== undefined && `${d.initiator}/` === origin) || !!d.originUrl?.startsWith(origin) || !!d.documentUrl?.startsWith(origin));
    const filter = { urls: ['<all_urls>'] };
    wr.onHeadersReceived.addListener(
      (d) => {
        if (!ours(d) || d.statusCode === undefined) return;
        const headers = headersOf(d.responseHeaders);
        let redirectUrl: string | null = null;
        if (d.statusCode >= 300 && d.statusCode < 400 && headers.location) {
          try {
            redirectUrl = new URL(headers.location, d.url).href;
          } catch {
            redirectUrl = null;
          }
        }
        hub.report(d.method, d.url, { head: { status: d.statusCode, headers, redirectUrl } });
      },
      filter,
      ['responseHeaders'],
    );
    // Chrome's internal redirects (HSTS upgrades) have no headers event, only this one.
    wr.onBeforeRedirect.addListener((d) => {
      if (ours(d) && d.statusCode !== undefined) hub.report(d.method, d.url, { head: { status: d.statusCode, headers: headersOf(d.responseHeaders), redirectUrl: d.redirectUrl ?? null } });
    }, filter);
    wr.onErrorOccurred.addListener((d) => {
      // ERR_ABORTED follows every manual redirect in Chrome: the redirect was reported already.
      if (ours(d) && d.error && !/ERR_ABORTED|NS_BINDING_ABORTED/.test(d.error)) hub.report(d.method, d.url, { error: d.error });
    }, filter);
  };
  return {
    watch(method, url) {
      listen();
      // Without the permission no event will come: say so at once instead of waiting for one.
      return listening ? hub.watch(method, url) : { result: async () => null, done() {} };
    },
  };
}
