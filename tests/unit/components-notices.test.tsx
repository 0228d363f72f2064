import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkView } from '@/components/LinkView';
import { makeLink, makeReport } from '../fixtures/surfaces/report';

afterEach(cleanup);

describe('what the report says about itself', () => {
  it('says how many links were analysed of how many, and why', () => {
    const report = makeReport([makeLink(0), makeLink(1)], {
      truncated: { found: 1_000_000, analysed: 30_000, reason: 'Pages with more than 30,000 links are analysed up to that many, in page order.' },
    });
    render(<LinkView report={report} loading={false} myDomains={[]} />);
    const note = document.querySelector('[data-notice="truncated"]')!;
    expect(note.textContent).toBe(`Analysed the first ${(30_000).toLocaleString()} of ${(1_000_000).toLocaleString()} links. Pages with more than 30,000 links are analysed up to that many, in page order.`);
  });

  it('says the page changed its links while being inspected: which links, what changed (as text)', () => {
    const evil = 'https://x.example/"><img src=x onerror="window.pwned=1">';
    const report = makeReport([makeLink(0), makeLink(1)], {
      changedLinks: {
        count: 7,
        changes: [
          { index: 0, href: 'https://dripkit.example/kit', what: 'rel', before: 'sponsored nofollow', after: '' },
          { index: 1, href: 'https://rainline.example/kits', what: 'href', before: 'https://rainline.example/kits', after: 'https://rainline.example/kits?ref=1' },
          { index: null, href: evil, what: 'added', before: null, after: evil },
          { index: 2, href: 'https://old.example/', what: 'removed', before: 'https://old.example/', after: null },
        ],
      },
    });
    render(<LinkView report={report} loading={false} myDomains={[]} />);
    const note = screen.getByRole('alert');
    expect(note.textContent).toContain('The page changed its links while it was being inspected (changes: 7)');
    const items = [...note.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'rel of link 1 (https://dripkit.example/kit): “sponsored nofollow” → “none”',
      'href of link 2 (https://rainline.example/kits) → https://rainline.example/kits?ref=1',
      `a link to ${evil} was added`,
      'link 3 (https://old.example/) was removed',
      'and 3 more',
    ]);
    expect(note.querySelector('img, a')).toBeNull();
  });

  it('says nothing when every link was analysed and nothing changed', () => {
    render(<LinkView report={makeReport([makeLink(0)], { truncated: null, changedLinks: { count: 0, changes: [] } })} loading={false} myDomains={[]} />);
    expect(document.querySelector('[data-notice]')).toBeNull();
  });
});
