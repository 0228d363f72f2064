/**
 * The built extension in real Chromium: the content script analyses a served page with layout,
 * the background injects it on demand and returns the report.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, tabIdOf, type ExtensionSession } from '../../scripts/lib/extension.ts';
import { chromiumDriver, inspectWith } from '../../scripts/lib/inspect-pages.ts';

const fixture = (name: string) => resolve(import.meta.dirname, '../fixtures', name);
const extensionDir = process.env.BI_EXTENSION_DIR;

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension({ extensionDir });
});
afterAll(async () => {
  await session?.close();
});

async function inspect(file: string, url: string) {
  const [outcome] = await inspectWith(chromiumDriver(session), [{ url, file }], { offline: true, concurrency: 1 });
  expect(outcome?.error).toBeUndefined();
  return outcome!.report;
}

describe('extension in Chromium', () => {
  it('reports every link of the sample page with page facts', async () => {
    const report = await inspect(resolve(import.meta.dirname, '../../assets/sample/organic-vegetables.html'), 'https://greenplot.example/blog/organic-tomatoes-leafy-greens');
    expect(report.version).toBe(1);
    expect(report.url).toBe('https://greenplot.example/blog/organic-tomatoes-leafy-greens');
    expect(report.title).toMatch(/Organic Tomatoes/);
    expect(report.language).toBe('en');
    expect(report.canonicalElsewhere).toBe(false);
    expect(report.counts.total).toBe(27);
    const byText = (t: string) => report.links.find((l: any) => l.text === t);
    expect(byText('Heirloom Seeds Co.')).toMatchObject({ internal: false, domain: 'heirloomseeds.example', kind: 'http' });
    expect(byText('Composting basics')).toMatchObject({ internal: true, url: 'https://greenplot.example/blog/composting-basics' });
    expect(byText('sponsored').rel).toEqual(['sponsored', 'nofollow']);
    expect(byText('Reply').kind).toBe('javascript');
    // Real layout: positions and font sizes exist, the off-screen link is hidden.
    expect(byText('Heirloom Seeds Co.').geometry.width).toBeGreaterThan(0);
    expect(byText('Heirloom Seeds Co.').geometry.aboveFold).toBe(true);
    expect(byText('Site by Web Design Agency').geometry.pageFraction).toBeGreaterThan(0.7);
    expect(byText('cheap pills')).toMatchObject({ hidden: true, hiddenReason: 'off-screen', followed: false, score: 0 });
  });

  it('detects hidden links by layout and style', async () => {
    const report = await inspect(fixture('layout/hidden-links.html'), 'https://hidden.example/page');
    const reason = (t: string) => report.links.find((l: any) => l.text === t || l.href.endsWith(t))?.hiddenReason;
    expect(reason('visible link')).toBeNull();
    expect(reason('display none')).toBe('display:none');
    expect(reason('visibility hidden')).toBe('visibility:hidden');
    expect(reason('in a transparent box')).toBe('opacity:0');
    expect(reason('zero size')).toMatch(/zero size|not rendered/);
    expect(reason('far left')).toBe('off-screen');
    expect(reason('white on white')).toBe('text colour matches background');
    expect(reason('clipped away')).toBe('clipped');
    // With scripts on, a <noscript>'s content is text; its link is still found (crawlers read it), as hidden.
    const noscript = report.links.find((l: any) => l.url === 'https://disqus.com/?ref_noscript');
    expect(noscript).toMatchObject({ text: 'comments powered by Disqus.', hidden: true, followed: false, geometry: null });
    expect(noscript.hiddenReason).toMatch(/noscript/);
    // In document order: between the clipped link and the one below the fold.
    const order = report.links.map((l: any) => l.text);
    expect(order.indexOf('comments powered by Disqus.')).toBe(order.indexOf('clipped away') + 1);
    expect(report.links.find((l: any) => l.text === 'below the fold').geometry.aboveFold).toBe(false);
    expect(report.links.find((l: any) => l.text === 'big call to action').fontSizeRatio).toBeGreaterThan(1.5);
  });

  it('reads links in same-origin frames and lists cross-origin frames as not inspected', async () => {
    const report = await inspect(fixture('layout/frames.html'), 'http://127.0.0.1:9/frames');
    const texts = report.links.map((l: any) => l.text);
    expect(texts).toContain('link in srcdoc frame');
    expect(report.links.find((l: any) => l.text === 'link in srcdoc frame').frame).toBeTruthy();
    expect(report.frames.some((f: any) => !f.inspected)).toBe(true);
  });

  it('uses geometry where markup says nothing: a narrow column beside the text is a sidebar, a band below it a footer', async () => {
    const report = await inspect(fixture('layout/geometry-columns.html'), 'https://castiron.example/care');
    const placementOf = (text: string) => report.links.find((l: any) => l.text === text)?.placement;
    expect(placementOf('seasoning guide from the foundry')).toBe('body');
    expect(placementOf('This restoration log')).toBe('body');
    for (const t of ['Carbon steel woks', 'Enamelled dutch ovens', 'Copper pots']) expect(placementOf(t)).toBe('sidebar');
    for (const t of ['About', 'Privacy', 'Terms']) expect(placementOf(t)).toBe('footer');
  });

  it('refuses browser pages with a clear reason', async () => {
    const page = await session.context.newPage();
    const tabId = await tabIdOf(session, page);
    await page.goto('chrome://version');
    const result = await session.worker.evaluate((id) => (globalThis as any).backlinkInspector.inspectTab(id), tabId);
    expect(result).toMatchObject({ ok: false, error: { code: 'restricted' } });
    await page.close();
  });

  it('opens from the keyboard: Chromium registers the popup shortcut', async () => {
    const commands = await session.worker.evaluate(() => (globalThis as any).chrome.commands.getAll());
    expect(commands.find((c: { name?: string }) => c.name === '_execute_action')).toMatchObject({ shortcut: 'Alt+Shift+L' });
  });
});
