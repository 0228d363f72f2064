/**
 * Words of other languages onto the English vectors through bilingual dictionaries
 * (public/relevance/dict/<lang>.txt, built by scripts/relevance/build-dicts.ts from WikDict,
 * EDICT and CC-CEDICT: see public/relevance/CREDITS.md). Each language's table is loaded on its
 * first page only.
 *
 * A word finds its English rows, first that answers:
 *  1. its Snowball stem (the word itself in Chinese and Japanese) in the table;
 *  2. Germanic compounds: the longest final part whose stem is in the table (Verfassungsreform → reform);
 *  3. Chinese and Japanese: the longest table words inside the segment, left to right;
 *  4. the same string in English (names and loanwords written in Latin letters: Internet, iPhone);
 *  5. the English cognate (lib/analysis/relevance/cognates.ts), where the language has one.
 */
import { readAsset } from './assets';
import { decodeDictionary, type ParsedDictionary } from './dict-format';
import { stem } from './terms';

/** Languages with a shipped table. */
export const DICTIONARY_LANGUAGES = new Set(['fr', 'de', 'es', 'ru', 'tr', 'ja', 'zh']);
const UNSTEMMED = new Set(['ja', 'zh']);
const COMPOUNDING = new Set(['de', 'nl', 'da', 'sv', 'nb']);
/** Shortest final part of a compound that may name it (shorter ones are suffixes: -ung, -heit). */
const MIN_HEAD = 4;
/** Longest table word looked for inside a Chinese or Japanese segment. */
const MAX_CJK_WORD = 6;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

export interface Rows {
  rows: number[];
  weights: number[];
}

const tables = new Map<string, ParsedDictionary['entries'] | null>();
const loading = new Map<string, Promise<void>>();

/**
 * Loads a language's table once. `rows`/`first`/`last` describe the loaded English vectors: a
 * table built for other vectors is refused (its row numbers would point at the wrong words).
 */
export function loadDictionary(lang: string | null, vectors: { rows: number; first: string; last: string }): Promise<void> {
  if (!lang || !DICTIONARY_LANGUAGES.has(lang)) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = readAsset(`dict/${lang}.txt`).then((buffer) => {
      let entries: ParsedDictionary['entries'] | null = null;
      if (buffer) {
        const d = decodeDictionary(new TextDecoder().decode(buffer));
        if (d.header.rows === vectors.rows && d.header.first === vectors.first && d.header.last === vectors.last) entries = d.entries;
      }
      tables.set(lang, entries);
    });
    loading.set(lang, p);
  }
  return p;
}

/** Is a table loaded for the language? */
export function hasDictionary(lang: string | null): boolean {
  return !!lang && !!tables.get(lang);
}

/** Rows of several finds, each find weighing the same. */
function pool(finds: Rows[]): Rows {
  if (finds.length === 1) return finds[0]!;
  const rows: number[] = [];
  const weights: number[] = [];
  for (const f of finds) for (let i = 0; i < f.rows.length; i++) {
    rows.push(f.rows[i]!);
    weights.push(f.weights[i]! / finds.length);
  }
  return { rows, weights };
}

/** Steps 1–3 for one lower-cased word (null: the table does not know it). */
export function dictionaryRows(word: string, lang: string): Rows | null {
  const table = tables.get(lang);
  if (!table) return null;
  const unstemmed = UNSTEMMED.has(lang);
  const direct = table.get(unstemmed ? word : stem(word, lang));
  if (direct) return direct;
  if (COMPOUNDING.has(lang)) {
    for (let k = 3; word.length - k >= MIN_HEAD; k++) {
      const head = table.get(stem(word.slice(k), lang));
      if (head) return head;
    }
  }
  if (unstemmed && CJK.test(word)) {
    const finds: Rows[] = [];
    for (let i = 0; i < word.length; ) {
      let step = 1;
      for (let n = Math.min(MAX_CJK_WORD, word.length - i); n >= 1; n--) {
        const hit = table.get(word.slice(i, i + n));
        // A single kana is a particle or an ending, not a word.
        if (hit && !(n === 1 && /[\u3040-\u30ff]/.test(word[i]!))) {
          finds.push(hit);
          step = n;
          break;
        }
      }
      i += step;
    }
    if (finds.length) return pool(finds);
  }
  return null;
}
