/**
 * Chrome's offscreen document (reason DOM_PARSER): the MV3 service worker has no DOMParser, so
 * fetched pages are parsed here. Only the extension's own background may ask.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import { isParseRequest } from '@/lib/protocol';
import { parseHtml, readFetched } from '@/lib/parse/fetched';

onMessage('parseFetched', ({ data, sender }) => {
  if (sender?.id !== browser.runtime.id || sender.tab || !isParseRequest(data)) throw new Error('Invalid request.');
  return readFetched(parseHtml(data.html, data.url), data.url, data.task, data.options);
});
