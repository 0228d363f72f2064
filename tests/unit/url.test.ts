import { describe, expect, it } from 'vitest';
import { detectWrapper, registrableDomain, resolveHref } from '@/lib/url';

const base = 'https://blog.example.co.uk/2024/post.html';

describe('resolveHref', () => {
  it('resolves relative hrefs against the base and finds the registrable domain', () => {
    expect(resolveHref('../about', base)).toMatchObject({ url: 'https://blog.example.co.uk/about', kind: 'http', host: 'blog.example.co.uk', domain: 'example.co.uk' });
    expect(resolveHref('//cdn.other.com/x', base)).toMatchObject({ url: 'https://cdn.other.com/x', domain: 'other.com' });
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

describe('detectWrapper', () => {
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
});
