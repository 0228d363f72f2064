import { describe, expect, it } from 'vitest';
import { alignReport, matchHrefs, type ReportLinkLike } from '../../scripts/eval/placement-metrics';

const link = (index: number, href: string, placement = 'body', extra: Partial<ReportLinkLike> = {}): ReportLinkLike => ({
  index,
  href,
  placement,
  element: 'a',
  frame: null,
  inShadow: false,
  ...extra,
});

describe('eval: report links to labels', () => {
  it('maps one to one when the browser sees the labelled links', () => {
    const labels = [{ i: 0, href: '/a' }, { i: 1, href: '/b' }, { i: 2, href: '/c' }];
    const r = alignReport(labels, [link(0, '/a', 'nav'), link(1, '/b'), link(2, '/c', 'footer')]);
    expect(r.predictions).toEqual([false, true, false]);
    expect(r.unmatched).toBe(0);
  });

  it('keeps later labels in place when a <noscript> link is missing from the browser DOM', () => {
    // Label 1 sits in a <noscript>: with scripting on it is text, so the report has one link fewer.
    const labels = [{ i: 0, href: '/home' }, { i: 1, href: '/pixel' }, { i: 2, href: '/story' }, { i: 3, href: '/about' }];
    const r = alignReport(labels, [link(0, '/home', 'header'), link(1, '/story', 'body'), link(2, '/about', 'footer')]);
    expect(r.predictions[0]).toBe(false);
    expect(r.predictions[1]).toBeUndefined();
    expect(r.predictions[2]).toBe(true);
    expect(r.predictions[3]).toBe(false);
    expect(r.unmatched).toBe(1);
  });

  it('skips links a page script added, and links in frames and shadow roots', () => {
    const labels = [{ i: 0, href: '/a' }, { i: 1, href: '/b' }];
    const r = alignReport(labels, [
      link(0, '/ad', 'body'),
      link(1, '/a', 'nav'),
      link(2, '/in-frame', 'body', { frame: 'https://x.example/f' }),
      link(3, '/in-shadow', 'body', { inShadow: true }),
      link(4, '/b', 'body'),
    ]);
    expect(r.predictions).toEqual([false, true]);
    expect(r.unmatched).toBe(0);
  });

  it('pairs repeated hrefs in order', () => {
    expect(matchHrefs(['/x', '/y', '/x', '/z'], ['/x', '/x', '/z'])).toEqual([
      [0, 0],
      [2, 1],
      [3, 2],
    ]);
  });
});
