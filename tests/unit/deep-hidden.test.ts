/**
 * A display:none chain thousands deep, each level holding a link (issue #13 §4: 9.5 s in one
 * task at 10,000 levels). Costs are counted, not timed: a browser computes the style of an element
 * inside a display:none subtree by walking up to its rendered ancestor on every call, and the
 * native textContent reads a block's whole subtree. Both must cost the page's size once, not the
 * size per link. (jsdom builds deep trees slowly, so the chain here is 1,000 deep; the bench and
 * tests/browser/huge-pages.test.ts run 10,000 in Chromium.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectPage } from '@/lib/page/model';
import { extractFeatures } from '@/lib/page/features';
import { readLayout } from '@/lib/page/layout';
import { contextBlockTexts } from '@/lib/page/texts';
import { htmlDocument } from '../helpers/dom';

const DEPTH = 1_000;

/** The page of the bench (scripts/lib/generate-page.ts hiddenChainPage), built with DOM calls. */
function hiddenChain(depth: number): Document {
  const doc = htmlDocument(`<!doctype html><html lang="en"><head><title>Hidden chain</title></head><body>
    <main><article><h1>Hidden chain</h1><p>Compost and mulch in <a href="https://soil.example/guide">raised beds</a> on clay.</p>
    <div id="chain"></div></article></main><footer><a href="/privacy">Privacy</a></footer></body></html>`);
  let el = doc.getElementById('chain')!;
  for (let i = 0; i < depth; i++) {
    const d = doc.createElement('div');
    d.style.display = 'none';
    const a = doc.createElement('a');
    a.href = `https://stuffed${i % 50}.example/${i}`;
    a.textContent = `cheap link ${i}`;
    d.appendChild(a);
    el.appendChild(d);
    el = d;
  }
  return doc;
}

/** Levels between an element and its nearest ancestor-or-self outside every display:none. */
function depthInHidden(el: Element): number {
  let top: Element | null = null;
  for (let p: Element | null = el; p; p = p.parentElement) if ((p as HTMLElement).style?.display === 'none') top = p;
  if (!top) return 0;
  let d = 0;
  for (let p: Element | null = el; p && p !== top.parentElement; p = p.parentElement) d++;
  return d;
}

/** Chromium's layout, as far as readLayout asks: boxes for rendered elements, none below display:none. */
function fakeLayout(doc: Document): { styleCost: () => number } {
  const win = doc.defaultView!;
  const proto = win.Element.prototype;
  const rect = (w: number, h: number) => ({ x: 10, y: 10, left: 10, top: 10, width: w, height: h, right: 10 + w, bottom: 10 + h, toJSON() {} }) as DOMRect;
  vi.spyOn(proto, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return depthInHidden(this) ? rect(0, 0) : rect(this.localName === 'html' ? 1200 : 80, this.localName === 'html' ? 3000 : 18);
  });
  vi.spyOn(proto, 'getClientRects').mockImplementation(function (this: Element) {
    return (depthInHidden(this) ? [] : [rect(80, 18)]) as unknown as DOMRectList;
  });
  let cost = 0;
  const real = win.getComputedStyle.bind(win);
  vi.spyOn(win, 'getComputedStyle').mockImplementation((el: Element) => {
    cost += depthInHidden(el);
    return real(el);
  });
  return { styleCost: () => cost };
}

afterEach(() => vi.restoreAllMocks());

describe('a display:none chain 1,000 deep with a link at every level', () => {
  it('layout reads each style near a rendered ancestor: the cost grows with the page, not with its square', async () => {
    const doc = hiddenChain(DEPTH);
    const links = (await collectPage(doc)).links.map((l) => extractFeatures(l, 'example.com'));
    const { styleCost } = fakeLayout(doc);
    await readLayout(links, doc, () => undefined);
    const chain = links.filter((l) => l.href.includes('stuffed'));
    expect(chain).toHaveLength(DEPTH);
    expect(chain.every((l) => l.hidden && l.hiddenReason === 'display:none')).toBe(true);
    expect(links.find((l) => l.text === 'raised beds')!.hidden).toBe(false);
    // Reading from each link upwards costs about DEPTH² / 2 levels (500,000 here).
    expect(styleCost()).toBeLessThan(40 * DEPTH);
    // Links near the top of the chain keep their font size; deeper ones are not measured.
    expect(chain[0]!.fontSizeRatio).not.toBeNull();
    expect(chain[DEPTH - 1]!.fontSizeRatio).toBeNull();
  }, 60_000);

  it('paragraph texts read each nested block by a bounded walk, not its whole subtree', async () => {
    const doc = hiddenChain(DEPTH);
    const links = (await collectPage(doc)).links.map((l) => extractFeatures(l, 'example.com'));
    const win = doc.defaultView!;
    const getter = Object.getOwnPropertyDescriptor(win.Node.prototype, 'textContent')!;
    let chars = 0;
    vi.spyOn(win.Node.prototype, 'textContent', 'get').mockImplementation(function (this: Node) {
      const text = getter.get!.call(this) as string;
      chars += text.length;
      return text;
    });
    const { blocks, linkBlocks } = await contextBlockTexts(links, () => undefined);
    const chain = links.flatMap((l, i) => (l.href.includes('stuffed') ? [{ i: Number(l.href.split('/').pop()), block: linkBlocks[i]! }] : []));
    expect(chain).toHaveLength(DEPTH);
    // Every level's text is links only (its own and the ones nested below it): no prose around them.
    for (const { block } of chain) expect(block === -1 || blocks[block] === '').toBe(true);
    // The paragraph above the chain still reads as prose.
    expect(blocks.some((b) => b.startsWith('Compost and mulch in raised beds'))).toBe(true);
    // textContent of every nested block reads about 15 × DEPTH² / 2 characters (7.5 million here).
    expect(chars).toBeLessThan(100 * DEPTH);
  }, 60_000);
});
