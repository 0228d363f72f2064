/**
 * The side panel's page watcher, on a fake clock (no test waits on real time): debounced with a
 * maximum wait, one analysis at a time, changes during an analysis coalesced into one more.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPage } from '@/lib/page/watch';
import { htmlDocument } from '../helpers/dom';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets MutationObserver callbacks (microtasks) run, then moves the fake clock. */
async function advance(ms: number): Promise<void> {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

function addLink(doc: Document, i: number): void {
  const a = doc.createElement('a');
  a.href = `/later/${i}`;
  doc.querySelector('main')!.append(a);
}

describe('watchPage', () => {
  it('calls back once, debounced, when a script adds links', async () => {
    const doc = htmlDocument('<main><p>text</p></main>');
    const onChange = vi.fn();
    const stop = watchPage(doc, onChange, { debounceMs: 50 });
    for (let i = 0; i < 5; i++) {
      addLink(doc, i);
      await advance(10);
    }
    expect(onChange).not.toHaveBeenCalled();
    await advance(60);
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('keeps up with a page that mutates every 10 ms: a report at least every 2 s', async () => {
    const doc = htmlDocument('<main><p>text</p></main>');
    const onChange = vi.fn();
    const stop = watchPage(doc, onChange, { debounceMs: 600, maxWaitMs: 2000 });
    for (let t = 0; t < 8000; t += 10) {
      addLink(doc, t);
      await advance(10);
    }
    // A plain debounce never fires while the page keeps changing.
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(onChange.mock.calls.length).toBeLessThanOrEqual(4);
    stop();
  });

  it('runs one analysis at a time; changes meanwhile make exactly one more', async () => {
    const doc = htmlDocument('<main><p>text</p></main>');
    let finish: () => void = () => undefined;
    const onChange = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const stop = watchPage(doc, onChange, { debounceMs: 50, maxWaitMs: 200 });
    addLink(doc, 0);
    await advance(60);
    expect(onChange).toHaveBeenCalledTimes(1);
    // The analysis is still running: changes wait, however long.
    for (let i = 1; i < 100; i++) {
      addLink(doc, i);
      await advance(20);
    }
    expect(onChange).toHaveBeenCalledTimes(1);
    finish();
    await advance(0);
    // Every change made during the run is overdue: one analysis for all of them, at once.
    await advance(1);
    expect(onChange).toHaveBeenCalledTimes(2);
    finish();
    await advance(5000);
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
  });

  it('reacts to rel and href changes but ignores our own overlay nodes', async () => {
    const doc = htmlDocument('<p><a id="a" href="/x">x</a></p>');
    const onChange = vi.fn();
    const overlay = doc.createElement('div');
    const stop = watchPage(doc, onChange, { debounceMs: 20, isOwn: (n) => n === overlay });
    doc.documentElement.append(overlay);
    await advance(5);
    overlay.style.cssText = 'position: fixed !important';
    await advance(60);
    overlay.remove();
    await advance(60);
    expect(onChange).not.toHaveBeenCalled();
    // The same attribute on a page element is no pass: only our node is ours.
    const lookalike = doc.createElement('div');
    lookalike.setAttribute('data-backlink-inspector', '');
    doc.body.append(lookalike);
    await advance(60);
    expect(onChange).toHaveBeenCalledTimes(1);
    doc.getElementById('a')!.setAttribute('rel', 'nofollow');
    await advance(60);
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
  });

  it('stops on request and by itself after the time limit', async () => {
    const doc = htmlDocument('<p></p>');
    const onChange = vi.fn();
    const stop = watchPage(doc, onChange, { debounceMs: 10 });
    stop();
    doc.body.append(doc.createElement('a'));
    await advance(40);
    expect(onChange).not.toHaveBeenCalled();

    const expiring = watchPage(doc, onChange, { debounceMs: 10, maxMs: 30 });
    await advance(50);
    doc.body.append(doc.createElement('a'));
    await advance(40);
    expect(onChange).not.toHaveBeenCalled();
    expiring();
  });
});
