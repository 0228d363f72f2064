/**
 * History in real Chromium with the built extension: a page is inspected, inspected again
 * unchanged (no copy stored: "seen again"), changes (a backlink to "my domain" becomes nofollow
 * and moves to the footer, one link disappears, one appears), is inspected again, and the side
 * panel's history view shows the difference. The options page shows the storage used.
 *
 * BI_EXTENSION_DIR: a build elsewhere (e.g. WXT_OUT_DIR=/tmp/hist-out → /tmp/hist-out/chrome-mv3).
 */
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';

const ORIGIN = 'https://reviews.example';
const PAGE = `${ORIGIN}/best-seed-shops`;

const para = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} about heirloom tomato seeds, germination and raised garden beds for home growers.</p>`).join('\n');

/** Version 1: the backlink to mysite.example sits in the article and is followed. */
const V1 = `<!doctype html><html lang="en"><head><title>Best seed shops</title></head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><article><h1>Best seed shops</h1>
${para(3)}
<p>Our favourite is <a href="https://mysite.example/heirloom">Mysite heirloom seeds</a>, with fast shipping.</p>
<p>Also good: <a href="https://gone.example/">Gone Seeds</a> and <a href="https://other.example/">Other Seeds</a>.</p>
${para(3)}
</article></main>
<footer><a href="/privacy">Privacy</a></footer>
</body></html>`;

/** Version 2: the backlink became nofollow and moved to the footer; Gone Seeds was removed; a new link. */
const V2 = `<!doctype html><html lang="en"><head><title>Best seed shops</title></head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><article><h1>Best seed shops</h1>
${para(3)}
<p>Also good: <a href="https://other.example/">Other Seeds</a> and <a href="https://newcomer.example/">Newcomer Seeds</a>.</p>
${para(3)}
</article></main>
<footer><a href="/privacy">Privacy</a> · Partners: <a href="https://mysite.example/heirloom" rel="nofollow">Mysite heirloom seeds</a></footer>
</body></html>`;

let session: ExtensionSession;
let body = V1;

beforeAll(async () => {
  session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR });
  await session.context.route(`${ORIGIN}/**`, (route: Route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: new URL(route.request().url()).pathname === '/best-seed-shops' ? body : '<title>x</title>' }),
  );
  await session.worker.evaluate(() =>
    (globalThis as any).chrome.storage.sync.set({ 'myDomain:mysite.example': { description: 'heirloom seeds', added: 1 } }),
  );
});

afterAll(async () => {
  await session?.close();
});

describe('history in the side panel', () => {
  it('inspects a page twice with a change in between and shows the diff', async () => {
    const page = await session.context.newPage();
    const tabId = await tabIdOf(session, page);
    await page.goto(PAGE, { waitUntil: 'load' });

    const ui = await session.context.newPage();
    await ui.setViewportSize({ width: 420, height: 1000 });
    await ui.goto(`chrome-extension://${session.extensionId}/sidepanel.html?tabId=${tabId}`);
    const history = ui.locator('.history');
    await expect.poll(() => history.textContent(), { timeout: 30_000 }).toMatch(/first inspection of this page/);
    await expect.poll(() => ui.locator('.history-list li').count()).toBe(1);
    // The backlinks table already lists the page (its heading row), then its link: live, in the body.
    await expect.poll(() => ui.locator('.history-table tbody').first().textContent(), { timeout: 10_000 }).toMatch(/Best seed shops.*1 link.*mysite\.example.*body.*live/);

    // Inspected again unchanged: no second copy, the inspection says when it was seen again.
    await ui.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => ui.getByTestId('history-seen-again').count(), { timeout: 30_000 }).toBe(1);
    expect(await ui.locator('.history-list li').count()).toBe(1);
    expect(await ui.locator('.history-list li').first().textContent()).toMatch(/seen again/);

    // The page changes; inspect it again.
    body = V2;
    await page.reload({ waitUntil: 'load' });
    await ui.getByRole('button', { name: 'Refresh' }).click().catch(() => undefined);
    await expect.poll(() => ui.locator('.history-list li').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

    // Lost or devalued backlinks to my domain come first, prominently.
    const alert = ui.locator('.history-alert[role="alert"]');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/Devalued:.*mysite\.example\/heirloom/);
    const alertText = (await alert.textContent()) ?? '';
    expect(alertText).toMatch(/became nofollow/);
    expect(alertText).toMatch(/moved from body to footer/);

    const group = (id: string) => ui.locator(`.history-diff-group[data-group="${id}"]`);
    await expect.poll(() => group('gained').textContent()).toMatch(/Links gained \(1\).*newcomer\.example/);
    expect(await group('lost').textContent()).toMatch(/Links lost \(1\).*gone\.example/);
    expect(await group('rel').textContent()).toMatch(/rel changed \(1\).*follow → nofollow/);
    expect(await group('placement').textContent()).toMatch(/Placement changed.*body → footer/);

    // The backlinks table shows the latest state: footer, nofollow.
    await expect.poll(() => ui.locator('.history-table tbody tr[data-follow]').first().textContent()).toMatch(/footer.*nofollow.*live/);
    await ui.close();
    await page.close();
  });

  it('the options page shows the storage used and the retention setting', async () => {
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('history-storage').textContent(), { timeout: 15_000 }).toMatch(/^2 inspections of 1 page stored · [\d.]+ [KM]B used of [\d.]+ [KMG]?B available\.$/);
    const select = options.getByRole('combobox', { name: /Keep history/ });
    await expect.poll(() => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('6 months');
    await options.close();
  });
});
