import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LinkView } from '@/components/LinkView';
import { Verdict } from '@/components/Verdict';
import type { MyDomain } from '@/lib/settings';
import { makeLink, makeReport, sampleReport } from '../fixtures/surfaces/report';

const MINE: MyDomain[] = [{ domain: 'mysite.example', description: '', added: 0 }];

afterEach(cleanup);

const rows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-index'));
const anchors = () => rows().map((r) => r.querySelector('.col-anchor')!.textContent);

describe('LinkView', () => {
  it('lists every link with domain, placement, relevance, score, rel badges and flags; my domains first', () => {
    render(<LinkView report={sampleReport()} loading={false} myDomains={MINE} />);
    expect(rows()).toHaveLength(9);
    expect(anchors()[0]).toContain('My seeds');
    expect(rows()[0]!.className).toContain('row--mine');
    const drip = rows().find((r) => r.textContent!.includes('Drip kit'))!;
    expect(within(drip).getByTitle('sponsored')).toBeTruthy();
    expect(drip.querySelector('.col-domain')!.textContent).toBe('drip.example');
    expect(drip.querySelector('.col-relevance')!.textContent).toBe('60%');
    expect(drip.querySelector('.col-score')!.textContent).toBe('5');
    const flagsOf = (text: string) => rows().find((r) => r.textContent!.includes(text))!.querySelector('.col-flags')!.textContent;
    expect(flagsOf('Secret')).toBe('hid');
    expect(flagsOf('(no text)')).toBe('img');
    expect(flagsOf('Stakes')).toBe('redir');
    expect(flagsOf('Reply')).toBe('javascript');
  });

  it('shows the verdict line', () => {
    render(<Verdict report={makeReport([makeLink(0)], { indexable: false, metaRobots: ['noindex'], canonicalElsewhere: true, canonical: 'https://other.example/x', pageNofollow: true })} mineCount={0} />);
    const text = document.body.textContent!;
    expect(text).toContain('1 links · 1 external · 1 followed');
    expect(text).toContain('noindex');
    expect(text).toContain('Canonical elsewhere: other.example/x');
    expect(text).toContain('meta nofollow');
    cleanup();
    render(<Verdict report={sampleReport()} mineCount={1} />);
    expect(document.body.textContent).toMatch(/Indexable.*Canonical: this page/);
    expect(document.body.textContent).toContain('1 to my domains');
  });

  it('sorts by every column: first click, second click, then back to page order', () => {
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    const header = (name: RegExp) => screen.getByRole('button', { name });
    const th = (name: RegExp) => header(name).closest('th')!;
    fireEvent.click(header(/^Score/));
    expect(th(/^Score/).getAttribute('aria-sort')).toBe('descending');
    const scores = rows().map((r) => Number(r.querySelector('.col-score')!.textContent));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    fireEvent.click(header(/^Score/));
    expect(th(/^Score/).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(header(/^Score/));
    expect(th(/^Score/).getAttribute('aria-sort')).toBe('none');
    expect(anchors()[0]).toBe('Home');
    for (const name of [/^Anchor/, /^Domain/, /^Placement/, /^Relev/, /^rel/, /^Flags/]) {
      fireEvent.click(header(name));
      expect(th(name).getAttribute('aria-sort')).not.toBe('none');
      expect(rows()).toHaveLength(9);
    }
    fireEvent.click(header(/^Anchor/));
    expect(th(/^Anchor/).getAttribute('aria-sort')).toBe('ascending');
    expect(anchors()[0]).toBe('(no text)'); // empty text sorts first A→Z
  });

  it('filters by internal/external, followed, placement and search', () => {
    render(<LinkView report={sampleReport()} loading={false} myDomains={[]} />);
    fireEvent.change(screen.getByLabelText('Internal or external'), { target: { value: 'internal' } });
    expect(anchors()).toEqual(['Home']);
    fireEvent.change(screen.getByLabelText('Internal or external'), { target: { value: 'external' } });
    expect(anchors()).not.toContain('Home');
    expect(anchors()).not.toContain('Reply');
    fireEvent.change(screen.getByLabelText('Internal or external'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Followed or not'), { target: { value: 'not-followed' } });
    expect(anchors()).toEqual(['Drip kit', 'Secret', 'Comment spam', 'Reply']);
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
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(anchors()[0]).toBe('Anchor 100');
    fireEvent.click(screen.getByRole('button', { name: /^Score/ }));
    expect(screen.getByText('Page 1 of 100')).toBeTruthy();
    expect(rows()[0]!.querySelector('.col-score')!.textContent).toBe('100');
    fireEvent.input(screen.getByLabelText('Search links'), { target: { value: 'anchor 9999' } });
    expect(anchors()).toEqual(['Anchor 9999']);
  }, 15_000);

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
    expect(await screen.findByText('Copied 1 rows as CSV')).toBeTruthy();
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
    expect(clicks).toEqual(['links-garden.example-2026-01-02.csv', 'links-garden.example-2026-01-02.json']);
  });
});
