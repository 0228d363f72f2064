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
