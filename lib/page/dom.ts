/**
 * The DOM vocabulary of the page half, defined once: which elements make a block of text, whose text
 * nobody reads, which section a page, which are headings and list items, and what counts as
 * whitespace. The page model (model.ts) reads the page with these; every later stage reads the model.
 */

/** Elements that start a new block of text (the paragraph a reader would see); their edges separate words. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p', 'div', 'li', 'td', 'th', 'dd', 'dt', 'dl', 'section', 'article', 'aside', 'main', 'header', 'footer', 'nav',
  'blockquote', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'form', 'body', 'table', 'ul', 'ol',
  'pre', 'address', 'details', 'summary', 'fieldset', 'tr', 'tbody', 'thead', 'tfoot', 'caption', 'menu', 'center',
  'hr', 'br',
]);

/** Subtrees whose text nobody reads (links inside them are still collected). */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'noscript', 'head', 'select', 'option', 'datalist', 'textarea', 'iframe', 'object',
]);

/** Sectioning content: a <header>/<footer> inside one belongs to that section, not to the page. */
export const SECTIONING: ReadonlySet<string> = new Set(['article', 'aside', 'main', 'nav', 'section']);

/** Items of a list (a menu's entries, a glossary's terms). */
export const LIST_ITEM_TAGS: ReadonlySet<string> = new Set(['li', 'dd', 'dt']);

/** Lists themselves. */
export const LIST_TAGS: ReadonlySet<string> = new Set(['ul', 'ol', 'dl']);

/** How many ancestors a link may sit below its list item and still be "in a list". */
export const LIST_ITEM_REACH = 8;

/** h1–h6, without a regex or a set lookup (this runs on every element). */
export function isHeadingTag(tag: string): boolean {
  if (tag.length !== 2 || tag.charCodeAt(0) !== 104 /* h */) return false;
  const d = tag.charCodeAt(1);
  return d >= 49 && d <= 54;
}

/**
 * Whitespace: what `collapse()` (text.ts) folds into one space — JS `\s` (incl. NBSP and the Unicode
 * spaces), the zero-width space, and the invisible control characters below U+0020.
 */
export function isSpace(c: number): boolean {
  if (c <= 32) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Commas that separate clauses, in every script the pages use: , ، ， 、 ﹐ ､ */
function isComma(c: number): boolean {
  return c === 44 || c === 0x60c || c === 0xff0c || c === 0x3001 || c === 0xfe50 || c === 0xff64;
}

/** Characters that are not whitespace (the one character counter every stage shares). */
export function nonSpaceLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) n++;
  return n;
}

/** Non-space characters and commas of a text in one pass, packed: chars * 2^21 + commas (commas < 2^21). */
export function countText(s: string): number {
  let n = 0;
  let commas = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) continue;
    n++;
    if (isComma(c) && commas < 0x1fffff) commas++;
  }
  return n * 0x200000 + commas;
}

export const TEXT_COUNT_SCALE = 0x200000;
