import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { analyzeDocument } from '@/lib/page/placement/index';
import { collectPage } from '@/lib/page/model';

async function analyze(doc: Document) {
  const { models } = await collectPage(doc);
  return analyzeDocument(models[0]!, () => undefined);
}

const card = (i: number) =>
  `<li class="card"><a href="/p/${i}"><h3>Handmade oak side table number ${i}</h3><p>Solid oak, oiled finish, fits small rooms</p></a></li>`;

describe('main content: card grids', () => {
  it('a grid of alike cards outweighs a short blurb as the main content', async () => {
    const html = `<body><header><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav></header>
      <div class="promo"><p>Free delivery on orders over fifty pounds, this week only, in all regions.</p></div>
      <div id="results"><ul class="grid">${Array.from({ length: 8 }, (_, i) => card(i)).join('')}</ul></div>
      <footer><a href="/about">About</a></footer></body>`;
    const doc = new JSDOM(html, { url: 'https://shop.example/tables' }).window.document;
    const a = await analyze(doc);
    expect(a.model.el[a.main.root]).toBe(doc.querySelector('ul.grid'));
  });

  it('an article keeps its prose as the main content beside a card grid', async () => {
    const prose = Array.from({ length: 12 }, () => '<p>The table is built from solid oak, planed by hand, joined without screws, and oiled twice.</p>').join('');
    const html = `<body><article id="story">${prose}</article><div><ul class="grid">${Array.from({ length: 8 }, (_, i) => card(i)).join('')}</ul></div></body>`;
    const doc = new JSDOM(html, { url: 'https://shop.example/story' }).window.document;
    const a = await analyze(doc);
    expect(a.model.el[a.main.root]).toBe(doc.querySelector('#story'));
  });
});
