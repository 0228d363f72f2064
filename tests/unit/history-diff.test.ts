import { describe, expect, it } from 'vitest';
import { devaluationReasons, diffInspections, isEmptyDiff } from '@/lib/history/diff';
import { normalizeDomainList } from '@/lib/history/domains';
import { baseIndexForLatest, inspectionKey } from '@/lib/history/key';
import { makeLink } from './history-helpers';
import type { LinkReport } from '@/lib/report';

const L = (index: number, p: Partial<LinkReport>) => makeLink({ index, ...p });

describe('diffInspections', () => {
  it('finds gained, lost, rel, placement and text changes', () => {
    const before = [
      L(0, { url: 'https://keep.com/', text: 'Keep' }),
      L(1, { url: 'https://gone.com/', text: 'Gone' }),
      L(2, { url: 'https://rel.com/', text: 'Rel' }),
      L(3, { url: 'https://move.com/', text: 'Move' }),
      L(4, { url: 'https://text.com/', text: 'Old words' }),
    ];
    const after = [
      L(0, { url: 'https://keep.com/#frag', text: 'Keep' }),
      L(1, { url: 'https://rel.com/', text: 'Rel', rel: ['nofollow'], followed: false }),
      L(2, { url: 'https://move.com/', text: 'Move', placement: 'footer' }),
      L(3, { url: 'https://text.com/', text: 'New words' }),
      L(4, { url: 'https://new.com/', text: 'New' }),
    ];
    const d = diffInspections(before, after);
    expect(d.gained.map((l) => l.url)).toEqual(['https://new.com/']);
    expect(d.lost.map((l) => l.url)).toEqual(['https://gone.com/']);
    expect(d.relChanged.map((c) => [c.before.rel, c.after.rel])).toEqual([[[], ['nofollow']]]);
    expect(d.placementChanged.map((c) => [c.before.placement, c.after.placement])).toEqual([['body', 'footer']]);
    expect(d.textChanged.map((c) => [c.before.text, c.after.text])).toEqual([['Old words', 'New words']]);
    expect(d.unchanged).toBe(1);
    expect(d.mine).toEqual({ lost: [], devalued: [], gained: [] });
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('is empty for identical inspections, ignoring order, whitespace, rel order and tracking params', () => {
    const a = [L(0, { url: 'https://x.com/?utm_source=a', text: 'X  y', rel: ['noopener', 'nofollow'] }), L(1, { url: 'https://z.com/' })];
    const b = [L(0, { url: 'https://z.com/' }), L(1, { url: 'https://x.com/', text: 'X y', rel: ['nofollow', 'noopener'] })];
    const d = diffInspections(a, b);
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.unchanged).toBe(2);
  });

  it('pairs repeated links to one target identical-first, then counts the rest as gained/lost', () => {
    const a = [L(0, { url: 'https://r.com/', text: 'one', placement: 'nav' }), L(1, { url: 'https://r.com/', text: 'two' })];
    const b = [
      L(0, { url: 'https://r.com/', text: 'two' }),
      L(1, { url: 'https://r.com/', text: 'one', placement: 'footer' }),
      L(2, { url: 'https://r.com/', text: 'three' }),
    ];
    const d = diffInspections(a, b);
    expect(d.unchanged).toBe(1);
    expect(d.placementChanged.map((c) => c.after.text)).toEqual(['one']);
    expect(d.gained.map((l) => l.text)).toEqual(['three']);
    expect(d.lost).toEqual([]);
  });

  it('non-http links are matched by their href', () => {
    const a = [L(0, { url: null, href: 'mailto:a@b.c', kind: 'mailto' }), L(1, { url: null, href: 'javascript:void 0', kind: 'javascript' })];
    const b = [L(0, { url: null, href: 'mailto:a@b.c', kind: 'mailto' })];
    const d = diffInspections(a, b);
    expect(d.lost.map((l) => l.href)).toEqual(['javascript:void 0']);
    expect(d.unchanged).toBe(1);
  });

  it('flags lost and devalued backlinks to my domains (and not to others)', () => {
    const mine = normalizeDomainList(['https://www.Mine.com/', 'shop.other.org']);
    expect(mine).toEqual(['mine.com', 'shop.other.org']);
    const before = [
      L(0, { url: 'https://mine.com/a', score: 70 }),
      L(1, { url: 'https://blog.mine.com/b', score: 60 }),
      L(2, { url: 'https://mine.com/c', score: 40 }),
      L(3, { url: 'https://shop.other.org/', score: 50 }),
      L(4, { url: 'https://other.org/', score: 50 }),
      L(5, { url: 'https://mine.com/d', score: 50 }),
    ];
    const after = [
      L(0, { url: 'https://mine.com/a', score: 10, rel: ['nofollow', 'sponsored'], followed: false }),
      L(1, { url: 'https://blog.mine.com/b', score: 30, placement: 'footer' }),
      L(2, { url: 'https://mine.com/c', score: 40, text: 'new anchor' }),
      L(3, { url: 'https://other.org/', score: 0, rel: ['nofollow'], followed: false }),
      L(4, { url: 'https://mine.com/new', score: 55 }),
      L(5, { url: 'https://mine.com/d', score: 49, hidden: true, followed: false }),
    ];
    const d = diffInspections(before, after, mine);
    expect(d.mine.lost.map((m) => [m.link.url, m.myDomain])).toEqual([['https://shop.other.org/', 'shop.other.org']]);
    expect(d.mine.gained.map((m) => m.link.url)).toEqual(['https://mine.com/new']);
    expect(d.mine.devalued.map((m) => [m.after.url, m.reasons])).toEqual([
      ['https://mine.com/a', ['became nofollow + sponsored', 'score fell from 70 to 10']],
      ['https://blog.mine.com/b', ['moved from body to footer', 'score fell from 60 to 30']],
      ['https://mine.com/d', ['no longer passes value']],
    ]);
    // other.org became nofollow too, but it is not mine: only in relChanged.
    expect(d.relChanged.map((c) => [c.after.url, c.myDomain])).toEqual([
      ['https://mine.com/a', 'mine.com'],
      ['https://other.org/', null],
    ]);
    expect(d.textChanged.map((c) => c.myDomain)).toEqual(['mine.com']);
  });

  it('internal links are never "my backlinks"', () => {
    const a = [makeLink({ index: 0, url: 'https://mine.com/x' }, 'mine.com')];
    expect(a[0]!.internal).toBe(true);
    expect(diffInspections(a, [], ['mine.com']).mine.lost).toEqual([]);
  });

  it('devaluationReasons: moving up or gaining score is not devaluing', () => {
    expect(devaluationReasons(L(0, { placement: 'footer', score: 20 }), L(0, { placement: 'body', score: 70 }))).toEqual([]);
    expect(devaluationReasons(L(0, { rel: ['nofollow'], followed: false }), L(0, { rel: ['nofollow', 'ugc'], followed: false }))).toEqual([
      'became ugc',
    ]);
  });
});

describe('baseIndexForLatest', () => {
  const rec = (time: number, text: string) => ({ key: inspectionKey('https://p.test/', time, [L(0, { text })]) });
  it('compares with the most recent inspection whose links differ', () => {
    expect(baseIndexForLatest([])).toBe(-1);
    expect(baseIndexForLatest([rec(3, 'b')])).toBe(-1);
    expect(baseIndexForLatest([rec(3, 'b'), rec(2, 'a')])).toBe(1);
    expect(baseIndexForLatest([rec(4, 'b'), rec(3, 'b'), rec(2, 'a'), rec(1, 'z')])).toBe(2);
    expect(baseIndexForLatest([rec(4, 'b'), rec(3, 'b'), rec(2, 'b')])).toBe(1);
  });
});
