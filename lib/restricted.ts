/** Pages the browser does not let extensions script, with the message a user should see. */
const RESTRICTED_SCHEMES = ['chrome:', 'chrome-extension:', 'edge:', 'about:', 'moz-extension:', 'view-source:', 'devtools:', 'chrome-search:', 'chrome-untrusted:', 'resource:', 'data:'];
const STORE_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

/** Returns why a URL cannot be inspected, or null when it can. */
export function restrictionOf(url: string | undefined | null): string | null {
  // Tabs hide their URL from extensions only for pages they cannot read (browser pages) when host
  // access is granted; callers check that access first.
  if (!url) return 'This tab shows a browser page, which cannot be inspected.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This tab’s address is not a valid URL.';
  }
  if (RESTRICTED_SCHEMES.includes(parsed.protocol)) return 'Browser pages (settings, new tab, extensions) cannot be inspected.';
  if (STORE_HOSTS.includes(parsed.hostname) && (parsed.hostname !== 'chrome.google.com' || parsed.pathname.startsWith('/webstore'))) {
    return 'Extension stores do not allow extensions to read their pages.';
  }
  if (parsed.protocol === 'file:') return null; // allowed when the user enables file access
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `Pages with the ${parsed.protocol} scheme cannot be inspected.`;
  return null;
}
