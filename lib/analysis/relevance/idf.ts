/** Per-language IDF lookup over the shipped tables (public/relevance/idf/<lang>.txt), loaded on demand. */
import { readAsset } from './assets';
import { IDF_STEP, IDF_UNKNOWN } from './zipf';

const parsed = new Map<string, Map<string, number> | null>();
const loading = new Map<string, Promise<void>>();

/** Loads a language's table once (a missing table means every term weighs 1). */
export function loadIdf(lang: string | null): Promise<void> {
  const key = lang ?? '';
  let p = loading.get(key);
  if (!p) {
    p = (lang && /^[a-z]{2,3}$/.test(lang) ? readAsset(`idf/${lang}.txt`) : Promise.resolve(null)).then((buffer) => {
      let t: Map<string, number> | null = null;
      if (buffer) {
        t = new Map();
        // Stems grouped by IDF: group k (separated by '|') has IDF k·IDF_STEP.
        const groups = new TextDecoder().decode(buffer).split('|');
        for (let k = 0; k < groups.length; k++) {
          if (!groups[k]) continue;
          for (const s of groups[k]!.split(' ')) t.set(s, k * IDF_STEP);
        }
      }
      parsed.set(key, t);
    });
    loading.set(key, p);
  }
  return p;
}

/** The loaded IDF table of a language, or null (not shipped or not loaded). */
export function idfTable(lang: string | null): Map<string, number> | null {
  return parsed.get(lang ?? '') ?? null;
}

export function idfOf(table: Map<string, number> | null, term: string): number {
  if (!table) return 1;
  return table.get(term) ?? IDF_UNKNOWN;
}
