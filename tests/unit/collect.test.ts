import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { analyzePage } from '@/lib/analyze';
import { collectPage } from '@/lib/page/model';
import { htmlDocument } from '../helpers/dom';

function docFrom(html: string, url = 'https://blog.example.com/post/1'): Document {
  return htmlDocument(html, url);
}
describe('collectPage', () => {
  it('finds anchors, areas and SVG links in document order', async () => {
    const doc = docFrom(`
      <p><a href="/a">A</a></p>
      <map name="m"><area href="/b" alt="B"></map>
      <svg><a href="/c"><text>C</text></a><a xlink:href="/d" xmlns:xlink="http://www.w3.org/1999/xlink"><text>D</text></a></svg>
      <a name="no-href">not a link</a>`);
    const { links } = (await collectPage(doc));
    expect(links.map((l) => [l.href, l.element])).toEqual([
      ['/a', 'a'],
      ['/b', 'area'],
      ['/c', 'svg-a'],
      ['/d', 'svg-a'],
    ]);
    expect(links.map((l) => l.index)).toEqual([0, 1, 2, 3]);
  });

  it('descends into open shadow roots, recursively', async () => {
    const doc = docFrom('<div id="host"></div><a href="/after">after</a>');
    const host = doc.getElementById('host')!;
    const outer = host.attachShadow({ mode: 'open' });
    outer.innerHTML = '<a href="/shadow-1">one</a><span id="inner"></span>';
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<a href="/shadow-2">two</a>';
    const { links } = (await collectPage(doc));
    expect(links.map((l) => l.href)).toEqual(['/shadow-1', '/shadow-2', '/after']);
    expect(links.map((l) => l.inShadow)).toEqual([true, true, false]);
  });
});

describe('links inside <noscript>', () => {
  // A browser with scripts on parses a <noscript>'s content as text (jsdom does so when it may run scripts;
  // this markup has none). Comment widgets and badges put their fallback backlink there.
  const markup = `<base href="https://blog.example.com/archive/">
    <p><a href="/before">Before</a></p>
    <noscript><p>Please enable JavaScript to view the <a href="https://disqus.com/?ref_noscript">comments powered by Disqus.</a>
      Or read the <a href="feed/">feed</a>.</p></noscript>
    <p><a href="/after">After</a></p>`;
  const scriptingOn = () =>
    new JSDOM(`<!doctype html><html><head></head><body>${markup}</body></html>`, { url: 'https://blog.example.com/post/1', runScripts: 'dangerously' }).window;

  it('finds them in document order, parsed into a detached document, each tied to its <noscript>', async () => {
    const win = scriptingOn();
    const { links } = (await collectPage(win.document));
    expect(links.map((l) => l.href)).toEqual(['/before', 'https://disqus.com/?ref_noscript', 'feed/', '/after']);
    expect(links.map((l) => l.index)).toEqual([0, 1, 2, 3]);
    const noscript = win.document.querySelector('noscript');
    expect(links.map((l) => l.noscript)).toEqual([null, noscript, noscript, null]);
    expect(links[1]!.el.ownerDocument).not.toBe(win.document);
  });

  it('reports them hidden, resolved against the page, and placed where the noscript sits', async () => {
    const report = await analyzePage(scriptingOn().document);
    const feed = report.links.find((l) => l.href === 'feed/')!;
    expect(feed.url).toBe('https://blog.example.com/archive/feed/');
    expect(feed).toMatchObject({ hidden: true, followed: false, geometry: null });
    expect(feed.hiddenReason).toMatch(/noscript/);
    expect(feed.placementSignals).not.toContain('not found in the page structure');
  });

  it('counts them once where the <noscript> was parsed as elements (scripts off)', async () => {
    const { links } = (await collectPage(docFrom(markup)));
    expect(links.map((l) => l.href)).toEqual(['/before', 'https://disqus.com/?ref_noscript', 'feed/', '/after']);
    expect(links.every((l) => l.noscript === null && l.el.ownerDocument === links[0]!.el.ownerDocument)).toBe(true);
  });

  it('parses a bounded number of them on a hostile page', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `<noscript><a href="/n${i}">n${i}</a></noscript>`).join('');
    const win = new JSDOM(`<!doctype html><body><a href="/first">first</a>${many}<a href="/last">last</a></body>`, { runScripts: 'dangerously' }).window;
    const { links } = (await collectPage(win.document));
    expect(links.filter((l) => l.noscript).length).toBe(100);
    expect(links.map((l) => l.href).slice(0, 2)).toEqual(['/first', '/n0']);
    expect(links.at(-1)!.href).toBe('/last');
  });
});
