import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  MY_DOMAIN_PREFIX,
  createDomainMatcher,
  loadMyDomains,
  normalizeDomain,
  removeMyDomain,
  saveMyDomain,
  saveMyDomains,
  setDomainRole,
  targetTopicsOf,
  watchMyDomains,
} from '@/lib/settings';

describe('normalizeDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['www.example.com', 'example.com'],
    ['https://www.example.co.uk/some/path?q=1', 'example.co.uk'],
    ['blog.example.com', 'blog.example.com'],
    ['http://shop.mysite.example/', 'shop.mysite.example'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['example.com.', 'example.com'],
  ])('%s → %s', (input, domain) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, domain });
  });

  it.each([
    ['', /Enter a domain/],
    ['co.uk', /public suffix/],
    ['com', /not a valid domain|public suffix/],
    ['192.168.0.1', /IP address/],
    ['not a domain', /not a valid domain/],
    ['ftp://example.com', /web domain/],
    ['javascript:alert(1)', /not a valid domain|web domain/],
    ['exa_mple.com', /not a valid domain/],
  ])('rejects %j', (input, message) => {
    const r = normalizeDomain(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('my domains in storage.sync', () => {
  it('adds, updates, lists in order added and removes, one sync item per domain', async () => {
    vi.spyOn(Date, 'now').mockReturnValueOnce(1000).mockReturnValueOnce(2000);
    expect(await saveMyDomain('https://www.mysite.example/', 'tomato seeds')).toEqual({ ok: true, domain: 'mysite.example' });
    expect(await saveMyDomain('client.example')).toEqual({ ok: true, domain: 'client.example' });
    expect(await saveMyDomain('mysite.example', 'heirloom tomato seeds')).toMatchObject({ ok: true });
    const stored = await fakeBrowser.storage.sync.get(null);
    expect(Object.keys(stored).sort()).toEqual([`${MY_DOMAIN_PREFIX}client.example`, `${MY_DOMAIN_PREFIX}mysite.example`]);
    expect(await loadMyDomains()).toEqual([
      { domain: 'mysite.example', description: 'heirloom tomato seeds', added: 1000, role: 'mine' },
      { domain: 'client.example', description: '', added: 2000, role: 'mine' },
    ]);
    await removeMyDomain('mysite.example');
    expect((await loadMyDomains()).map((d) => d.domain)).toEqual(['client.example']);
  });

  it('refuses invalid input and over-long descriptions without writing', async () => {
    expect(await saveMyDomain('co.uk')).toMatchObject({ ok: false });
    expect(await saveMyDomain('ok.example', 'x'.repeat(501))).toMatchObject({ ok: false, error: /under 500/ });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('ignores foreign or malformed sync items', async () => {
    await fakeBrowser.storage.sync.set({
      other: 1,
      [`${MY_DOMAIN_PREFIX}good.example`]: { description: 5, added: 'x' },
      [`${MY_DOMAIN_PREFIX}<script>`]: { description: 'bad' },
    });
    expect(await loadMyDomains()).toEqual([{ domain: 'good.example', description: '', added: 0, role: 'mine' }]);
  });

  it('my sites and competitors (issue 19 §8): the role is stored, kept on a description edit, changed on request; lists saved before roles are my sites', async () => {
    await fakeBrowser.storage.sync.set({ [`${MY_DOMAIN_PREFIX}old.example`]: { description: 'saved before roles', added: 1 } });
    expect(await saveMyDomain('rival.example', '', 'competitor')).toMatchObject({ ok: true });
    expect(await saveMyDomain('rival.example', 'seed shop')).toMatchObject({ ok: true });
    expect(await saveMyDomains('other-rival.example\nthird.example', 'competitor')).toMatchObject({ added: ['other-rival.example', 'third.example'] });
    expect(await setDomainRole('third.example', 'mine')).toMatchObject({ ok: true });
    expect(await setDomainRole('unlisted.example', 'mine')).toMatchObject({ ok: false });
    expect((await loadMyDomains()).map((d) => [d.domain, d.role, d.description])).toEqual([
      ['old.example', 'mine', 'saved before roles'],
      ['rival.example', 'competitor', 'seed shop'],
      ['other-rival.example', 'competitor', ''],
      ['third.example', 'mine', ''],
    ]);
    // An unknown role read from sync (another version, or tampering) is one of my sites.
    await fakeBrowser.storage.sync.set({ [`${MY_DOMAIN_PREFIX}odd.example`]: { description: '', added: 9e15, role: 'owner' } });
    expect((await loadMyDomains()).at(-1)).toMatchObject({ domain: 'odd.example', role: 'mine' });
  });

  it('reports a full sync storage as a readable error', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    const r = await saveMyDomain('a.example', 'x');
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/sync storage is full/) });
  });

  it('notifies watchers of changes', async () => {
    const seen: string[][] = [];
    const stop = watchMyDomains((d) => seen.push(d.map((x) => x.domain)));
    await saveMyDomain('watch.example');
    await vi.waitFor(() => expect(seen).toEqual([['watch.example']]));
    stop();
    await saveMyDomain('later.example');
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(1);
  });
});

describe('createDomainMatcher', () => {
  it('matches the domain and its subdomains, not look-alikes', () => {
    const match = createDomainMatcher(['mysite.example', 'blog.client.example']);
    expect(match('mysite.example')).toBe('mysite.example');
    expect(match('www.mysite.example')).toBe('mysite.example');
    expect(match('a.b.mysite.example')).toBe('mysite.example');
    expect(match('notmysite.example')).toBeNull();
    expect(match('mysite.example.evil.example')).toBeNull();
    expect(match('blog.client.example')).toBe('blog.client.example');
    expect(match('client.example')).toBeNull();
    expect(match(null)).toBeNull();
    expect(createDomainMatcher([])('mysite.example')).toBeNull();
  });

  it('passes descriptions as target topics', () => {
    expect(
      targetTopicsOf([
        { domain: 'a.example', description: 'tomatoes', added: 1 },
        { domain: 'b.example', description: '', added: 2 },
      ]),
    ).toEqual({ 'a.example': 'tomatoes' });
  });
});
