import { beforeAll, describe, expect, it } from 'vitest';
import { analyzePage } from '../../lib/analyze';
import { loadLanguageData } from '../../lib/analysis/relevance/index';
import { MINIMALISM_BLOGS, MINIMALISM_NAMES, WOOD_NAMES, WOOD_PROJECTS } from '../fixtures/relevance/listicles';

beforeAll(() => loadLanguageData('en'));

async function linkOn(html: string, text: string) {
  const report = await analyzePage(new DOMParser().parseFromString(html, 'text/html'));
  const link = report.links.find((l) => l.text.includes(text));
  if (!link) throw new Error(`no link "${text}"`);
  const codes = link.reasons.map((r) => r.code);
  return { link, codes, reason: (code: string) => link.reasons.find((r) => r.code === code) };
}

describe('no penalty without evidence (issue #20 §2)', () => {
  it('reads a listed blog’s description paragraph as its context: "Becoming Minimalist" is on-topic', async () => {
    const { link, codes } = await linkOn(MINIMALISM_BLOGS, 'Becoming Minimalist');
    expect(link.contextRelevance).toBeGreaterThanOrEqual(0.5);
    expect(codes).toContain('relevant');
    expect(codes).not.toContain('off-topic');
    // Words of the paragraph under the heading, not of the anchor.
    expect(link.sharedTerms).toContain('decluttering');
  });
  it('reads a project’s paragraph: "Industrial Pipe Bookshelf" on a DIY wood-projects post is on-topic', async () => {
    const { link, codes } = await linkOn(WOOD_PROJECTS, 'Industrial Pipe Bookshelf');
    expect(link.contextRelevance).toBeGreaterThanOrEqual(0.5);
    expect(codes).toContain('relevant');
    expect(link.sharedTerms).toEqual(expect.arrayContaining(['screw', 'stained']));
  });
  it('never calls a bare name off-topic: what the words show counts, and too few words are unknown, with the reason', async () => {
    for (const [html, name] of [
      [MINIMALISM_NAMES, 'Becoming Minimalist'],
      [MINIMALISM_NAMES, 'Zen Habits'],
      [WOOD_NAMES, 'Industrial Pipe Bookshelf'],
      [WOOD_NAMES, 'Farmhouse Bench'],
    ] as const) {
      const { codes } = await linkOn(html, name);
      expect(codes, name).not.toContain('off-topic');
      expect(codes, name).not.toContain('partly-relevant');
      expect(codes.includes('relevant') || codes.includes('relevance-unknown'), name).toBe(true);
    }
    // "Farmhouse Bench" alone says too little either way: neutral, and the reason says why.
    const { link, reason } = await linkOn(WOOD_NAMES, 'Farmhouse Bench');
    expect(reason('relevance-unknown')!.effect).toBe(0);
    expect(reason('relevance-unknown')!.text).toBe("Relevance unknown: the link's context is only 2 words; no penalty");
    expect(link.sharedTerms).toEqual([]);
  });
  it('does not let a link’s own words match themselves in the page', async () => {
    // The bare list is part of the page's main text: "Zen Habits" shares no word with the rest of it.
    const { link } = await linkOn(MINIMALISM_NAMES, 'Zen Habits');
    expect(link.sharedTerms).toEqual([]);
  });
  it('still judges a link whose paragraph says enough: a casino ad on a minimalism page is not on-topic', async () => {
    const casino = await linkOn(MINIMALISM_BLOGS, 'Lucky Slots casino');
    const blog = await linkOn(MINIMALISM_BLOGS, 'Becoming Minimalist');
    expect(casino.codes).not.toContain('relevance-unknown');
    expect(casino.codes).not.toContain('relevant');
    expect(casino.link.contextRelevance).toBeLessThan(0.35);
    expect(blog.link.score).toBeGreaterThan(casino.link.score + 10);
  });
});
