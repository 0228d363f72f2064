import { JSDOM } from 'jsdom';

/** A jsdom Document for `html` at `url` (scripts never run; no layout). */
export function htmlDocument(html: string, url = 'https://example.com/'): Document {
  const body = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return new JSDOM(body, { url }).window.document;
}
