import { describe, expect, it } from 'vitest';
import { setAssetReader } from '../../lib/analysis/relevance/assets';
import { decodeDictionary, encodeDictionary } from '../../lib/analysis/relevance/dict-format';
import { dictionaryRows, hasDictionary, loadDictionary } from '../../lib/analysis/relevance/dictionary';

const header = { rows: 3, first: 'health', last: 'bank' };
const text = encodeDictionary(header, [
  { key: 'sağlık', targets: [{ row: 0, weight: 1 }] },
  { key: 'banka', targets: [{ row: 2, weight: 2 / 3 }, { row: 1, weight: 1 / 3 }] },
]);

describe('bilingual table format', () => {
  it('round-trips keys, rows and weights (weights of a key sum to 1)', () => {
    const d = decodeDictionary(text);
    expect(d.header).toEqual(header);
    expect(d.entries.get('sağlık')).toEqual({ rows: [0], weights: [1] });
    const banka = d.entries.get('banka')!;
    expect(banka.rows).toEqual([2, 1]);
    expect(banka.weights[0]!).toBeCloseTo(6 / 9, 6);
    expect(banka.weights[0]! + banka.weights[1]!).toBeCloseTo(1, 9);
  });
  it('refuses a table built for other vectors (its rows would name the wrong words)', async () => {
    setAssetReader(async (path) => {
      if (path !== 'dict/tr.txt' && path !== 'dict/ja.txt') throw new Error('missing');
      return new TextEncoder().encode(text).buffer as ArrayBuffer;
    });
    await loadDictionary('tr', { rows: 3, first: 'health', last: 'crisis' });
    expect(hasDictionary('tr')).toBe(false);
    expect(dictionaryRows('sağlık', 'tr')).toBeNull();
    await loadDictionary('ja', header);
    expect(hasDictionary('ja')).toBe(true);
    expect(dictionaryRows('sağlık', 'ja')).toEqual({ rows: [0], weights: [1] });
  });
});
