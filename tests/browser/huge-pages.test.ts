/**
 * Pages built to crash, freeze or overflow the inspection (issue #13 §4), in real Chromium with
 * the built extension: each is inspected to the end, with every link. (How long each takes, and
 * its longest task, is measured by `npm run bench`; these assert what the report holds.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';
import { hiddenChainPage, longHrefsPage, nestedSpansPage } from '../../scripts/lib/generate-page.ts';

let session: ExtensionSession;
const pages: Record<string, string> = {
  'hidden-chain': hiddenChainPage(10_000),
  'nested-spans': nestedSpansPage(20_000),
  'long-hrefs': longHrefsPage(1_000, 100_000),
};

beforeAll(async () => {
  session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR });
  await session.context.route('https://huge.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pages[new URL(route.request().url()).pathname.slice(1)]! }),
  );
});

afterAll(async () => {
  await session?.close();
});

/** Inspects a page through the background (the popup's path); returns what the tests look at. */
async function inspect(name: string) {
  const page = await session.context.newPage();
  const tabId = await tabIdOf(session, page);
  await page.goto(`https://huge.example/${name}`, { waitUntil: 'load' });
  const result = await session.worker.evaluate(async (id) => {
    const r = await (globalThis as any).backlinkInspector.inspectTab(id);
    if (!r.ok) return r;
    const { links, ...rest } = r.report;
    return { ok: true, report: { ...rest, links: links.map((l: any) => ({ text: l.text, href: l.href, hidden: l.hidden, hiddenReason: l.hiddenReason, capped: l.capped, url: l.url })) } };
  }, tabId);
  await page.close();
  if (!result.ok) throw new Error(result.error.message);
  return result.report;
}

describe('pages built to break the inspection', () => {
  it('a display:none chain 10,000 deep, a link at every level: every link read, each hidden', async () => {
    const report = await inspect('hidden-chain');
    expect(report.counts.total).toBe(10_004);
    const chain = report.links.filter((l: any) => l.text.startsWith('cheap link '));
    expect(chain).toHaveLength(10_000);
    expect(chain.every((l: any) => l.hidden && l.hiddenReason === 'display:none')).toBe(true);
    expect(report.links.find((l: any) => l.text === 'raised beds').hidden).toBe(false);
  }, 120_000);

  it('a heading 20,000 spans deep: read to its last word', async () => {
    const report = await inspect('nested-spans');
    expect(report.links.map((l: any) => l.text)).toEqual(['Home', 'About', 'raised beds', 'in deep soil', 'Privacy']);
    expect(report.links[3].hiddenReason).toBe('display:none');
  }, 60_000);

  it('1,000 links sharing a 100 KB href: every link, its href cut to 8 KB and flagged', async () => {
    const report = await inspect('long-hrefs');
    const offers = report.links.filter((l: any) => l.text.startsWith('offer '));
    expect(offers).toHaveLength(1000);
    for (const l of offers) {
      expect(l.href).toHaveLength(8192);
      expect(l.capped).toContain('href');
      expect(l.url.startsWith('https://tracker.example/r?u=xxx')).toBe(true);
    }
    expect(report.truncated).toBeNull();
  }, 60_000);
});
