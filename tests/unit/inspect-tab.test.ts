import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sampleReport } from '../fixtures/surfaces/report';
import { sampleSnapshot } from '../fixtures/surfaces/snapshot';
import { planParts, snapshotHead, snapshotPart, type PageSnapshot, type PartPlan } from '@/lib/snapshot';

const sendMessage = vi.fn();
vi.mock('@/lib/messaging', async (importOriginal) => ({ ...(await importOriginal<object>()), sendMessage: (...args: unknown[]) => sendMessage(...args) }));
const saveInspection = vi.fn();
vi.mock('@/lib/history/store', () => ({ saveInspection: (...args: unknown[]) => saveInspection(...args) }));

const { countMyDomainLinks, inspectAndRecord, inspectTab, recordInHistory, revealLink, setHighlight } = await import('@/lib/background/inspect-tab');
const { saveMyDomain } = await import('@/lib/settings');

let tabId: number;
let executeScript: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  const tab = await fakeBrowser.tabs.create({ url: 'https://garden.example/post' });
  tabId = tab.id!;
  executeScript = vi.fn().mockResolvedValue([]);
  fakeBrowser.scripting.executeScript = executeScript as never;
  fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true) as never;
  sendMessage.mockReset();
  saveInspection.mockReset().mockResolvedValue({ id: 1 });
});

/** The content script's side: the snapshot's head, then its links in parts. */
function pageAnswer({ snapshot, plan }: { snapshot: PageSnapshot; plan: PartPlan }, type: string, data: { seq: number; part: number }) {
  if (type === 'analyze') return structuredClone(snapshotHead(snapshot, 1, plan));
  if (type === 'snapshotPart') return structuredClone(snapshotPart(snapshot, plan, data.part));
  return undefined;
}

async function planned() {
  const snapshot = await sampleSnapshot();
  return { snapshot, plan: await planParts(snapshot) };
}

async function analyserAnswers() {
  const snapshot = await planned();
  sendMessage.mockImplementation(async (type: string, data: never) => {
    if (type === 'ping') throw new Error('Could not establish connection');
    if (type === 'analyze' || type === 'snapshotPart') return pageAnswer(snapshot, type, data);
    if (type === 'showScores') return undefined;
    if (type === 'reveal') return { ok: true };
    if (type === 'highlight') return { on: true, count: 7 };
    throw new Error(`unexpected ${type}`);
  });
}

describe('inspectTab', () => {
  it('injects the analyser on demand, finishes its snapshot here and sends the page its scores', async () => {
    await analyserAnswers();
    const result = await inspectTab(tabId, { requestedUrl: 'https://garden.example/post', targetTopics: { 'soil.example': 'compost and potting soil for vegetable gardens' } });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId }, files: ['/analyser.js'] });
    expect(sendMessage).toHaveBeenCalledWith('analyze', { watch: undefined, requestedUrl: 'https://garden.example/post', pageDomain: 'garden.example' }, tabId);
    if (!result.ok) throw new Error(result.error.message);
    const soil = result.report.links.find((l) => l.domain === 'soil.example')!;
    expect(soil.placement).toBe('body');
    expect(soil.targetRelevance).not.toBeNull();
    expect(soil.score).toBeGreaterThan(0);
    expect(result.report.links.find((l) => l.text === 'Privacy')!.targetRelevance).toBeNull();
    const scores = sendMessage.mock.calls.find(([type]) => type === 'showScores')!;
    expect(scores[1].score).toEqual(result.report.links.map((l) => l.score));
    expect(scores[2]).toBe(tabId);
  });

  it('refuses a malformed snapshot from the page', async () => {
    sendMessage.mockImplementation(async (type: string) => (type === 'ping' ? 'pong' : type === 'analyze' ? { seq: 1, linkCount: 2, facts: {} } : { links: 'nope' }));
    expect(await inspectTab(tabId)).toMatchObject({ ok: false, error: { code: 'failed', message: /unreadable/ } });
  });

  it('does not inject twice when the analyser answers', async () => {
    const snapshot = await planned();
    sendMessage.mockImplementation(async (type: string, data: never) => (type === 'ping' ? 'pong' : pageAnswer(snapshot, type, data)));
    expect((await inspectTab(tabId)).ok).toBe(true);
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('reports a missing tab, a restricted page and missing access', async () => {
    expect(await inspectTab(9999)).toMatchObject({ ok: false, error: { code: 'no-tab' } });
    const store = await fakeBrowser.tabs.create({ url: 'https://chromewebstore.google.com/detail/x' });
    expect(await inspectTab(store.id!)).toMatchObject({ ok: false, error: { code: 'restricted', message: /Extension stores/ } });
    const hidden = await fakeBrowser.tabs.create({});
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false) as never;
    expect(await inspectTab(hidden.id!)).toMatchObject({ ok: false, error: { code: 'no-access' } });
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true) as never;
    expect(await inspectTab(hidden.id!)).toMatchObject({ ok: false, error: { code: 'restricted' } });
  });

  it('turns injection failures into clear errors', async () => {
    sendMessage.mockRejectedValue(new Error('no analyser'));
    executeScript.mockRejectedValue(new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.'));
    expect(await inspectTab(tabId)).toMatchObject({ ok: false, error: { code: 'no-access' } });
    executeScript.mockRejectedValue(new Error('No tab with id: 5'));
    expect(await inspectTab(tabId)).toMatchObject({ ok: false, error: { code: 'tab-closed' } });
  });

  it('tells a tab closed or navigated mid-inspection apart', async () => {
    sendMessage.mockImplementation(async (type: string) => {
      if (type === 'ping') return 'pong';
      await fakeBrowser.tabs.remove(tabId);
      throw new Error('The message port closed before a response was received.');
    });
    expect(await inspectTab(tabId)).toMatchObject({ ok: false, error: { code: 'tab-closed' } });

    const tab = await fakeBrowser.tabs.create({ url: 'https://garden.example/a' });
    sendMessage.mockImplementation(async (type: string) => {
      if (type === 'ping') return 'pong';
      await fakeBrowser.tabs.update(tab.id!, { url: 'https://garden.example/b' });
      throw new Error('The message port closed before a response was received.');
    });
    expect(await inspectTab(tab.id!)).toMatchObject({ ok: false, error: { code: 'navigated' } });
  });
});

describe('inspectAndRecord', () => {
  it('passes my domain descriptions, saves to history and sets the badge', async () => {
    await saveMyDomain('mysite.example', 'tomato seeds');
    await analyserAnswers();
    const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const result = await inspectAndRecord(tabId, { watch: true });
    expect(result).toMatchObject({ ok: true });
    expect(result.notice).toBeUndefined();
    expect(sendMessage).toHaveBeenCalledWith('analyze', expect.objectContaining({ watch: true }), tabId);
    // The description of my domain is the target's topic: the page is about tomato seeds too.
    const mine = result.ok ? result.report.links.find((l) => l.host === 'www.mysite.example')! : null;
    expect(mine!.targetRelevance).toBeGreaterThan(0.5);
    expect(saveInspection).toHaveBeenCalledTimes(1);
    expect(setBadgeText).toHaveBeenCalledWith({ tabId, text: '1' });
  });

  it('keeps the inspection when history fails, with a message for the user', async () => {
    await analyserAnswers();
    const quota = Object.assign(new Error('Browser storage is full (quota exceeded), so this was not saved.'), { name: 'HistoryQuotaError' });
    saveInspection.mockRejectedValue(quota);
    const result = await inspectAndRecord(tabId);
    expect(result.ok).toBe(true);
    expect(result.notice).toMatch(/Not saved to history: Browser storage is full/);
    saveInspection.mockRejectedValue(new DOMException('x', 'QuotaExceededError'));
    expect(await recordInHistory(sampleReport())).toMatch(/storage is full/);
    saveInspection.mockRejectedValue(new Error('db closed'));
    expect(await recordInHistory(sampleReport())).toBe('Not saved to history: db closed');
  });

  it("hands the user's domains to history pruning, and prunes nothing when they cannot be read", async () => {
    await saveMyDomain('mysite.example');
    await analyserAnswers();
    await inspectAndRecord(tabId);
    expect(saveInspection).toHaveBeenLastCalledWith(expect.objectContaining({ url: expect.any(String) }), { keepDomains: ['mysite.example'] });
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('sync unavailable'));
    await inspectAndRecord(tabId);
    expect(saveInspection).toHaveBeenLastCalledWith(expect.anything(), {});
  });

  it('saves nothing when the inspection failed', async () => {
    expect((await inspectAndRecord(4242)).ok).toBe(false);
    expect(saveInspection).not.toHaveBeenCalled();
  });

  it('counts links to my domains, subdomains included', () => {
    expect(countMyDomainLinks(sampleReport(), [{ domain: 'mysite.example', description: '', added: 0 }])).toBe(1);
    expect(countMyDomainLinks(sampleReport(), [])).toBe(0);
  });
});

describe('reveal and highlight', () => {
  it('forwards to the page and reports failures', async () => {
    await analyserAnswers();
    expect(await revealLink(tabId, { index: 1, href: 'https://soil.example/mix' })).toEqual({ ok: true });
    expect(sendMessage).toHaveBeenCalledWith('reveal', { index: 1, href: 'https://soil.example/mix' }, tabId);
    expect(await setHighlight(tabId, 'toggle')).toEqual({ ok: true, on: true, count: 7 });
    expect(await revealLink(4242, { index: 0, href: 'x' })).toMatchObject({ ok: false, message: /closed/ });
    const internal = await fakeBrowser.tabs.create({ url: 'chrome://settings' });
    expect(await setHighlight(internal.id!, 'on')).toMatchObject({ ok: false, error: { code: 'restricted' } });
  });
});

const { assembleSnapshot, PART_CHARS, PART_LINKS } = await import('@/lib/snapshot');

describe('snapshot transfer', () => {
  /** `n` links cycled from the sample page, each link with a paragraph text of its own. */
  async function manyLinks(n: number, over: (i: number) => Partial<PageSnapshot['links'][number]> = () => ({})): Promise<PageSnapshot> {
    const base = await sampleSnapshot();
    return {
      ...base,
      links: Array.from({ length: n }, (_, i) => ({ ...base.links[i % base.links.length]!, index: i, ...over(i) })),
      placements: Array.from({ length: n }, (_, i) => base.placements[i % base.placements.length]!),
      blocks: Array.from({ length: n }, (_, i) => `Paragraph ${i} about tomato seeds and compost.`),
      linkBlocks: Array.from({ length: n }, (_, i) => i),
    };
  }

  /** Moves a snapshot as the page and the background do; returns it and each part's link count and JSON size. */
  async function transfer(snapshot: PageSnapshot) {
    const plan = await planParts(snapshot);
    const parts: { links: number; bytes: number }[] = [];
    const back = await assembleSnapshot(structuredClone(snapshotHead(snapshot, 3, plan)), async (k) => {
      const part = snapshotPart(snapshot, plan, k)!;
      parts.push({ links: part.links.length, bytes: new TextEncoder().encode(JSON.stringify(part)).length });
      return structuredClone(part);
    });
    return { back, parts };
  }

  it('moves plain links in parts of 1,000 and reassembles the snapshot exactly', async () => {
    const many = await manyLinks(2500);
    const { back, parts } = await transfer(many);
    expect(parts.map((p) => p.links)).toEqual([PART_LINKS, PART_LINKS, 500]);
    expect(back).toEqual(many);
  });

  it('sizes parts by their characters: 1,000 links with 8 KB hrefs travel in parts of at most PART_CHARS', async () => {
    const href = 'https://tracker.example/r?u=' + 'x'.repeat(8192 - 28);
    const many = await manyLinks(1000, () => ({ href, url: href, capped: ['href'] }));
    const { back, parts } = await transfer(many);
    expect(parts.length).toBeGreaterThan(10);
    // Each part holds at most PART_CHARS characters (as JSON: one byte each here).
    for (const p of parts) expect(p.bytes).toBeLessThanOrEqual(PART_CHARS);
    expect(back).toEqual(many);
  });

  it('refuses parts that do not add up to what the head announced', async () => {
    const many = await manyLinks(5);
    const plan = await planParts(many);
    const head = snapshotHead(many, 1, plan);
    await expect(assembleSnapshot({ ...head, parts: 7 }, async (k) => snapshotPart(many, plan, k)!)).rejects.toThrow('bad snapshot part');
    await expect(assembleSnapshot({ ...head, linkCount: 9 }, async (k) => snapshotPart(many, plan, k)!)).rejects.toThrow('bad snapshot part');
    await expect(assembleSnapshot(head, async () => ({ links: [], placements: [], linkBlocks: [], blocks: [] }))).rejects.toThrow('bad snapshot part');
  });
});

const { compareWithTarget } = await import('@/lib/background/inspect-tab');
const { forgetFetchedTopics } = await import('@/lib/background/target-topic/fetched');
const { replaceBackgroundNet } = await import('@/lib/background/net/index');
const { createNet } = await import('@/lib/background/net/fetch');

describe('compareWithTarget', () => {
  it('reads the target page, re-scores the last snapshot with its topic and tells the surfaces', async () => {
    forgetFetchedTopics();
    await analyserAnswers();
    const first = await inspectTab(tabId);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.report.links.find((l) => l.domain === 'soil.example')!.targetRelevance).toBeNull();
    const fetchMock = vi.fn(async () =>
      new Response('<html><head><title>Compost and potting soil for vegetable gardens</title></head><body><h1>Garden compost</h1><p>Peat-free compost for tomatoes, seeds and raised vegetable beds.</p></body></html>', {
        headers: { 'content-type': 'text/html' },
      }),
    );
    // The background's one fetch module, given this fetch in place of the network.
    replaceBackgroundNet(createNet({ fetch: fetchMock as unknown as typeof fetch }));
    expect(await compareWithTarget(tabId, 'https://soil.example/mix')).toEqual({ ok: true, title: 'Compost and potting soil for vegetable gardens' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const update = sendMessage.mock.calls.find(([type]) => type === 'reportUpdated')![1] as { tabId: number; report: import('@/lib/report').PageReport };
    expect(update.tabId).toBe(tabId);
    const soil = update.report.links.find((l) => l.domain === 'soil.example')!;
    expect(soil.targetRelevance).toBeGreaterThan(0.4);
    // Only that page's topic is known: other links keep an unknown target relevance.
    expect(update.report.links.find((l) => l.text === 'Privacy')!.targetRelevance).toBeNull();
  });

  it('says why a target page could not be read, and changes nothing', async () => {
    forgetFetchedTopics();
    await analyserAnswers();
    await inspectTab(tabId);
    replaceBackgroundNet(createNet({ fetch: (async () => new Response('gone', { status: 404 })) as typeof fetch }));
    expect(await compareWithTarget(tabId, 'https://soil.example/gone')).toEqual({ ok: false, message: 'Could not read the target page: HTTP 404.' });
    expect(sendMessage.mock.calls.some(([type]) => type === 'reportUpdated')).toBe(false);
  });
});
