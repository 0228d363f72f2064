import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { HistoryPanel } from '@/components/history/HistoryPanel';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getRetention, saveInspection, stats, DAY_MS } from '@/lib/history/store';
import { exportHistoryJson } from '@/lib/history/export';
import { importHistory } from '@/lib/history/import';
import { Options } from '@/components/Options';
import { freshIndexedDb, makeReport } from './history-helpers';

beforeEach(freshIndexedDb);
afterEach(cleanup);

const PAGE = 'https://blog.test/post';
const t1 = Date.now() - 2 * DAY_MS;
const t2 = Date.now() - 1 * DAY_MS;

async function seedTwoInspections() {
  await saveInspection(
    makeReport({
      url: PAGE,
      time: t1,
      links: [
        { url: 'https://mine.com/a', text: 'my site', score: 70 },
        { url: 'https://mine.com/lost', text: 'gone soon', score: 50 },
        { url: 'https://other.org/', text: 'other', placement: 'body' },
        { url: 'https://text.org/', text: 'old text' },
      ],
    }),
  );
  const second = makeReport({
    url: PAGE,
    time: t2,
    links: [
      { url: 'https://mine.com/a', text: 'my site', score: 12, rel: ['nofollow'], followed: false, placement: 'footer' },
      { url: 'https://other.org/', text: 'other', placement: 'sidebar' },
      { url: 'https://text.org/', text: 'new text' },
      { url: 'https://fresh.net/', text: 'fresh' },
    ],
  });
  await saveInspection(second);
  return second;
}

/** The links of seedTwoInspections' second report, for an identical re-inspection. */
async function seedLinksOfSecond() {
  const { listInspections, linksOf } = await import('@/lib/history/store');
  const [latest] = await listInspections(PAGE, { limit: 1 });
  const links = (await linksOf(latest!.id)).map(({ id: _i, inspectionId: _o, pageUrl: _p, time: _t, ...l }) => l);
  return { links };
}

function renderPanel(props: Partial<Parameters<typeof HistoryPanel>[0]> = {}) {
  return render(<HistoryPanel pageUrl={PAGE} currentReport={null} myDomains={['www.mine.com']} {...props} />);
}

describe('HistoryPanel', () => {
  it('shows the diff of the latest two inspections with lost/devalued backlinks first', async () => {
    const report = await seedTwoInspections();
    renderPanel({ currentReport: report });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/2 backlinks to your domains lost or devalued/);
    const items = within(alert).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.kind)).toEqual(['lost', 'devalued']);
    expect(items[0]!.textContent).toMatch(/Lost:.*mine\.com\/lost.*gone soon/);
    expect(items[1]!.textContent).toMatch(/Devalued:.*mine\.com\/a.*became nofollow; moved from body to footer; score fell from 70 to 12/);

    const group = (id: string) => document.querySelector<HTMLDetailsElement>(`[data-group="${id}"]`);
    await waitFor(() => expect(group('gained')).not.toBeNull());
    expect(group('gained')!.querySelector('summary')!.textContent).toBe('Links gained (1)');
    expect(group('gained')!.textContent).toMatch(/fresh\.net/);
    expect(group('lost')!.textContent).toMatch(/Links lost \(1\).*mine\.com\/lost/);
    expect(group('rel')!.textContent).toMatch(/rel changed \(1\).*follow → nofollow/);
    expect(group('placement')!.textContent).toMatch(/Placement changed \(2\)/);
    expect(group('placement')!.textContent).toMatch(/body → sidebar/);
    expect(group('text')!.textContent).toMatch(/Anchor text changed \(1\).*was “old text”/);

    // Page history: two inspections, newest first; the older one is the comparison base.
    const history = screen.getByRole('heading', { name: 'Page history' }).parentElement!;
    const rows = within(history).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toMatch(/latest/);
    expect(within(rows[1]!).getByRole('button', { pressed: true })).toBeTruthy();

    // Backlinks table: the page links to mine.com (devalued but live): its heading row, then the link.
    const table = await screen.findByRole('table');
    const body = within(table).getAllByRole('row').slice(1);
    expect(body).toHaveLength(2);
    expect(body[0]!.textContent).toMatch(/A post.*1 link · first seen/);
    expect(body[1]!.textContent).toMatch(/my site.*mine\.com\/a.*footer.*nofollow.*12.*live/);
  });

  it('the backlinks table has one row per link, grouped by page: a followed and a sponsored link to my domain are both there (issue 19 §6)', async () => {
    await saveInspection(
      makeReport({
        url: 'https://garden.test/review',
        title: 'Garden tools reviewed',
        time: t1,
        links: [
          { url: 'https://mine.com/spade', text: 'the best spade', score: 71 },
          { url: 'https://other.org/', text: 'other' },
          { url: 'https://www.mine.com/shop?ref=ad', text: 'buy it here', score: 3, rel: ['sponsored'], followed: false, placement: 'sidebar' },
        ],
      }),
    );
    await saveInspection(makeReport({ url: PAGE, title: 'A post', time: t2, links: [{ url: 'https://mine.com/', text: 'home', score: 40, placement: 'comments' }] }));
    renderPanel({ myDomains: ['mine.com'] });
    const table = await screen.findByRole('table');
    const groups = table.querySelectorAll('tbody');
    expect([...groups].map((g) => g.dataset.page)).toEqual(['https://garden.test/review', PAGE]);
    const garden = within(groups[0]! as HTMLElement).getAllByRole('row');
    expect(garden.map((r) => r.dataset.follow ?? 'page')).toEqual(['page', 'followed', 'sponsored']);
    expect(garden[0]!.textContent).toMatch(/^Garden tools reviewed2 links · first seen/);
    expect(garden[1]!.textContent).toMatch(/the best spade.*mine\.com\/spade.*body.*followed.*71.*live/);
    expect(garden[2]!.textContent).toMatch(/buy it here.*mine\.com\/shop\?ref=ad.*sidebar.*sponsored.*3.*live/);
    expect(screen.getByTestId('backlinks-count').textContent).toBe('3 links on 2 pages');
    // The page heading links to the page, in a new tab.
    expect(within(garden[0]!).getByRole('link', { name: 'Garden tools reviewed' }).getAttribute('href')).toBe('https://garden.test/review');
  });

  it('prospects: pages linking to a competitor and to none of my sites, each competitor link a row (issue 19 §8)', async () => {
    await saveInspection(makeReport({ url: 'https://forum.test/thread', title: 'Which seed shop?', time: t1, links: [{ url: 'https://rival.com/', text: 'rival shop', score: 35, placement: 'comments' }] }));
    // Links to both: already won, not a prospect.
    await saveInspection(makeReport({ url: 'https://won.test/', title: 'Both', time: t1, links: [{ url: 'https://rival.com/' }, { url: 'https://mine.com/' }] }));
    renderPanel({ myDomains: ['mine.com'], competitors: ['rival.com'] });
    const section = (await screen.findByRole('heading', { name: /^Prospects/ })).parentElement!;
    const table = await within(section).findByRole('table');
    expect([...table.querySelectorAll('tbody')].map((g) => g.dataset.page)).toEqual(['https://forum.test/thread']);
    expect(within(table).getAllByRole('row')[2]!.textContent).toMatch(/rival shop.*rival\.com.*comments.*followed.*35/);
    expect(within(section).getByTestId('prospects-count').textContent).toBe('1 link on 1 page');
    expect(within(section).getByRole('button', { name: 'Export prospects (CSV)' })).toBeTruthy();
    // No competitors listed: no prospects section.
    cleanup();
    renderPanel({ myDomains: ['mine.com'] });
    await screen.findByRole('heading', { name: 'Backlinks to my domains' });
    expect(screen.queryByRole('heading', { name: /^Prospects/ })).toBeNull();
  });

  it('re-inspecting an unchanged page stores no copy: the latest inspection says when it was seen again', async () => {
    await seedTwoInspections();
    const seenAt = Date.now() - 1000;
    const again = makeReport({ url: PAGE, time: seenAt, links: (await seedLinksOfSecond()).links });
    expect(await saveInspection(again)).toMatchObject({ seenAgain: true });
    renderPanel();
    expect((await screen.findByTestId('history-seen-again')).textContent).toMatch(/Links unchanged since .*: seen again /);
    expect((await screen.findByRole('alert')).textContent).toMatch(/2 backlinks to your domains lost or devalued/);
    const rows = within(screen.getByRole('heading', { name: 'Page history' }).parentElement!).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toMatch(/seen again/);
    expect(screen.queryByTestId('history-unchanged')).toBeNull();
  });

  it('identical inspections stored earlier (before v3, or imported) keep showing the last real change', async () => {
    await seedTwoInspections();
    // Import does not merge unchanged inspections: it keeps what the file holds.
    const doc = JSON.parse(await exportHistoryJson());
    const copy = structuredClone(doc.inspections[1]);
    copy.time = new Date(Date.now() - 1000).toISOString();
    doc.inspections = [copy];
    expect(await importHistory(JSON.stringify(doc))).toMatchObject({ added: 1 });
    renderPanel();
    expect((await screen.findByTestId('history-unchanged')).textContent).toMatch(/No link changed since the inspection of/);
    expect((await screen.findByRole('alert')).textContent).toMatch(/2 backlinks to your domains lost or devalued/);
    const rows = within(screen.getByRole('heading', { name: 'Page history' }).parentElement!).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(within(rows[2]!).getByRole('button', { pressed: true })).toBeTruthy();
    // Choosing the previous (identical) inspection explicitly shows that nothing changed.
    fireEvent.click(within(rows[1]!).getByRole('button'));
    expect(await screen.findByText('No link changed.')).toBeTruthy();
    expect(screen.queryByTestId('history-unchanged')).toBeNull();
  });

  it('explains what to do when there is nothing to compare', async () => {
    renderPanel({ pageUrl: null });
    expect(await screen.findByText(/Open a web page to see its history/)).toBeTruthy();
    cleanup();
    await saveInspection(makeReport({ url: PAGE }));
    renderPanel({ myDomains: [] });
    expect(await screen.findByText(/first inspection of this page/)).toBeTruthy();
    expect(screen.getByText(/Add your domains in the options/)).toBeTruthy();
    cleanup();
    // Seen again unchanged: still nothing to compare, and the panel says why.
    await saveInspection(makeReport({ url: PAGE, time: Date.now() - 1000 }));
    renderPanel({ myDomains: [] });
    expect(await screen.findByText('No other version of this page has been seen yet.')).toBeTruthy();
    expect(screen.getByTestId('history-seen-again')).toBeTruthy();
  });

  it('clearing asks for confirmation; Escape and Cancel keep everything', async () => {
    await seedTwoInspections();
    renderPanel();
    await screen.findByText(/2 inspections of 1 page stored/);
    const clear = screen.getByRole('button', { name: 'Clear history…' });

    fireEvent.click(clear);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toMatch(/Delete all history \(2 inspections\)\? This cannot be undone/);
    // Focus starts on the safe choice.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await stats()).inspections).toBe(2);

    fireEvent.click(clear);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await stats()).inspections).toBe(2);

    fireEvent.click(clear);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete all history' }));
    expect(await screen.findByText('History cleared.')).toBeTruthy();
    expect((await stats()).inspections).toBe(0);
    await screen.findByText(/This page has not been inspected yet/);
  });

  it('shortening retention confirms before deleting older history', async () => {
    await saveInspection(makeReport({ url: PAGE, time: Date.now() - 40 * DAY_MS }));
    await saveInspection(makeReport({ url: PAGE, time: Date.now() - DAY_MS, links: [{ url: 'https://changed.org/' }] }));
    renderPanel();
    await screen.findByText(/2 inspections of 1 page stored/);
    const select = screen.getByRole('combobox', { name: /Keep history/ }) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: String(30 * DAY_MS) } });
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toMatch(/Keep history for 1 month\? 1 older inspection will be deleted now/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete older history' }));
    expect(await screen.findByText('Deleted 1 older inspection.')).toBeTruthy();
    expect(await getRetention()).toBe(30 * DAY_MS);
    expect((await stats()).inspections).toBe(1);
  });

  it('import refuses a hostile file with a clear error and imports a valid one', async () => {
    await saveInspection(makeReport({ url: PAGE, time: t1 }));
    const valid = await exportHistoryJson();
    renderPanel();
    await screen.findByText(/1 inspection of 1 page stored/);
    const input = screen.getByTestId('history-import-file') as HTMLInputElement;

    const hostile = new File(['{"__proto__":{"polluted":true},"format":"backlink-inspector-history","version":1,"inspections":[]}'], 'h.json', {
      type: 'application/json',
    });
    fireEvent.change(input, { target: { files: [hostile] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Import refused: the file contains the forbidden key "__proto__". Nothing was changed./);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const doc = JSON.parse(valid);
    doc.inspections[0].time = new Date(t2).toISOString();
    fireEvent.change(input, { target: { files: [new File([JSON.stringify(doc)], 'ok.json')] } });
    expect(await screen.findByText('Imported 1 inspection.')).toBeTruthy();
    expect((await stats()).inspections).toBe(2);
    // The new inspection shows up in the page history.
    await waitFor(() => expect(within(screen.getByRole('heading', { name: 'Page history' }).parentElement!).getAllByRole('listitem')).toHaveLength(2));
  });

  it('imports record by record: says what was skipped and why', async () => {
    await saveInspection(makeReport({ url: PAGE, time: t1 }));
    await saveInspection(makeReport({ url: 'https://other.test/', time: t1 }));
    const doc = JSON.parse(await exportHistoryJson());
    doc.inspections[0].time = new Date(t2).toISOString();
    doc.inspections[1].time = new Date(t2).toISOString();
    doc.inspections[1].links[0].kind = 'ftp';
    renderPanel();
    await screen.findByText(/2 inspections of 2 pages stored/);
    const input = screen.getByTestId('history-import-file') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([JSON.stringify(doc)], 'backup.json')] } });
    const notice = await screen.findByText(/Imported 1 inspection\./);
    expect(notice.textContent).toMatch(/1 inspection could not be read and was skipped:\ninspections\[1\]\.links\[0\]\.kind: expected one of http/);
    expect((await stats()).inspections).toBe(3);
  });

  it('is keyboard usable: every control is a real button, select or link', async () => {
    await seedTwoInspections();
    renderPanel();
    await screen.findByRole('table');
    for (const name of ['Export history (JSON)', 'Import history…', 'Clear history…', 'Export backlinks (CSV)']) {
      const b = screen.getByRole('button', { name });
      expect(b.tagName).toBe('BUTTON');
      expect(b.tabIndex).toBe(0);
    }
    // The only inline style is the placement colour the chips share with the link table.
    for (const el of document.querySelectorAll<HTMLElement>('[style]')) expect(el.getAttribute('style')).toMatch(/^--c: ?[^;]+;?$/);
  });
});

describe('Options: history storage', () => {
  it('shows the storage used and the retention setting (180 days by default), and changes it', async () => {
    fakeBrowser.permissions.contains = (async () => false) as never;
    Object.defineProperty(navigator, 'storage', { value: { estimate: async () => ({ usage: 3 * 1024 * 1024, quota: 100 * 1024 * 1024 }) }, configurable: true });
    await fakeBrowser.storage.sync.set({ 'myDomain:mine.com': { description: '', added: 1 } });
    await saveInspection(makeReport({ url: PAGE, time: Date.now() - 40 * DAY_MS, links: [{ url: 'https://other.org/' }] }));
    await saveInspection(makeReport({ url: 'https://links.test/', time: Date.now() - 40 * DAY_MS, links: [{ url: 'https://mine.com/' }] }));
    await saveInspection(makeReport({ url: PAGE, time: Date.now() - DAY_MS }));
    render(<Options />);
    expect((await screen.findByTestId('history-storage')).textContent).toBe('3 inspections of 2 pages stored · 3.0 MB used of 100.0 MB available.');
    const select = (await screen.findByRole('combobox', { name: /Keep history/ })) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe(String(180 * DAY_MS)));
    expect(select.selectedOptions[0]!.textContent).toBe('6 months');

    fireEvent.change(select, { target: { value: String(30 * DAY_MS) } });
    const dialog = await screen.findByRole('alertdialog');
    // The backlink to mine.com (from the synced settings) is kept.
    expect(dialog.textContent).toMatch(/1 older inspection will be deleted now \(inspections with backlinks to your domains are kept\)/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete older history' }));
    expect(await screen.findByText('Deleted 1 older inspection.')).toBeTruthy();
    expect(await getRetention()).toBe(30 * DAY_MS);
    await waitFor(() => expect(screen.getByTestId('history-storage').textContent).toMatch(/^2 inspections of 2 pages stored/));
  });
});
