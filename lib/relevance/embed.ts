/**
 * Sentence vectors: SIF-weighted average of English GloVe word vectors (Arora et al. 2017,
 * "A simple but tough-to-beat baseline for sentence embeddings"); the common component is
 * removed from the word vectors at generation time, so a weighted sum is all that is left.
 * The 2 MB table (public/relevance/glove-en.bin) is loaded on first use only.
 *
 * Romance and Germanic languages share much of their topical vocabulary with English through
 * the same Latin, Greek and modern roots, and Russian and Turkish borrow many words by sound
 * (politique → political, ministre → ministry, кризис → crisis). Their words are mapped to the
 * English word that shares the longest accent-free prefix (at least COGNATE_MIN_PREFIX letters),
 * so the English vectors carry their topic too. False friends happen (campeonato → camped); on
 * SIB-200 the mapping still gains 0.04–0.10 AUC. No multilingual vectors small enough to ship
 * exist on npm; this mapping needs no data beyond the English table.
 */
import { decodeGlove } from './asset-format';
import { readAsset } from './assets';
import { ZIPF_H } from './zipf';

/** SIF smoothing: a word of probability p weighs a/(a+p). */
const SIF_A = 3e-4;

interface Table {
  dims: number;
  index: Map<string, number>;
  weight: Float32Array;
  vectors: Int8Array;
  scales: Float32Array;
  /** Words by frequency, most frequent first (for the cognate prefixes). */
  byFrequency: string[];
}
let table: Table | null = null;
let loading: Promise<boolean> | null = null;

/** Languages whose words are mapped onto the English vectors through shared prefixes (cognates, loanwords). */
export const COGNATE_LANGUAGES = new Set(['fr', 'es', 'it', 'pt', 'ca', 'ro', 'de', 'nl', 'da', 'sv', 'nb', 'no', 'ru', 'tr']);
/** Languages that write compounds as one word. */
const COMPOUNDING = new Set(['de', 'nl', 'da', 'sv', 'nb', 'no']);
/** Shortest prefix that maps a word: shorter prefixes join unrelated words (cons- → consider/constant). */
const COGNATE_MIN_PREFIX = 5;
const COGNATE_MAX_PREFIX = 12;

/** Loads the English vectors once; resolves false when they are unavailable (lexical only then). */
export function loadEmbeddings(): Promise<boolean> {
  loading ??= readAsset('glove-en.bin').then((buffer) => {
    if (!buffer) return false;
    const g = decodeGlove(buffer);
    const index = new Map<string, number>();
    const weight = new Float32Array(g.words.length);
    for (let i = 0; i < g.words.length; i++) {
      index.set(g.words[i]!, i);
      const p = 1 / ((g.ranks[i]! + 2.7) * ZIPF_H);
      weight[i] = SIF_A / (SIF_A + p);
    }
    const byFrequency = g.words.map((w, i) => ({ w, r: g.ranks[i]! })).sort((a, b) => a.r - b.r).map((x) => x.w);
    table = { dims: g.dims, index, weight, vectors: g.vectors, scales: g.scales, byFrequency };
    return true;
  });
  return loading;
}

export const EMBED_DIMS = 100;

/**
 * Weighted sum of the vectors of the given (lower-cased, stop-word-free) tokens, each token with
 * a weight; `into` accumulates. Returns the number of tokens found in the vocabulary.
 */
export function addTokens(into: Float32Array, tokens: string[], weight: number, lang: string | null = 'en'): number {
  const t = table;
  if (!t) return 0;
  const cognates = lang !== 'en' ? cognateIndex(t) : null;
  let found = 0;
  for (const w of tokens) {
    const i = cognates ? cognates.lookup(w, lang ?? '') : t.index.get(w);
    if (i === undefined) continue;
    found++;
    const f = weight * t.weight[i]! * t.scales[i]!;
    const base = i * EMBED_DIMS;
    for (let d = 0; d < EMBED_DIMS; d++) into[d]! += f * t.vectors[base + d]!;
  }
  return found;
}

/** Vectors exist for the language and are loaded (see loadLanguageData). */
export function hasEmbeddings(lang: string | null): boolean {
  return table !== null && usesEmbeddings(lang);
}

/** Does the language get sentence vectors (English's own, or through cognates)? */
export function usesEmbeddings(lang: string | null): boolean {
  return lang === 'en' || (lang !== null && COGNATE_LANGUAGES.has(lang));
}

/** Lower case, no accents (é → e, ß → ss): the form in which prefixes are compared. */
export function foldWord(w: string): string {
  const f = w.toLowerCase().replace(/й/g, 'i').replace(/ё/g, 'е');
  const latin = /[а-я]/.test(f) ? [...f].map((c) => CYRILLIC[c] ?? c).join('') : f;
  return latin.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

/** Cyrillic → the Latin letters English loanwords are spelt with (футбол → futbol, кризис → krizis). */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's',
  т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

interface CognateIndex {
  lookup(word: string, lang: string): number | undefined;
}

/**
 * A folded word and its regular English spellings: German k-/z- for c- (Kultur, Zentrum), the
 * Spanish and Portuguese e- before s+consonant (estudiante, especial), f- for ph- (foto, física).
 */
export function spellings(f: string, lang: string): string[] {
  const out = [f];
  if (lang === 'de' || lang === 'nl' || lang === 'da' || lang === 'sv' || lang === 'nb' || lang === 'no') {
    if (/^[kz][aeiloruy]/.test(f)) out.push('c' + f.slice(1));
  }
  if ((lang === 'es' || lang === 'pt' || lang === 'ca') && /^es[ptcq]/.test(f)) out.push(f.slice(1));
  if (/^f[aeiloruy]/.test(f) && lang !== 'fr') out.push('ph' + f.slice(1));
  if (lang === 'ru' || lang === 'tr') {
    // Loanwords spelt by sound (Russian transliterated, Turkish as written): k for c (ekonomika,
    // klimat, ekonomi), z for s (krizis, kriz), i for y (sistema, sistem).
    const c = f.replace(/k/g, 'c').replace(/z/g, 's');
    const variants = [c, c.replace(/^([^aeiou]+)i/, '$1y')];
    for (const v of variants) if (!out.includes(v)) out.push(v);
  }
  return out;
}
let cognates: CognateIndex | null = null;

/** Prefix → the most frequent English word with it; built once, on the first non-English text. */
function cognateIndex(t: Table): CognateIndex {
  if (cognates) return cognates;
  const byPrefix = new Map<string, number>();
  for (const w of t.byFrequency) {
    const i = t.index.get(w)!;
    for (let n = COGNATE_MIN_PREFIX; n <= Math.min(w.length, COGNATE_MAX_PREFIX); n++) {
      const p = w.slice(0, n);
      if (!byPrefix.has(p)) byPrefix.set(p, i);
    }
  }
  const longest = (f: string): { i: number; n: number } => {
    const exact = t.index.get(f);
    if (exact !== undefined) return { i: exact, n: f.length + 1 };
    for (let n = Math.min(f.length, COGNATE_MAX_PREFIX); n >= COGNATE_MIN_PREFIX; n--) {
      const i = byPrefix.get(f.slice(0, n));
      if (i !== undefined) return { i, n };
    }
    return { i: -1, n: 0 };
  };
  const compoundHead = (f: string): { i: number; n: number } => {
    for (let k = 3; f.length - k >= COGNATE_MIN_PREFIX; k++) {
      const m = longest(f.slice(k));
      if (m.i >= 0 && m.n >= COGNATE_MIN_PREFIX + 1) return m;
    }
    return { i: -1, n: 0 };
  };
  const memo = new Map<string, number>();
  cognates = {
    lookup(word: string, lang: string): number | undefined {
      const key = lang + ':' + word;
      let i = memo.get(key);
      if (i === undefined) {
        i = -1;
        const f = foldWord(word);
        if (/^[a-z]+$/.test(f)) {
          // The spelling that shares the longest prefix with an English word wins.
          let best = { i: -1, n: 0 };
          for (const v of spellings(f, lang)) {
            const m = longest(v);
            if (m.n > best.n) best = m;
          }
          // A compound's last part names what it is (Verfassungsreform → reform, Klimapolitik → politic…).
          if (best.i < 0 && COMPOUNDING.has(lang)) best = compoundHead(f);
          i = best.i;
        }
        if (memo.size > 50_000) memo.clear();
        memo.set(key, i);
      }
      return i < 0 ? undefined : i;
    },
  };
  return cognates;
}
