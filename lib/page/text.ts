/** Text helpers shared by the stages. */

/** Anything `collapse` would change: a non-space whitespace, a double space, an edge space. */
const NOT_COLLAPSED = /[^\S ]|\u200b| {2}|^ | $/;

/** Whitespace runs other than a single space (\s includes NBSP; ZWSP counts as whitespace here). */
const WHITESPACE_RUN = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/** Collapses all whitespace (incl. NBSP) to single spaces and trims. */
export function collapse(text: string | null | undefined): string {
  if (!text) return '';
  // Most texts (anchor texts, attributes) are already collapsed: one scan, no new string.
  if (!NOT_COLLAPSED.test(text)) return text;
  // Every whitespace run becomes one space; a run that already is one space is left alone (far
  // fewer matches: one per odd run instead of one per word).
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

const NON_TEXT = new Set(['script', 'style', 'template', 'noscript']);
/** Elements whose edges separate words ("a</p><p>b" reads "a b", not "ab"). */
const WORD_BREAKS = new Set(['p', 'li', 'br', 'div', 'td', 'th', 'dd', 'dt', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption']);

/**
 * Visible-ish text of a node without running any layout: skips script/style/template/noscript
 * and anything `skip` rejects; stops once `limit` characters are collected.
 */
export function textOf(el: Node, limit = Infinity, skip?: (el: Element) => boolean): string {
  let out = '';
  const walk = (n: Node) => {
    if (out.length >= limit) return;
    if (n.nodeType === 3) {
      out += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 11) return;
    const tag = (n as Element).localName;
    if (NON_TEXT.has(tag) || (n.nodeType === 1 && skip?.(n as Element))) return;
    const breaks = WORD_BREAKS.has(tag);
    if (breaks) out += ' ';
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    if (breaks) out += ' ';
  };
  walk(el);
  return out;
}

/** The last `n` words of a string (found by searching for spaces: no word array). */
export function lastWords(text: string, n: number): string {
  const c = collapse(text);
  let pos = c.length;
  for (let i = 0; i < n; i++) {
    pos = c.lastIndexOf(' ', pos - 1);
    if (pos < 0) return c;
  }
  return c.slice(pos + 1);
}

/** The first `n` words of a string. */
export function firstWords(text: string, n: number): string {
  const c = collapse(text);
  if (n <= 0) return c.split(' ').slice(0, n).join(' ');
  let pos = -1;
  for (let i = 0; i < n; i++) {
    pos = c.indexOf(' ', pos + 1);
    if (pos < 0) return c;
  }
  return c.slice(0, pos);
}
