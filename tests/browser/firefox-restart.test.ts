/**
 * Firefox forgets `menus.create` items when the browser restarts (for a persistent background
 * page), and runs no runtime.onInstalled then. The add-on is installed permanently (an unsigned
 * build: Firefox ESR honours `xpinstall.signatures.required: false`), the browser is restarted
 * with the same profile, and the right-click menu must still be there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIREFOX_EXTENSION_DIR, launchFirefoxExtension, type FirefoxExtensionSession } from '../../scripts/lib/firefox-extension.ts';

const root = resolve(import.meta.dirname, '../..');
const extensionDir = process.env.BI_FIREFOX_DIR ?? DEFAULT_FIREFOX_EXTENSION_DIR;
const work = mkdtempSync(join(tmpdir(), 'bi-restart-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Which of the menu items exist (menus.update rejects an unknown id). */
function menus(s: FirefoxExtensionSession): Promise<Record<string, boolean>> {
  return s.evaluate(
    s.control,
    `async () => {
      const out = {};
      for (const id of ['bi-inspect-link', 'bi-inspect-page', 'bi-highlight']) {
        out[id] = await globalThis.browser.contextMenus.update(id, {}).then(() => true, () => false);
      }
      return out;
    }`,
  );
}

const ALL = { 'bi-inspect-link': true, 'bi-inspect-page': true, 'bi-highlight': true };

describe('Firefox restart', () => {
  it(
    'keeps the right-click menu after the browser restarts',
    async () => {
      execFileSync(resolve(root, 'node_modules/.bin/web-ext'), ['build', '--source-dir', extensionDir, '--artifacts-dir', work, '--filename', 'addon.xpi', '--overwrite-dest', '--no-config-discovery'], {
        stdio: 'ignore',
      });
      const profileDir = join(work, 'profile');
      const uuid = randomUUID();
      const first = await launchFirefoxExtension({ profileDir, uuid, permanent: true, archive: join(work, 'addon.xpi'), grantHostAccess: false, noNetwork: true });
      try {
        expect(await menus(first)).toEqual(ALL);
      } finally {
        await first.close();
      }
      const again = await launchFirefoxExtension({ profileDir, uuid, skipInstall: true, grantHostAccess: false, noNetwork: true });
      try {
        expect(await again.evaluate(again.control, `() => globalThis.browser.runtime.id`)).toBe(first.addonId);
        await expect.poll(() => menus(again), { timeout: 30_000 }).toEqual(ALL);
      } finally {
        await again.close();
      }
    },
    // Two browser starts and a packed build on a busy 2-core machine (~45 s measured), 5× headroom.
    300_000,
  );
});
