/** Prints the Chromium the browser tests will use, installing Debian's package if needed. */
import { ensureChromium } from './lib/chromium.ts';

try {
  console.error(`chromium: ${ensureChromium()}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
