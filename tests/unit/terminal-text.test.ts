import { describe, expect, it } from 'vitest';
import { printable, printableLines, safeJson } from '../../scripts/lib/terminal-text.ts';

/** Every C0 control, DEL and every C1 control. */
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

describe('terminal text (what the inspect CLI prints)', () => {
  it('removes OSC hyperlinks, CSI sequences and C1 controls from a line, marking where they were', () => {
    const lang = 'en\x1b]8;;https://evil.example/\x07click me\x1b]8;;\x07';
    expect(printable(lang)).toBe('en\uFFFDclick me\uFFFD');
    expect(printable('nofollow\x1b[8m')).toBe('nofollow\uFFFD');
    expect(printable('a\x9b31mred\x9d0;title\x9c b')).toBe('a\uFFFDred\uFFFD b');
    expect(printable('bell\x07 nul\x00 del\x7f esc\x1bc')).toBe('bell\uFFFD nul\uFFFD del\uFFFD esc\uFFFD');
    // An OSC that is never terminated loses its introducer; the text after it stays visible.
    expect(printable('\x1b]0;no end in sight')).toBe('\uFFFD0;no end in sight');
  });

  it('turns tabs and line breaks inside a value into spaces, and keeps a table’s own lines', () => {
    expect(printable('a\tb\r\nc')).toBe('a b  c');
    expect(printableLines('title \x1b[2J\nrow\x85two')).toBe('title \uFFFD\nrow\uFFFDtwo');
  });

  it('leaves ordinary text alone, every script included', () => {
    for (const s of ['Growing Organic Tomatoes', 'Ümlaut — “quotes” · 東京 · مرحبا · 🍅']) expect(printable(s)).toBe(s);
  });

  it('escapes DEL and C1 in JSON (JSON.stringify leaves them raw) without changing the data', () => {
    const value = { rel: ['nofollow\x1b[8m'], text: 'a\x9b31m\x7f', lang: 'en\x1b]8;;x\x07' };
    const json = safeJson(value);
    expect(json).not.toMatch(CONTROL);
    expect(JSON.parse(json)).toEqual(value);
    // Indented: its own line breaks only.
    expect(safeJson(value, 2).replace(/\n/g, '')).not.toMatch(CONTROL);
  });
});
