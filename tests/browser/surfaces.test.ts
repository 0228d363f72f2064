/**
 * The user-facing surfaces in real Chromium with the built extension: the popup and the side
 * panel pages (opened as tabs with `?tabId=`) against served fixture pages, row click → scroll +
 * flash, on-page highlighting that leaves the page's layout alone, the context-menu actions
 * (invoked from the service worker: automation cannot right-click browser chrome), the error
 * states, and the screenshots the README shows (assets/screenshots/, rewritten only with
 * UPDATE_SCREENSHOTS=1 so a test run leaves the git tree clean: docs/ui.md).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';
import { overlayOf } from './overlay-probe.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/surfaces');
const SCREENSHOTS = resolve(import.meta.dirname, '../../assets/screenshots');
/** PNGs differ by a few bytes on every run: the README's pictures change only when asked. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
async function screenshot(ui: Page, name: string, options: { fullPage?: boolean } = {}) {
  const png = await ui.screenshot({ ...options });
  expect(png.length).toBeGreaterThan(1000);
  if (UPDATE_SCREENSHOTS) writeFileSync(resolve(SCREENSHOTS, name), png);
}
const ORIGIN = 'https://garden.example';
const ARTICLE = `${ORIGIN}/blog/raised-bed-tomatoes`;
const SECOND = `${ORIGIN}/blog/peppers-second`;
const EMPTY = `${ORIGIN}/empty`;
const BIG = `${ORIGIN}/big`;
const BIG_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ten thousand links</title></head><body><main>${Array.from(
  { length: 10_000 },
  (_, i) => `<p>Item ${i} about tomato growing: <a href="https://site${i % 500}.example/p/${i}">anchor ${i}</a></p>`,
).join('')}</main></body></html>`;
const PAGES: Record<string, string> = {
  '/blog/raised-bed-tomatoes': 'article.html',
  '/blog/peppers-second': 'second.html',
  '/empty': 'empty.html',
};

let session: ExtensionSession;
let base: string;

beforeAll(async () => {
  // BI_EXTENSION_DIR: a build elsewhere (e.g. WXT_OUT_DIR=/tmp/ui-out); default .output/chrome-mv3.
  session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR });
  base = `chrome-extension://${session.extensionId}`;
  await session.context.route(`${ORIGIN}/**`, (route: Route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/big') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BIG_HTML });
    const file = PAGES[path];
    if (!file) return route.fulfill({ status: 404, contentType: 'text/html', body: '<title>404</title>' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(resolve(FIXTURES, file)) });
  });
  await session.worker.evaluate(() =>
    (globalThis as any).chrome.storage.sync.set({
      'myDomain:mysite.example': { description: 'heirloom tomato and vegetable seeds', added: 1 },
    }),
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await session?.close();
});

/** A tab showing `url`, and the id the extension knows it by. */
async function openPage(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  const tabId = await tabIdOf(session, page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, tabId };
}

async function openSurface(kind: 'popup' | 'sidepanel', tabId: number, size = kind === 'popup' ? { width: 760, height: 580 } : { width: 400, height: 900 }): Promise<Page> {
  const ui = await session.context.newPage();
  await ui.setViewportSize(size);
  await ui.goto(`${base}/${kind}.html?tabId=${tabId}`);
  return ui;
}

const rowsOf = (ui: Page) => ui.locator('tbody tr.row[data-index]');
const anchorTexts = (ui: Page) => ui.locator('tbody tr.row[data-index] .anchor-line').allTextContents();

/** Every link's box and the document size: highlighting must not change any of them. */
function layoutOf(page: Page) {
  return page.evaluate(() => ({
    links: [...document.querySelectorAll('a')].map((a) => {
      const r = a.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 100) / 100).join(',');
    }),
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight, window.scrollX, window.scrollY],
    body: JSON.stringify(document.body.getBoundingClientRect()),
  }));
}

describe('popup', () => {
  it('shows the verdict and a table matching the page, my domains first, sortable and filterable', async () => {
    const { page, tabId } = await openPage(ARTICLE);
    const ui = await openSurface('popup', tabId);
    await expect.poll(() => rowsOf(ui).count(), { timeout: 20_000 }).toBeGreaterThan(0);

    const pageLinks = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLElement).innerText.trim() || a.querySelector('img')?.alt || ''));
    expect(await rowsOf(ui).count()).toBe(pageLinks.length);
    const texts = await anchorTexts(ui);
    for (const t of pageLinks) expect(texts.some((x) => x.includes(t))).toBe(true);

    // Verdict line: the answer, counts and the page's own status.
    const verdict = await ui.locator('.verdict').textContent();
    expect(verdict).toContain(`${pageLinks.length} links in all`);
    expect(verdict).toMatch(/\d+ domains linked \(\d+ followed\)/);
    expect(verdict).toContain('2 to my domains');
    expect(verdict).toContain('Indexable');

    // My domains pinned first (mysite.example and its subdomain).
    expect(texts[0]).toContain('heirloom tomato seeds');
    expect(texts[1]).toContain('crop rotation guide');

    // Follow status and flags.
    const row = (text: string) => ui.locator('tbody tr.row', { hasText: text });
    await expect.poll(() => row('Drip Kit 2000').locator('.follow--sponsored').count()).toBe(1);
    expect(await row('tomato article').locator('.follow--nofollow').count()).toBe(1);
    expect(await row('cheap garden stuff').locator('.follow').getAttribute('title')).toMatch(/rel="(nofollow ugc|ugc nofollow)"/);
    expect(await row('Ripe tomatoes photo').locator('.col-flags').textContent()).toContain('img');
    expect(await row('hidden partner link').locator('.col-flags').textContent()).toContain('hid');
    expect(await row('tomato stakes').locator('.col-flags').textContent()).toMatch(/redir|track/);
    expect(await row('Soil Supply compost mix').locator('.col-domain').textContent()).toContain('soilsupply.example');

    // Sorted by score (high first) from the start, pins stay on top; then filters.
    expect(await ui.locator('th.col-score').getAttribute('aria-sort')).toBe('descending');
    const scores = (await ui.locator('tbody tr.row[data-index] .col-score').allTextContents()).map(Number);
    const rest = scores.slice(2);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));

    await ui.getByLabel('Internal or external').selectOption('internal');
    const internal = await anchorTexts(ui);
    expect(internal).toContain('Blog');
    expect(internal.some((t) => t.includes('Soil Supply'))).toBe(false);
    await ui.getByLabel('Internal or external').selectOption('all');
    await ui.getByLabel('Followed or not').selectOption('not-followed');
    const notFollowed = await anchorTexts(ui);
    expect(notFollowed.some((t) => t.includes('Drip Kit 2000'))).toBe(true);
    expect(notFollowed.some((t) => t.includes('Soil Supply'))).toBe(false);
    await ui.getByLabel('Followed or not').selectOption('all');
    await ui.getByLabel('Search links').fill('tomato');
    await expect.poll(() => anchorTexts(ui)).toEqual(expect.arrayContaining([expect.stringContaining('tomato article')]));
    // Search matches the anchor text, the URL (the domain cell's title) or the domain: every row shown has it in one of them.
    const searched = await rowsOf(ui).evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('.col-anchor')?.textContent, r.querySelector('.col-domain')?.getAttribute('title'), r.querySelector('.col-domain')?.textContent].join('\n')),
    );
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.filter((t) => !/tomato/i.test(t))).toEqual([]);
    expect(await rowsOf(ui).count()).toBeLessThan(pageLinks.length);
    await ui.getByLabel('Search links').fill('');

    // The action badge counts links to my domains.
    const badge = await session.worker.evaluate((id) => (globalThis as any).chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(badge).toBe('2');

    await screenshot(ui, 'popup.png');
    await ui.emulateMedia({ colorScheme: 'dark' });
    expect(await ui.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 25, 29)');
    await screenshot(ui, 'popup-dark.png');
    await ui.close();
    await page.close();
  });

  it('opens on the answer: the verdict line, then the editorial links first; the editorial view is one click away and remembered', async () => {
    const { page, tabId } = await openPage(ARTICLE);
    const ui = await openSurface('popup', tabId);
    await expect.poll(() => rowsOf(ui).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const line = (await ui.locator('.verdict__line').textContent())!;
    expect(line).toMatch(/^\d+ editorial followed external links? · \d+ nofollow\/UGC\/sponsored · \d+ in comments · best \d+ · 2 to my domains$/);
    const editorial = Number(line.match(/^(\d+)/)![1]);
    expect(editorial).toBeGreaterThan(0);
    // Which links the page really gives: followed, external, in the main content.
    const facts = await ui.locator('tbody tr.row[data-index]').evaluateAll((trs) =>
      trs.map((tr) => ({ mine: tr.classList.contains('row--mine'), follow: tr.querySelector('.follow')?.className ?? '', place: tr.querySelector('.col-placement')?.textContent ?? '', internal: (tr.querySelector('.col-domain')?.textContent ?? '').includes('· int') })),
    );
    const firstOthers = facts.filter((f) => !f.mine).slice(0, Math.max(1, editorial - 2));
    for (const f of firstOthers) expect(f).toMatchObject({ follow: expect.stringContaining('follow--followed'), place: 'body', internal: false });

    await ui.getByRole('button', { name: 'Editorial opportunities' }).click();
    await expect.poll(() => rowsOf(ui).count()).toBe(editorial);
    expect(await ui.locator('.filters__count').textContent()).toContain(`${editorial} of`);
    await ui.close();
    // Opened again: the same view.
    const again = await openSurface('popup', tabId);
    await expect.poll(() => rowsOf(again).count(), { timeout: 20_000 }).toBe(editorial);
    expect(await again.getByRole('button', { name: 'Editorial opportunities' }).getAttribute('aria-pressed')).toBe('true');
    await again.getByRole('button', { name: 'All links' }).click();
    await again.getByRole('button', { name: 'By domain' }).click();
    await expect.poll(() => again.locator('table.domains tbody tr.domain-row').count()).toBeGreaterThan(3);
    expect(await again.locator('tr.domain-row').first().textContent()).toContain('mysite.example');
    expect(await again.getByRole('table', { name: 'Anchor texts of links to mysite.example' }).count()).toBe(1);
    await again.getByRole('button', { name: 'All links' }).click();
    await again.close();
    await page.close();
  });

  it('clicking a row scrolls the page to the link, flashes it and opens the reasons; Esc closes them', async () => {
    const { page, tabId } = await openPage(ARTICLE);
    const ui = await openSurface('popup', tabId);
    const row = ui.locator('tbody tr.row', { hasText: 'cheap garden stuff' });
    await row.waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await row.click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await expect.poll(async () => (await overlayOf(page)).flash, { timeout: 20_000 }).toBe(1);
    const inView = await page.evaluate(() => {
      const a = [...document.querySelectorAll('a')].find((x) => x.textContent === 'cheap garden stuff')!;
      const r = a.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(inView).toBe(true);
    await expect(ui.locator('.details').textContent()).resolves.toMatch(/Score \d+/);
    expect(await ui.locator('.reasons li').count()).toBeGreaterThan(0);
    expect(await row.getAttribute('aria-expanded')).toBe('true');

    // Keyboard: Esc closes, arrows move, Enter opens.
    await ui.keyboard.press('Escape');
    await expect.poll(() => ui.locator('.details').count()).toBe(0);
    await expect.poll(() => ui.evaluate(() => document.activeElement?.textContent)).toContain('cheap garden stuff');
    await ui.keyboard.press('ArrowUp');
    await ui.keyboard.press('Enter');
    await expect.poll(() => ui.locator('.details').count()).toBe(1);
    await ui.keyboard.press('Escape');
    // The flash goes away by itself.
    await expect.poll(async () => (await overlayOf(page)).present, { timeout: 5000 }).toBe(false);
    await ui.close();
    await page.close();
  });

  it('highlights links by placement without changing the page layout, and removes it cleanly', async () => {
    const { page, tabId } = await openPage(ARTICLE);
    const ui = await openSurface('popup', tabId);
    await rowsOf(ui).first().waitFor({ timeout: 20_000 });
    const before = await layoutOf(page);
    await ui.getByRole('button', { name: 'Highlight' }).click();
    await expect.poll(async () => (await overlayOf(page)).boxes, { timeout: 20_000 }).toBeGreaterThan(5);
    const overlay = await overlayOf(page);
    expect(overlay.position).toBe('fixed');
    expect(overlay.pointerEvents).toBe('none');
    expect(overlay.badges.some((b) => /^\d+ · (body|nav|header|footer|sidebar|comments|related)$/.test(b ?? ''))).toBe(true);
    expect(await layoutOf(page)).toEqual(before);
    expect(await ui.getByRole('button', { name: 'Hide outlines' }).getAttribute('aria-pressed')).toBe('true');
    // Scrolling keeps the boxes on the links.
    await page.evaluate(() => window.scrollTo(0, 600));
    await expect.poll(async () => (await overlayOf(page)).boxes, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));

    await ui.getByRole('button', { name: 'Hide outlines' }).click();
    await expect.poll(async () => (await overlayOf(page)).present, { timeout: 20_000 }).toBe(false);
    expect(await layoutOf(page)).toEqual(before);
    await ui.close();
    await page.close();
  });

  it('explains restricted pages, pages without links and closed tabs', async () => {
    const restricted = await openPage('chrome://version');
    const ui1 = await openSurface('popup', restricted.tabId);
    await expect.poll(() => ui1.locator('[role=alert]').textContent(), { timeout: 15_000 }).toMatch(/cannot be inspected/);
    await ui1.close();
    await restricted.page.close();

    const empty = await openPage(EMPTY);
    const ui2 = await openSurface('popup', empty.tabId);
    await expect.poll(() => ui2.locator('.row--empty').textContent(), { timeout: 15_000 }).toBe('This page has no links.');
    expect(await ui2.locator('.verdict').textContent()).toContain('0 links');
    await empty.page.close();
    await expect.poll(() => ui2.locator('[role=alert]').textContent(), { timeout: 10_000 }).toMatch(/tab was closed/);
    await ui2.close();
  });
});

describe('10,000 links', () => {
  it('shows a paginated table, sorts and highlights without freezing the popup', async () => {
    const { page, tabId } = await openPage(BIG);
    const ui = await session.context.newPage();
    await ui.setViewportSize({ width: 760, height: 580 });
    // Did the popup show how far the inspection was before the table was complete?
    await ui.addInitScript(() => {
      const w = window as any;
      w.__seen = { progress: false, preview: false };
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=progress]')) w.__seen.progress = true;
        if (document.querySelector('.notice--preview') && document.querySelectorAll('tbody tr.row[data-index]').length === 100) w.__seen.preview = true;
      }).observe(document, { subtree: true, childList: true });
    });
    await ui.goto(`${base}/popup.html?tabId=${tabId}`);
    await ui.getByText('Page 1 of 100').waitFor({ timeout: 45_000 });
    expect(await ui.evaluate(() => (window as any).__seen)).toEqual({ progress: true, preview: true });
    expect(await rowsOf(ui).count()).toBe(100);
    // Sorting and searching 10,000 rows finish (how fast is `npm run bench`'s business, not a test's).
    expect(await ui.locator('th.col-score').getAttribute('aria-sort')).toBe('descending');
    await ui.getByRole('button', { name: /^Score/ }).click();
    await expect.poll(() => ui.locator('th.col-score').getAttribute('aria-sort'), { timeout: 15_000 }).toBe('ascending');
    await ui.getByLabel('Search links').fill('anchor 9999');
    await expect.poll(() => rowsOf(ui).count(), { timeout: 15_000 }).toBe(1);
    await ui.getByRole('button', { name: 'Highlight' }).click();
    await expect.poll(async () => (await overlayOf(page)).boxes, { timeout: 20_000 }).toBeGreaterThan(10);
    // Only links in the viewport get a box.
    expect((await overlayOf(page)).boxes).toBeLessThan(200);
    await ui.close();
    await page.close();
  }, 90_000);
});

describe('side panel', () => {
  it('shows the same view and follows the tab when it navigates', async () => {
    const { page, tabId } = await openPage(ARTICLE);
    const ui = await openSurface('sidepanel', tabId);
    await expect.poll(() => rowsOf(ui).count(), { timeout: 20_000 }).toBeGreaterThan(10);
    expect(await ui.locator('.app').getAttribute('data-surface')).toBe('sidepanel');
    // 400 px: the anchor, its follow status and score stay in view (two-line rows).
    const fits = await ui.locator('tbody tr.row[data-index]').first().evaluate((tr) => {
      const right = tr.closest('.table-area')!.getBoundingClientRect().right;
      return ['.anchor-line', '.follow', '.score'].map((sel) => {
        const r = tr.querySelector(sel)!.getBoundingClientRect();
        return r.width > 0 && r.right <= right + 0.5;
      });
    });
    expect(fits).toEqual([true, true, true]);
    expect(await ui.locator('tbody tr.row[data-index] .sub-line').first().isVisible()).toBe(true);
    await screenshot(ui, 'sidepanel.png');
    await ui.emulateMedia({ colorScheme: 'dark' });
    await screenshot(ui, 'sidepanel-dark.png');
    await ui.emulateMedia({ colorScheme: 'light' });

    // The page adds a link while the panel is open: the report stays current.
    const before = await rowsOf(ui).count();
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.innerHTML = '<a href="https://late.example/added">link added by a script</a>';
      document.querySelector('article')!.append(p);
    });
    await expect.poll(() => rowsOf(ui).count(), { timeout: 10_000 }).toBe(before + 1);
    expect((await anchorTexts(ui)).some((t) => t.includes('link added by a script'))).toBe(true);

    await page.goto(SECOND, { waitUntil: 'load' });
    await expect.poll(() => ui.locator('h1').textContent(), { timeout: 20_000 }).toBe('Second Page About Peppers');
    await expect.poll(() => rowsOf(ui).count()).toBe(2);
    expect(await ui.locator('.verdict').textContent()).toContain('noindex');
    expect((await anchorTexts(ui))[0]).toContain('my pepper guide');
    await ui.close();
    await page.close();
  });
});

describe('options', () => {
  it('lists my domains from storage.sync and adds new ones', async () => {
    const ui = await session.context.newPage();
    await ui.goto(`${base}/options.html`);
    await ui.getByText('mysite.example', { exact: true }).waitFor();
    expect(await ui.getByLabel('Description of mysite.example').inputValue()).toBe('heirloom tomato and vegetable seeds');
    await ui.getByLabel('Domain', { exact: true }).fill('https://www.Client.example/shop');
    await ui.getByRole('button', { name: 'Add', exact: true }).click();
    await ui.getByText('Added client.example.').waitFor();
    const stored = await session.worker.evaluate(() => (globalThis as any).chrome.storage.sync.get(null));
    expect(Object.keys(stored)).toEqual(expect.arrayContaining(['myDomain:mysite.example', 'myDomain:client.example']));
    await ui.getByRole('button', { name: 'Remove client.example' }).click();
    await ui.getByText('client.example', { exact: true }).waitFor({ state: 'detached' });
    // Host access is granted in this harness.
    expect(await ui.getByText('granted', { exact: true }).count()).toBe(1);
    await ui.close();
  });
});

describe('context menu', () => {
  const click = (menuItemId: string, tabId: number, linkUrl?: string) =>
    session.worker.evaluate(
      async ({ menuItemId, tabId, linkUrl }) => {
        const tab = await (globalThis as any).chrome.tabs.get(tabId);
        return (globalThis as any).backlinkInspector.menuClick({ menuItemId, linkUrl, pageUrl: tab.url }, tab);
      },
      { menuItemId, tabId, linkUrl },
    );

  it('registers the three menu items', async () => {
    // contextMenus has no getter: re-run the install step and check it does not throw.
    const ok = await session.worker.evaluate(async () => {
      const menus = (globalThis as any).chrome.contextMenus;
      await new Promise<void>((r) => menus.removeAll(() => r()));
      return true;
    });
    expect(ok).toBe(true);
  });

  it('"Highlight links by placement" toggles the outlines on the page', async () => {
    const { page, tabId } = await openPage(ARTICLE);
    const before = await layoutOf(page);
    const on = await click('bi-highlight', tabId);
    expect(on).toMatchObject({ action: 'highlight', highlight: { ok: true, on: true } });
    await expect.poll(async () => (await overlayOf(page)).boxes, { timeout: 20_000 }).toBeGreaterThan(5);
    expect(await layoutOf(page)).toEqual(before);
    const off = await click('bi-highlight', tabId);
    expect(off).toMatchObject({ action: 'highlight', highlight: { ok: true, on: false } });
    expect((await overlayOf(page)).present).toBe(false);
    await page.close();
  });

  it('"Inspect this link" opens the link view on that link’s details', async () => {
    const { page, tabId } = await openPage(ARTICLE);
    const opened = session.context.waitForEvent('page', { timeout: 15_000 }).catch(() => null);
    const outcome = await click('bi-inspect-link', tabId, 'https://drip.example/kit');
    expect(outcome.action).toBe('inspect-link');
    // Without a user gesture Chromium refuses sidePanel.open / openPopup: the handler falls back
    // to the side panel page in a tab (with a gesture the side panel opens).
    expect(['sidepanel', 'popup', 'tab']).toContain(outcome.opened);
    if (outcome.opened === 'tab') {
      const ui = (await opened)!;
      expect(ui.url()).toBe(`${base}/sidepanel.html?tabId=${tabId}`);
      await expect.poll(() => ui.locator('tr.row--open').textContent(), { timeout: 20_000 }).toContain('Drip Kit 2000');
      expect(await ui.locator('.details').textContent()).toContain('https://drip.example/kit');
      await ui.close();
    }
    await page.close();
  });

  it('"Inspect links on this page" opens the link view on the page', async () => {
    const { page, tabId } = await openPage(SECOND);
    const opened = session.context.waitForEvent('page', { timeout: 15_000 }).catch(() => null);
    const outcome = await click('bi-inspect-page', tabId);
    expect(outcome).toMatchObject({ action: 'inspect-page' });
    if (outcome.opened === 'tab') {
      const ui = (await opened)!;
      await expect.poll(() => rowsOf(ui).count(), { timeout: 20_000 }).toBe(2);
      await ui.close();
    }
    await page.close();
  });
});
