import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sampleReport } from '../fixtures/surfaces/report';

const sendMessage = vi.fn();
vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendMessage: (...args: unknown[]) => sendMessage(...args),
  onMessage: () => () => undefined,
}));
vi.mock('@/components/history/HistoryPanel', () => ({
  HistoryPanel: (p: { pageUrl: string | null; myDomains: string[] }) => <div data-testid="history">history of {p.pageUrl} for {p.myDomains.join(',')}</div>,
}));

const { App } = await import('@/components/App');
const { Options } = await import('@/components/Options');
const { FOCUS_KEY } = await import('@/lib/focus-request');
const { saveMyDomain } = await import('@/lib/settings');

const rows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-index'));

function answer(handlers: Record<string, (data: any) => unknown>) {
  sendMessage.mockImplementation(async (type: string, data: unknown) => {
    const h = handlers[type];
    if (!h) throw new Error(`unexpected message ${type}`);
    return h(data);
  });
}

async function tabAt(url: string, extra: Record<string, unknown> = {}) {
  const tab = await fakeBrowser.tabs.create({ url, active: true, ...extra } as never);
  return tab.id!;
}

beforeEach(() => {
  sendMessage.mockReset();
  vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 0 } as never);
  history.replaceState(null, '', '/');
});
afterEach(cleanup);

describe('App (popup)', () => {
  it('inspects the pinned tab, shows the table, reveals rows, toggles highlighting and shows history notices', async () => {
    const tabId = await tabAt('https://garden.example/post');
    history.replaceState(null, '', `/popup.html?tabId=${tabId}`);
    answer({
      inspectTab: () => ({ ok: true, report: sampleReport(), notice: 'Not saved to history: storage is full.' }),
      revealLink: () => ({ ok: false, message: 'This link is hidden on the page, so it cannot be shown.' }),
      setHighlight: (d) => ({ ok: true, on: d.mode === 'on', count: 9 }),
    });
    render(<App surface="popup" />);
    await waitFor(() => expect(rows()).toHaveLength(9));
    expect(sendMessage).toHaveBeenCalledWith('inspectTab', { tabId, watch: false });
    expect(screen.getByText('Not saved to history: storage is full.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Garden post');

    fireEvent.click(rows().find((r) => r.textContent!.includes('Secret'))!);
    expect(sendMessage).toHaveBeenCalledWith('revealLink', { tabId, index: 5, href: 'https://hidden.example/' });
    expect(await screen.findByText('This link is hidden on the page, so it cannot be shown.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Highlight' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Hide outlines' }).getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByText('9 links outlined on the page.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hide outlines' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Highlight' })).toBeTruthy());
    expect(sendMessage).toHaveBeenCalledWith('setHighlight', { tabId, mode: 'off' });
    expect(screen.queryByTestId('history')).toBeNull();
  });

  it('uses the active tab of the current window when not pinned', async () => {
    const tabId = await tabAt('https://garden.example/active');
    answer({ inspectTab: () => ({ ok: true, report: sampleReport() }) });
    render(<App surface="popup" />);
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('inspectTab', { tabId, watch: false }));
  });

  it('explains restricted pages without asking the background', async () => {
    const tabId = await tabAt('chrome://extensions');
    history.replaceState(null, '', `/popup.html?tabId=${tabId}`);
    render(<App surface="popup" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Browser pages .* cannot be inspected/);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('waits for a loading page, re-inspects after navigation, and says when the tab closed', async () => {
    const tabId = await tabAt('https://garden.example/slow');
    await fakeBrowser.tabs.update(tabId, { status: 'loading' } as never);
    history.replaceState(null, '', `/popup.html?tabId=${tabId}`);
    answer({ inspectTab: () => ({ ok: true, report: sampleReport() }) });
    render(<App surface="popup" />);
    await screen.findByText(/The page is still loading/);
    expect(sendMessage).not.toHaveBeenCalled();
    await fakeBrowser.tabs.update(tabId, { status: 'complete' } as never);
    await waitFor(() => expect(rows()).toHaveLength(9));

    // The page navigates while the popup is open.
    await fakeBrowser.tabs.update(tabId, { url: 'https://garden.example/next', status: 'loading' } as never);
    await screen.findByText(/The page is still loading/);
    expect(rows()).toHaveLength(0);
    await fakeBrowser.tabs.update(tabId, { status: 'complete' } as never);
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(rows()).toHaveLength(9));

    await fakeBrowser.tabs.onRemoved.trigger(tabId, { windowId: 0, isWindowClosing: false });
    expect((await screen.findByRole('alert')).textContent).toMatch(/The tab was closed/);
  });

  it('shows background errors; "no access" offers the optional permission and retries', async () => {
    const tabId = await tabAt('https://garden.example/post');
    history.replaceState(null, '', `/sidepanel.html?tabId=${tabId}`);
    let calls = 0;
    answer({
      inspectTab: () =>
        ++calls === 1 ? { ok: false, error: { code: 'no-access', message: 'Backlink Inspector has no access to this page.' } } : { ok: true, report: sampleReport() },
    });
    const request = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.request = request as never;
    render(<App surface="sidepanel" />);
    expect((await screen.findByRole('alert')).textContent).toContain('no access');
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to all sites' }));
    expect(request).toHaveBeenCalledWith({ origins: ['<all_urls>'] });
    await waitFor(() => expect(rows()).toHaveLength(9));
    expect(sendMessage).toHaveBeenLastCalledWith('inspectTab', { tabId, watch: true });
  });
});

describe('App (side panel)', () => {
  it('follows the active tab, mounts history and opens the link asked for by the context menu', async () => {
    await saveMyDomain('mysite.example');
    const first = await tabAt('https://garden.example/one');
    answer({ inspectTab: () => ({ ok: true, report: sampleReport() }), revealLink: () => ({ ok: true }) });
    render(<App surface="sidepanel" />);
    await waitFor(() => expect(rows()).toHaveLength(9));
    expect(sendMessage).toHaveBeenCalledWith('inspectTab', { tabId: first, watch: true });
    expect((await screen.findByTestId('history')).textContent).toBe('history of https://garden.example/post for mysite.example');

    const second = await tabAt('https://garden.example/two');
    await fakeBrowser.tabs.onActivated.trigger({ tabId: second, windowId: 0 } as never);
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('inspectTab', { tabId: second, watch: true }));
    await waitFor(() => expect(rows()).toHaveLength(9));

    await fakeBrowser.storage.session.set({ [FOCUS_KEY]: { tabId: second, linkUrl: 'https://drip.example/kit', at: Date.now() } });
    await waitFor(() => expect(screen.getByLabelText('Details of link 3')).toBeTruthy());
    expect(await fakeBrowser.storage.session.get(FOCUS_KEY)).toEqual({});
  });
});

describe('Options', () => {
  it('adds, validates and removes my domains, and shows the host access state', async () => {
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false) as never;
    render(<Options />);
    expect(await screen.findByText('not granted')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Domain'), { target: { value: 'co.uk' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/public suffix/);

    fireEvent.input(screen.getByLabelText('Domain'), { target: { value: 'https://www.MySite.example/blog' } });
    fireEvent.input(screen.getByLabelText('Description or keywords (optional)'), { target: { value: 'tomato seeds' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add' }).closest('form')!);
    expect(await screen.findByText('Added mysite.example.')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('mysite.example')).toBeTruthy());
    expect((screen.getByLabelText('Description of mysite.example') as HTMLTextAreaElement).value).toBe('tomato seeds');
    expect(await fakeBrowser.storage.sync.get('myDomain:mysite.example')).toMatchObject({ 'myDomain:mysite.example': { description: 'tomato seeds' } });

    fireEvent.input(screen.getByLabelText('Description of mysite.example'), { target: { value: 'heirloom seeds' } });
    fireEvent.blur(screen.getByLabelText('Description of mysite.example'));
    await waitFor(async () => expect(await fakeBrowser.storage.sync.get('myDomain:mysite.example')).toMatchObject({ 'myDomain:mysite.example': { description: 'heirloom seeds' } }));

    fireEvent.click(screen.getByRole('button', { name: 'Remove mysite.example' }));
    await waitFor(() => expect(screen.getByText('No domains yet.')).toBeTruthy());
  });

  it('my sites and competitors (issue 19 §8): added as one or the other, listed apart, moved with the role select', async () => {
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false) as never;
    render(<Options />);
    const list = (name: string) => screen.getByRole('list', { name });
    fireEvent.input(screen.getByLabelText('Domain'), { target: { value: 'rival-seeds.example' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Role' }), { target: { value: 'competitor' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add' }).closest('form')!);
    expect(await screen.findByText('Added rival-seeds.example as a competitor.')).toBeTruthy();
    await waitFor(() => expect(within(list('Competitors')).getByText('rival-seeds.example')).toBeTruthy());
    expect(within(list('My sites')).getByText('No domains yet.')).toBeTruthy();
    expect(await fakeBrowser.storage.sync.get('myDomain:rival-seeds.example')).toMatchObject({ 'myDomain:rival-seeds.example': { role: 'competitor' } });

    // A pasted list, as my sites.
    fireEvent.input(screen.getByLabelText(/Add many at once/), { target: { value: 'mysite.example\nclient.example' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Add all' }).closest('form')!);
    await waitFor(() => expect(within(list('My sites')).getAllByRole('listitem').map((li) => li.dataset.role)).toEqual(['mine', 'mine']));

    fireEvent.change(screen.getByRole('combobox', { name: 'Role of client.example' }), { target: { value: 'competitor' } });
    await waitFor(() => expect(within(list('Competitors')).getByText('client.example')).toBeTruthy());
    expect(within(list('My sites')).queryByText('client.example')).toBeNull();
  });
});
