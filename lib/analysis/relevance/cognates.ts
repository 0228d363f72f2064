/**
 * Romance and Germanic languages share much of their topical vocabulary with English through
 * the same Latin, Greek and modern roots, and Russian and Turkish borrow many words by sound
 * (politique → political, ministre → ministry, кризис → crisis). Their words are mapped to the
 * English word that shares the longest accent-free prefix (at least MIN_PREFIX letters),
 * so the English vectors carry their topic too. False friends happen (campeonato → camped); on
 * SIB-200 the mapping still gains 0.04–0.10 AUC. No multilingual vectors small enough to ship
 * exist on npm; this mapping needs no data beyond the English table.
 */

/** Languages whose words are mapped onto the English vectors (cognates, loanwords). */
export const COGNATE_LANGUAGES = new Set(['fr', 'es', 'it', 'pt', 'ca', 'ro', 'de', 'nl', 'da', 'sv', 'nb', 'no', 'ru', 'tr']);
/** Germanic languages: they write compounds as one word and spell Latin c- as k-/z-. */
const GERMANIC = new Set(['de', 'nl', 'da', 'sv', 'nb', 'no']);
/** Shortest prefix that maps a word: shorter prefixes join unrelated words (cons- → consider/constant). */
const MIN_PREFIX = 5;
const MAX_PREFIX = 12;

/** Lower case, no accents (é → e, ß → ss), Cyrillic transliterated: the form prefixes are compared in. */
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

/**
 * A folded word and its regular English spellings: Germanic k-/z- for c- (Kultur, Zentrum), the
 * Spanish and Portuguese e- before s+consonant (estudiante, especial), f- for ph- (foto, física),
 * and loanwords spelt by sound (Russian transliterated, Turkish as written): k for c (ekonomika,
 * klimat, ekonomi), z for s (krizis, kriz), i for y (sistema, sistem).
 */
export function spellings(f: string, lang: string): string[] {
  const out = [f];
  if (GERMANIC.has(lang) && /^[kz][aeiloruy]/.test(f)) out.push('c' + f.slice(1));
  if ((lang === 'es' || lang === 'pt' || lang === 'ca') && /^es[ptcq]/.test(f)) out.push(f.slice(1));
  if (/^f[aeiloruy]/.test(f) && lang !== 'fr') out.push('ph' + f.slice(1));
  if (lang === 'ru' || lang === 'tr') {
    const c = f.replace(/k/g, 'c').replace(/z/g, 's');
    for (const v of [c, c.replace(/^([^aeiou]+)i/, '$1y')]) if (!out.includes(v)) out.push(v);
  }
  return out;
}

export interface CognateLookup {
  /** Index of the English word a word of `lang` maps to, if any. */
  lookup(word: string, lang: string): number | undefined;
}

/** Prefix → the most frequent English word with it, over `byFrequency` (most frequent first). */
export function buildCognateIndex(byFrequency: string[], index: Map<string, number>): CognateLookup {
  const byPrefix = new Map<string, number>();
  for (const w of byFrequency) {
    const i = index.get(w)!;
    for (let n = MIN_PREFIX; n <= Math.min(w.length, MAX_PREFIX); n++) {
      const p = w.slice(0, n);
      if (!byPrefix.has(p)) byPrefix.set(p, i);
    }
  }
  const longest = (f: string): { i: number; n: number } => {
    const exact = index.get(f);
    if (exact !== undefined) return { i: exact, n: f.length + 1 };
    for (let n = Math.min(f.length, MAX_PREFIX); n >= MIN_PREFIX; n--) {
      const i = byPrefix.get(f.slice(0, n));
      if (i !== undefined) return { i, n };
    }
    return { i: -1, n: 0 };
  };
  // A compound's last part names what it is (Verfassungsreform → reform, Klimapolitik → politic…).
  const compoundHead = (f: string): { i: number; n: number } => {
    for (let k = 3; f.length - k >= MIN_PREFIX; k++) {
      const m = longest(f.slice(k));
      if (m.i >= 0 && m.n >= MIN_PREFIX + 1) return m;
    }
    return { i: -1, n: 0 };
  };
  const memo = new Map<string, number>();
  return {
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
          if (best.i < 0 && GERMANIC.has(lang)) best = compoundHead(f);
          i = best.i;
        }
        if (memo.size > 50_000) memo.clear();
        memo.set(key, i);
      }
      return i < 0 ? undefined : i;
    },
  };
}
