import { describe, expect, it } from 'vitest';
import { collectPage } from '@/lib/page/model';
import { anchorText, extractFeatures, relTokens, surroundingWords } from '@/lib/page/features';
import { htmlDocument } from '../helpers/dom';
import type { CollectedLink } from '@/lib/types';

/** The collected link whose element has this id. */
async function linkById(doc: Document, id: string): Promise<CollectedLink> {
  const link = (await collectPage(doc)).links.find((l) => l.el.id === id);
  if (!link) throw new Error(`no link #${id}`);
  return link;
}

describe('features', () => {
  it('reads anchor text, then image alt, aria-label and title', async () => {
    const doc = htmlDocument(`
      <a id="t" href="/a">  Organic <b>kale</b>\n seeds </a>
      <a id="i" href="/b"><img src="k.jpg" alt="Kale bed"></a>
      <a id="l" href="/c" aria-label="Next page"><svg></svg></a>
      <a id="ti" href="/d" title="Read more about kale"></a>
      <a id="n" href="/e"></a>`);
    const get = async (id: string) => anchorText(await linkById(doc, id));
    expect(await get('t')).toEqual({ text: 'Organic kale seeds', source: 'text', cut: false });
    expect(await get('i')).toEqual({ text: 'Kale bed', source: 'alt', cut: false });
    expect(await get('l')).toEqual({ text: 'Next page', source: 'aria-label', cut: false });
    expect(await get('ti')).toEqual({ text: 'Read more about kale', source: 'title', cut: false });
    expect(await get('n')).toEqual({ text: '', source: 'none', cut: false });
  });

  it('splits rel into lower-cased unique tokens', async () => {
    const doc = htmlDocument('<a id="a" href="/" rel=" NoFollow  sponsored nofollow UGC">x</a>');
    expect(relTokens(doc.getElementById('a')!)).toEqual({ tokens: ['nofollow', 'sponsored', 'ugc'], cut: false });
  });

  it('splits rel on ASCII whitespace and commas only, as relList does (NBSP is no separator)', () => {
    const doc = htmlDocument(`
      <a id="nbsp" href="/" rel="nofollow sponsored">x</a>
      <a id="ideographic" href="/" rel="nofollow　ugc">x</a>
      <a id="ascii" href="/" rel="	nofollow\nsponsored\fugc\r noopener">x</a>
      <a id="comma" href="/" rel="nofollow,sponsored , ugc">x</a>`);
    const tokens = (id: string) => relTokens(doc.getElementById(id)!).tokens;
    expect(tokens('nbsp')).toEqual(['nofollow sponsored']);
    expect(tokens('ideographic')).toEqual(['nofollow　ugc']);
    expect(tokens('ascii')).toEqual(['nofollow', 'sponsored', 'ugc', 'noopener']);
    expect(tokens('comma')).toEqual(['nofollow', 'sponsored', 'ugc']);
    // Without commas, the browser's own tokenizer agrees.
    for (const id of ['nbsp', 'ideographic', 'ascii']) {
      const a = doc.getElementById(id) as HTMLAnchorElement;
      expect(tokens(id)).toEqual([...new Set([...a.relList].map((t) => t.toLowerCase()))]);
    }
  });

  it('cuts page strings to their caps at collection and flags each cut field', async () => {
    const longHref = 'https://tracker.example/r?u=' + 'x'.repeat(100_000);
    const doc = htmlDocument(
      `<p>Our pick: <a id="long" href="${longHref}" title="${'Deal '.repeat(2_000_000)}" rel="${Array.from({ length: 80 }, (_, i) => `t${i}`).join(' ')} ${'s'.repeat(100)}">${'Cheap offer '.repeat(500)}</a> today.</p>
       <p><a id="alt" href="/img"><img src="x.png" alt="${'Photo of kale '.repeat(400)}"></a></p>
       <p><a id="fine" href="/ok" rel="nofollow" title="About kale">Kale</a></p>`,
      'https://example.com/page',
    );
    const [long, alt, fine] = (await collectPage(doc)).links.map((l) => extractFeatures(l, 'example.com'));
    expect(long!.href).toHaveLength(8192);
    expect(long!.url!.length).toBeLessThanOrEqual(8192);
    expect(long!.host).toBe('tracker.example');
    expect(long!.text.length).toBeLessThanOrEqual(2000);
    expect(long!.text.startsWith('Cheap offer Cheap offer')).toBe(true);
    expect(long!.title.length).toBeLessThanOrEqual(2000);
    expect(long!.rel).toHaveLength(64);
    expect(long!.capped).toEqual(['href', 'text', 'title', 'rel']);
    expect(alt).toMatchObject({ textSource: 'alt', capped: ['text'] });
    expect(alt!.text.length).toBeLessThanOrEqual(2000);
    expect(fine).toMatchObject({ href: '/ok', text: 'Kale', title: 'About kale', rel: ['nofollow'], capped: [] });
  });

  it('finds the words around a link inside its paragraph only', async () => {
    const doc = htmlDocument(`<p>Intro paragraph that should not leak.</p>
      <p>We buy heirloom tomato seed from <a id="a" href="https://seeds.example/">Heirloom Seeds</a> every spring because they germinate well.</p>`);
    const { before, after } = surroundingWords(await linkById(doc, 'a'));
    expect(before).toBe('We buy heirloom tomato seed from');
    expect(after).toBe('every spring because they germinate well.');
  });

  it('finds no words around a menu link, and still finds words past blank text and comments', async () => {
    const doc = htmlDocument(`<ul>
      <li> <!-- item --> <span><a id="menu" href="/a">Menu item</a></span>\u00a0</li>
      <li><span>New:</span> <a id="labelled" href="/b">Seeds</a> <!-- x --></li>
      <li><a id="first" href="/c">Kale</a><!-- x --> and chard</li>
    </ul>`);
    expect(surroundingWords(await linkById(doc, 'menu'))).toEqual({ before: '', after: '' });
    expect(surroundingWords(await linkById(doc, 'labelled'))).toEqual({ before: 'New:', after: '' });
    expect(surroundingWords(await linkById(doc, 'first'))).toEqual({ before: '', after: 'and chard' });
  });

  it('extracts URL facts, internal/external, list and image flags', async () => {
    const doc = htmlDocument(
      `<ul><li><a href="https://www.example.com/x">www</a></li></ul>
       <p><a href="https://other.example/?utm_source=x"><img src="a.png" alt="ad"></a></p>
       <p><a href="javascript:void(0)">js</a></p>`,
      'https://example.com/page',
    );
    const [www, img, js] = (await collectPage(doc)).links.map((l) => extractFeatures(l, 'example.com'));
    // The domain is decided in the background (lib/domain.ts); the page knows what is internal from the domain it was given.
    expect(www).toMatchObject({ internal: true, domain: null, inList: true, image: false });
    expect(img).toMatchObject({ internal: false, image: true, text: 'ad', textSource: 'alt', wrapper: { kind: 'tracking' } });
    expect(js).toMatchObject({ kind: 'javascript', url: null, internal: false });
  });

  it('resolves against <base href>', async () => {
    const doc = htmlDocument('<base href="https://cdn.example.org/docs/"><a href="guide">g</a>', 'https://example.com/');
    const l = (await collectPage(doc)).links.map((x) => extractFeatures(x, 'example.com'))[0]!;
    expect(l.url).toBe('https://cdn.example.org/docs/guide');
    expect(l.internal).toBe(false);
  });
});
