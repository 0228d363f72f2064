/**
 * Firefox's Intl.Segmenter (ICU4X) finds the same word boundaries in Chinese as Chromium's, but
 * says `isWordLike: false` for a word right before punctuation or a space (seen in Firefox ESR
 * 153: 常绿灌木，→ "常绿灌木" not word-like). Terms must not depend on that flag.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const RealSegmenter = Intl.Segmenter;

/** Chromium's segments, with isWordLike as Firefox reports it. */
class FirefoxLikeSegmenter {
  private readonly inner: Intl.Segmenter;
  constructor(locale?: string, options?: Intl.SegmenterOptions) {
    this.inner = new RealSegmenter(locale, options);
  }
  segment(text: string): Intl.SegmentData[] {
    const segs = [...this.inner.segment(text)];
    return segs.map((s, i) => {
      const next = segs[i + 1]?.segment ?? '';
      return { ...s, isWordLike: s.isWordLike && !/^[\s\p{P}]/u.test(next) };
    });
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('tokenize with Firefox’s segmenter', () => {
  it('keeps the CJK words Firefox marks as not word-like', async () => {
    vi.stubGlobal('Intl', { ...Intl, Segmenter: FirefoxLikeSegmenter });
    const { tokenize } = await import('../../lib/analysis/relevance/terms');
    expect(tokenize('茶树是一种常绿灌木，喜欢温暖湿润的气候。美食 健康', 'zh')).toEqual(['茶树', '是', '一种', '常绿灌木', '喜欢', '温暖', '湿润', '的', '气候', '美食', '健康']);
  });
});
