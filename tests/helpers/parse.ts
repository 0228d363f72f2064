/** The parser as the background runs it where it has a DOMParser (Firefox's background page), on jsdom's. */
import { parseHtml, readFetched, type ParseFetched } from '../../lib/parse/fetched';

export const parseInJsdom: ParseFetched = async (html, url, task, options) => readFetched(parseHtml(html, url), url, task, options);
