import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LinkView } from '@/components/LinkView';
import { Verdict } from '@/components/Verdict';
import { summarizeLinks } from '@/lib/link-summary';
import { createDomainMatcher } from '@/lib/settings';
import type { MyDomain } from '@/lib/settings';
import { makeLink, makeReport, sampleReport } from '../fixtures/surfaces/report';

const MINE: MyDomain[] = [{ domain: 'mysite.example', description: '', added: 0 }];

afterEach(cleanup);

const rows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-index'));
const anchors = () => rows().map((r) => r.querySelector('.anchor-line')!.textContent);
const pageOrder = () => {
  // Score first is the default; the third click on a column returns to page order.
  for (let i = 0; i < 3; i++) fireEvent.click(screen.getByRole('button', { name: /^Position|^Anchor/ }));
};

describe('LinkView', () => {
  it('lists every link with domain, placement, relevance, follow status, score band and flags; my domains first, then best score', () => {
    render(<LinkView report={sampleReport()} loading={false} myDomains={MINE} />);
    expect(rows()).toHaveLength(9);
    expect(anchors()[0]).toContain('My seeds');
    expect(rows()[0]!.className).toContain('row--mine');
    // Then by score, best first: what the user came for.
    expect(anchors().slice(1, 3)).toEqual(['Compost mix', 'Link 4'.replace('Link 4', '(no text)')]);
    const drip = rows().find((r) => r.textContent!.includes('Drip kit'))!;
    expect(drip.querySelector('.col-follow')!.textContent).toContain('sponsored');
    expect(drip.querySelector('.follow--sponsored')!.getAttribute('title')).toContain('rel="sponsored"');
    expect(drip.querySelector('.col-domain')!.textContent).toBe('drip.example');
    expect(drip.querySelector('.col-relevance')!.textContent).toBe('60%');
    expect(drip.querySelector('.col-score')!.textContent).toBe('5');
    expect(drip.querySelector('.score')!.className).toContain('score--token');
    // The score's tooltip names its band and lists the reasons that add up to it.
    const compost = rows().find((r) => r.textContent!.includes('Compost mix'))!;
    expect(compost.querySelector('.score')!.getAttribute('title')).toBe('Score 80 — Strong (60–100)\n+20 In the main content\n+5 On-topic context');
    expect(rows().find((r) => r.textContent!.includes('Comment spam'))!.querySelector('.col-follow')!.textContent).toContain('nofollow');
    const flagsOf = (text: string) => rows().find((r) => r.textContent!.includes(text))!.querySelector('.col-flags')!.textContent;
    expect(flagsOf('Secret')).toBe('hid');
    expect(flagsOf('(no text)')).toBe('img');
    expect(flagsOf('Stakes')).toBe('redir');
    expect(flagsOf('Reply')).toBe('js');
  });

  it('shows the verdict line, counts by placement and follow status, and domains linked', () => {
    const report = sampleReport();
    render(<Verdict report={report} summary={summarizeLinks(report.links, createDomainMatcher(['mysite.example']))} />);
    const line = screen.getByRole('status').textContent;
    // Editorial: external, followed, body — Compost mix, My seeds, the image link.
    expect(line).toBe('3 editorial followed external links · 2 nofollow/UGC/sponsored · 1 in comments · best 80 · 1 to my domains');
    const counts = document.querySelector('.verdict__counts')!.textContent!;
    expect(counts).toContain('body 5');
    expect(counts).toContain('comments 1');
    expect(counts).toContain('followed 5');
    expect(counts).toContain('sponsored 1');
    expect(counts).toContain('7 domains linked (4 followed)');
    expect(counts).toContain('9 links in all');
    expect(document.body.textContent).toMatch(/Indexable.*Canonical: this page/);
    cleanup();
    const bad = makeReport([makeLink(0)], { indexable: false, metaRobots: ['noindex'], canonicalElsewhere: true, canonical: 'https://other.example/x', pageNofollow: true });
    render(<Verdict report={bad} summary={summarizeLinks(bad.links)} />);
    const text = document.body.textContent!;
    expect(screen.getByRole('status').textContent).toBe('1 editorial followed external link · 0 nofollow/UGC/sponsored · 0 in comments · best 50');
    expect(text).toContain('noindex');
    expect(text).toContain('Canonical elsewhere: other.example/x');
    expect(text).toContain('meta nofollow');
  });

  it('a placement count shows those links', () => {
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    fireEvent.click(screen.getByRole('button', { name: /^comments 1/ }));
    expect(anchors()).toEqual(['Comment spam']);
    expect((screen.getByLabelText('Placement') as HTMLSelectElement).value).toBe('comments');
  });

  it('"Editorial opportunities" is one click from "All links", and the view is remembered', async () => {
    const { unmount } = render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    expect(screen.getByRole('button', { name: 'All links' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Editorial opportunities' }));
    expect(screen.getByRole('button', { name: 'Editorial opportunities' }).getAttribute('aria-pressed')).toBe('true');
    expect(anchors()).toEqual(['Compost mix', 'My seeds', '(no text)']);
    expect((screen.getByLabelText('Internal or external') as HTMLSelectElement).value).toBe('external');
    expect((screen.getByLabelText('Followed or not') as HTMLSelectElement).value).toBe('followed');
    expect((screen.getByLabelText('Placement') as HTMLSelectElement).value).toBe('body');
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('viewPrefs')).viewPrefs).toMatchObject({ mode: 'links', filters: { scope: 'external', follow: 'followed', placement: 'body' } }));
    unmount();
    // Opened again (another page, another day): the same view.
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Editorial opportunities' }).getAttribute('aria-pressed')).toBe('true'));
    expect(anchors()).toEqual(['Compost mix', 'My seeds', '(no text)']);
    fireEvent.click(screen.getByRole('button', { name: 'All links' }));
    expect(rows()).toHaveLength(9);
    // Changing a filter leaves the preset.
    fireEvent.click(screen.getByRole('button', { name: 'Editorial opportunities' }));
    fireEvent.change(screen.getByLabelText('Placement'), { target: { value: 'all' } });
    expect(screen.getByRole('button', { name: 'All links' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says so when the page has no editorial link', () => {
    const report = makeReport([makeLink(0, { placement: 'footer' }), makeLink(1, { rel: ['nofollow'], followed: false })]);
    render(<LinkView report={report} loading={false} myDomains={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Editorial opportunities' }));
    expect(screen.getByText('No followed link to another site in the main content.')).toBeTruthy();
  });

  it('sorts by every column: first click, second click, then back to page order', () => {
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    const header = (name: RegExp) => screen.getByRole('button', { name });
    const th = (name: RegExp) => header(name).closest('th')!;
    // Score, best first, is where the table opens.
    expect(th(/^Score/).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(header(/^Anchor/));
    fireEvent.click(header(/^Anchor/));
    fireEvent.click(header(/^Anchor/));
    expect(th(/^Anchor/).getAttribute('aria-sort')).toBe('none');
    expect(anchors()[0]).toBe('Home');
    fireEvent.click(header(/^Score/));
    expect(th(/^Score/).getAttribute('aria-sort')).toBe('descending');
    const scores = rows().map((r) => Number(r.querySelector('.col-score')!.textContent));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    fireEvent.click(header(/^Score/));
    expect(th(/^Score/).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(header(/^Score/));
    expect(th(/^Score/).getAttribute('aria-sort')).toBe('none');
    expect(anchors()[0]).toBe('Home');
    for (const name of [/^Anchor/, /^Domain/, /^Placement/, /^Relevance/, /^Follow/, /^Flags/]) {
      fireEvent.click(header(name));
      expect(th(name).getAttribute('aria-sort')).not.toBe('none');
      expect(rows()).toHaveLength(9);
    }
    fireEvent.click(header(/^Anchor/));
    expect(th(/^Anchor/).getAttribute('aria-sort')).toBe('ascending');
    expect(anchors()[0]).toBe('(no text)'); // empty text sorts first A→Z
  });

  it('a competitor’s link is pinned after mine with ◆, counted in the verdict as a prospect, and named in the details (issue 19 §8)', () => {
    const withRival: MyDomain[] = [...MINE, { domain: 'soil.example', description: '', added: 1, role: 'competitor' }];
    render(<LinkView report={sampleReport()} loading={false} myDomains={withRival} />);
    expect(anchors().slice(0, 2)).toEqual(['★My seeds', '◆Compost mix']);
    expect(rows()[1]!.className).toContain('row--competitor');
    expect(rows()[1]!.querySelector('.competitor-pin')!.getAttribute('title')).toBe('Competitor: soil.example');
    expect(document.querySelector('.verdict__line')!.textContent).toMatch(/· 1 to my domains · 1 to a competitor$/);
    fireEvent.click(rows()[1]!);
    expect(screen.getByText('Competitor').nextElementSibling!.textContent).toBe('soil.example');
    // "My domains only" shows both: the listed domains.
    fireEvent.click(screen.getByLabelText('My domains only'));
    expect(anchors()).toEqual(['★My seeds', '◆Compost mix']);
  });

  it('filters by internal/external, followed, placement, my domains and search', () => {
    render(<LinkView report={sampleReport()} loading={false} myDomains={MINE} />);
    pageOrder();
    fireEvent.change(screen.getByLabelText('Internal or external'), { target: { value: 'internal' } });
    expect(anchors()).toEqual(['Home']);
    fireEvent.change(screen.getByLabelText('Internal or external'), { target: { value: 'external' } });
    expect(anchors()).not.toContain('Home');
    expect(anchors()).not.toContain('Reply');
    fireEvent.change(screen.getByLabelText('Internal or external'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Followed or not'), { target: { value: 'not-followed' } });
    expect(anchors()).toEqual(['Drip kit', 'Secret', 'Comment spam', 'Reply']);
    fireEvent.change(screen.getByLabelText('Followed or not'), { target: { value: 'all' } });
    fireEvent.click(screen.getByLabelText('My domains only'));
    expect(anchors()).toEqual(['★My seeds']);
    fireEvent.click(screen.getByLabelText('My domains only'));
    fireEvent.change(screen.getByLabelText('Followed or not'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Placement'), { target: { value: 'comments' } });
    expect(anchors()).toEqual(['Comment spam']);
    fireEvent.change(screen.getByLabelText('Placement'), { target: { value: 'all' } });
    fireEvent.input(screen.getByLabelText('Search links'), { target: { value: 'SOIL' } });
    expect(anchors()).toEqual(['Compost mix']);
    expect(screen.getByText('1 of 9')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Search links'), { target: { value: 'nothing-matches' } });
    expect(screen.getByText('No link matches these filters.')).toBeTruthy();
  });

  it('a click shows the link on the page and opens its reasons; Esc closes them', () => {
    const onReveal = vi.fn();
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} onReveal={onReveal} />);
    const row = rows().find((r) => r.textContent!.includes('Compost mix'))!;
    fireEvent.click(row);
    expect(onReveal).toHaveBeenCalledWith(expect.objectContaining({ index: 1, href: 'https://soil.example/mix' }));
    expect(row.getAttribute('aria-expanded')).toBe('true');
    const details = screen.getByLabelText('Details of link 2');
    expect(details.textContent).toContain('+20 In the main content');
    expect(details.textContent).toContain('https://soil.example/mix');
    fireEvent.keyDown(within(details).getByRole('link'), { key: 'Escape' });
    expect(screen.queryByLabelText('Details of link 2')).toBeNull();
    expect(document.activeElement).toBe(rows().find((r) => r.textContent!.includes('Compost mix')));
  });

  it('is keyboard-usable: one tab stop, arrows move, Enter/Space open, Esc closes', async () => {
    const onReveal = vi.fn();
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} onReveal={onReveal} />);
    pageOrder();
    const tabbable = rows().filter((r) => r.tabIndex === 0);
    expect(tabbable).toHaveLength(1);
    tabbable[0]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Compost mix'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(onReveal).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Details of link 2')).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByLabelText('Details of link 2')).toBeNull();
    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    expect(screen.getByLabelText('Details of link 2')).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Stakes'));
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
  });

  it('renders page text as text, and never links to javascript: URLs', () => {
    const evil = '<img src=x onerror="window.pwned=1">';
    const report = makeReport([
      makeLink(0, { text: evil, url: null, href: 'javascript:alert(1)', kind: 'javascript', domain: null, host: null }),
      makeLink(1, { text: 'ok', contextBefore: '<b>bold</b>' }),
    ]);
    render(<LinkView report={report} loading={false} myDomains={[]} />);
    pageOrder();
    expect(document.querySelector('table img')).toBeNull();
    expect(anchors()[0]).toBe(evil);
    fireEvent.click(rows()[0]!);
    const details = screen.getByLabelText('Details of link 1');
    expect(details.querySelector('a')).toBeNull();
    expect(details.textContent).toContain('javascript:alert(1)');
    fireEvent.click(rows()[1]!);
    expect(document.querySelector('.details b')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('says so when a page has no links, and shows a stable skeleton while loading', () => {
    const { rerender } = render(<LinkView report={null} loading={true} myDomains={[]} />);
    expect(document.querySelectorAll('.row--skeleton').length).toBe(8);
    expect(screen.getByLabelText('Search links').hasAttribute('disabled')).toBe(true);
    rerender(<LinkView report={makeReport([])} loading={false} myDomains={[]} />);
    expect(screen.getByText('This page has no links.')).toBeTruthy();
  });

  it('handles 10,000 links: paginated rows, sorting and filtering', () => {
    const links = Array.from({ length: 10_000 }, (_, i) => makeLink(i, { text: `Anchor ${i}`, score: i % 101, internal: i % 3 === 0 }));
    const report = makeReport(links);
    render(<LinkView report={report} loading={false} myDomains={MINE} />);
    expect(rows()).toHaveLength(100);
    expect(screen.getByText('Page 1 of 100')).toBeTruthy();
    expect(rows()[0]!.querySelector('.col-score')!.textContent).toBe('100');
    pageOrder();
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(anchors()[0]).toBe('Anchor 100');
    fireEvent.click(screen.getByRole('button', { name: /^Score/ }));
    expect(screen.getByText('Page 1 of 100')).toBeTruthy();
    expect(rows()[0]!.querySelector('.col-score')!.textContent).toBe('100');
    fireEvent.input(screen.getByLabelText('Search links'), { target: { value: 'anchor 9999' } });
    expect(anchors()).toEqual(['Anchor 9999']);
  }, 30_000);

  it('opens the link asked for by "Inspect this link", on whatever page of the table it is', async () => {
    const links = Array.from({ length: 250 }, (_, i) => makeLink(i, { text: `Anchor ${i}` }));
    const report = makeReport(links);
    const { rerender } = render(<LinkView report={report} loading={false} myDomains={[]} focus={null} />);
    fireEvent.change(screen.getByLabelText('Placement'), { target: { value: 'footer' } });
    rerender(<LinkView report={report} loading={false} myDomains={[]} focus={{ url: 'https://site230.example/page', nonce: 1 }} />);
    await waitFor(() => expect(screen.getByLabelText('Details of link 231')).toBeTruthy());
    expect(screen.getByText('Page 3 of 3')).toBeTruthy();
    expect((screen.getByLabelText('Placement') as HTMLSelectElement).value).toBe('all');
    // A later update of the same page keeps what the user did since.
    fireEvent.change(screen.getByLabelText('Placement'), { target: { value: 'body' } });
    rerender(<LinkView report={{ ...report }} loading={false} myDomains={[]} focus={{ url: 'https://site230.example/page', nonce: 1 }} />);
    expect((screen.getByLabelText('Placement') as HTMLSelectElement).value).toBe('body');
    rerender(<LinkView report={report} loading={false} myDomains={[]} focus={{ url: 'https://absent.example/', nonce: 2 }} />);
    await waitFor(() => expect(screen.getByText(/was not found on this page/)).toBeTruthy());
  });
});

describe('ExportBar (through LinkView)', () => {
  it('copies the filtered table as CSV and JSON', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    fireEvent.change(screen.getByLabelText('Placement'), { target: { value: 'comments' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy CSV' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const csv = writeText.mock.calls[0]![0] as string;
    expect(csv.split('\r\n')).toHaveLength(2);
    expect(csv).toContain('Comment spam');
    expect(await screen.findByText('Copied 1 row as CSV')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy JSON' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    const json = JSON.parse(writeText.mock.calls[1]![0] as string);
    expect(json.links.map((l: { text: string }) => l.text)).toEqual(['Comment spam']);
    expect(json.view.filters.placement).toBe('comments');
  });

  it('downloads files named after the page', () => {
    const createObjectURL = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    const stamp = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}-${String(d.getHours()).padStart(2, '0')}${String(d.getMinutes()).padStart(2, '0')}`;
    const when = stamp(new Date('2026-01-02T03:04:05.000Z'));
    expect(clicks).toEqual([`links-garden.example-post-${when}.csv`, `links-garden.example-post-${when}.json`]);
  });
});
