// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkUrl, isPublicIp } from '../../lib/background/net/policy';
import { createLimiter } from '../../lib/background/net/limiter';

describe('checkUrl', () => {
  it.each([
    'https://shop.example/',
    'http://www.bbc.co.uk/news',
    'https://8.8.8.8/',
    'http://[2606:4700::1111]/',
    'https://xn--bcher-kva.example/',
    'https://example.com./trailing-dot',
  ])('allows %s', (url) => {
    expect(checkUrl(url).ok).toBe(true);
  });

  it.each([
    ['http://localhost:3000/admin', 'local-name'],
    ['http://LOCALHOST./', 'local-name'],
    ['http://admin.localhost/', 'local-name'],
    ['http://printer.local/', 'local-name'],
    ['http://nas.home.arpa/', 'local-name'],
    ['http://metadata.google.internal/', 'local-name'],
    ['http://router/', 'local-name'],
    ['http://127.0.0.1/', 'non-public-address'],
    ['http://127.1/', 'non-public-address'],
    ['http://0x7f.1/', 'non-public-address'],
    ['http://2130706433/', 'non-public-address'],
    ['http://0177.0.0.1/', 'non-public-address'],
    ['http://0.0.0.0/', 'non-public-address'],
    ['http://10.0.0.5/', 'non-public-address'],
    ['http://172.16.3.4/', 'non-public-address'],
    ['http://192.168.1.1/', 'non-public-address'],
    ['http://100.64.0.1/', 'non-public-address'],
    ['http://169.254.169.254/latest/meta-data/', 'non-public-address'],
    ['http://224.0.0.1/', 'non-public-address'],
    ['http://255.255.255.255/', 'non-public-address'],
    ['http://[::1]/', 'non-public-address'],
    ['http://[::]/', 'non-public-address'],
    ['http://[fd12:3456::1]/', 'non-public-address'],
    ['http://[fe80::1]/', 'non-public-address'],
    ['http://[ff02::1]/', 'non-public-address'],
    ['http://[::ffff:127.0.0.1]/', 'non-public-address'],
    ['http://[::ffff:10.0.0.1]/', 'non-public-address'],
    ['http://[::127.0.0.1]/', 'non-public-address'],
    ['http://[64:ff9b::7f00:1]/', 'non-public-address'],
    ['http://[2002:7f00:1::]/', 'non-public-address'],
    ['javascript:alert(1)', 'not-http'],
    ['file:///etc/passwd', 'not-http'],
    ['ftp://shop.example/', 'not-http'],
    ['https://user:pw@shop.example/', 'credentials'],
    ['not a url', 'invalid-url'],
  ])('refuses %s (%s)', (url, reason) => {
    const v = checkUrl(url);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toBe(reason);
  });

  it('isPublicIp knows public unicast from the rest', () => {
    expect(isPublicIp('93.184.216.34')).toBe(true);
    expect(isPublicIp('192.0.2.1')).toBe(false); // documentation range
    expect(isPublicIp('not-an-ip')).toBe(false);
  });
});

describe('createLimiter', () => {
  it('runs at most perHost per host and global overall, other hosts alongside', async () => {
    const limiter = createLimiter({ perHost: 2, global: 3 });
    const releases: (() => void)[] = [];
    const started: string[] = [];
    const ask = (host: string) => limiter.acquire(host).then((r) => (started.push(host), releases.push(r)));
    const all = [ask('a'), ask('a'), ask('a'), ask('b'), ask('c')];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a', 'a', 'b']);
    expect(limiter.activeFor('a')).toBe(2);
    expect(limiter.active).toBe(3);
    releases[0]!(); // an 'a' ends: the waiting 'a' can start (first in line)
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a', 'a', 'b', 'a']);
    releases[1]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a', 'a', 'b', 'a', 'c']);
    releases.forEach((r) => r());
    await Promise.all(all);
    expect(limiter.active).toBe(0);
  });

  it('leaves the queue when its signal aborts', async () => {
    const limiter = createLimiter({ perHost: 1, global: 1 });
    const first = await limiter.acquire('a');
    const ctl = new AbortController();
    const waiting = limiter.acquire('a', { signal: ctl.signal });
    ctl.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    first();
    const again = await limiter.acquire('a');
    expect(limiter.active).toBe(1);
    again();
  });

  it('keeps a gap between two starts on one host', async () => {
    let t = 0;
    const limiter = createLimiter({ perHost: 2, global: 6, now: () => t });
    const r1 = await limiter.acquire('a', { gapMs: 50 });
    let second = false;
    const p = limiter.acquire('a', { gapMs: 50 }).then((r) => ((second = true), r));
    await new Promise((r) => setTimeout(r, 5));
    expect(second).toBe(false);
    t = 60; // the injected clock passes the gap; the limiter's timer fires on its own
    const r2 = await p;
    expect(second).toBe(true);
    r1();
    r2();
  });
});
