/**
 * What a report says about the links it did not analyse as found (issue #13 §1 and §4): the
 * first N of M links when a page has too many, and the links the page changed while it was read.
 */
import { describe, expect, it } from 'vitest';
import { analyzePage } from '@/lib/analyze';
import { collectPage } from '@/lib/page/model';
import { extractFeatures } from '@/lib/page/features';
import { recheckLinks } from '@/lib/page/recheck';
import { snapshotPage } from '@/lib/page/snapshot';
import { htmlDocument } from '../helpers/dom';
import { LIMITS, reportBytesOf } from '@/lib/limits';

const review = (extra = '') =>
  htmlDocument(
    `<!doctype html><html lang="en"><head><title>Drip irrigation kits reviewed</title></head><body>
    <main><article><h1>Drip irrigation kits reviewed</h1>
    <p>Our pick is the <a id="paid" href="https://dripkit.example/kit" rel="sponsored nofollow">Drip Kit 2000</a>, then
    <a id="runner" href="https://rainline.example/kits">Rainline</a> and <a id="gone" href="https://old.example/">an old kit</a>.</p>
    ${extra}</article></main><footer><a href="/about">About</a></footer></body></html>`,
    'https://gardengear.example/reviews/drip',
  );

describe('pages with more links than are analysed', () => {
  it('analyse the first N in page order and say so, with the number found and why', async () => {
    const items = Array.from({ length: 300 }, (_, i) => `<li><a href="/tag/${i}">tag ${i}</a></li>`).join('');
    const doc = review(`<ul>${items}</ul>`);
    const collected = await collectPage(doc, undefined, 100);
    expect(collected.found).toBe(304);
    expect(collected.links).toHaveLength(100);
    const report = await analyzePage(doc, { maxLinks: 100 });
    expect(report.links).toHaveLength(100);
    expect(report.links.at(-1)!.href).toBe('/tag/96');
    expect(report.truncated).toEqual({ found: 304, analysed: 100, reason: 'Pages with more than 100 links are analysed up to that many, in page order.' });
    expect(report.counts.total).toBe(100);
  });

  it('stop where the links fill one report (it travels to the popup in one message of at most 64 MB)', async () => {
    // Every link carries an href at the 8 KB cap: about 17 KB each in a report.
    const href = 'https://tracker.example/r?u=' + 'x'.repeat(8100);
    const items = Array.from({ length: 3500 }, (_, i) => `<li><a href="${href}&i=${i}">offer ${i}</a></li>`).join('');
    const snapshot = await snapshotPage(review(`<ul>${items}</ul>`));
    const analysed = snapshot.links.length;
    expect(analysed).toBeLessThan(3000);
    expect(analysed).toBeGreaterThan(2000);
    expect(snapshot.truncated).toEqual({ found: 3504, analysed, reason: `The first ${analysed.toLocaleString('en')} links hold as much text as one report can carry (48 MB); the rest were not analysed.` });
    const estimate = snapshot.links.reduce((n, l) => n + reportBytesOf(l), 0);
    expect(estimate).toBeLessThanOrEqual(LIMITS.reportBytes);
  }, 60_000);

  it('estimate the size of a link in a report from above', async () => {
    const href = 'https://tracker.example/r?u=' + 'ü\u0001"'.repeat(200);
    const doc = review(`<ul><li><a href="${href}" title="${'Überblick '.repeat(50)}">${'Überblick über Bewässerung '.repeat(20)}</a></li></ul>`);
    const report = await analyzePage(doc);
    const snapshot = await snapshotPage(doc);
    for (let i = 0; i < report.links.length; i++) {
      const actual = new TextEncoder().encode(JSON.stringify(report.links[i])).length;
      expect(reportBytesOf(snapshot.links[i]!)).toBeGreaterThanOrEqual(actual);
    }
  });

  it('say nothing when every link was analysed', async () => {
    const report = await analyzePage(review());
    expect(report.truncated).toBeNull();
    expect(report.changedLinks).toEqual({ count: 0, changes: [] });
  });
});

describe('the second read of every link', () => {
  it('lists what the page changed after the first: rel, href, removed and added links', async () => {
    const doc = review();
    const links = (await collectPage(doc)).links.map((l) => extractFeatures(l, 'gardengear.example'));
    // The page's own code, run in the turn the page gets before the second read.
    doc.defaultView!.setTimeout(() => {
      doc.getElementById('paid')!.removeAttribute('rel');
      doc.getElementById('runner')!.setAttribute('href', 'https://rainline.example/kits?ref=review');
      doc.getElementById('gone')!.remove();
      const added = doc.createElement('a');
      added.href = 'https://dripkit.example/shop';
      added.textContent = 'Buy the Drip Kit 2000';
      doc.querySelector('article p')!.append(added);
    }, 0);
    const changes = await recheckLinks(doc, links, () => undefined);
    expect(changes).toEqual({
      count: 4,
      changes: [
        { index: 0, href: 'https://dripkit.example/kit', what: 'rel', before: 'sponsored nofollow', after: '' },
        { index: 1, href: 'https://rainline.example/kits', what: 'href', before: 'https://rainline.example/kits', after: 'https://rainline.example/kits?ref=review' },
        { index: 2, href: 'https://old.example/', what: 'removed', before: 'https://old.example/', after: null },
        { index: null, href: 'https://dripkit.example/shop', what: 'added', before: null, after: 'https://dripkit.example/shop' },
      ],
    });
  });

  it('lists the first 50 changes and counts the rest; the snapshot carries them', async () => {
    const items = Array.from({ length: 120 }, (_, i) => `<li><a class="p" href="https://shop${i}.example/" rel="sponsored">deal ${i}</a></li>`).join('');
    const doc = review(`<ul>${items}</ul>`);
    const win = doc.defaultView!;
    // A page that strips rel from its paid links as soon as it gets a turn.
    win.setTimeout(() => doc.querySelectorAll('a.p').forEach((a) => a.removeAttribute('rel')), 0);
    // No yielding by time (sliceMs): the page's first turn is the one before the second read.
    const snapshot = await snapshotPage(doc, { sliceMs: Infinity });
    // Read before the page's turn: every paid link as sponsored.
    expect(snapshot.links.filter((l) => l.rel.includes('sponsored'))).toHaveLength(121);
    expect(snapshot.changedLinks.count).toBe(120);
    expect(snapshot.changedLinks.changes).toHaveLength(50);
    expect(snapshot.changedLinks.changes[0]).toEqual({ index: 3, href: 'https://shop0.example/', what: 'rel', before: 'sponsored', after: '' });
  });
});
