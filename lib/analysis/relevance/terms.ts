/**
 * Text → terms: `Intl.Segmenter` word tokens (works for every script, incl. CJK without spaces),
 * lower-cased and NFKC-normalised, per-language stop words removed (`stopword`, MIT, 60+ lists)
 * and stemmed (`snowball-stemmers`, ISC, 22 Snowball algorithms).
 */
import * as stopwordLists from 'stopword';
import snowball from 'snowball-stemmers';
import { LANGUAGES } from './languages';

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string | null): Intl.Segmenter {
  const key = lang ?? '';
  let s = segmenters.get(key);
  if (!s) {
    s = new Intl.Segmenter(lang ?? undefined, { granularity: 'word' });
    segmenters.set(key, s);
  }
  return s;
}

/** Scripts written without spaces, where one-character words carry meaning. */
const DENSE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]/;
const DIGITS = /^[\p{N}.,:/-]+$/u;
const APOSTROPHE = /['’ʼ]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letters, marks and digits, with inner apostrophes, dots and underscores kept as the segmenter does. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:[.'’ʼ_][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Word-like segments. Space-separated scripts take a regular expression, several times faster
 * than Intl.Segmenter on long texts; scripts written without spaces need the segmenter's dictionary.
 */
function* words(text: string, lang: string | null): Generator<string> {
  if (DENSE_SCRIPT.test(text)) {
    // Firefox's segmenter (ICU4X) says isWordLike: false for a CJK word before punctuation or a
    // space (Chromium says true), so a segment with a letter or digit counts as a word too.
    for (const seg of segmenter(lang).segment(text)) if (seg.isWordLike || LETTER_OR_DIGIT.test(seg.segment)) yield seg.segment;
    return;
  }
  for (const m of text.matchAll(WORD)) yield m[0];
}

/** Word tokens, lower-cased. Elisions (l'orange, dell'arte) keep the word after the apostrophe. */
export function tokenize(text: string, lang: string | null = null): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const segment of words(text.normalize('NFKC'), lang)) {
    let w = segment.toLowerCase();
    if (APOSTROPHE.test(w)) {
      const parts = w.split(/['’ʼ]/).filter(Boolean);
      // French/Italian/Catalan elisions: keep the longest part (the content word).
      w = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
      if (!w) continue;
    }
    if (DIGITS.test(w)) continue;
    if (w.length < 2 && !DENSE_SCRIPT.test(w)) continue;
    out.push(w);
  }
  return out;
}

const stopSets = new Map<string, Set<string>>();
/** The stop-word set for a language (empty when the language has no list). */
export function stopWords(lang: string | null): Set<string> {
  const key = lang ?? '';
  let set = stopSets.get(key);
  if (!set) {
    const name = lang ? LANGUAGES[lang]?.stop : undefined;
    const list = name ? ((stopwordLists as unknown as Record<string, string[]>)[name] ?? []) : [];
    set = new Set(list.map((w) => w.toLowerCase().normalize('NFKC')));
    stopSets.set(key, set);
  }
  return set;
}

type Stemmer = { stem(word: string): string };
const stemmers = new Map<string, { stemmer: Stemmer | null; cache: Map<string, string> }>();
/** Snowball stem of a lower-cased word (the word itself when the language has no stemmer). */
export function stem(word: string, lang: string | null): string {
  const key = lang ?? '';
  let s = stemmers.get(key);
  if (!s) {
    const algo = lang ? LANGUAGES[lang]?.stem : undefined;
    s = { stemmer: algo ? (snowball.newStemmer(algo) as Stemmer) : null, cache: new Map() };
    stemmers.set(key, s);
  }
  if (!s.stemmer) return word;
  let out = s.cache.get(word);
  if (out === undefined) {
    out = s.stemmer.stem(word) || word;
    if (s.cache.size > 50_000) s.cache.clear();
    s.cache.set(word, out);
  }
  return out;
}

/** Content terms of a text: tokens minus stop words, stemmed. */
export function terms(text: string, lang: string | null): string[] {
  const stops = stopWords(lang);
  const out: string[] = [];
  for (const w of tokenize(text, lang)) {
    if (stops.has(w)) continue;
    out.push(stem(w, lang));
  }
  return out;
}

/** Like `terms`, also returning the surface word each term was first seen as (for display). */
export function termsWithSurface(text: string, lang: string | null, surface: Map<string, string>): string[] {
  const stops = stopWords(lang);
  const out: string[] = [];
  for (const w of tokenize(text, lang)) {
    if (stops.has(w)) continue;
    const t = stem(w, lang);
    if (!surface.has(t)) surface.set(t, w);
    out.push(t);
  }
  return out;
}
