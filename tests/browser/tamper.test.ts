/**
 * The page cannot see or fool the inspection (issue #13 §1): nothing it can observe precedes the
 * snapshot, and a page that rewrites its links while being read is flagged in the report.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';
import { overlayOf } from './overlay-probe.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/tamper', name), 'utf8');
let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension({ extensionDir: process.env.BI_EXTENSION_DIR });
  await session.context.route('https://tamper.example/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture(name).replaceAll('__EXTENSION_ID__', session.extensionId) });
  });
});

afterAll(async () => {
  await session?.close();
});

async function open(name: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  const tabId = await tabIdOf(session, page);
  await page.goto(`https://tamper.example/${name}`, { waitUntil: 'load' });
  return { page, tabId };
}

async function inspect(tabId: number): Promise<any> {
  const result = await session.worker.evaluate((id) => (globalThis as any).backlinkInspector.inspectTab(id), tabId);
  if (!result.ok) throw new Error(result.error.message);
  return result.report;
}

describe('the page cannot tell it is being inspected', () => {
  it('sees no message or event from the analyser, so its paid link keeps rel="sponsored nofollow"', async () => {
    const { page, tabId } = await open('listens.html');
    const report = await inspect(tabId);
    expect(await page.evaluate(() => (window as any).__seen)).toEqual([]);
    const paid = report.links.find((l: any) => l.text === 'Drip Kit 2000');
    expect(paid.rel).toEqual(['sponsored', 'nofollow']);
    expect(paid.followed).toBe(false);
    expect(report.links.some((l: any) => l.text === 'Buy the Drip Kit 2000')).toBe(false);
    expect(report.changedLinks).toEqual({ count: 0, changes: [] });
    // Asking again (the analyser is already in the page) announces nothing either.
    await inspect(tabId);
    expect(await page.evaluate(() => (window as any).__seen)).toEqual([]);
    await page.close();
  });
});

describe('a page that rewrites its links while being inspected', () => {
  it('is flagged: the report lists which links changed and how, and keeps them as first read', async () => {
    const { page, tabId } = await open('timer.html');
    const report = await inspect(tabId);
    const { count, changes } = report.changedLinks;
    // The page flips one link per timer tick; it gets at least one tick (the turn before the
    // second read), and far fewer than the 500 that would flip every link back.
    expect(count).toBeGreaterThan(0);
    expect(changes.length).toBe(Math.min(count, 50));
    for (const c of changes) {
      expect(c.what).toBe('rel');
      const analysed = report.links[c.index];
      expect(analysed.href).toBe(c.href);
      expect(analysed.rel.join(' ')).toBe(c.before);
      expect([c.before, c.after].sort()).toEqual(['', 'sponsored nofollow']);
    }
    await page.close();
  });
});

describe('the on-page overlay', () => {
  it('cannot be read, forged or taken over by the page', async () => {
    const { page, tabId } = await open('overlay.html');
    const result = await session.worker.evaluate((id) => (globalThis as any).backlinkInspector.setHighlight(id, 'on'), tabId);
    expect(result).toMatchObject({ ok: true, on: true });
    await expect.poll(async () => (await overlayOf(page)).boxes, { timeout: 20_000 }).toBeGreaterThan(3);
    const overlay = await overlayOf(page);
    expect(overlay).toMatchObject({ hostTag: 'div', mode: 'closed', position: 'fixed', pointerEvents: 'none', display: 'block' });
    // The badges are the report's, not the page's "100 · body".
    expect(overlay.badges.every((b) => /^\d+ · (body|nav|header|footer|sidebar|comments|related)$/.test(b))).toBe(true);
    expect(overlay.badges).not.toContain('100 · body');
    // The page saw a div whose shadow root it cannot open, and its attachShadow patch caught nothing.
    const seen = await page.evaluate(() => ({ seen: (window as any).__seen, captured: (window as any).__captured.length }));
    expect(seen.captured).toBe(0);
    expect(seen.seen.length).toBeGreaterThan(0);
    expect(seen.seen.every((s: any) => s.tag === 'div' && s.shadow === 'closed')).toBe(true);
    await page.close();
  });
});

describe('fingerprinting', () => {
  it('no page can load a file of the extension to learn it is installed', async () => {
    const { page } = await open('listens.html');
    const url = `chrome-extension://${session.extensionId}/relevance/README.md`;
    const loaded = await page.evaluate(async (u) => {
      try {
        const res = await fetch(u);
        return res.status;
      } catch {
        return 'refused';
      }
    }, url);
    expect(loaded).toBe('refused');
    await page.close();
  });
});
