import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { extractTopic, fetchTargetTopic, idbTopicCache, memoryTopicCache } from '../../lib/background/target-topic/index';

const HTML = `<!doctype html><html lang="en"><head><title>Green Table &amp; Co — bistro</title>
<meta name="description" content="Seasonal dishes with organic vegetables"><script>var x = "<h1>no</h1>";</script></head>
<body><nav>Home About</nav><h1>Our menu</h1><p>Roast carrots, tomato salad &#38; fresh bread.</p><footer>Legal</footer></body></html>`;

function html(body = HTML, init: ResponseInit = {}) {
  return new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, ...init });
}

describe('extractTopic', () => {
  it('reads title, description, headings and main text without a DOM', () => {
    const t = extractTopic(HTML);
    expect(t.title).toBe('Green Table & Co — bistro');
    expect(t.description).toBe('Seasonal dishes with organic vegetables');
    expect(t.headings).toEqual(['Our menu']);
    expect(t.lang).toBe('en');
    expect(t.text).toContain('Roast carrots, tomato salad & fresh bread.');
    expect(t.text).not.toContain('Legal');
    expect(t.text).not.toContain('var x');
  });
});

describe('fetchTargetTopic', () => {
  it('fetches, extracts and caches', async () => {
    let calls = 0;
    const cache = memoryTopicCache();
    const fetch = (async () => {
      calls++;
      return html();
    }) as typeof globalThis.fetch;
    const a = await fetchTargetTopic('https://greentable.example/menu#top', { fetch, cache });
    expect(a.status).toBe('ok');
    expect(a.url).toBe('https://greentable.example/menu');
    expect(a.title).toBe('Green Table & Co — bistro');
    const b = await fetchTargetTopic('https://greentable.example/menu', { fetch, cache });
    expect(b.title).toBe(a.title);
    expect(calls).toBe(1);
  });

  it('reports failures without throwing: HTTP errors, non-HTML, network, timeout, bad URLs', async () => {
    const cache = memoryTopicCache();
    const f404 = (async () => html('nope', { status: 404 })) as typeof fetch;
    expect((await fetchTargetTopic('https://a.example/x', { fetch: f404, cache })).error).toBe('HTTP 404');
    const fPdf = (async () => new Response('%PDF', { headers: { 'content-type': 'application/pdf' } })) as typeof fetch;
    expect((await fetchTargetTopic('https://a.example/y', { fetch: fPdf })).error).toBe('not an HTML page (application/pdf)');
    const fNet = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect((await fetchTargetTopic('https://a.example/z', { fetch: fNet })).error).toBe('network error: Failed to fetch');
    const fHang = ((_u: string, init?: RequestInit) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    const slow = await fetchTargetTopic('https://a.example/slow', { fetch: fHang, timeoutMs: 20 });
    expect(slow.status).toBe('error');
    expect(slow.error).toMatch(/timed out/);
    expect((await fetchTargetTopic('mailto:a@b', { fetch: f404 })).error).toBe('not an http(s) URL');
    // The failure is cached for a while.
    expect((await cache.get('https://a.example/x'))?.status).toBe('error');
  });

  it('runs at most maxPerHost requests per host at once, other hosts in parallel', async () => {
    const running = new Map<string, number>();
    let maxSeen = 0;
    let otherHostStarted = false;
    const fetch = (async (u: string) => {
      const host = new URL(u).host;
      if (host === 'b.example') otherHostStarted = true;
      running.set(host, (running.get(host) ?? 0) + 1);
      maxSeen = Math.max(maxSeen, running.get('a.example') ?? 0);
      await new Promise((r) => setTimeout(r, 10));
      running.set(host, running.get(host)! - 1);
      return html();
    }) as typeof globalThis.fetch;
    const jobs = Array.from({ length: 7 }, (_, i) => fetchTargetTopic(`https://a.example/p${i}`, { fetch, maxPerHost: 2 }));
    jobs.push(fetchTargetTopic('https://b.example/', { fetch, maxPerHost: 2 }));
    const res = await Promise.all(jobs);
    expect(res.every((r) => r.status === 'ok')).toBe(true);
    expect(maxSeen).toBe(2);
    expect(otherHostStarted).toBe(true);
  });

  it('caches in IndexedDB (target-topics DB)', async () => {
    const cache = idbTopicCache('target-topics-test');
    const fetch = (async () => html()) as typeof globalThis.fetch;
    await fetchTargetTopic('https://idb.example/', { fetch, cache });
    const again = idbTopicCache('target-topics-test');
    expect((await again.get('https://idb.example/'))?.title).toBe('Green Table & Co — bistro');
  });
});
