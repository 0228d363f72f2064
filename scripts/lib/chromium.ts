/** Finds the Chromium to drive (CHROME_PATH or a system install; Debian's `chromium` when missing). */
import { ensureBrowsers, findBrowser, type SystemBrowser } from './system-browser.ts';

export const CHROMIUM: SystemBrowser = {
  name: 'Chromium',
  envVar: 'CHROME_PATH',
  debianPackage: 'chromium',
  candidates: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
};

export function findChromium(): string | null {
  return findBrowser(CHROMIUM);
}

/** Returns a Chromium path, installing Debian's package when possible; throws with a hint otherwise. */
export function ensureChromium(log?: (line: string) => void): string {
  return ensureBrowsers([CHROMIUM], log)[0]!;
}
