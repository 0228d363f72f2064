/**
 * The surfaces trust nothing a page could have sent (issue #13 §6): reports arrive from the
 * background only, and no URL becomes a link unless it is http(s).
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeLink, makeReport, sampleReport } from '../fixtures/surfaces/report';

const sendMessage = vi.fn();
const handlers: Record<string, (message: { data: unknown; sender: unknown }) => unknown> = {};
vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendMessage: (...args: unknown[]) => sendMessage(...args),
  onMessage: (type: string, handler: (message: { data: unknown; sender: unknown }) => unknown) => {
    handlers[type] = handler;
    return () => delete handlers[type];
  },
}));
vi.mock('@/components/history/HistoryPanel', () => ({ HistoryPanel: () => null }));

const { App } = await import('@/components/App');
const { BacklinksTable } = await import('@/components/history/BacklinksTable');

afterEach(cleanup);

const rows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-index'));

describe('reportUpdated', () => {
  it('is taken from the background only, never from a content script', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://garden.example/post', active: true });
    vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 0 } as never);
    history.replaceState(null, '', `/sidepanel.html?tabId=${tab.id}`);
    sendMessage.mockImplementation(async (type: string) => (type === 'inspectTab' ? { ok: true, report: sampleReport() } : undefined));
    render(<App surface="sidepanel" />);
    await waitFor(() => expect(rows()).toHaveLength(9));
    const forged = makeReport([makeLink(0, { text: 'Forged by the page' })]);
    // A content script's message: it comes with its tab and its page's URL.
    handlers.reportUpdated!({ data: { tabId: tab.id, report: forged }, sender: { id: fakeBrowser.runtime.id, tab: { id: tab.id }, url: 'https://garden.example/post' } });
    // An extension page URL claimed from inside a tab is a content script too.
    handlers.reportUpdated!({ data: { tabId: tab.id, report: forged }, sender: { id: fakeBrowser.runtime.id, tab: { id: tab.id }, url: fakeBrowser.runtime.getURL('/background.js') } });
    await new Promise((r) => setTimeout(r, 20));
    expect(rows()).toHaveLength(9);
    expect(screen.queryByText('Forged by the page')).toBeNull();
    // The background's own update is shown.
    handlers.reportUpdated!({ data: { tabId: tab.id, report: makeReport([makeLink(0, { text: 'Updated by the background' })]) }, sender: { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') } });
    await waitFor(() => expect(screen.getByText('Updated by the background')).toBeTruthy());
  });
});

describe('URLs rendered as links', () => {
  it('are http(s) only: a javascript: page URL from history or an import is shown as text', () => {
    const group = (pageUrl: string) => ({
      myDomain: 'mysite.example',
      pageUrl,
      pageTitle: 'A page',
      firstSeen: 0,
      lastSeen: 0,
      timesSeen: 1,
      status: 'live' as const,
      lostAt: null,
      latest: { inspectionId: 1, targetUrl: 'https://mysite.example/', text: 'my site', placement: 'body' as const, rel: [], followed: true, score: 50 },
      links: [{ inspectionId: 1, targetUrl: 'https://mysite.example/', text: 'my site', placement: 'body' as const, rel: [], followed: true, score: 50 }],
      linksInLatest: 1,
    });
    render(<BacklinksTable rows={[group('javascript:alert(document.cookie)'), group('data:text/html,<script>alert(1)</script>'), group('https://blog.example/post')]} currentPage={null} />);
    const links = [...document.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://blog.example/post']);
    expect(screen.getAllByText('A page')).toHaveLength(3);
  });
});
