/** Prints the Chromium and Firefox the browser tests will use, installing Debian's packages if needed. */
import { CHROMIUM } from './lib/chromium.ts';
import { FIREFOX } from './lib/firefox.ts';
import { ensureBrowsers } from './lib/system-browser.ts';

try {
  const [chromium, firefox] = ensureBrowsers([CHROMIUM, FIREFOX]);
  console.error(`chromium: ${chromium}\nfirefox: ${firefox}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
