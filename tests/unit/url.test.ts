import { describe, expect, it } from 'vitest';
import { detectWrapper, fastResolve, plainPathname, queryParams, resolveHref, wrapperOfHref } from '@/lib/url';
import { registrableDomain } from '@/lib/domain';

const base = 'https://blog.example.co.uk/2024/post.html';

describe('resolveHref', () => {
  it('resolves relative hrefs against the base; the registrable domain of the host', () => {
    expect(resolveHref('../about', base)).toEqual({ url: 'https://blog.example.co.uk/about', kind: 'http', host: 'blog.example.co.uk' });
    expect(resolveHref('//cdn.other.com/x', base)).toMatchObject({ url: 'https://cdn.other.com/x', host: 'cdn.other.com' });
    expect(registrableDomain('blog.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('cdn.other.com')).toBe('other.com');
  });

  it('keeps non-http hrefs as flagged kinds instead of throwing', () => {
    expect(resolveHref('javascript:alert(1)', base)).toMatchObject({ kind: 'javascript', url: null });
    expect(resolveHref(' JaVa\tScRiPt:alert(1)', base).kind).toBe('javascript');
    expect(resolveHref('mailto:a@b.example', base).kind).toBe('mailto');
    expect(resolveHref('tel:+441234', base).kind).toBe('tel');
    expect(resolveHref('#top', base)).toMatchObject({ kind: 'fragment', url: 'https://blog.example.co.uk/2024/post.html#top' });
    expect(resolveHref('', base).kind).toBe('fragment');
    expect(resolveHref('http://exa mple.com:99999/', base).kind).toBe('malformed');
    expect(resolveHref('ftp://files.example.com/a', base).kind).toBe('other');
  });

  it('treats private public suffixes as separate sites (github.io)', () => {
    expect(registrableDomain('alice.github.io')).toBe('alice.github.io');
    expect(registrableDomain('bob.github.io')).toBe('bob.github.io');
    expect(registrableDomain('www.example.com')).toBe('example.com');
    expect(registrableDomain('shop.example.com')).toBe('example.com');
    expect(registrableDomain('192.168.0.1')).toBe('192.168.0.1');
  });
});

describe('fastResolve', () => {
  it('resolves plain absolute paths and URLs exactly as the URL parser does', () => {
    for (const href of ['/about', '/a/b?c=d&e=f#top', 'https://shop.example', 'https://shop.example?x=1', 'http://a-b.example/c/d.html', 'https://x.example/#f']) {
      const fast = fastResolve(href, base);
      const parsed = new URL(href, base);
      expect(fast).toEqual({ url: parsed.href, kind: 'http', host: parsed.hostname });
      expect(fast).toEqual(resolveHref(href, base));
    }
  });
  it('leaves everything the parser would change to the parser', () => {
    for (const href of ['../about', 'about', '//cdn.example/x', '/a/./b', '/a/../b', '/a b', '/%7e', "/it's", 'HTTPS://x.example/', 'https://X.example/', 'https://x.example:8080/', 'https://u@x.example/', 'https://1.2.3.4/', 'https://x.0x1/', 'https://xn--bcher-kva.example/', 'https://x.example./', '/a\\b']) {
      expect(fastResolve(href, base)).toBeNull();
    }
  });
  it('needs a plain http(s) base for absolute paths', () => {
    expect(fastResolve('/a', 'file:///tmp/page.html')).toBeNull();
    expect(fastResolve('/a', 'https://u:p@x.example/')).toBeNull();
    expect(fastResolve('/a', 'http://x.example:8080/p')).toMatchObject({ url: 'http://x.example:8080/a', host: 'x.example' });
  });
});

describe('detectWrapper', () => {
  it('wrapperOfHref agrees with detectWrapper on serialised URLs', () => {
    for (const url of ['https://news.example/out?url=https%3A%2F%2Fshop.example%2F', 'https://aff.example/go/summer-sale', 'https://shop.example/?utm_source=blog', 'https://shop.example/products/go-kart', 'https://x.example/https://y.example/']) {
      expect(wrapperOfHref(url)).toEqual(detectWrapper(url));
    }
  });

  it('finds redirectors that embed the real target', () => {
    expect(detectWrapper('https://news.example/out?url=https%3A%2F%2Fshop.example%2Fp%3Fid%3D1')).toEqual({
      kind: 'redirect',
      target: 'https://shop.example/p?id=1',
      markers: ['?url=', '/out/'],
    });
    expect(detectWrapper('https://aff.example/go/summer-sale')).toMatchObject({ kind: 'redirect', target: null, markers: ['/go/'] });
    expect(detectWrapper('https://www.google.com/url?q=https://target.example/&sa=D')).toMatchObject({ kind: 'redirect', target: 'https://target.example/' });
  });

  it('flags tracking parameters and leaves clean URLs alone', () => {
    expect(detectWrapper('https://shop.example/?utm_source=blog&utm_medium=post&id=3')).toEqual({ kind: 'tracking', target: null, markers: ['utm_source', 'utm_medium'] });
    expect(detectWrapper('https://shop.example/products/go-kart')).toBeNull();
    expect(detectWrapper('https://shop.example/search?q=organic+kale')).toBeNull();
  });

  /**
   * What a URL looks like to a Firefox content script: the page's object through an Xray wrapper.
   * `for…of searchParams` works (the interface's own @@iterator is visible), but the iterators
   * `keys()`/`entries()` return have no Symbol.iterator ("t.searchParams.keys() is not iterable"
   * aborted every inspection of a page with a query-string link in Firefox).
   */
  function xrayLikeUrl(href: string): URL {
    const real = new URL(href);
    const opaque = (entries: unknown[]) => {
      let i = 0;
      return { next: () => (i < entries.length ? { value: entries[i++], done: false } : { value: undefined, done: true }) };
    };
    const params = {
      keys: () => opaque([...real.searchParams.keys()]),
      values: () => opaque([...real.searchParams.values()]),
      entries: () => opaque([...real.searchParams.entries()]),
      get: (k: string) => real.searchParams.get(k),
      [Symbol.iterator]: () => opaque([...real.searchParams.entries()]),
    };
    return new Proxy(real, {
      get: (target, prop) => (prop === 'searchParams' ? params : Reflect.get(target, prop, target)),
    });
  }

  it('reads the query as plain strings, so a URL behind a Firefox Xray wrapper works too', () => {
    expect(detectWrapper(xrayLikeUrl('https://shop.example/list?page=2&utm_source=blog'))).toEqual({ kind: 'tracking', target: null, markers: ['utm_source'] });
    expect(detectWrapper(xrayLikeUrl('https://news.example/out?url=https%3A%2F%2Fshop.example%2F'))).toEqual({ kind: 'redirect', target: 'https://shop.example/', markers: ['?url=', '/out/'] });
    expect(detectWrapper(xrayLikeUrl('https://shop.example/list?page=2'))).toBeNull();
  });
});

describe('queryParams', () => {
  it('reads a query string exactly as URLSearchParams does', () => {
    const queries = ['', '?', '?a=1&b=2', '?a=1&&b', '?utm_source=news%20letter&x=a+b', '?=v&k=', '?q=%E2%9C%93&r=%2Fpath%3Fx%3D1', '?a=b=c', '?UTM_Source=X&utm_source=y', '?%zz=1&ok=%41'];
    for (const q of queries) expect(queryParams(q), q).toEqual([...new URLSearchParams(q)]);
  });
});

describe('plainPathname', () => {
  it('reads the path of plain URLs as the parser would, and declines the rest', () => {
    for (const url of ['https://x.example/a/b?c#d', 'https://x.example', 'http://x.example?q=1']) expect(plainPathname(url)).toBe(new URL(url).pathname);
    for (const url of ['https://x.example/a%20b', 'https://X.example/', 'https://x.example/a/../b', 'mailto:a@b.example', 'not a url']) expect(plainPathname(url)).toBeNull();
  });
});

describe('isInternalHost (the page half, given the page domain by the background)', () => {
  it('is the domain itself or a subdomain of it, never a sibling under a public suffix', async () => {
    const { isInternalHost } = await import('@/lib/url');
    expect(isInternalHost('example.com', 'example.com')).toBe(true);
    expect(isInternalHost('shop.example.com', 'example.com')).toBe(true);
    expect(isInternalHost('notexample.com', 'example.com')).toBe(false);
    expect(isInternalHost('b.github.io', 'a.github.io')).toBe(false);
    expect(isInternalHost('x.a.github.io', 'a.github.io')).toBe(true);
    expect(isInternalHost('example.com', null)).toBe(false);
    expect(isInternalHost(null, 'example.com')).toBe(false);
  });
});
