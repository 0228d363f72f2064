/**
 * Issue 19 §9: the score's reasons as the surfaces show them come from the locale files, worded
 * from each reason's code and raw figures (`args`). In English they say what the background's
 * sentence says (relevance in %, as everywhere in the UI); in German nothing is left in English.
 */
import { describe, expect, it } from 'vitest';
import { scoreLinks } from '@/lib/analysis/score/index';
import { healthFlags, type LinkHealth } from '@/lib/link-health';
import type { ScoreReason, SiteStrength } from '@/lib/report';
import type { LinkData, PageFacts, RelevanceResult } from '@/lib/types';
import { reasonText, wordReason } from '@/components/link-words';
import { useLocale } from '../helpers/i18n';
import { makeFacts, makeLinkData } from '../fixtures/score-inputs';

const facts = makeFacts;
const link = makeLinkData;
const rel = (relevance: number, sharedTerms: string[] = [], unknown: string | null = null): RelevanceResult => ({ contextRelevance: relevance, targetRelevance: null, relevance, sharedTerms, unknown });
function health(over: Partial<LinkHealth>): LinkHealth {
  const base = { url: 'https://shop.example/p', status: 200, finalUrl: 'https://shop.example/p', hops: [{ url: 'https://shop.example/p', status: 200, location: null }], method: 'HEAD' as const, xRobotsTag: null, metaRobots: [], refresh: null, error: null, checkedAt: 0, ...over };
  return { ...base, flags: healthFlags(base) };
}
const SITE: SiteStrength = { host: 'blog.example', authority: { value: 48, refSubnets: 12345, matched: 'blog.example', source: 'majestic' } as never, popularity: null, providers: [] };

/** Every kind of reason the score gives, from a spread of links, pages and checked targets. */
function allReasons(): ScoreReason[] {
  const out: ScoreReason[] = [];
  const run = (f: Partial<PageFacts>, ls: LinkData[], rels: RelevanceResult[], placement: 'body' | 'nav' | 'footer' = 'body', extra: Parameters<typeof scoreLinks>[4] = {}) =>
    out.push(...scoreLinks(facts(f), ls, ls.map(() => ({ placement, confidence: 1, signals: [] })), rels, extra).flatMap((s) => s.reasons));
  run({}, [link({ geometry: { top: 10, left: 0, width: 50, height: 10, pageFraction: 0, aboveFold: true }, fontSizeRatio: 1.6, inList: true })], [rel(0.87, ['tomato', 'seed'])], 'body', { site: SITE });
  run({ viewportHeight: 800 }, [link({ geometry: { top: 2400, left: 0, width: 50, height: 10, pageFraction: 0.62, aboveFold: false }, fontSizeRatio: 0.5, image: true, text: '', contextBefore: 'one two three four five six seven eight nine ten eleven twelve', contextAfter: 'more words here to make running text' })], [rel(0.3)], 'footer', { site: { ...SITE, authority: null } });
  run({}, [link({ rel: ['sponsored'] }), link({ rel: ['nofollow'] }), link({ rel: ['ugc'] }), link({ kind: 'mailto', url: null })], [rel(0.1, ['x']), rel(0.1), rel(0.6), rel(0.5)]);
  run({ pageNofollow: true, indexable: false, metaRobots: ['noindex', 'nofollow'], canonicalElsewhere: true, canonical: 'https://blog.example/other' }, [link()], [rel(0.5, [], 'too few words around the link')]);
  run({}, [link({ wrapper: { kind: 'redirect', target: 'https://shop.example/p', markers: ['url'] } }), link({ wrapper: { kind: 'redirect', target: null, markers: ['go'] } }), link({ wrapper: { kind: 'tracking', target: null, markers: ['utm_source', 'utm_medium'] } })], [rel(0.5), rel(0.5), rel(0.5)]);
  run({}, [link({ hidden: true, hiddenReason: 'display:none' }), link({ hidden: true, hiddenReason: 'off-screen' }), link({ hidden: true, hiddenReason: null, internal: true })], [rel(0.5), rel(0.5), rel(0.5)], 'nav');
  const hs = [
    health({ status: 404, hops: [{ url: 'https://shop.example/p', status: 404, location: null }] }),
    health({ xRobotsTag: 'noindex' }),
    health({ finalUrl: 'https://other.example/', hops: [{ url: 'https://shop.example/p', status: 301, location: 'https://other.example/' }, { url: 'https://other.example/', status: 200, location: null }] }),
    health({ finalUrl: 'https://shop.example/q', hops: [{ url: 'https://shop.example/p', status: 302, location: '/q' }, { url: 'https://shop.example/q', status: 200, location: null }] }),
    health({ status: null, error: { code: 'timeout', message: 'no answer in 10 s' } as never, hops: [] }),
  ];
  run({}, hs.map(() => link()), hs.map(() => rel(0.5)), 'body', { health: hs });
  return out;
}

describe('score reasons in the UI language', () => {
  const reasons = allReasons();

  it('every reason the score gives has its own words (none falls back to the English sentence)', () => {
    const codes = new Set(reasons.map((r) => r.code));
    for (const code of ['placement-body', 'placement-footer', 'placement-nav', 'above-fold', 'low-on-page', 'large-text', 'small-text', 'in-list', 'running-text', 'image', 'no-anchor', 'relevant', 'partly-relevant', 'off-topic', 'relevance-unknown', 'few-links', 'rel-sponsored', 'rel-nofollow', 'rel-ugc', 'not-http', 'page-nofollow', 'page-noindex', 'canonical-elsewhere', 'redirect', 'tracking', 'hidden', 'internal', 'target-broken', 'target-noindex', 'target-elsewhere', 'target-redirects', 'target-unchecked', 'site-authority', 'site-unlisted']) {
      expect(codes, code).toContain(code);
    }
    for (const r of reasons) expect(wordReason(r.code, r.args ?? []), `${r.code}: ${r.text}`).not.toBeNull();
  });

  it('in English they say what the background says; relevance in %, as in the table', () => {
    for (const r of reasons) {
      const shown = reasonText(r);
      if (r.code === 'relevant' || r.code === 'partly-relevant' || r.code === 'off-topic') expect(shown).toBe(r.text.replace(/relevance (\d\.\d+|\d)/, (_, x: string) => `relevance ${Math.round(Number(x) * 100)}%`));
      else if (r.code === 'large-text' || r.code === 'small-text') expect(shown).toBe(r.text.replace(/\((\d+(?:\.\d+)?)×\)/, (_, x: string) => `(${Math.round(Number(x) * 10) / 10}×)`));
      else expect(shown).toBe(r.text.replace("page's canonical", 'page’s canonical').replace("site's", 'site’s'));
    }
  });

  it('in German no reason is left in English; a reason without figures (saved before them) shows its sentence', async () => {
    await useLocale('de');
    const shown = reasons.map(reasonText);
    expect(reasons.filter((r, i) => shown[i] === r.text).map((r) => `${r.code}: ${r.text}`)).toEqual([]);
    expect(shown).toContain('Im Hauptinhalt platziert');
    expect(shown.find((s) => s.startsWith('Zum Thema passend'))).toMatch(/^Zum Thema passend \(Relevanz 87\s%; gemeinsam: tomato, seed\)$/);
    expect(shown.find((s) => s.startsWith('Autorität der verlinkenden Website'))).toBe('Autorität der verlinkenden Website 48 (etwa 12.345 verweisende Subnetze, Majestic Million): Linkwert ' + shown.find((s) => s.startsWith('Autorität'))!.split('Linkwert ')[1]);
    expect(reasonText({ code: 'relevant', text: 'On-topic (relevance 0.9)', effect: 3 })).toBe('On-topic (relevance 0.9)');
    expect(reasonText({ code: 'brand-new-code', text: 'Something new', effect: 0, args: [1] })).toBe('Something new');
  });
});
