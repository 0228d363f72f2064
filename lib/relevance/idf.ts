/** Per-language IDF lookup over the generated tables (parsed lazily, one language at a time). */
import { IDF_TABLES } from './data/idf';
import { IDF_STEP, IDF_UNKNOWN } from './zipf';

const parsed = new Map<string, Map<string, number> | null>();

/** The IDF table of a language, or null when none is shipped (then every term weighs 1). */
export function idfTable(lang: string | null): Map<string, number> | null {
  const key = lang ?? '';
  let t = parsed.get(key);
  if (t === undefined) {
    const raw = lang ? IDF_TABLES[lang] : undefined;
    t = null;
    if (raw) {
      t = new Map();
      const groups = raw.split('|');
      for (let k = 0; k < groups.length; k++) {
        if (!groups[k]) continue;
        for (const s of groups[k]!.split(' ')) t.set(s, k * IDF_STEP);
      }
    }
    parsed.set(key, t);
  }
  return t;
}

export function idfOf(table: Map<string, number> | null, term: string): number {
  if (!table) return 1;
  return table.get(term) ?? IDF_UNKNOWN;
}
