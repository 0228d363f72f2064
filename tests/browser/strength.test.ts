/**
 * Site strength in the built extension (real Chromium): the background loads the shipped table
 * (not readable by pages), the popup header shows the site's authority and popularity with the
 * why on hover, and the options page connects a provider whose API is answered locally.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';

const ARTICLE_URL = 'https://en.wikipedia.org/wiki/Raised-bed_gardening';
const SMALL_URL = 'https://tiny-garden-blog-4821.example/raised-beds';
const ARTICLE = readFileSync(resolve(import.meta.dirname, '../fixtures/strength/encyclopedia-article.html'));
const SMALL = readFileSync(resolve(import.meta.dirname, '../fixtures/surfaces/article.html'));

let session: ExtensionSession;
let base: string;
const providerCalls: string[] = [];

beforeAll(async () => {
  session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR });
  base = `chrome-extension://${session.extensionId}`;
  await session.context.route('**/*', (route: Route) => {
    const url = new URL(route.request().url());
    if (url.href.startsWith(ARTICLE_URL)) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: ARTICLE });
    if (url.href.startsWith(SMALL_URL)) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: SMALL });
    // Open PageRank's API, answered here in its documented shape: nothing reaches the internet.
    if (url.host === 'openpagerank.com') {
      providerCalls.push(url.href);
      const ok = route.request().headers()['api-opr'] === 'good-key-1234';
      const body = ok
        ? { status_code: 200, response: url.searchParams.getAll('domains[]').map((domain) => ({ status_code: 200, error: '', page_rank_integer: 7, page_rank_decimal: 7.25, rank: '12', domain })) }
        : { status_code: 401, error: 'Invalid API Key' };
      return route.fulfill({ status: ok ? 200 : 401, contentType: 'application/json', body: JSON.stringify(body) });
    }
    if (url.protocol === 'chrome-extension:' || url.hostname === '127.0.0.1') return route.continue();
    return route.abort('blockedbyclient');
  });
});

afterAll(async () => {
  await session?.close();
});

async function openPage(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  const tabId = await tabIdOf(session, page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, tabId };
}

describe('site strength in the extension', () => {
  it('the background reads the table; the report has the site and every target', async () => {
    const { page, tabId } = await openPage(ARTICLE_URL);
    const result = await session.worker.evaluate((id) => (globalThis as any).backlinkInspector.inspectTab(id), tabId);
    expect(result.ok).toBe(true);
    const report = result.report;
    expect(report.site).toMatchObject({ host: 'en.wikipedia.org', authority: { value: 93 }, popularity: { rank: 30, bucket: 'top-1k' } });
    const google = report.links.find((l: any) => l.host === 'www.google.com');
    expect(google.strength).toMatchObject({ authority: { value: 100, matched: 'google.com' }, popularity: { rank: 1 } });
    expect(report.links.find((l: any) => l.host === 'tiny-garden-blog-4821.example').strength).toMatchObject({ authority: null, popularity: null });
    expect(google.linkValue).toBeCloseTo((google.score * 93) / 100, 1);
    // Not a web-accessible resource: the page cannot read (or probe) the table.
    const readable = await page.evaluate((url) => fetch(url).then(() => true, () => false), `${base}/strength/domains.bin`);
    expect(readable).toBe(false);
    await page.close();
  });

  it('the popup header shows authority and popularity, with the sources on hover', async () => {
    const { page, tabId } = await openPage(ARTICLE_URL);
    const ui = await session.context.newPage();
    await ui.setViewportSize({ width: 760, height: 580 });
    await ui.goto(`${base}/popup.html?tabId=${tabId}`);
    const badge = ui.getByTestId('site-strength');
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toContain('Authority 93');
    expect(await badge.textContent()).toContain('Top 1k (#30)');
    expect(await badge.getAttribute('title')).toContain('Majestic Million (March 2026) for en.wikipedia.org');
    // It fits in the header: the popup does not scroll sideways.
    expect(await ui.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await ui.close();
    await page.close();
  });

  it('a site below both lists is said to be so, not given a low number', async () => {
    const { page, tabId } = await openPage(SMALL_URL);
    const ui = await session.context.newPage();
    await ui.goto(`${base}/popup.html?tabId=${tabId}`);
    const badge = ui.getByTestId('site-strength');
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toContain('Not in the top 15,000 by links');
    expect(await badge.textContent()).toContain('Not in the top 50,000 by popularity');
    await ui.close();
    await page.close();
  });

  it('options: connecting Open PageRank tries the key, and inspections then show its value', async () => {
    const options = await session.context.newPage();
    await options.goto(`${base}/options.html`);
    await options.getByLabel('Open PageRank API key').fill('wrong-key-9999');
    await options.getByRole('button', { name: 'Connect' }).first().click();
    await expect.poll(() => options.locator('[data-provider="openpagerank"] [role="alert"]').textContent(), { timeout: 20_000 }).toContain('refused the key');

    await options.getByRole('button', { name: 'Disconnect Open PageRank' }).click();
    await options.getByLabel('Open PageRank API key').fill('good-key-1234');
    await options.getByRole('button', { name: 'Connect' }).first().click();
    await expect.poll(() => options.locator('[data-provider="openpagerank"] [role="status"]').textContent(), { timeout: 20_000 }).toContain('Key works: wikipedia.org has Open PageRank 7.25/10');
    expect(await options.getByRole('region', { name: 'Data sources and credits' }).textContent()).toContain('Majestic Million by Majestic, majestic.com');

    const { page, tabId } = await openPage(ARTICLE_URL);
    const ui = await session.context.newPage();
    await ui.goto(`${base}/popup.html?tabId=${tabId}`);
    await expect.poll(() => ui.getByTestId('site-strength').textContent(), { timeout: 30_000 }).toContain('Open PageRank 7.25/10');
    // One batched request for the page's domains (wikipedia.org was cached by the key test).
    const pageCalls = providerCalls.filter((u) => u.includes('google.com'));
    expect(pageCalls).toHaveLength(1);
    expect(new URL(pageCalls[0]!).searchParams.getAll('domains[]')).toEqual(expect.arrayContaining(['google.com', 'nih.gov', 'tiny-garden-blog-4821.example']));
    await Promise.all([ui.close(), page.close(), options.close()]);
  });
});
