import { describe, expect, it } from 'vitest';
import { classify, docFrom, fixture } from './placement-helpers';
import { analyzeDocument } from '@/lib/page/placement/index';
import { collectPage } from '@/lib/page/model';

async function analyze(doc: Document) {
  const { models } = await collectPage(doc);
  const a = await analyzeDocument(models[0]!, () => undefined);
  const m = a.model;
  const block = (id: string) => m.el.indexOf(doc.getElementById(id)!);
  const inMain = (b: number) => a.ctx[b]!.inMain;
  return { a, m, block, inMain };
}
import { templateStats } from '@/lib/page/placement/templates';
import { bodyScore } from '@/lib/page/placement/score';
import { FEATURES, FEATURE_COUNT } from '@/lib/page/placement/link-signals';
import { MODEL } from '@/lib/page/placement/model';

/** A post whose intro sits outside the block the main-content search picks, styled like the article text. */
const POST = `<!doctype html><body>
  <header class="site-header"><ul class="menu"><li class="menu-item"><a href="/">Home</a></li><li class="menu-item"><a href="/shop">Shop</a></li></ul></header>
  <div class="intro"><p class="post-text">The diary starts when <a id="intro-link" href="https://seeds.example/catalogue">the seed catalogues</a> arrive.</p></div>
  <div class="post-body">
    <p class="post-text">We sow tomatoes indoors in March, in <a href="https://pots.example/">small pots</a> on a sunny windowsill, and prick them out into bigger pots when the first true leaves appear.</p>
    <p class="post-text">Peppers need more warmth than tomatoes, so they go on a heated mat, and we follow <a id="body-link" href="https://peppers.example/guide">a grower's guide to chillies</a> for the timings.</p>
    <p class="post-text">By May the greenhouse is full, and the hardening off begins: a few hours outside each day, then whole days, then nights.</p>
    <ul class="menu"><li class="menu-item"><a id="in-main-menu" href="/archive">Archive</a></li></ul>
  </div>
  <footer><ul class="menu"><li class="menu-item"><a href="/about">About</a></li><li class="menu-item"><a href="/contact">Contact</a></li></ul></footer>
</body>`;

describe('template signals', () => {
  it('measure how much of a block or link style lies in the main content, leaving the link itself out', async () => {
    const doc = docFrom(POST, 'https://allotment.example/diary/january');
    const { a, m, block, inMain } = await analyze(doc);
    expect(inMain(block('body-link'))).toBe(true);
    expect(inMain(block('intro-link'))).toBe(false);
    // The intro paragraph is styled like the article's paragraphs, all of which are in the main content.
    const intro = templateStats(a.templates, m, block('intro-link'), inMain);
    expect(intro.blockShare).toBe(1);
    // A menu item inside the article looks like the header and footer menus: mostly outside.
    const menu = templateStats(a.templates, m, block('in-main-menu'), inMain);
    expect(menu.blockShare).toBe(0);
    expect(menu.parentShare).toBe(0);
    // Its link style (three ancestors deep) occurs nowhere else: no evidence.
    expect(menu.linkShare).toBe(0.5);
    // An article paragraph's style: the others are the article text and the intro (outside).
    const body = templateStats(a.templates, m, block('body-link'), inMain);
    expect(body.blockShare).toBeGreaterThan(0.5);
    expect(body.blockShare).toBeLessThan(1);
    // The other link styled like it (a paragraph link in the post body) is in the main content.
    expect(body.linkShare).toBe(1);
  });

  it('a block with no alike block says nothing either way (0.5)', async () => {
    const doc = docFrom('<main><p class="only">A single paragraph of text with <a id="x" href="https://a.example/">one link</a> in it, long enough to count.</p></main>');
    const { a, m, block, inMain } = await analyze(doc);
    const s = templateStats(a.templates, m, block('x'), inMain);
    expect(s.blockShare).toBe(0.5);
    expect(s.parentShare).toBe(0.5);
    expect(s.linkShare).toBe(0.5);
  });
});

describe('body model', () => {
  it('was fitted on the signals link-signals.ts computes, in the same order', () => {
    expect(MODEL.features).toEqual([...FEATURES]);
    for (const w of Object.values(MODEL.weights)) expect(Object.keys(w)).toEqual([...FEATURES]);
    expect(MODEL.roots.length).toBeGreaterThan(0);
  });

  it('splits its log-odds exactly into per-signal contributions', () => {
    const f = new Float64Array(FEATURE_COUNT);
    for (let i = 0; i < FEATURE_COUNT; i++) f[i] = (i * 37 % 11) / 10;
    f[0] = 1;
    for (const [inMain, inRegion] of [[true, false], [true, true], [false, false]] as const) {
      const s = bodyScore(f, inMain, inRegion);
      // Everything not attributed to a signal is the models' constant part (bias weight, tree roots, baseline).
      let roots = MODEL.baseline;
      for (const r of MODEL.roots) roots += MODEL.value[r]!;
      const z = s.contributions.reduce((x, c) => x + c, 0) + roots / 2;
      expect(1 / (1 + Math.exp(-z))).toBeCloseTo(s.probability, 9);
    }
  });

  it('places the article links in the body and a menu inside the article outside it', async () => {
    const c = await classify(docFrom(POST, 'https://allotment.example/diary/january'));
    expect(c.at('body-link')).toBe('body');
    expect(c.at('in-main-menu')).not.toBe('body');
  });

  it('keeps every link of a one-paragraph post in the body', async () => {
    const c = await classify(docFrom(`<header><nav><a href="/">Home</a> <a href="/blog/">Blog</a></nav></header>
      <main><article><h1>Tomato seeds for small gardens</h1>
      <p>We sow our tomato seeds from <a id="a" href="https://www.mysite.example/tomato-seeds">My Site's heirloom tomato seeds</a> in March,
         and mix in compost from <a id="b" href="https://soil.example/mix">the soil shop</a> before planting out.</p></article></main>
      <footer><a href="/privacy">Privacy</a></footer>`, 'https://garden.example/post'));
    expect(c.at('a')).toBe('body');
    expect(c.at('b')).toBe('body');
  });

  it('keeps the paragraph links of a long encyclopedia article in the body, however many share one style', async () => {
    // 360+ links styled alike in the article text: a model that learned "a big group of alike links is
    // boilerplate" from the dev pages would throw them out.
    const c = await classify(docFrom(fixture('wiki-article.html'), 'https://encyclopedia.example/wiki/Soil_management'));
    const where = (sel: string) => c.links.map((l, i) => ((l.el as Element).closest(sel) ? c.results[i]!.placement : null)).filter((p) => p !== null);
    const paragraphs = where('.mw-parser-output > p');
    expect(paragraphs.length).toBeGreaterThan(300);
    expect(paragraphs.every((p) => p === 'body')).toBe(true);
    expect(where('.navbox').every((p) => p !== 'body')).toBe(true);
    expect(where('#mw-panel').every((p) => p === 'nav')).toBe(true);
    expect(where('footer').every((p) => p === 'footer')).toBe(true);
  });
});
