import { describe, expect, it } from 'vitest';
import { collectLinks } from '@/lib/page/collect';
import { anchorText, extractFeatures, relTokens, surroundingWords } from '@/lib/page/features';
import { htmlDocument } from '../helpers/dom';

describe('features', () => {
  it('reads anchor text, then image alt, aria-label and title', () => {
    const doc = htmlDocument(`
      <a id="t" href="/a">  Organic <b>kale</b>\n seeds </a>
      <a id="i" href="/b"><img src="k.jpg" alt="Kale bed"></a>
      <a id="l" href="/c" aria-label="Next page"><svg></svg></a>
      <a id="ti" href="/d" title="Read more about kale"></a>
      <a id="n" href="/e"></a>`);
    const get = (id: string) => anchorText(doc.getElementById(id)!);
    expect(get('t')).toEqual({ text: 'Organic kale seeds', source: 'text' });
    expect(get('i')).toEqual({ text: 'Kale bed', source: 'alt' });
    expect(get('l')).toEqual({ text: 'Next page', source: 'aria-label' });
    expect(get('ti')).toEqual({ text: 'Read more about kale', source: 'title' });
    expect(get('n')).toEqual({ text: '', source: 'none' });
  });

  it('splits rel into lower-cased unique tokens', () => {
    const doc = htmlDocument('<a id="a" href="/" rel=" NoFollow  sponsored nofollow UGC">x</a>');
    expect(relTokens(doc.getElementById('a')!)).toEqual(['nofollow', 'sponsored', 'ugc']);
  });

  it('finds the words around a link inside its paragraph only', () => {
    const doc = htmlDocument(`<p>Intro paragraph that should not leak.</p>
      <p>We buy heirloom tomato seed from <a id="a" href="https://seeds.example/">Heirloom Seeds</a> every spring because they germinate well.</p>`);
    const { before, after } = surroundingWords(doc.getElementById('a')!);
    expect(before).toBe('We buy heirloom tomato seed from');
    expect(after).toBe('every spring because they germinate well.');
  });

  it('finds no words around a menu link, and still finds words past blank text and comments', () => {
    const doc = htmlDocument(`<ul>
      <li> <!-- item --> <span><a id="menu" href="/a">Menu item</a></span>\u00a0</li>
      <li><span>New:</span> <a id="labelled" href="/b">Seeds</a> <!-- x --></li>
      <li><a id="first" href="/c">Kale</a><!-- x --> and chard</li>
    </ul>`);
    expect(surroundingWords(doc.getElementById('menu')!)).toEqual({ before: '', after: '' });
    expect(surroundingWords(doc.getElementById('labelled')!)).toEqual({ before: 'New:', after: '' });
    expect(surroundingWords(doc.getElementById('first')!)).toEqual({ before: '', after: 'and chard' });
  });

  it('extracts URL facts, internal/external, list and image flags', () => {
    const doc = htmlDocument(
      `<ul><li><a href="https://www.example.com/x">www</a></li></ul>
       <p><a href="https://other.example/?utm_source=x"><img src="a.png" alt="ad"></a></p>
       <p><a href="javascript:void(0)">js</a></p>`,
      'https://example.com/page',
    );
    const [www, img, js] = collectLinks(doc).links.map((l) => extractFeatures(l, 'example.com'));
    expect(www).toMatchObject({ internal: true, domain: 'example.com', inList: true, image: false });
    expect(img).toMatchObject({ internal: false, image: true, text: 'ad', textSource: 'alt', wrapper: { kind: 'tracking' } });
    expect(js).toMatchObject({ kind: 'javascript', url: null, internal: false });
  });

  it('resolves against <base href>', () => {
    const doc = htmlDocument('<base href="https://cdn.example.org/docs/"><a href="guide">g</a>', 'https://example.com/');
    const l = collectLinks(doc).links.map((x) => extractFeatures(x, 'example.com'))[0]!;
    expect(l.url).toBe('https://cdn.example.org/docs/guide');
    expect(l.internal).toBe(false);
  });
});
