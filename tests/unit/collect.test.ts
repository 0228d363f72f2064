import { describe, expect, it } from 'vitest';
import { collectLinks } from '@/lib/collect';
import { htmlDocument } from '../helpers/dom';

function docFrom(html: string, url = 'https://blog.example.com/post/1'): Document {
  return htmlDocument(html, url);
}
describe('collectLinks', () => {
  it('finds anchors, areas and SVG links in document order', () => {
    const doc = docFrom(`
      <p><a href="/a">A</a></p>
      <map name="m"><area href="/b" alt="B"></map>
      <svg><a href="/c"><text>C</text></a><a xlink:href="/d" xmlns:xlink="http://www.w3.org/1999/xlink"><text>D</text></a></svg>
      <a name="no-href">not a link</a>`);
    const { links } = collectLinks(doc);
    expect(links.map((l) => [l.href, l.element])).toEqual([
      ['/a', 'a'],
      ['/b', 'area'],
      ['/c', 'svg-a'],
      ['/d', 'svg-a'],
    ]);
    expect(links.map((l) => l.index)).toEqual([0, 1, 2, 3]);
  });

  it('descends into open shadow roots, recursively', () => {
    const doc = docFrom('<div id="host"></div><a href="/after">after</a>');
    const host = doc.getElementById('host')!;
    const outer = host.attachShadow({ mode: 'open' });
    outer.innerHTML = '<a href="/shadow-1">one</a><span id="inner"></span>';
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<a href="/shadow-2">two</a>';
    const { links } = collectLinks(doc);
    expect(links.map((l) => l.href)).toEqual(['/shadow-1', '/shadow-2', '/after']);
    expect(links.map((l) => l.inShadow)).toEqual([true, true, false]);
  });
});
