/**
 * The background with a connected provider: the report comes out at once with cached values, the
 * missing ones are asked for (through the real client, its API origin mapped to a local server),
 * and the surfaces get the report again with them. The options page's messages are checked too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { sampleSnapshot } from '../fixtures/surfaces/snapshot';
import { snapshotHead, snapshotPart, type PageSnapshot } from '@/lib/snapshot';
import type { PageReport } from '@/lib/report';
import { startProviderServer, type ProviderServer } from '../helpers/provider-server';
import { resolverFetch } from '../helpers/net';
import { createNet } from '@/lib/background/net/fetch';
import { replaceBackgroundNet } from '@/lib/background/net/index';

const sendMessage = vi.fn();
const handlers = new Map<string, (m: { data: unknown; sender: unknown }) => unknown>();
vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendMessage: (...args: unknown[]) => sendMessage(...args),
  onMessage: (type: string, handler: (m: { data: unknown; sender: unknown }) => unknown) => handlers.set(type, handler),
}));
vi.mock('@/lib/history/store', () => ({ saveInspection: vi.fn().mockResolvedValue({ id: 1 }) }));

const { inspectTab } = await import('@/lib/background/inspect-tab');
const { forgetStrengthProviders, providerDomains, registerStrengthMessages, strengthProviders } = await import('@/lib/background/strength/index');
const { idbStrengthStore } = await import('@/lib/background/strength/store');

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());

let tabId: number;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  forgetStrengthProviders();
  server.seen.length = 0;
  const tab = await fakeBrowser.tabs.create({ url: 'https://garden.example/post' });
  tabId = tab.id!;
  fakeBrowser.scripting.executeScript = vi.fn().mockResolvedValue([]) as never;
  fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true) as never;
  // The real client's URL, its host mapped to the local server (like a host resolver rule), through
  // the background's one fetch module: nothing reaches the internet, and the policy runs as shipped.
  replaceBackgroundNet(createNet({ fetch: resolverFetch(server.port, ['openpagerank.com']) }));
  const snapshot = await sampleSnapshot();
  sendMessage.mockReset().mockImplementation(async (type: string, data: { from: number; count: number }) => {
    if (type === 'ping') throw new Error('Could not establish connection');
    if (type === 'analyze') return structuredClone(snapshotHead(snapshot as PageSnapshot, 1));
    if (type === 'snapshotPart') return structuredClone(snapshotPart(snapshot, data.from, data.count));
    return undefined;
  });
});

const updated = () =>
  vi.waitFor(
    () => {
      const call = sendMessage.mock.calls.find(([type]) => type === 'reportUpdated');
      if (!call) throw new Error('no update yet');
      return call[1] as { tabId: number; report: PageReport };
    },
    { timeout: 10_000 },
  );

describe('providers in the background', () => {
  it('orders a page’s domains: its own first, then external targets by link count', () => {
    const l = (host: string | null, kind: 'http' | 'mailto' = 'http') => ({ kind, host });
    expect(
      providerDomains('www.garden.example', [l('b.example'), l('shop.a.example'), l('www.b.example'), l('blog.garden.example'), l(null), l('192.168.0.1'), l('x.example', 'mailto')]),
    ).toEqual(['garden.example', 'b.example', 'a.example']);
    expect(providerDomains(null, [l('a.example')], 1)).toEqual(['a.example']);
  });

  it('recomputes the domains from the hosts the page sent, and drops what is not a host', () => {
    // A hostile content script controls `host`: only real host names become provider queries.
    const l = (host: string) => ({ kind: 'http' as const, host });
    expect(providerDomains('garden.example', [l('evil.example&domains[]=x'), l('a b.example'), l('localhost'), l('[::1]'), l('МВД.рф'), l('x'.repeat(300) + '.example')])).toEqual([
      'garden.example',
      'xn--b1aew.xn--p1ai',
    ]);
  });

  it('with no provider connected, nothing is asked and nothing is added', async () => {
    const r = await inspectTab(tabId);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.site).toMatchObject({ host: 'garden.example', providers: [] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.seen).toHaveLength(0);
  });

  it('asks the connected provider once per page and sends the report again with its values', async () => {
    await idbStrengthStore().setKey('openpagerank', 'good-key-1234');
    const first = await inspectTab(tabId);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.report.site!.providers).toEqual([]); // out at once, before any answer
    const { tabId: to, report } = await updated();
    expect(to).toBe(tabId);
    expect(report.site!.providers).toEqual([expect.objectContaining({ provider: 'openpagerank', value: 3.1, domain: 'garden.example' })]);
    const reqs = server.seen.filter((s) => s.path === '/api/v1.0/getPageRank');
    expect(reqs).toHaveLength(1);
    expect(reqs[0]!.query.getAll('domains[]')).toEqual(['garden.example', 'mysite.example', 'soil.example']);
    // The next inspection finds them in the cache: in the first report, no request.
    sendMessage.mockClear();
    const again = await inspectTab(tabId);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.report.site!.providers).toHaveLength(1);
    expect(server.seen.filter((s) => s.path === '/api/v1.0/getPageRank')).toHaveLength(1);
  });

  it('answers the options page: connect (with a test call), statuses without the key, disconnect; refuses content scripts', async () => {
    registerStrengthMessages('chrome-extension://abc/');
    const page = { url: 'chrome-extension://abc/options.html' };
    const content = { url: 'https://evil.example/', tab: { id: 3 } };
    const connect = handlers.get('connectProvider')!;
    expect(await connect({ data: { provider: 'openpagerank', key: 'good-key-1234' }, sender: content })).toMatchObject({ connected: false, message: 'Invalid request.' });
    expect(await strengthProviders().anyConnected()).toBe(false);
    expect(await connect({ data: { provider: 'nope', key: 'good-key-1234' }, sender: page })).toMatchObject({ message: 'Invalid request.' });
    expect(await connect({ data: { provider: 'openpagerank', key: 'good-key-1234' }, sender: page })).toMatchObject({
      connected: true,
      keyHint: '…1234',
      state: 'ok',
      message: 'Key works: wikipedia.org has Open PageRank 7.6/10.',
    });
    const statuses = (await handlers.get('providerStatuses')!({ data: undefined, sender: page })) as unknown[];
    expect(JSON.stringify(statuses)).not.toContain('good-key-1234');
    expect(statuses).toHaveLength(3);
    expect(await handlers.get('providerStatuses')!({ data: undefined, sender: content })).toEqual([]);
    expect(await handlers.get('disconnectProvider')!({ data: { provider: 'openpagerank' }, sender: page })).toMatchObject({ connected: false, state: 'unused' });
  });
});
