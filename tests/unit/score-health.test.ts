/** The score's link-health and page-header reasons: a broken, noindex or elsewhere-redirecting target loses value. */
import { describe, expect, it } from 'vitest';
import { FACTORS, scoreLinks } from '../../lib/analysis/score/index';
import { withPageHeaders } from '../../lib/analysis/page-headers';
import { healthFlags, type LinkHealth } from '../../lib/link-health';
import { robotsHeaderTokens } from '../../lib/robots';
import type { LinkData, PageFacts } from '../../lib/types';
import { makeFacts, makeLinkData } from '../fixtures/score-inputs';

const facts = makeFacts;
const link: LinkData = makeLinkData();

function health(over: Partial<LinkHealth>): LinkHealth {
  const base = { url: 'https://shop.example/p', status: 200, finalUrl: 'https://shop.example/p', hops: [{ url: 'https://shop.example/p', status: 200, location: null }], method: 'HEAD' as const, xRobotsTag: null, metaRobots: [], refresh: null, error: null, checkedAt: 0, ...over };
  return { ...base, flags: healthFlags(base) };
}

const score = (h: LinkHealth | null, f: Partial<PageFacts> = {}) =>
  scoreLinks(facts(f), [link], [{ placement: 'body', confidence: 1, signals: [] }], [{ contextRelevance: 0.5, targetRelevance: null, relevance: 0.5, sharedTerms: [] }], { health: [h] })[0]!;

const sum = (r: ReturnType<typeof score>) => r.reasons.reduce((s, x) => s + x.effect, 0);

describe('score — link health', () => {
  const healthy = score(health({}));

  it('leaves a healthy target alone', () => {
    expect(score(null).score).toBe(healthy.score);
    expect(healthy.reasons.some((r) => r.code.startsWith('target-'))).toBe(false);
  });

  it('a broken target (404, DNS failure) keeps a tenth, with the reason', () => {
    const r = score(health({ status: 404, hops: [{ url: 'https://shop.example/p', status: 404, location: null }] }));
    expect(Math.abs(r.score - healthy.score * FACTORS.targetBroken)).toBeLessThanOrEqual(1); // rounding
    const why = r.reasons.find((x) => x.code === 'target-broken')!;
    expect(why.text).toBe('The target is broken (HTTP 404): the link leads nowhere');
    expect(why.effect).toBeLessThan(0);
    expect(sum(r)).toBe(r.score);
    const dns = score(health({ status: null, hops: [], error: { kind: 'dns', message: 'the host name does not resolve (net::ERR_NAME_NOT_RESOLVED)' } }));
    expect(dns.reasons.find((x) => x.code === 'target-broken')?.text).toMatch(/does not resolve/);
  });

  it('a noindex target (X-Robots-Tag) keeps half', () => {
    const r = score(health({ xRobotsTag: 'noindex' }));
    expect(r.reasons.find((x) => x.code === 'target-noindex')?.text).toBe('The target is noindex (X-Robots-Tag): search engines drop the page it points to');
    expect(Math.abs(r.score - healthy.score * FACTORS.targetNoindex)).toBeLessThanOrEqual(1); // rounding
    expect(sum(r)).toBe(r.score);
  });

  it('a target that redirects to another site loses value; a same-site redirect is only said', () => {
    const hops = [
      { url: 'https://shop.example/p', status: 301, location: 'https://www.bigmarket.example/item/9' },
      { url: 'https://www.bigmarket.example/item/9', status: 200, location: null },
    ];
    const r = score(health({ finalUrl: 'https://www.bigmarket.example/item/9', hops }));
    expect(r.reasons.find((x) => x.code === 'target-elsewhere')?.text).toBe('The target sends visitors to another site (www.bigmarket.example, by 1 redirect)');
    expect(Math.abs(r.score - healthy.score * FACTORS.targetElsewhere)).toBeLessThanOrEqual(1); // rounding
    const same = score(health({ finalUrl: 'https://shop.example/p/', hops: [{ url: 'https://shop.example/p', status: 301, location: 'https://shop.example/p/' }, { url: 'https://shop.example/p/', status: 200, location: null }] }));
    expect(same.score).toBe(healthy.score);
    expect(same.reasons.find((x) => x.code === 'target-redirects')).toEqual({ code: 'target-redirects', text: 'The target redirects (301) to https://shop.example/p/', effect: 0, args: [301, 'https://shop.example/p/'] });
  });

  it('an unanswered check is said and not counted', () => {
    const r = score(health({ status: null, hops: [], error: { kind: 'timeout', message: 'timed out after 15 s' } }));
    expect(r.score).toBe(healthy.score);
    expect(r.reasons.find((x) => x.code === 'target-unchecked')?.text).toBe('The target could not be checked (timed out after 15 s): not counted');
  });
});

describe('the page’s own X-Robots-Tag', () => {
  it('reads directives for all crawlers and Google, not for others', () => {
    expect(robotsHeaderTokens('noindex, nofollow')).toEqual(['noindex', 'nofollow']);
    expect(robotsHeaderTokens('googlebot: noindex')).toEqual(['noindex']);
    expect(robotsHeaderTokens('bingbot: noindex, nofollow')).toEqual([]);
    expect(robotsHeaderTokens('unavailable_after: 25 Jun 2030 15:00:00 PST')).toEqual(['unavailable_after']);
    expect(robotsHeaderTokens(null)).toEqual([]);
  });

  it('a header nofollow/noindex acts like the meta tag, and the reason names the header', () => {
    const f = withPageHeaders(facts(), { source: 'checked', status: 200, xRobotsTag: 'noindex, nofollow', note: null });
    expect(f.indexable).toBe(false);
    expect(f.pageNofollow).toBe(true);
    const r = scoreLinks(f, [link], [{ placement: 'body', confidence: 1, signals: [] }], [{ contextRelevance: 0.5, targetRelevance: null, relevance: 0.5, sharedTerms: [] }])[0]!;
    expect(r.followed).toBe(false);
    expect(r.reasons.find((x) => x.code === 'page-nofollow')?.text).toBe('The page says nofollow (X-Robots-Tag header): no link on it passes value');
    expect(r.reasons.find((x) => x.code === 'page-noindex')?.text).toMatch(/^The page is noindex \(X-Robots-Tag header\)/);
    const unknown = withPageHeaders(facts(), { source: 'unknown', status: null, xRobotsTag: null, note: 'no access to this site' });
    expect(unknown.indexable).toBe(true);
  });
});
