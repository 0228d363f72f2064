/**
 * The page stays responsive while it is analysed: every loop of the DOM half offers the page a turn
 * every EVERY_LINKS + 1 links and every EVERY_BLOCKS + 1 element records, so no single task grows with
 * the page's size (timings are measured by `npm run bench`; here the offers are counted). Timeouts
 * leave 5× the slowest runs seen on a busy two-core machine (7 s and 3 s).
 */
import { pageDomainOf } from '@/lib/domain';
import { describe, expect, it } from 'vitest';
import { collectPage } from '@/lib/page/model';
import { extractFeatures } from '@/lib/page/features';
import { readPageFacts } from '@/lib/page/page-facts';
import { classifyPlacements } from '@/lib/page/placement/index';
import { contextBlockTexts } from '@/lib/page/texts';
import { EVERY_BLOCKS, EVERY_LINKS, createYielder } from '@/lib/yielder';

/** A forum-like page: a header menu, many posts with a few links each, a footer. */
function forumPage(posts: number): Document {
  const items: string[] = [];
  const parts = ['Grundfos pump', 'Wilo circulator', 'diverter valve', 'expansion vessel', 'pressure gauge', 'heat exchanger', 'fan assembly'];
  for (let i = 0; i < posts; i++) {
    const part = `${parts[i % parts.length]} ${(i * 37) % 900}`;
    items.push(`<div class="post" id="p${i}"><div class="post-meta"><a href="/u/${i % 300}">member${i % 300}</a> <span>#${i + 1}</span></div>
      <div class="post-body"><p>I replaced the ${i % 2 ? 'pump' : 'valve'} on my boiler last winter, and the <a href="https://parts.example/p-${i}">${part}</a> from that shop fitted, with the gasket and the manual.</p></div></div>`);
  }
  const menu = Array.from({ length: 40 }, (_, i) => `<li><a href="/forum/${i}">Board ${i}</a></li>`).join('');
  const html = `<!doctype html><html lang="en"><head><title>Boiler pump replacement - Heating forum</title></head><body>
    <header><nav><ul>${menu}</ul></nav></header><main><h1>Boiler pump replacement</h1>${items.join('')}</main>
    <footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer></body></html>`;
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('yielding to the page', () => {
  it("the page model's walk offers a turn at least every 2,048 nodes", async () => {
    const doc = forumPage(1500);
    let offers = 0;
    const { links, models } = await collectPage(doc, () => void offers++);
    expect(links.length).toBe(3000 + 42);
    // Elements and text nodes, each visited once (elements twice: on the way in and out).
    expect(offers).toBeGreaterThanOrEqual(Math.floor((2 * models[0]!.n + models[0]!.texts.length) / (EVERY_BLOCKS + 1)));
    expect(offers).toBeGreaterThan(10);
  }, 60_000);

  it('placement offers a turn at least every 64 links and every 2,048 elements', async () => {
    const doc = forumPage(1500);
    const facts = readPageFacts(doc);
    const links = (await collectPage(doc)).links.map((l) => extractFeatures(l, pageDomainOf(doc.URL)));
    let offers = 0;
    const placements = await classifyPlacements(doc, links, { checkpoint: () => void offers++ });
    expect(links.length).toBe(3000 + 42);
    // The forum's posts are its content: the analysis really ran.
    expect(placements.filter((p, i) => p.placement === 'body' && links[i]!.href.startsWith('https://parts.example/')).length).toBeGreaterThan(1400);
    const elements = doc.body.getElementsByTagName('*').length;
    // Two passes over the links (evidence, decisions) and at least six over the element records
    // (walk, sums, siblings, main-content scoring, region contexts, templates).
    const perLinks = 2 * Math.floor(links.length / (EVERY_LINKS + 1));
    const perBlocks = 6 * Math.floor(elements / (EVERY_BLOCKS + 1));
    expect(offers).toBeGreaterThanOrEqual(perLinks + perBlocks);
  }, 60_000);

  it('reading the paragraph texts offers a turn at least every 64 links', async () => {
    const doc = forumPage(500);
    const facts = readPageFacts(doc);
    const links = (await collectPage(doc)).links.map((l) => extractFeatures(l, pageDomainOf(doc.URL)));
    let offers = 0;
    const { blocks, linkBlocks } = await contextBlockTexts(links, () => void offers++);
    expect(linkBlocks).toHaveLength(links.length);
    expect(blocks.some((b) => b.includes('replaced the pump'))).toBe(true);
    // One pass over the links (the page model holds the texts).
    expect(offers).toBeGreaterThanOrEqual(Math.floor(links.length / (EVERY_LINKS + 1)));
  }, 20_000);
});

describe('the page turn before the second read', () => {
  it('counts the wait as the page\'s time, not as a slice of ours', async () => {
    let clock = 0;
    const yielder = createYielder(12, () => clock);
    clock = 5; // 5 ms of our work
    const turn = yielder.turn();
    clock = 9000; // the page's own tasks run for 9 s (e.g. the browser's anchor metrics on 100 MB of hrefs)
    await turn;
    clock = 9003;
    expect(yielder.longestSliceMs).toBe(5);
  });
});
