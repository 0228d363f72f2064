import { describe, expect, it } from 'vitest';
import { baseScore, FACTORS, scoreLinks } from '../../lib/analysis/score/index';
import { belowFoldFactor } from '../../lib/analysis/score/formula';
import type { Placement, SiteStrength } from '../../lib/report';
import { STRENGTH } from '../../lib/analysis/strength/index';
import type { LinkData, PageFacts, PlacementResult, RelevanceResult } from '../../lib/types';
import { makeFacts, makeLinkData } from '../fixtures/score-inputs';

const facts = makeFacts;
const link = (over: Partial<LinkData> = {}): LinkData => makeLinkData({ href: 'https://shop.example/', url: 'https://shop.example/', text: 'a shop', ...over });

const rel = (relevance = 0.5, sharedTerms: string[] = []): RelevanceResult => ({ contextRelevance: relevance, targetRelevance: null, relevance, sharedTerms });
const at = (placement: Placement): PlacementResult => ({ placement, confidence: 1, signals: [] });

function one(l: Partial<LinkData> = {}, opts: { facts?: Partial<PageFacts>; placement?: Placement; relevance?: number; terms?: string[]; site?: SiteStrength | null } = {}) {
  return scoreLinks(facts(opts.facts), [link(l)], [at(opts.placement ?? 'body')], [rel(opts.relevance ?? 0.5, opts.terms)], { site: opts.site })[0]!;
}
const codes = (r: ReturnType<typeof one>) => r.reasons.map((x) => x.code);
const reason = (r: ReturnType<typeof one>, code: string) => r.reasons.find((x) => x.code === code);

describe('score', () => {
  it('reason effects add up to the score, which is 0–100', () => {
    for (const r of [one(), one({ rel: ['nofollow'] }), one({ inList: true }, { placement: 'footer' }), one({ hidden: true })]) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.reasons.reduce((s, x) => s + x.effect, 0)).toBe(r.score);
    }
  });

  it('placement: body > related > sidebar > nav > footer', () => {
    const s = (p: Placement) => one({}, { placement: p }).score;
    expect(s('body')).toBeGreaterThan(s('related'));
    expect(s('related')).toBeGreaterThan(s('sidebar'));
    expect(s('sidebar')).toBeGreaterThan(s('nav'));
    expect(s('nav')).toBeGreaterThan(s('footer'));
    expect(reason(one({}, { placement: 'footer' }), 'placement-footer')?.text).toBe('Placed in the footer');
  });

  it('position: above the fold helps, low on the page hurts', () => {
    const geo = (aboveFold: boolean, pageFraction: number) => ({ top: 0, left: 0, width: 50, height: 10, aboveFold, pageFraction });
    const above = one({ geometry: geo(true, 0.05) });
    const low = one({ geometry: geo(false, 0.9) });
    expect(reason(above, 'above-fold')!.effect).toBeGreaterThan(0);
    expect(reason(low, 'low-on-page')!.effect).toBeLessThan(0);
    expect(reason(low, 'low-on-page')!.text).toBe('Below the fold, 90% down the page');
    expect(above.score).toBeGreaterThan(low.score);
  });

  it('position: no cliff at the fold; the factor slides to the below-the-fold one over the next screen', () => {
    const geo = (top: number) => ({ top, left: 0, width: 50, height: 18, aboveFold: top < 900, pageFraction: top / 3000 });
    const onPage = { facts: { viewportHeight: 900 } };
    // Firefox lays lines out ~1 px taller than Chromium: 26 px apart near the fold on the placement fixtures.
    const justAbove = one({ geometry: geo(890) }, onPage);
    const justBelow = one({ geometry: geo(916) }, onPage);
    expect(Math.abs(justAbove.score - justBelow.score)).toBeLessThanOrEqual(1);
    expect(reason(justBelow, 'low-on-page')!.text).toBe('Just below the fold, 31% down the page');
    // From one screen below the fold on, the plain below-the-fold factor.
    expect(belowFoldFactor(geo(1800), 900)).toBeCloseTo(1 - FACTORS.lowOnPage * 0.6, 10);
    expect(belowFoldFactor(geo(2700), 900)).toBeCloseTo(1 - FACTORS.lowOnPage * 0.9, 10);
    expect(belowFoldFactor(geo(901), 900)).toBeCloseTo(FACTORS.aboveFold, 2);
    // Halfway down the next screen, halfway between.
    expect(belowFoldFactor(geo(1350), 900)).toBeCloseTo((FACTORS.aboveFold + 1 - FACTORS.lowOnPage * 0.45) / 2, 10);
    // Without the viewport (a snapshot without layout facts), the plain factor.
    expect(belowFoldFactor(geo(916), undefined)).toBeCloseTo(1 - FACTORS.lowOnPage * (916 / 3000), 10);
  });

  it('prominence: font size, running text vs list, image, empty anchor', () => {
    expect(reason(one({ fontSizeRatio: 1.5 }), 'large-text')!.effect).toBeGreaterThan(0);
    expect(reason(one({ fontSizeRatio: 0.6 }), 'small-text')!.text).toBe('Smaller text than most links (0.6×)');
    const running = one({ contextBefore: 'one two three four five', contextAfter: 'six seven eight nine' });
    expect(reason(running, 'running-text')!.effect).toBeGreaterThan(0);
    expect(reason(one({ inList: true }), 'in-list')!.text).toBe('In a list, not in running text');
    expect(reason(one({ inList: true }), 'in-list')!.effect).toBeLessThan(0);
    expect(reason(one({ image: true }), 'image')!.effect).toBeLessThan(0);
    expect(reason(one({ text: '' }), 'no-anchor')!.effect).toBeLessThan(0);
  });

  it('relevance: on-topic links score higher, with the shared terms in the reason', () => {
    const on = one({}, { relevance: 0.9, terms: ['tomato', 'organic'] });
    const off = one({}, { relevance: 0.05 });
    expect(on.score).toBeGreaterThan(off.score + 20);
    expect(reason(on, 'relevant')!.text).toBe('On-topic (relevance 0.9; shared: tomato, organic)');
    expect(reason(off, 'off-topic')!.effect).toBeLessThan(0);
    expect(codes(one({}, { relevance: 0.3 }))).toContain('partly-relevant');
  });

  it('unknown relevance is neutral: neither bonus nor penalty, and the reason says why', () => {
    const unknown = (r: number) =>
      scoreLinks(facts(), [link()], [at('body')], [{ ...rel(r), unknown: "the link's context is only 2 words" }])[0]!;
    const plain = one({}, { relevance: 0 });
    // The same score whatever the (unreliable) measured value, and the same as a link with no relevance step at all.
    expect(unknown(0.05).score).toBe(unknown(0.9).score);
    const neutral = (1 - FACTORS.relevanceMin) / (FACTORS.relevanceMax - FACTORS.relevanceMin);
    expect(unknown(0.05).score).toBe(one({}, { relevance: neutral }).score);
    expect(unknown(0.05).score).toBeGreaterThan(plain.score);
    const r = reason(unknown(0.05), 'relevance-unknown')!;
    expect(r).toEqual({ code: 'relevance-unknown', text: "Relevance unknown: the link's context is only 2 words; no penalty", effect: 0, args: ["the link's context is only 2 words"] });
    expect(codes(unknown(0.05))).not.toContain('off-topic');
  });

  it('hidden links are flagged and score 0', () => {
    const r = one({ hidden: true, hiddenReason: 'display:none' });
    expect(r.score).toBe(0);
    expect(r.followed).toBe(false);
    expect(r.equityShare).toBe(0);
    expect(reason(r, 'hidden')!.text).toBe('Hidden (display:none): scores 0');
  });

  it('says when a hidden link is a closed menu item rather than a hidden-link trick', () => {
    const submenu = one({ hidden: true, hiddenReason: 'display:none' }, { placement: 'nav' });
    expect(submenu.score).toBe(0);
    expect(reason(submenu, 'hidden')!.text).toBe('Hidden (display:none), in a collapsed menu (opens on hover or click; crawlers still read it): scores 0');
    // Off-screen or same-colour text in a menu is still reported as plain hidden; so is a closed block in the body.
    expect(reason(one({ hidden: true, hiddenReason: 'off-screen' }, { placement: 'header' }), 'hidden')!.text).toBe('Hidden (off-screen): scores 0');
    expect(reason(one({ hidden: true, hiddenReason: 'display:none' }, { placement: 'body' }), 'hidden')!.text).toBe('Hidden (display:none): scores 0');
  });

  it('rel nofollow / sponsored / ugc pass little and are not followed', () => {
    const base = one().score;
    for (const [r, code] of [['nofollow', 'rel-nofollow'], ['sponsored', 'rel-sponsored'], ['ugc', 'rel-ugc']] as const) {
      const s = one({ rel: [r] });
      expect(s.followed).toBe(false);
      expect(s.score).toBeLessThan(base * 0.2);
      expect(reason(s, code)!.effect).toBeLessThan(0);
    }
    expect(reason(one({ rel: ['nofollow'] }), 'rel-nofollow')!.text).toBe('rel="nofollow": a hint not to pass value');
  });

  it('page directives: nofollow page, noindex page, canonical elsewhere', () => {
    const base = one().score;
    const pnf = one({}, { facts: { pageNofollow: true } });
    expect(pnf.followed).toBe(false);
    expect(pnf.score).toBeLessThan(base * 0.2);
    const noindex = one({}, { facts: { indexable: false } });
    expect(noindex.followed).toBe(true);
    expect(Math.abs(noindex.score - base * FACTORS.noindex)).toBeLessThanOrEqual(1);
    expect(reason(noindex, 'page-noindex')!.effect).toBeLessThan(0);
    const canon = one({}, { facts: { canonicalElsewhere: true, canonical: 'https://blog.example/other' } });
    expect(reason(canon, 'canonical-elsewhere')!.text).toContain('https://blog.example/other');
    expect(canon.score).toBeLessThan(base);
  });

  it('redirect and tracking wrappers', () => {
    const base = one().score;
    const redirect = one({ wrapper: { kind: 'redirect', target: 'https://shop.example/', markers: ['/go/'] } });
    expect(redirect.score).toBeLessThan(base);
    expect(reason(redirect, 'redirect')!.text).toBe('Goes through a redirect to https://shop.example/ (/go/)');
    const tracking = one({ wrapper: { kind: 'tracking', target: null, markers: ['utm_source'] } });
    expect(reason(tracking, 'tracking')!.text).toBe('Tracking parameters (utm_source)');
    expect(tracking.score).toBeLessThanOrEqual(base);
  });

  it('non-http links score 0 and are not followed', () => {
    const r = one({ kind: 'mailto', url: 'mailto:a@b.example' });
    expect(r.score).toBe(0);
    expect(r.followed).toBe(false);
    expect(codes(r)).toEqual(['not-http']);
  });

  it('dilution: equity shares of followed links add up to 100% and shrink with more links', () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => link({ index: i }));
    const share = (n: number, extra: Partial<LinkData>[] = []) => {
      const ls = [...links(n), ...extra.map((e) => link(e))];
      return scoreLinks(facts(), ls, ls.map(() => at('body')), ls.map(() => rel()));
    };
    const few = share(4);
    expect(few.reduce((s, r) => s + r.equityShare, 0)).toBeCloseTo(100, 1);
    expect(few[0]!.equityShare).toBeCloseTo(25, 1);
    const many = share(200);
    expect(many[0]!.score).toBeLessThan(few[0]!.score);
    expect(codes(many[0]!)).toContain('diluted');
    // A nofollow link takes no share; the followed ones split 100%.
    const mixed = share(3, [{ rel: ['nofollow'] }]);
    expect(mixed[3]!.equityShare).toBe(0);
    expect(mixed.slice(0, 3).reduce((s, r) => s + r.equityShare, 0)).toBeCloseTo(100, 1);
    // A better-placed link gets a bigger share.
    const ls = [link(), link()];
    const r = scoreLinks(facts(), ls, [at('body'), at('footer')], [rel(), rel()]);
    expect(r[0]!.equityShare).toBeGreaterThan(r[1]!.equityShare * 3);
  });

  it('baseScore is monotone and saturates below 100', () => {
    expect(baseScore(0)).toBe(0);
    expect(baseScore(1)).toBeGreaterThan(baseScore(0.5));
    expect(baseScore(10)).toBeLessThanOrEqual(100);
  });
});

describe('link value (the score weighted by the linking site’s strength)', () => {
  const site = (authority: number | null): SiteStrength => ({
    host: 'blog.example',
    authority: authority === null ? null : { value: authority, refSubnets: 12_345, matched: 'blog.example', source: 'majestic-million-test' },
    popularity: null,
    providers: [],
  });

  it('is score × authority / 100, explained by a reason that leaves the score alone', () => {
    const r = one({}, { site: site(80) });
    expect(r.linkValue).toBeCloseTo((r.score * 80) / 100, 1);
    const why = reason(r, 'site-authority')!;
    expect(why.effect).toBe(0);
    expect(why.text).toBe(`Linking site's authority 80 (about 12,345 referring subnets, Majestic Million): link value ${r.linkValue} (score × 80/100)`);
    expect(r.reasons.reduce((sum, x) => sum + x.effect, 0)).toBe(r.score);
  });

  it('compares the same link across pages: same score, more value on a stronger site', () => {
    const strong = one({}, { site: site(90) });
    const weak = one({}, { site: site(62) });
    expect(strong.score).toBe(weak.score);
    expect(strong.linkValue).toBeGreaterThan(weak.linkValue);
  });

  it('counts a site below the list with the documented assumption and says so', () => {
    const r = one({}, { site: site(null) });
    expect(r.linkValue).toBeCloseTo((r.score * STRENGTH.unlistedAuthority) / 100, 1);
    expect(reason(r, 'site-unlisted')!.text).toContain('not in the top 15,000');
    expect(reason(r, 'site-unlisted')!.text).toContain('an assumption');
    // Unknown (no table, no host): the same weight, and the reason says it is unknown.
    expect(reason(one(), 'site-unlisted')!.text).toContain('unknown');
    expect(one().linkValue).toBe(r.linkValue);
  });

  it('is 0 for what passes nothing: hidden and non-http links', () => {
    expect(one({ hidden: true }, { site: site(90) }).linkValue).toBe(0);
    expect(one({ kind: 'mailto', url: 'mailto:a@b.example' }, { site: site(90) }).linkValue).toBe(0);
  });
});
