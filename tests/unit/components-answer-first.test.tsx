/** Issue 19: the per-domain view, the legend, the vocabulary, the remembered view, progress and the early rows of a big page. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { groupByDomain } from '@/components/domain-model';
import { Legend } from '@/components/Legend';
import { LinkView } from '@/components/LinkView';
import { readPrefs } from '@/components/use-view-prefs';
import { bandRange, followStatus, isEditorial, scoreBand, SCORE_BANDS } from '@/lib/link-terms';
import { summarizeLinks } from '@/lib/link-summary';
import { createDomainMatcher, type MyDomain } from '@/lib/settings';
import { makeLink, makeReport, sampleReport } from '../fixtures/surfaces/report';

afterEach(cleanup);

const MINE: MyDomain[] = [{ domain: 'mysite.example', description: '', added: 0 }];

describe('vocabulary', () => {
  it('names follow statuses the way SEO tools do, sponsored before nofollow before ugc', () => {
    expect(followStatus({ followed: true, rel: [] })).toBe('followed');
    expect(followStatus({ followed: false, rel: ['ugc', 'nofollow'] })).toBe('nofollow');
    expect(followStatus({ followed: false, rel: ['nofollow', 'sponsored'] })).toBe('sponsored');
    expect(followStatus({ followed: false, rel: ['ugc'] })).toBe('ugc');
    // Hidden, page-level nofollow or not a web link: passes nothing, without a rel hint.
    expect(followStatus({ followed: false, rel: [] })).toBe('blocked');
  });

  it('cuts score bands where the score formula puts typical links', () => {
    expect([71, 60, 59, 46, 30, 29, 17, 10, 9, 1, 0].map(scoreBand)).toEqual(['strong', 'strong', 'fair', 'fair', 'fair', 'weak', 'weak', 'weak', 'token', 'token', 'none']);
    expect(SCORE_BANDS.map((b) => bandRange(b.id))).toEqual(['60–100', '30–59', '10–29', '1–9', '0']);
  });

  it('an editorial link is a followed external web link in the main content', () => {
    expect(isEditorial(makeLink(0))).toBe(true);
    expect(isEditorial(makeLink(0, { internal: true }))).toBe(false);
    expect(isEditorial(makeLink(0, { followed: false, rel: ['nofollow'] }))).toBe(false);
    expect(isEditorial(makeLink(0, { placement: 'sidebar' }))).toBe(false);
  });
});

describe('remembered view', () => {
  it('reads back only what it wrote: anything else falls back to the defaults', () => {
    expect(readPrefs(undefined)).toEqual({ mode: 'links', filters: { scope: 'all', follow: 'all', placement: 'all', mine: false, broken: false, query: '' }, sort: { key: 'score', dir: 'desc' } });
    expect(readPrefs({ mode: 'domains', filters: { scope: 'external', follow: 'followed', placement: 'comments', mine: true, broken: true, query: 'kept?' }, sort: { key: 'text', dir: 'asc' } })).toEqual({
      mode: 'domains',
      filters: { scope: 'external', follow: 'followed', placement: 'comments', mine: true, broken: false, query: '' },
      sort: { key: 'text', dir: 'asc' },
    });
    const hostile = readPrefs({ mode: '<img>', filters: { scope: 'everything', placement: 'toString', mine: 'yes' }, sort: { key: '__proto__', dir: 'sideways' } });
    expect(hostile).toEqual(readPrefs(null));
  });
});

describe('per-domain view', () => {
  const report = () =>
    makeReport([
      makeLink(0, { text: 'heirloom seeds', url: 'https://mysite.example/a', score: 70 }),
      makeLink(1, { text: 'Heirloom seeds ', url: 'https://shop.mysite.example/b', domain: 'mysite.example', score: 20, followed: false, rel: ['sponsored'] }),
      makeLink(2, { text: 'click here', url: 'https://mysite.example/c', score: 40 }),
      makeLink(3, { text: 'Compost', url: 'https://soil.example/x', score: 80 }),
      makeLink(4, { text: 'Compost mix', url: 'https://soil.example/y', score: 30 }),
      makeLink(5, { text: 'Home', url: 'https://garden.example/', domain: 'garden.example', internal: true, score: 10 }),
      makeLink(6, { text: 'Reply', url: null, href: 'javascript:void(0)', kind: 'javascript', domain: null, host: null }),
    ]);

  it('groups links by target domain: count, followed, best score, anchors by frequency; my domains first', () => {
    const match = createDomainMatcher(['mysite.example']);
    const groups = groupByDomain(report().links.map((link) => ({ link, mine: link.kind === 'http' ? match(link.host) : null })));
    expect(groups.map((g) => [g.domain, g.links, g.followed, g.best])).toEqual([
      ['mysite.example', 3, 2, 70],
      ['soil.example', 2, 2, 80],
      ['garden.example', 1, 1, 10],
    ]);
    const mine = groups[0]!;
    expect(mine.anchors).toEqual([
      { text: 'heirloom seeds', count: 2, followed: 1, share: 2 / 3 },
      { text: 'click here', count: 1, followed: 1, share: 1 / 3 },
    ]);
    expect(mine.indexes).toEqual([0, 2, 1]);
  });

  it('shows the anchor-text distribution of my domains open, others on request, and goes to a domain’s links', async () => {
    render(<LinkView report={report()} loading={false} myDomains={MINE} />);
    fireEvent.click(screen.getByRole('button', { name: 'By domain' }));
    const dist = screen.getByRole('table', { name: 'Anchor texts of links to mysite.example' });
    const cells = within(dist).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells).toEqual([
      ['heirloom seeds', '2', '1', '67%'],
      ['click here', '1', '1', '33%'],
    ]);
    expect(screen.getByText('Anchor-text distribution for mysite.example (my domain)')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Anchor texts of links to soil.example' })).toBeNull();
    const soil = screen.getByRole('button', { name: 'soil.example' });
    expect(soil.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(soil);
    expect(screen.getByRole('table', { name: 'Anchor texts of links to soil.example' })).toBeTruthy();
    // mysite.example has 3 links, soil.example 2: this is soil's button.
    fireEvent.click(screen.getByRole('button', { name: 'Show the 2 links' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'All links' }).getAttribute('aria-pressed')).toBe('true'));
    expect((screen.getByLabelText('Search links') as HTMLInputElement).value).toBe('soil.example');
    expect(document.querySelectorAll('tbody tr.row[data-index]').length).toBe(2);
  });
});

describe('legend', () => {
  it('names every score band with its range, every follow status and every placement', () => {
    render(<Legend />);
    fireEvent.click(screen.getByText('Legend'));
    const text = document.body.textContent!;
    for (const part of ['60–100', 'Strong', '30–59', 'Fair', '10–29', 'Weak', '1–9', 'Token', 'None', 'followed', 'nofollow', 'sponsored', 'ugc', 'not followed', 'comments', 'the site footer']) {
      expect(text).toContain(part);
    }
  });
});

describe('big pages', () => {
  it('shows progress, then a preview of the best rows with the whole page’s verdict, then the full table', () => {
    const full = makeReport(Array.from({ length: 3000 }, (_, i) => makeLink(i, { text: `Anchor ${i}`, score: i % 100 })));
    const best = [...full.links].sort((a, b) => b.score - a.score).slice(0, 100);
    const { rerender } = render(<LinkView report={null} loading={true} myDomains={[]} progress={{ stage: 'reading', done: 1000, total: 3000 }} />);
    expect(screen.getByTestId('progress').textContent).toContain('Reading the page… 1,000 of 3,000 links');
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(1000);
    const preview = { summary: summarizeLinks(full.links), total: 3000 };
    rerender(<LinkView report={{ ...full, links: best }} loading={false} myDomains={[]} progress={{ stage: 'sending', done: 100, total: 3000 }} preview={preview} />);
    expect(document.querySelectorAll('tbody tr.row[data-index]').length).toBe(100);
    expect(document.querySelector('.verdict__line')!.textContent).toContain('3,000 editorial followed external links');
    expect(screen.getByText('The 100 best links so far: all 3,000 follow in a moment.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(true);
    rerender(<LinkView report={full} loading={false} myDomains={[]} progress={null} preview={null} />);
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(screen.getByText('Page 1 of 30')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(false);
  }, 30_000);
});

describe('preview of a big page (background)', () => {
  it('keeps the table’s first page — my domains, then the best scores — and summarises the whole page', async () => {
    const { previewOf, PREVIEW_LINKS } = await import('@/lib/background/inspect-tab');
    const links = Array.from({ length: 2500 }, (_, i) => makeLink(i, { score: i % 97, ...(i === 7 ? { url: 'https://mysite.example/x', host: 'mysite.example', domain: 'mysite.example', score: 1 } : {}) }));
    const report = makeReport(links);
    const p = previewOf(report, MINE);
    expect(p.total).toBe(2500);
    expect(p.report.links).toHaveLength(PREVIEW_LINKS);
    expect(p.report.links[0]!.index).toBe(7);
    const scores = p.report.links.slice(1).map((l) => l.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBe(96);
    expect(p.summary).toEqual(summarizeLinks(links, createDomainMatcher(['mysite.example'])));
    expect(p.summary.mine).toBe(1);
    // The full report is left alone.
    expect(report.links).toHaveLength(2500);
  });
});
