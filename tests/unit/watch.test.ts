import { afterEach, describe, expect, it, vi } from 'vitest';
import { OWN_NODE_ATTR, watchPage } from '@/lib/page/watch';
import { htmlDocument } from '../helpers/dom';

describe('watchPage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('calls back once, debounced, when a script adds links', async () => {
    const doc = htmlDocument('<main><p>text</p></main>');
    const onChange = vi.fn();
    const stop = watchPage(doc, onChange, 50);
    const main = doc.querySelector('main')!;
    for (let i = 0; i < 5; i++) {
      const a = doc.createElement('a');
      a.href = `/later/${i}`;
      main.append(a);
      await flush();
    }
    expect(onChange).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 120));
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('reacts to rel and href changes but ignores our own overlay nodes', async () => {
    const doc = htmlDocument('<p><a id="a" href="/x">x</a></p>');
    const onChange = vi.fn();
    const stop = watchPage(doc, onChange, 20);
    const overlay = doc.createElement('div');
    overlay.setAttribute(OWN_NODE_ATTR, '');
    doc.body.append(overlay);
    await flush();
    overlay.append(doc.createElement('span'));
    await new Promise((r) => setTimeout(r, 60));
    expect(onChange).not.toHaveBeenCalled();
    doc.getElementById('a')!.setAttribute('rel', 'nofollow');
    await new Promise((r) => setTimeout(r, 60));
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stops on request and by itself after the time limit', async () => {
    const doc = htmlDocument('<p></p>');
    const onChange = vi.fn();
    const stop = watchPage(doc, onChange, 10);
    stop();
    doc.body.append(doc.createElement('a'));
    await new Promise((r) => setTimeout(r, 40));
    expect(onChange).not.toHaveBeenCalled();

    const expiring = watchPage(doc, onChange, 10, 30);
    await new Promise((r) => setTimeout(r, 50));
    doc.body.append(doc.createElement('a'));
    await new Promise((r) => setTimeout(r, 40));
    expect(onChange).not.toHaveBeenCalled();
    expiring();
  });
});
