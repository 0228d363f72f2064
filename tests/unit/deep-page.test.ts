/**
 * Absurdly deep pages (issue #13 §4): the page half's DOM walks are iterative, so nesting that a
 * recursive walk cannot survive ("Maximum call stack size exceeded") is read like any page.
 * jsdom takes minutes to build 20,000 nested elements (each insertion walks the ancestors), so the
 * deep case runs on a minimal node tree here; tests/browser/huge-pages.test.ts runs it in Chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../helpers/dom';
import { textOf } from '@/lib/page/text';

/** The recursive walk textOf replaced: the reference for what it reads. */
function recursiveTextOf(el: Node, limit = Infinity, skip?: (el: Element) => boolean): string {
  const NON_TEXT = new Set(['script', 'style', 'template', 'noscript']);
  const BREAKS = new Set(['p', 'li', 'br', 'div', 'td', 'th', 'dd', 'dt', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption']);
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
    const breaks = BREAKS.has(tag);
    if (breaks) out += ' ';
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    if (breaks) out += ' ';
  };
  walk(el);
  return out;
}

/** Just the node fields textOf reads: an element chain `depth` deep around one text node. */
function chain(tag: string, depth: number, text: string): Node {
  const leaf = { nodeType: 3, nodeValue: text, firstChild: null, nextSibling: null, parentNode: null } as Record<string, unknown>;
  let top = leaf;
  for (let i = 0; i < depth; i++) {
    const el = { nodeType: 1, localName: tag, firstChild: top, nextSibling: null, parentNode: null } as Record<string, unknown>;
    top.parentNode = el;
    top = el;
  }
  return top as unknown as Node;
}

describe('textOf', () => {
  it('reads text under 20,000 nested elements', () => {
    expect(() => recursiveTextOf(chain('span', 20_000, 'Growing tomatoes'))).toThrow(RangeError);
    expect(textOf(chain('span', 20_000, 'Growing tomatoes'))).toBe('Growing tomatoes');
    expect(textOf(chain('div', 20_000, 'x'))).toBe(' '.repeat(20_000) + 'x' + ' '.repeat(20_000));
  });

  it('reads every fixture page exactly as the recursive walk did, with and without a limit and a skip rule', () => {
    const dir = resolve(import.meta.dirname, '../fixtures/placement');
    const skip = (el: Element) => el.localName === 'nav' || el.getAttribute('aria-hidden') === 'true';
    for (const name of readdirSync(dir)) {
      const doc = htmlDocument(readFileSync(resolve(dir, name), 'utf8'));
      const some = [...doc.body.querySelectorAll('main, article, p, li, h1, h2, a, ul, nav, footer')].filter((_, i) => i % 7 === 0);
      for (const el of [doc.body, ...some]) {
        for (const limit of [Infinity, 300, 40, 1]) {
          expect(textOf(el, limit)).toBe(recursiveTextOf(el, limit));
          expect(textOf(el, limit, skip)).toBe(recursiveTextOf(el, limit, skip));
        }
      }
      const fragment = doc.createDocumentFragment();
      fragment.append(doc.body.cloneNode(true));
      expect(textOf(fragment, 500)).toBe(recursiveTextOf(fragment, 500));
    }
  }, 30_000);
});
