/**
 * Reader for dictd databases (`.index` + `.dict.dz`, as Debian's dict-freedict-* packages ship
 * them) and for the FreeDict entry layout: a headword line (`word /pron/ <pos>`), then either one
 * line of translations or numbered senses (`1. a, b, c`), each followed by gloss lines in the
 * source language that are skipped.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function b64(s: string): number {
  let n = 0;
  for (const c of s) n = n * 64 + B64.indexOf(c);
  return n;
}

/** headword (lower case) → senses in order → translations of that sense. */
export type Dictionary = Map<string, string[][]>;

/** Translations of a sense line: split on commas outside brackets, parentheticals dropped. */
export function splitTranslations(line: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of line) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ',' || c === ';')) {
      out.push(cur);
      cur = '';
    } else if (depth === 0) cur += c;
  }
  out.push(cur);
  return out.map((t) => t.replace(/\s+/g, ' ').trim().toLowerCase()).filter((t) => t && !/^[\d.\s]+$/.test(t));
}

/** The senses of one FreeDict entry (text after the headword line). */
export function entrySenses(entry: string): string[][] {
  const lines = entry.split('\n').slice(1).filter((l) => l.trim());
  const numbered = lines.filter((l) => /^\d+\. /.test(l));
  const senseLines = numbered.length ? numbered.map((l) => l.replace(/^\d+\. /, '')) : lines.slice(0, 1);
  // A sense line may end in the number of the next sub-sense (`house, home 2.`).
  return senseLines.map((l) => splitTranslations(l.replace(/\s+\d+\.\s*$/, ''))).filter((s) => s.length);
}

export function readDictd(indexPath: string, dictPath: string): Dictionary {
  const data = gunzipSync(readFileSync(dictPath));
  const out: Dictionary = new Map();
  for (const line of readFileSync(indexPath, 'utf8').split('\n')) {
    const [word, off, len] = line.split('\t');
    if (!word || !off || !len || word.startsWith('00-database') || word.startsWith('00database')) continue;
    const start = b64(off);
    const entry = data.subarray(start, start + b64(len)).toString('utf8');
    const key = word.toLowerCase();
    const senses = entrySenses(entry);
    if (!senses.length) continue;
    const prev = out.get(key);
    out.set(key, prev ? [...prev, ...senses] : senses);
  }
  return out;
}

/** X→Y read backwards: each translation t of headword h at sense i gives t → h at rank i. */
export function reverse(dict: Dictionary): Dictionary {
  const out: Dictionary = new Map();
  for (const [head, senses] of dict) {
    senses.forEach((sense, i) => {
      for (const t of sense) {
        let s = out.get(t);
        if (!s) out.set(t, (s = []));
        while (s.length <= i) s.push([]);
        if (!s[i]!.includes(head)) s[i]!.push(head);
      }
    });
  }
  for (const [k, s] of out) out.set(k, s.filter((x) => x.length));
  return out;
}
