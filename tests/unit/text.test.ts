import { describe, expect, it } from 'vitest';
import { collapse, firstWords, lastWords, textOf } from '@/lib/page/text';
import { collectPage, recordText } from '@/lib/page/model';

describe('collapse', () => {
  it('turns every whitespace run (incl. NBSP and zero-width space) into one space and trims', () => {
    expect(collapse('  a \n\t b\u00a0\u200bc  ')).toBe('a b c');
    expect(collapse('a\u2028b')).toBe('a b');
    expect(collapse(null)).toBe('');
    expect(collapse(undefined)).toBe('');
  });
  it('returns already collapsed text as it is', () => {
    const s = 'Organic tomatoes and kale';
    expect(collapse(s)).toBe(s);
    expect(collapse('a  b')).toBe('a b');
    expect(collapse(' a')).toBe('a');
    expect(collapse('a ')).toBe('a');
  });
  it('gives what replacing every whitespace run would give, for every mix of spaces and words', () => {
    // The reference: each maximal run of whitespace (incl. NBSP and ZWSP) becomes one space.
    const reference = (t: string) => t.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
    const alphabet = [' ', '\n', '\t', '\r', '\u00a0', '\u200b', '\u3000', '\u2028', '\ufeff', 'a', 'b'];
    const check = (t: string, depth: number) => {
      expect(collapse(t)).toBe(reference(t));
      if (depth) for (const c of alphabet) check(t + c, depth - 1);
    };
    check('', 4);
    expect(collapse(' one  two \u00a0three\u200bfour\n five ')).toBe('one two three four five');
  });
});

describe('lastWords / firstWords', () => {
  it('take words from either end of the collapsed text', () => {
    expect(lastWords(' one  two\nthree four ', 2)).toBe('three four');
    expect(lastWords('one two', 5)).toBe('one two');
    expect(lastWords('one two', 0)).toBe('');
    expect(lastWords('', 3)).toBe('');
    expect(firstWords(' one  two\nthree four ', 2)).toBe('one two');
    expect(firstWords('one two', 5)).toBe('one two');
    expect(firstWords('one two', 0)).toBe('');
    expect(firstWords('', 3)).toBe('');
  });
});

describe("the page model's text of an element", () => {
  const html = `<main>
    <p id="plain">Grow <a href="/t">tomatoes</a> in <em>raised</em> beds.</p>
    <li id="item"><a href="/k"><span>Kale</span> guide</a></li>
    <p id="script">Before<script>var x = "<a>";</script> after <a href="/s">link</a></p>
    <p id="broken">line one<br>line two <a href="/b">here</a></p>
    <div id="nested"><p>First paragraph</p><p>Second <a href="/n">link</a></p></div>
    <p id="icon"><a href="/i"><svg><title>icon</title></svg>Icon link</a></p>
    <span id="inline">inline <b>bold</b> text</span>
    <p id="long">${'word '.repeat(400)}<a href="/l">end</a></p>
  </main>`;
  const doc = new DOMParser().parseFromString(html, 'text/html');

  it('reads as textOf does, once collapsed', async () => {
    const { models } = await collectPage(doc);
    const m = models[0]!;
    for (const id of ['plain', 'item', 'script', 'broken', 'nested', 'icon', 'inline', 'long']) {
      const el = doc.getElementById(id)!;
      expect(collapse(recordText(m, m.el.indexOf(el))), id).toBe(collapse(textOf(el)));
    }
  });

  it('skips script text and breaks words at <br> and between blocks', async () => {
    const { models } = await collectPage(doc);
    const m = models[0]!;
    const text = (id: string) => collapse(recordText(m, m.el.indexOf(doc.getElementById(id)!)));
    expect(text('script')).toBe('Before after link');
    expect(text('broken')).toBe('line one line two here');
    expect(text('nested')).toBe('First paragraph Second link');
  });
});
