/** Text helpers shared by the stages. */

/** Collapses all whitespace (incl. NBSP) to single spaces and trims. */
export function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Visible-ish text of an element without running any layout: skips script/style/template. */
export function textOf(el: Node, limit = Infinity): string {
  let out = '';
  const walk = (n: Node) => {
    if (out.length >= limit) return;
    if (n.nodeType === 3) {
      out += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 11) return;
    const tag = (n as Element).localName;
    if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') return;
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(el);
  return out;
}

/** The last `n` words of a string. */
export function lastWords(text: string, n: number): string {
  const words = collapse(text).split(' ');
  return words.slice(Math.max(0, words.length - n)).join(' ');
}

/** The first `n` words of a string. */
export function firstWords(text: string, n: number): string {
  return collapse(text).split(' ').slice(0, n).join(' ');
}
