import { afterEach, describe, expect, it, vi } from 'vitest';
import { Highlighter } from '@/lib/page/highlighter';
import { PageAgent } from '@/lib/page/agent';
import { watchPage } from '@/lib/page/watch';

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
  // Overlay hosts are the <html> element's children after <body>.
  while (document.body.nextElementSibling) document.body.nextElementSibling.remove();
});

function linkAt(text: string, rect: { x: number; y: number; w: number; h: number }): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = 'https://example.com/';
  a.textContent = text;
  document.body.append(a);
  const r = new DOMRect(rect.x, rect.y, rect.w, rect.h);
  a.getBoundingClientRect = () => r;
  a.getClientRects = () => [r] as unknown as DOMRectList;
  return a;
}

/** The overlay host: a plain div appended to <html>. */
const host = () => (document.body.nextElementSibling as HTMLElement | null) ?? null;

describe('Highlighter', () => {
  it('draws one box per visible link in a fixed, click-through host with a closed shadow root', () => {
    const a = linkAt('first', { x: 10, y: 20, w: 100, h: 18 });
    const b = linkAt('<b>second</b>', { x: 10, y: 60, w: 80, h: 18 });
    linkAt('far below', { x: 10, y: 5000, w: 80, h: 18 });
    const h = new Highlighter(document);
    h.show([
      { el: a, placement: 'body', score: 72, followed: true },
      { el: b, placement: 'footer', score: 3, followed: false },
      { el: document.body.lastElementChild!, placement: 'nav', score: 10, followed: true },
    ]);
    const el = host()!;
    expect(el.localName).toBe('div');
    expect(el.parentElement).toBe(document.documentElement);
    expect(el.style.position).toBe('fixed');
    expect(el.style.pointerEvents).toBe('none');
    // Closed: the page cannot reach the badges through the host.
    expect(el.shadowRoot).toBeNull();
    const root = h.shadow!;
    expect(root.host).toBe(el);
    const boxes = [...root.querySelectorAll<HTMLElement>('.box')].filter((x) => x.style.display !== 'none');
    expect(boxes).toHaveLength(2);
    expect(boxes.map((x) => x.querySelector('.badge')!.textContent).sort()).toEqual(['3 · footer', '72 · body']);
    expect(boxes.some((x) => x.classList.contains('nofollow'))).toBe(true);
    expect(root.querySelector('.legend')!.textContent).toContain('footer');
    expect(root.querySelector('b')).toBeNull();
    h.hide();
    expect(host()).toBeNull();
  });

  it('flashes one link and cleans up after itself', () => {
    vi.useFakeTimers();
    const a = linkAt('target', { x: 5, y: 5, w: 50, h: 10 });
    const h = new Highlighter(document);
    h.flash(a);
    expect(h.shadow!.querySelectorAll('.flash')).toHaveLength(1);
    vi.advanceTimersByTime(3000);
    expect(host()).toBeNull();
    vi.useRealTimers();
  });

  it('is ignored by the page watcher', async () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    const h = new Highlighter(document);
    const stop = watchPage(document, onChange, { debounceMs: 10, isOwn: (n) => h.owns(n) });
    const a = linkAt('x', { x: 0, y: 0, w: 10, h: 10 });
    await vi.advanceTimersByTimeAsync(30);
    onChange.mockClear();
    h.show([{ el: a, placement: 'body', score: 1, followed: true }]);
    await vi.advanceTimersByTimeAsync(30);
    h.hide();
    await vi.advanceTimersByTimeAsync(30);
    expect(onChange).not.toHaveBeenCalled();
    stop();
    vi.useRealTimers();
  });

  it('keeps working when the page registered a custom element of any name first', () => {
    // The old host was <backlink-inspector-overlay>: a page that defined it first ran its own
    // constructor on our host and made attachShadow throw.
    class Squatter extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).innerHTML = '<p class="box">forged</p>';
      }
    }
    customElements.define('backlink-inspector-overlay', Squatter);
    const a = linkAt('first', { x: 10, y: 20, w: 100, h: 18 });
    const h = new Highlighter(document);
    h.show([{ el: a, placement: 'body', score: 72, followed: true }]);
    expect(host()!.localName).toBe('div');
    expect([...h.shadow!.querySelectorAll('.box .badge')].map((b) => b.textContent)).toEqual(['72 · body']);
    h.destroy();
  });

  it('draws again when the page removes the host', () => {
    const a = linkAt('first', { x: 10, y: 20, w: 100, h: 18 });
    const h = new Highlighter(document);
    h.show([{ el: a, placement: 'body', score: 72, followed: true }]);
    host()!.remove();
    h.update();
    h.show([{ el: a, placement: 'body', score: 72, followed: true }]);
    expect(h.drawn).toBe(1);
    expect(host()!.localName).toBe('div');
    h.destroy();
  });
});

describe('PageAgent', () => {
  it('validates reveal requests and finds links by index and href', async () => {
    document.body.innerHTML = '<p><a href="/a">A</a> <a href="/b">B</a></p>';
    const agent = new PageAgent(document, () => undefined);
    await agent.analyze({});
    expect(await agent.reveal({ index: 'x' })).toEqual({ ok: false, message: 'Invalid link.' });
    expect(await agent.reveal({ index: 7, href: '/nope' })).toEqual({ ok: false, message: 'This link is no longer on the page.' });
    const [, b] = document.querySelectorAll('a');
    b!.scrollIntoView = vi.fn();
    const r = new DOMRect(0, 0, 10, 10);
    b!.getBoundingClientRect = () => r;
    b!.getClientRects = () => [r] as unknown as DOMRectList;
    expect(await agent.reveal({ index: 1, href: '/b' })).toEqual({ ok: true });
    expect(b!.scrollIntoView).toHaveBeenCalled();
    // jsdom has no layout: A has no box, so it counts as hidden.
    expect(await agent.reveal({ index: 0, href: '/a' })).toMatchObject({ ok: false, message: /hidden/ });
    agent.highlighter.destroy();
  });

  it('serves the parts of an earlier read while a second surface reads the page again (popup and side panel at once)', async () => {
    document.body.innerHTML = '<p><a href="/a">A</a> <a href="/b">B</a></p>';
    const agent = new PageAgent(document, () => undefined);
    const first = await agent.analyze({});
    const second = await agent.analyze({});
    expect(second.seq).toBe(first.seq + 1);
    // The first inspection's parts are still there: it does not fail with "the page changed".
    expect(agent.part({ seq: first.seq, part: 0 }).links.map((l) => l.href)).toEqual(['/a', '/b']);
    expect(agent.part({ seq: second.seq, part: 0 }).links.map((l) => l.href)).toEqual(['/a', '/b']);
    // Only the latest few reads are kept.
    await agent.analyze({});
    await agent.analyze({});
    expect(() => agent.part({ seq: first.seq, part: 0 })).toThrow(/changed/);
    agent.highlighter.destroy();
  });

  it('says why a <noscript> link cannot be shown', async () => {
    document.body.innerHTML = '<p><a href="/a">A</a></p><noscript></noscript>';
    // As a browser with scripts on keeps it: the noscript's content is text.
    document.querySelector('noscript')!.textContent = '<a href="/ns">fallback</a>';
    const agent = new PageAgent(document, () => undefined);
    const head = await agent.analyze({});
    expect(head.linkCount).toBe(2);
    expect(await agent.reveal({ index: 1, href: '/ns' })).toMatchObject({ ok: false, message: /noscript/ });
    agent.highlighter.destroy();
  });

  it('asks for scores before highlighting, then toggles the outlines', async () => {
    document.body.innerHTML = '<p><a href="/a">A</a> <a href="#top">top</a></p>';
    const agent = new PageAgent(document, () => undefined);
    expect(agent.highlight('toggle')).toEqual({ on: false, count: 0, needsScores: true });
    const head = await agent.analyze({});
    expect(head.linkCount).toBe(2);
    expect(head.parts).toBe(1);
    expect(agent.part({ seq: head.seq, part: 0 }).links.map((l) => l.href)).toEqual(['/a', '#top']);
    expect(() => agent.part({ seq: head.seq + 1, part: 0 })).toThrow(/changed/);
    expect(() => agent.part({ seq: head.seq, part: 1 })).toThrow(/changed/);
    // Scores that do not line up with the page's links are ignored.
    agent.setScores({ placement: ['body'], score: [50], followed: [true] });
    expect(agent.highlight('on')).toMatchObject({ needsScores: true });
    agent.setScores({ placement: ['body', 'body'], score: [50, 0], followed: [true, false] });
    // The in-page anchor gets no outline.
    expect(agent.highlight('toggle')).toEqual({ on: true, count: 1 });
    expect(host()).not.toBeNull();
    expect(agent.highlight('toggle')).toEqual({ on: false, count: 0 });
    expect(host()).toBeNull();
  });
});
