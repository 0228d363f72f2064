/**
 * The background's check of what a page sends (issue #13 §6): a snapshot from a page the
 * extension does not trust is checked value by value and cut to the caps of lib/limits.ts.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/limits';
import { readSnapshot } from '@/lib/snapshot-check';
import type { PageSnapshot } from '@/lib/snapshot';
import { sampleSnapshot } from '../fixtures/surfaces/snapshot';

/** A snapshot as it arrives in a message: a plain copy the check may edit. */
const received = async (): Promise<PageSnapshot> => structuredClone(await sampleSnapshot());

describe('readSnapshot', () => {
  it('passes a real snapshot through unchanged', async () => {
    const snapshot = await received();
    expect(readSnapshot(structuredClone(snapshot))).toEqual(snapshot);
  });

  it('keeps where the fold is (the score reads it), and drops a forged one', async () => {
    const snapshot = await received();
    snapshot.facts.viewportHeight = 900;
    expect(readSnapshot(structuredClone(snapshot))!.facts.viewportHeight).toBe(900);
    for (const bad of [-5, Infinity, '900']) {
      (snapshot.facts as { viewportHeight: unknown }).viewportHeight = bad;
      expect(readSnapshot(structuredClone(snapshot))!.facts).not.toHaveProperty('viewportHeight');
    }
  });

  it('cuts every oversized string to its cap and flags the link fields it cut', async () => {
    const s = await received();
    const tenMB = 'Cheap watches '.repeat(750_000);
    s.links[0]!.text = tenMB;
    s.links[0]!.title = tenMB;
    s.links[0]!.href = 'https://spam.example/' + 'x'.repeat(100_000);
    s.links[0]!.url = s.links[0]!.href;
    s.links[0]!.rel = Array.from({ length: 500 }, (_, i) => `token${i}`);
    s.links[0]!.capped = ['text', 'bogus', 'text'];
    (s.links[0] as { hiddenReason: unknown }).hiddenReason = tenMB;
    s.links[0]!.wrapper = { kind: 'redirect', target: tenMB, markers: [tenMB] };
    s.placements[0]!.signals = Array.from({ length: 1000 }, () => tenMB);
    s.facts.title = tenMB;
    s.facts.description = tenMB;
    s.facts.headings = Array.from({ length: 1000 }, () => tenMB);
    s.facts.metaRobots = Array.from({ length: 1000 }, () => tenMB);
    s.mainText = tenMB;
    s.blocks[0] = tenMB;
    const out = readSnapshot(s)!;
    const link = out.links[0]!;
    expect(link.text).toHaveLength(2000);
    expect(link.title).toHaveLength(2000);
    expect(link.href).toHaveLength(8192);
    expect(link.url).toHaveLength(8192);
    expect(link.rel).toHaveLength(64);
    expect(link.capped.sort()).toEqual(['href', 'rel', 'text', 'title', 'url']);
    // Not one of the closed set of reasons (lib/report.ts): dropped.
    expect(link.hiddenReason).toBeNull();
    expect(link.wrapper!.target).toHaveLength(8192);
    expect(link.wrapper!.markers[0]!.length).toBeLessThanOrEqual(LIMITS.label);
    expect(out.placements[0]!.signals.length).toBeLessThanOrEqual(LIMITS.labels);
    expect(out.facts.title).toHaveLength(2000);
    expect(out.facts.description).toHaveLength(2000);
    expect(out.facts.headings).toHaveLength(40);
    expect(out.facts.metaRobots).toHaveLength(64);
    expect(out.mainText).toHaveLength(30_000);
    expect(out.blocks[0]).toHaveLength(2000);
    // Nothing in the result is longer than its cap.
    expect(JSON.stringify(out).length).toBeLessThan(500_000);
  });

  it('refuses a page URL that is not http(s) or a local file', async () => {
    for (const url of ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'chrome://settings', 'not a url']) {
      const s = await received();
      s.facts.url = url;
      expect(readSnapshot(s)).toBeNull();
      const t = await received();
      t.facts.finalUrl = url;
      expect(readSnapshot(t)).toBeNull();
    }
    const local = await received();
    local.facts.url = local.facts.finalUrl = 'file:///tmp/page.html';
    expect(readSnapshot(local)).not.toBeNull();
  });

  it('refuses wrong types and out-of-range values anywhere', async () => {
    const breakers: ((s: any) => void)[] = [
      (s) => (s.links[0].rel = 'nofollow'),
      (s) => (s.links[0].kind = 'ftp'),
      (s) => (s.links[0].index = -1),
      (s) => (s.links[0].geometry = { top: 'x' }),
      (s) => (s.links[0].fontSizeRatio = Infinity),
      (s) => (s.links[0].wrapper = { kind: 'redirect', target: 1, markers: [] }),
      (s) => (s.links[0] = null),
      (s) => (s.placements[0].placement = 'everywhere'),
      (s) => (s.linkBlocks[0] = s.blocks.length),
      (s) => s.placements.pop(),
      (s) => (s.blocks[0] = 42),
      (s) => (s.frames = [{ url: 1, inspected: true, reason: null }]),
      (s) => (s.truncated = { found: 1, analysed: 1, reason: 'x' }),
      (s) => (s.changedLinks = { count: 0, changes: [{ index: 0, href: '/', what: 'rel', before: '', after: '' }] }),
      (s) => (s.changedLinks = { count: 1, changes: [{ index: 0, href: '/', what: 'moved', before: '', after: '' }] }),
      (s) => (s.timing = { totalMs: 'fast' }),
      (s) => (s.facts.headings = [1]),
      (s) => (s.facts = null),
    ];
    for (const brk of breakers) {
      const s = await received();
      brk(s);
      expect(readSnapshot(s), String(brk)).toBeNull();
    }
    // Links that add up to more than one report can carry (each within its caps).
    const heavy = await received();
    const link = heavy.links[0]!;
    const n = 3000; // about 19.5 KB each: 58 MB
    heavy.links = Array.from({ length: n }, (_, i) => ({ ...link, index: i, href: 'https://x.example/' + 'h'.repeat(8000), url: 'https://x.example/' + 'u'.repeat(8000), text: 't'.repeat(2000) }));
    heavy.placements = Array.from({ length: n }, () => heavy.placements[0]!);
    heavy.linkBlocks = Array.from({ length: n }, () => -1);
    expect(readSnapshot(heavy)).toBeNull();
    expect(readSnapshot(null)).toBeNull();
    expect(readSnapshot('snapshot')).toBeNull();
  });
});
