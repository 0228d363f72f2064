/**
 * Issue 19 §7: from opening the popup on the generated 10,000-link page to its first rows (the
 * preview of the best links the background sends before the full report) and to the full table
 * (the inspection done, its rows in the table). The popup page is opened as a tab with ?tabId=, as the browser
 * tests do; times are the popup's own clock, navigation start → the element in the DOM.
 *
 *   node scripts/bench/popup.ts [extensionDir]     (part of npm run bench)
 */
import type { Page } from 'playwright-core';
import { launchExtension, tabIdOf } from '../lib/extension.ts';
import { generatePage } from '../lib/generate-page.ts';

const URL_10K = 'https://bench.example/generated-popup';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export interface PopupTimes {
  firstRows: number[];
  fullTable: number[];
  progressShown: number;
}

/** Opens the popup `runs` times on a fresh load of the 10,000-link page. */
export async function popupTimes(extensionDir: string | undefined, runs: number): Promise<PopupTimes> {
  const session = await launchExtension({ extensionDir });
  const html = generatePage(10_000);
  await session.context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === URL_10K) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    // The popup's own files (chrome-extension://) and loopback pass; nothing reaches the internet.
    return !/^https?:/.test(url) || new URL(url).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
  });
  const page: Page = await session.context.newPage();
  const tabId = await tabIdOf(session, page);
  const out: PopupTimes = { firstRows: [], fullTable: [], progressShown: 0 };
  try {
    for (let r = 0; r < runs; r++) {
      await page.goto(URL_10K, { waitUntil: 'load' });
      const ui = await session.context.newPage();
      await ui.setViewportSize({ width: 780, height: 600 });
      await ui.addInitScript(() => {
        const w = window as any;
        w.__bi = { progress: false };
        new MutationObserver(() => {
          const now = performance.now();
          if (document.querySelector('[data-testid=progress]')) w.__bi.progress = true;
          if (!w.__bi.first && document.querySelector('tbody tr.row[data-index]')) w.__bi.first = now;
          if (!w.__bi.full && document.querySelector('.app[data-phase=done] tbody tr.row[data-index]')) w.__bi.full = now;
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await ui.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
      await ui.waitForFunction(() => (window as any).__bi?.full, undefined, { timeout: 120_000, polling: 50 });
      const t = await ui.evaluate(() => (window as any).__bi);
      out.firstRows.push(t.first);
      out.fullTable.push(t.full);
      if (t.progress) out.progressShown++;
      await ui.close();
    }
  } finally {
    await session.close();
  }
  return out;
}

export async function benchPopup(extensionDir: string | undefined, runs: number): Promise<string> {
  const t = await popupTimes(extensionDir, runs);
  return [
    `Popup on the 10,000-link page (median of ${runs} runs; popup's navigation start → in the DOM):`,
    `  first rows ${median(t.firstRows).toFixed(0)} ms · full table ${median(t.fullTable).toFixed(0)} ms · progress shown in ${t.progressShown}/${runs} runs`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPopup(process.argv[2] ?? process.env.BI_EXTENSION_DIR, Number(process.env.BENCH_RUNS ?? 5)));
}
