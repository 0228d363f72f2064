import { describe, expect, it } from 'vitest';
import { collapse, firstWords, lastWords } from '@/lib/text';

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
