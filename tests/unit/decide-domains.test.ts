/** The background decides registrable domains and what is internal; what the page sent is not trusted. */
import { describe, expect, it } from 'vitest';
import { snapshotPage } from '@/lib/page/snapshot';
import { completeReport } from '@/lib/analysis/complete-report';
import { htmlDocument } from '../helpers/dom';

describe('domains are decided in the background', () => {
  it('from the hosts, whatever the page claimed', async () => {
    const doc = htmlDocument(
      `<main><p>See <a href="https://shop.example.co.uk/x">our shop</a>, <a href="https://b.github.io/">a friend</a> and <a href="https://other.example/">another site</a>.</p></main>`,
      'https://www.example.co.uk/post',
    );
    // The page half was given no domain (a forged or missing one): everything looks external to it.
    const snapshot = await snapshotPage(doc, { pageDomain: null });
    expect(snapshot.links.every((l) => l.domain === null && !l.internal)).toBe(true);
    snapshot.links[2]!.internal = true;
    snapshot.links[2]!.domain = 'example.co.uk';
    const report = await completeReport(snapshot);
    expect(report.links.map((l) => [l.domain, l.internal])).toEqual([
      ['example.co.uk', true],
      ['b.github.io', false],
      ['other.example', false],
    ]);
  });
});
