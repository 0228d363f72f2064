/** Text helpers shared by the stages. */
import { capString } from '../limits';

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

/**
 * A page string collapsed and cut to `max` characters, with whether anything was cut. Reads at
 * most 2 × `max` characters of `raw`, so a 10 MB attribute costs no more than a short one.
 */
export function capText(raw: string | null | undefined, max: number): { text: string; cut: boolean } {
  if (!raw) return { text: '', cut: false };
  const head = raw.length > 2 * max ? raw.slice(0, 2 * max) : raw;
  const text = collapse(head);
  if (text.length > max) return { text: capString(text, max), cut: true };
  // Characters left unread count as cut (even if they are only whitespace).
  return { text, cut: head !== raw };
}

const NON_TEXT = new Set(['script', 'style', 'template', 'noscript']);
/** Elements whose edges separate words ("a</p><p>b" reads "a b", not "ab"). */
const WORD_BREAKS = new Set(['p', 'li', 'br', 'div', 'td', 'th', 'dd', 'dt', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption']);

/**
 * Visible-ish text of a node without running any layout: skips script/style/template/noscript
 * and anything `skip` rejects; stops once `limit` characters are collected. Iterative (pointer
 * moves, no stack): pages nest elements deeper than any call stack (issue #13 §4).
 */
export function textOf(root: Node, limit = Infinity, skip?: (el: Element) => boolean): string {
  let out = '';
  let n: Node = root;
  for (;;) {
    // Enter n: its text, or (an element or fragment that is read) its opening word break.
    // Once the limit is reached nothing more is entered; open elements still close.
    let entered = false;
    if (out.length < limit) {
      if (n.nodeType === 3) out += n.nodeValue ?? '';
      else if ((n.nodeType === 1 || n.nodeType === 11) && !NON_TEXT.has((n as Element).localName) && !(n.nodeType === 1 && skip?.(n as Element))) {
        if (WORD_BREAKS.has((n as Element).localName)) out += ' ';
        entered = true;
      }
    }
    if (entered && n.firstChild) {
      n = n.firstChild;
      continue;
    }
    if (entered && WORD_BREAKS.has((n as Element).localName)) out += ' ';
    // Leave n, and every ancestor whose last child it was (each was entered on the way down).
    while (n !== root && !n.nextSibling) {
      n = n.parentNode!;
      if (WORD_BREAKS.has((n as Element).localName)) out += ' ';
    }
    if (n === root) return out;
    n = n.nextSibling!;
  }
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
