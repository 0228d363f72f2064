/** "Check links" in the link view (issue #17 §4): permission within the click, progress, cancel, statuses in the table. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeLink, makeReport, sampleReport } from '../fixtures/surfaces/report';
import type { LinkHealth } from '@/lib/link-health';

const sendMessage = vi.fn();
const listeners = new Map<string, (m: { data: unknown; sender: unknown }) => void>();
vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendMessage: (...args: unknown[]) => sendMessage(...args),
  onMessage: (type: string, fn: (m: { data: unknown; sender: unknown }) => void) => {
    listeners.set(type, fn);
    return () => listeners.delete(type);
  },
}));

const { LinkView } = await import('@/components/LinkView');

const origin = () => fakeBrowser.runtime.getURL('/');
const fromBackground = () => ({ url: `${origin()}background.js` });
function progress(update: Record<string, unknown>, sender: unknown = fromBackground()) {
  act(() => listeners.get('linkCheckProgress')!({ data: { checkId: 7, tabId: 3, results: [], ...update }, sender }));
}

const request = vi.fn();
beforeEach(() => {
  sendMessage.mockReset();
  request.mockReset();
  fakeBrowser.permissions.request = request as never;
});
afterEach(cleanup);

const view = (report = sampleReport()) => render(<LinkView tabId={3} report={report} loading={false} myDomains={[]} />);

describe('Check links', () => {
  it('asks for the permissions within the click, then checks the http(s) links with progress and cancel', async () => {
    request.mockResolvedValue(true);
    sendMessage.mockImplementation(async (type: string) => (type === 'checkLinks' ? { ok: true, checkId: 7, total: 8 } : true));
    view();
    fireEvent.click(screen.getByRole('button', { name: 'Check links' }));
    // Synchronously within the click: no await before it.
    expect(request).toHaveBeenCalledWith({ permissions: ['webRequest'], origins: ['<all_urls>'] });
    expect(sendMessage).not.toHaveBeenCalled();
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('checkLinks', expect.objectContaining({ tabId: 3 })));
    const req = sendMessage.mock.calls[0]![1] as { urls: string[]; pageUrl: string };
    // The javascript: link is not sent; every http(s) target once.
    expect(req.urls).toHaveLength(8);
    expect(req.urls.every((u) => /^https:\/\//.test(u))).toBe(true);
    expect(request.mock.invocationCallOrder[0]!).toBeLessThan(sendMessage.mock.invocationCallOrder[0]!);

    expect((await screen.findByTestId('link-check-progress')).textContent).toBe('Checked 0 of 8 links');
    progress({ done: 3, total: 8, finished: false, cancelled: false });
    expect(screen.getByTestId('link-check-progress').textContent).toBe('Checked 3 of 8 links');
    // Another check's or a page's messages do not move it.
    progress({ checkId: 8, done: 5, total: 8, finished: false, cancelled: false });
    progress({ done: 6, total: 8, finished: false, cancelled: false }, { url: 'https://evil.example/', tab: { id: 3 } });
    expect(screen.getByTestId('link-check-progress').textContent).toBe('Checked 3 of 8 links');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('cancelLinkCheck', { checkId: 7 }));
    progress({ done: 4, total: 8, finished: true, cancelled: true });
    expect(screen.queryByTestId('link-check-progress')).toBeNull();
    expect(screen.getByText('Cancelled after 4 of 8 links')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check links' })).toBeTruthy();
  });

  it('has no "broken" filter before any link was checked', () => {
    view();
    expect(screen.queryByRole('checkbox', { name: 'Broken targets' })).toBeNull();
  });

  it('says so when the permission is refused, and checks nothing', async () => {
    request.mockResolvedValue(false);
    view();
    fireEvent.click(screen.getByRole('button', { name: 'Check links' }));
    expect(await screen.findByText(/Permission was not given, so no link was checked/)).toBeTruthy();
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('a check that ends before its answer arrives still shows as ended', async () => {
    request.mockResolvedValue(true);
    sendMessage.mockImplementation(async () => {
      // All cached: the background's last update overtakes its answer.
      progress({ done: 8, total: 8, finished: true, cancelled: false });
      return { ok: true, checkId: 7, total: 8 };
    });
    view();
    fireEvent.click(screen.getByRole('button', { name: 'Check links' }));
    expect(await screen.findByText('Checked 8 links')).toBeTruthy();
    expect(screen.queryByTestId('link-check-progress')).toBeNull();
  });

  it('reports a finished check', async () => {
    request.mockResolvedValue(true);
    sendMessage.mockResolvedValue({ ok: true, checkId: 7, total: 8 });
    view();
    fireEvent.click(screen.getByRole('button', { name: 'Check links' }));
    await screen.findByTestId('link-check-progress');
    progress({ done: 8, total: 8, finished: true, cancelled: false });
    expect(screen.getByText('Checked 8 links')).toBeTruthy();
  });
});

function health(url: string, over: Partial<LinkHealth>): LinkHealth {
  return { url, status: 200, finalUrl: url, hops: [{ url, status: 200, location: null }], method: 'HEAD', xRobotsTag: null, metaRobots: [], refresh: null, error: null, flags: [], checkedAt: 1, ...over } as LinkHealth;
}

describe('link statuses in the table', () => {
  it('shows each checked link’s status, marks broken ones, and the hops and X-Robots-Tag in the details', () => {
    const gone = 'https://gone.example/old';
    const moved = 'https://moved.example/a';
    const report = makeReport([
      makeLink(0, { text: 'Gone', url: gone, health: health(gone, { status: 404, hops: [{ url: gone, status: 404, location: null }], flags: ['client-error'] }) }),
      makeLink(1, {
        text: 'Moved',
        url: moved,
        health: health(moved, {
          finalUrl: 'https://moved.example/b',
          hops: [
            { url: moved, status: 301, location: 'https://moved.example/b' },
            { url: 'https://moved.example/b', status: 200, location: null },
          ],
          xRobotsTag: 'noindex',
          flags: ['redirects', 'noindex'],
        }),
      }),
      makeLink(2, { text: 'Unchecked', url: 'https://new.example/' }),
      makeLink(3, { text: 'Slow', url: 'https://slow.example/', health: health('https://slow.example/', { status: null, hops: [], error: { kind: 'timeout', message: 'timed out' }, flags: ['timeout'] }) }),
    ] as never);
    view(report);
    const row = (name: string) => screen.getAllByRole('row').find((r) => r.hasAttribute('data-index') && r.textContent!.includes(name))!;
    const badges = (name: string) => within(row(name)).queryAllByTestId('health');
    expect(badges('Gone').map((b) => b.textContent)).toContain('404');
    expect(badges('Gone')[0]!.className).toContain('health--broken');
    expect(badges('Moved').map((b) => b.textContent)).toContain('301→200');
    expect(badges('Moved')[0]!.className).not.toContain('health--broken');
    expect(badges('Unchecked')).toHaveLength(0);

    // "Broken targets": only the 404 (and a timeout), none unchecked.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Broken targets' }));
    expect(screen.getAllByRole('row').filter((r) => r.hasAttribute('data-index')).map((r) => r.textContent!.match(/Gone|Moved|Unchecked|Slow/)![0])).toEqual(['Gone', 'Slow']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Broken targets' }));

    fireEvent.click(row('Moved'));
    const details = screen.getByTestId('health-details');
    expect(details.textContent).toContain('301→200');
    expect(within(details).getAllByRole('listitem').map((li) => li.textContent)).toEqual([`301 ${moved}`, '200 https://moved.example/b']);
    expect(screen.getByText('noindex')).toBeTruthy();
  });
});
