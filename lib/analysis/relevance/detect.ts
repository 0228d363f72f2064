/**
 * Language detection for pages without `<html lang>`: the dominant Unicode script narrows the
 * candidates, then the language whose stop words cover most of the text's tokens wins.
 *
 * Why not `eld` (the most accurate detector on short text measured here): it adds ~1 MB of
 * n-gram tables to the content script and ~37 MB of memory on every inspection, while this runs
 * on the whole page topic (title + headings + main text), where stop-word coverage is reliable.
 * `npm run eval` prints its accuracy on single SIB-200 sentences.
 */
import { LANGUAGES, type LanguageInfo } from './languages';
import { stopWords, tokenize } from './terms';

const SCRIPTS: [LanguageInfo['script'], RegExp][] = [
  ['Jpan', /[\u3040-\u30ff]/g],
  ['Hans', /[\u4e00-\u9fff]/g],
  ['Kore', /[\uac00-\ud7af]/g],
  ['Cyrl', /[\u0400-\u04ff]/g],
  ['Arab', /[\u0600-\u06ff]/g],
  ['Deva', /[\u0900-\u097f]/g],
  ['Grek', /[\u0370-\u03ff]/g],
  ['Hebr', /[\u0590-\u05ff]/g],
  ['Thai', /[\u0e00-\u0e7f]/g],
  ['Armn', /[\u0530-\u058f]/g],
  ['Beng', /[\u0980-\u09ff]/g],
  ['Gujr', /[\u0a80-\u0aff]/g],
  ['Guru', /[\u0a00-\u0a7f]/g],
  ['Taml', /[\u0b80-\u0bff]/g],
  ['Mymr', /[\u1000-\u109f]/g],
  ['Latn', /[a-zA-Z\u00c0-\u024f]/g],
];

/** Dominant script of a text (Japanese wins over Han when any kana is present). */
export function dominantScript(text: string): LanguageInfo['script'] | null {
  let best: LanguageInfo['script'] | null = null;
  let bestCount = 0;
  let kana = 0;
  for (const [script, re] of SCRIPTS) {
    const n = text.match(re)?.length ?? 0;
    if (script === 'Jpan') kana = n;
    if (n > bestCount) {
      best = script;
      bestCount = n;
    }
  }
  if (best === 'Hans' && kana > 0) return 'Jpan';
  return best;
}

/** ISO 639-1 code of the text's language, or null when it cannot tell. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 5000);
  const script = dominantScript(sample);
  if (!script) return null;
  const candidates = Object.entries(LANGUAGES).filter(([, info]) => info.script === script && info.stop);
  if (candidates.length === 0) return Object.entries(LANGUAGES).find(([, info]) => info.script === script)?.[0] ?? null;
  if (candidates.length === 1) return candidates[0]![0];
  const tokens = tokenize(sample, null).slice(0, 600);
  let best: string | null = null;
  let bestScore = 0;
  for (const [lang] of candidates) {
    const stops = stopWords(lang);
    let hits = 0;
    for (const t of tokens) if (stops.has(t)) hits++;
    // Long lists match more by chance: discount by list size.
    const score = hits / Math.log2(16 + stops.size);
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return best ?? (script === 'Latn' ? 'en' : candidates[0]![0]);
}
