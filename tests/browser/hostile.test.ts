/**
 * A hostile page in real Chromium: markup in anchor text and titles, javascript: and data: links,
 * malformed URLs, deep nesting, CSS that targets injected elements. The popup shows page text as
 * text, runs nothing from the page, and the highlighter still draws.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';
import { overlayOf } from './overlay-probe.ts';

const URL_ = 'https://hostile.example/page';
let session: ExtensionSession;
const dialogs: string[] = [];

beforeAll(async () => {
  session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR });
  await session.context.route('https://hostile.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(resolve(import.meta.dirname, '../fixtures/layout/hostile.html')) }),
  );
  session.context.on('page', (p) => p.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss())));
});

afterAll(async () => {
  await session?.close();
});

describe('hostile page', () => {
  it('is shown as text, runs nothing, and can still be highlighted', async () => {
    const page = await session.context.newPage();
    const tabId = await tabIdOf(session, page);
    await page.goto(URL_, { waitUntil: 'load' });
    const ui = await session.context.newPage();
    await ui.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
    const rows = ui.locator('tbody tr.row[data-index]');
    await rows.first().waitFor({ timeout: 20_000 });
    expect(await rows.count()).toBe(8);
    expect(await ui.locator("h1").textContent()).toBe("<img src=x onerror=window.__pwned=1> hostile title");

    const anchors = await ui.locator('tbody tr.row[data-index] .anchor-line').allTextContents();
    expect(anchors.some((t) => t.includes('<img src=x onerror="window.__pwned=2"> markup as text'))).toBe(true);
    expect(anchors).toContain('deep link');
    // The <noscript> link is read from its text by an inert parse: its onerror and script never run.
    expect(anchors).toContain('noscript link');
    // Nothing from the page became markup in the popup.
    expect(await ui.locator('img[src="x"]').count()).toBe(0);
    expect(await ui.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);

    // Opening the javascript: link's row reveals it on the page; it does not run it.
    await rows.filter({ hasText: 'run me' }).first().click();
    await ui.locator('.details').first().waitFor();
    expect(await ui.locator('.details a[href]').count()).toBe(0);

    await ui.getByRole('button', { name: 'Highlight' }).click();
    await expect.poll(async () => (await overlayOf(page)).boxes, { timeout: 20_000 }).toBeGreaterThan(0);
    // The page's `display: none !important` on injected elements does not hide the overlay.
    expect((await overlayOf(page)).display).toBe('block');

    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await ui.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(page.url()).toBe(URL_);
    await ui.close();
    await page.close();
  });
});
