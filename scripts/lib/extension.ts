/**
 * Launches real Chromium with the BUILT extension loaded, and drives it: the same code path a
 * user gets, with one difference — host access to all sites is granted up front (the optional
 * permission a user grants in the options page), because automation cannot click the
 * toolbar button that would grant activeTab.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { ensureChromium } from './chromium.ts';

export const DEFAULT_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** Flags that keep headless Chromium quiet on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints,HttpsUpgrades',
];

export interface ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** The unpacked copy actually loaded (with host access granted). */
  extensionDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  /** Grant the optional all-sites host permission (default true). */
  grantHostAccess?: boolean;
  viewport?: { width: number; height: number };
  /** More Chromium flags, e.g. `--host-resolver-rules=MAP *.example 127.0.0.1` (public-looking names for local servers). */
  args?: string[];
}

function prepareExtension(sourceDir: string, grantHostAccess: boolean): { dir: string; cleanup: () => void } {
  if (!existsSync(join(sourceDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${sourceDir}: run \`npm run build\` first.`);
  }
  const root = mkdtempSync(join(tmpdir(), 'bi-ext-'));
  const dir = join(root, 'extension');
  cpSync(sourceDir, dir, { recursive: true });
  if (grantHostAccess) {
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])])];
    // webRequest is asked for with host access (link checks): granted together.
    manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])])];
    writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const executablePath = ensureChromium();
  const { dir, cleanup: cleanupExtension } = prepareExtension(options.extensionDir ?? DEFAULT_EXTENSION_DIR, options.grantHostAccess ?? true);
  const userDataDir = mkdtempSync(join(tmpdir(), 'bi-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    args: [...CHROMIUM_ARGS, ...(options.args ?? []), `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionDir: dir,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
      cleanupExtension();
    },
  };
}

/** The tab id the extension sees for a Playwright page (matched through a unique marker URL). */
export async function tabIdOf(session: ExtensionSession, page: import('playwright-core').Page): Promise<number> {
  const marker = `http://127.0.0.1:9/__backlink_inspector_marker/${Math.random().toString(36).slice(2)}`;
  await page.route(marker, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>marker</title>' }));
  await page.goto(marker);
  await page.unroute(marker);
  const id = await session.worker.evaluate(async (url) => {
    const tabs = await (globalThis as any).chrome.tabs.query({ url });
    return tabs[0]?.id ?? -1;
  }, marker);
  if (id < 0) throw new Error('Could not find the tab in the extension.');
  return id;
}
