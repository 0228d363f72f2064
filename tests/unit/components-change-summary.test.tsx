import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeSummary } from '@/components/history/ChangeSummary';
import { clearAll, saveInspection } from '@/lib/history/store';
import { makeLink, makeReport } from '../fixtures/surfaces/report';

const at = (iso: string) => ({ generatedAt: iso });

beforeEach(async () => {
  await clearAll();
});
afterEach(cleanup);

describe('ChangeSummary (popup)', () => {
  it('says that a page inspected once has nothing to compare with yet', async () => {
    await saveInspection(makeReport([makeLink(0)], at('2026-11-01T10:00:00Z')));
    render(<ChangeSummary pageUrl="https://garden.example/post" myDomains={[]} />);
    expect((await screen.findByTestId('change-summary')).textContent).toBe('First inspection of this page: later visits show what changed.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sums up what changed since the page last looked different, and calls out my lost and devalued backlinks', async () => {
    const mine = makeLink(1, { url: 'https://mysite.example/seeds', domain: 'mysite.example', host: 'mysite.example' });
    const other = makeLink(2, { url: 'https://other.example/', domain: 'other.example', host: 'other.example' });
    const gone = makeLink(3, { url: 'https://mysite.example/old', domain: 'mysite.example', host: 'mysite.example' });
    await saveInspection(makeReport([mine, other, gone], at('2026-11-01T10:00:00Z')));
    const nofollowed = { ...mine, rel: ['nofollow'], followed: false, score: 8 };
    const added = makeLink(4, { url: 'https://new.example/', domain: 'new.example', host: 'new.example' });
    await saveInspection(makeReport([nofollowed, other, added], at('2026-11-02T10:00:00Z')));

    render(<ChangeSummary pageUrl="https://garden.example/post" myDomains={['mysite.example']} />);
    const summary = await screen.findByTestId('change-summary');
    expect(summary.textContent).toMatch(/Since .*: 1 new · 1 gone · 1 rel change\./);
    expect(screen.getByRole('alert').textContent).toBe('Your domains: 1 backlink lost, 1 backlink devalued — open the side panel for details.');
  });

  it('reports no change when the page was inspected again with the same links', async () => {
    const links = [makeLink(0), makeLink(1)];
    await saveInspection(makeReport(links, at('2026-11-01T10:00:00Z')));
    await saveInspection(makeReport(links, at('2026-11-03T10:00:00Z')));
    render(<ChangeSummary pageUrl="https://garden.example/post" myDomains={[]} />);
    await waitFor(() => expect(screen.getByTestId('change-summary').textContent).toMatch(/^No link changed since .*2026.*\.$/));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
