import { describe, expect, it } from 'vitest';
import { restrictionOf } from '@/lib/restricted';

describe('restrictionOf', () => {
  it.each(['https://example.com/', 'http://localhost:8080/x', 'file:///tmp/page.html', 'https://chrome.google.com/search'])('allows %s', (url) => {
    expect(restrictionOf(url)).toBeNull();
  });

  it.each([
    ['chrome://settings', /Browser pages/],
    ['about:blank', /Browser pages/],
    ['chrome-extension://abc/popup.html', /Browser pages/],
    ['moz-extension://abc/popup.html', /Browser pages/],
    ['view-source:https://example.com', /Browser pages/],
    ['https://chromewebstore.google.com/detail/x', /Extension stores/],
    ['https://chrome.google.com/webstore/detail/x', /Extension stores/],
    ['https://addons.mozilla.org/en-US/firefox/', /Extension stores/],
    ['https://microsoftedge.microsoft.com/addons', /Extension stores/],
    ['ftp://example.com/', /ftp: scheme/],
    ['not a url', /not a valid URL/],
    [undefined, /browser page/],
  ])('refuses %s', (url, message) => {
    expect(restrictionOf(url)).toMatch(message);
  });
});
