/**
 * The Audits page (issue #18 §1, §2) in jsdom: a pasted Ahrefs export is read (vendor, columns,
 * a broken row by its line), the audit is stored and the background asked to run it after the
 * permissions were asked for; results filter by verdict and sort; 10,000 rows open as pages of
 * 200; monitoring asks for its permissions before it is turned on. The background is a mock here
 * (the engine has its own tests: audit-engine.test.ts).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { auditRows, createAudit, createRun, listAudits, putResult, resetAuditDb, updateRun } from '@/lib/audit/store';
import type { AuditRow, RowResult, Verdict } from '@/lib/audit/types';

const sendMessage = vi.fn();
vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendMessage: (...args: unknown[]) => sendMessage(...args),
  onMessage: () => () => undefined,
}));

const { AuditsApp } = await import('@/components/audits/AuditsApp');

beforeEach(async () => {
  await resetAuditDb();
  sendMessage.mockReset().mockResolvedValue({ ok: true, runId: 1 });
  fakeBrowser.permissions.request = vi.fn().mockResolvedValue(true) as never;
});
afterEach(cleanup);

const AHREFS = [
  '"Referring page title","Referring page URL","Domain rating","Target URL","Anchor"',
  '"Raised beds — Garden Journal","https://gardenjournal.example/raised-beds/","41","https://greenplot.example/kits","raised bed kits"',
  '"Broken","not a page","3","https://greenplot.example/","x"',
  '"Compost 101","https://soilnotes.example/compost","23","https://greenplot.example/","Greenplot"',
].join('\n');

function rowsOf(n: number): AuditRow[] {
  return Array.from({ length: n }, (_, i) => ({ index: i, line: i + 2, mergedLines: [], sourceUrl: `https://blog${i % 50}.example/post-${i}`, targetUrl: null, cells: [`https://blog${i % 50}.example/post-${i}`] }));
}

function resultOf(runId: number, index: number, verdict: Verdict, score: number): RowResult {
  const link = { url: 'https://greenplot.example/', text: `anchor ${index}`, rel: verdict === 'weak' ? ['nofollow'] : [], placement: 'body' as const, placementConfidence: 0.9, hidden: false, hiddenReason: null, followed: verdict !== 'weak', score, relevance: 0.8, targetRelevance: null, exact: true };
  return {
    runId,
    index,
    verdict,
    reasons: verdict === 'weak' ? ['rel="nofollow"'] : verdict === 'lost' ? ['no link to greenplot.example on the page'] : [],
    method: 'fetched',
    fetchedVerdict: null,
    page: { status: 200, finalUrl: '', hops: [], contentType: 'text/html', xRobotsTag: null, metaRobots: [], canonical: null, canonicalElsewhere: false, indexable: true, pageNofollow: false, title: '', error: null },
    links: verdict === 'live' || verdict === 'weak' ? [link] : [],
    linkCount: verdict === 'live' || verdict === 'weak' ? 1 : 0,
    site: null,
    renderError: null,
    history: 'saved',
    checkedAt: Date.now(),
  };
}

async function seededAudit(n: number): Promise<number> {
  const id = await createAudit({ name: 'Guest posts', columns: ['url'], sourceColumn: 0, targetColumn: -1, domains: ['greenplot.example'], rows: rowsOf(n) });
  const run = await createRun(id, 'manual');
  const verdicts: Verdict[] = ['live', 'weak', 'lost', 'live'];
  for (let i = 0; i < n; i++) await putResult(resultOf(run.id, i, verdicts[i % 4]!, i % 100));
  await updateRun(run.id, () => ({ state: 'done', finishedAt: Date.now() }));
  return id;
}

describe('Audits page', () => {
  it('reads a pasted Ahrefs export, reports the broken row by line, stores the audit and starts it', async () => {
    render(<AuditsApp />);
    fireEvent.input(screen.getByLabelText('Paste page URLs, or a CSV export'), { target: { value: AHREFS } });
    fireEvent.click(screen.getByRole('button', { name: 'Read the list' }));
    await screen.findByText('Columns recognised: Ahrefs export');
    expect((screen.getByLabelText('Linking page column') as HTMLSelectElement).value).toBe('1');
    expect((screen.getByLabelText('Target column') as HTMLSelectElement).value).toBe('3');
    expect(screen.getByText(/2 pages to check/)).toBeTruthy();
    expect(screen.getByText(/^Line 3: source page/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start audit' }));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('startAudit', expect.objectContaining({ auditId: expect.any(Number) })));
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ permissions: ['webRequest'], origins: ['<all_urls>'] });
    const [audit] = await listAudits();
    expect(audit).toMatchObject({ sourceColumn: 1, targetColumn: 3, rowCount: 2 });
    expect((await auditRows(audit!.id)).map((r) => [r.line, r.sourceUrl, r.targetUrl])).toEqual([
      [2, 'https://gardenjournal.example/raised-beds/', 'https://greenplot.example/kits'],
      [4, 'https://soilnotes.example/compost', 'https://greenplot.example/'],
    ]);
  });

  it('does not start when access is refused', async () => {
    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(false) as never;
    render(<AuditsApp />);
    fireEvent.input(screen.getByLabelText('Paste page URLs, or a CSV export'), { target: { value: 'https://a.example/1\nhttps://b.example/2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Read the list' }));
    fireEvent.input(await screen.findByLabelText(/Target domains/), { target: { value: 'greenplot.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start audit' }));
    await screen.findByText('Access was not granted, so the audit cannot run.');
    expect(sendMessage).not.toHaveBeenCalled();
    expect(await listAudits()).toEqual([]);
  });

  it('opens 10,000 results as pages of 200, filters by verdict and sorts by score', { timeout: 60_000 }, async () => {
    await seededAudit(10_000);
    const { container } = render(<AuditsApp />);
    await screen.findByText('10,000 of 10,000 pages checked', { exact: false });
    const table = container.querySelector('table.audit-table')!;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(200);
    expect(screen.getByText('Page 1 of 50')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lost 2,500' }));
    await waitFor(() => expect(screen.getByText('Page 1 of 13')).toBeTruthy());
    for (const tr of table.querySelectorAll('tbody tr')) expect(within(tr as HTMLElement).getByText('Lost')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'All 10,000' }));
    fireEvent.change(screen.getByLabelText(/Sort by/), { target: { value: 'score' } });
    await waitFor(() => expect(table.querySelector('tbody tr td:nth-child(5)')!.textContent).toBe('99'));
  });

  it('turns monitoring on only after the permissions were granted', async () => {
    const id = await seededAudit(4);
    sendMessage.mockResolvedValue({ ok: true });
    // Chrome's manifest: both optional.
    fakeBrowser.runtime.getManifest = vi.fn(() => ({ optional_permissions: ['webRequest', 'notifications', 'alarms'] })) as never;
    render(<AuditsApp />);
    const select = await screen.findByDisplayValue('Off');
    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(false) as never;
    fireEvent.change(select, { target: { value: 'daily' } });
    await screen.findByText('The permissions were not granted, so monitoring stays off.');
    expect(sendMessage).not.toHaveBeenCalledWith('setAuditSchedule', expect.anything());
    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(true) as never;
    fireEvent.change(select, { target: { value: 'weekly' } });
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('setAuditSchedule', { auditId: id, schedule: 'weekly', notify: false }));
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ permissions: ['alarms'] });
  });
});
