/**
 * inspect — loads the BUILT extension into headless Chromium (or Firefox), opens each page and
 * prints the extension's link report with the page's HTTP status and X-Robots-Tag.
 *
 *   npm run inspect -- [--browser chromium|firefox] [--json | --jsonl] [--offline] [--concurrency N]
 *                      [--extension DIR] [--timeout MS] [--check-links [--check-mode head|get] [--check-delay MS]]
 *                      [--local-host NAME]...
 *                      <url|file|FILE=URL>...
 *
 * --check-links runs the extension's "Check links" on each page (HEAD/GET through its bounded
 * fetch module, redirects hop by hop) and reports again: each link's status chain, final URL and
 * X-Robots-Tag in the table, `links[].health` and `linkCheck` in JSON; --check-mode get reads each
 * target's <head> too (meta refresh, meta robots), --check-delay MS spaces two requests to one
 * host (0–60,000 ms, as in the extension's settings). --local-host NAME makes
 * the browser resolve NAME to this machine (testing against a local server under public names).
 *
 * With no page it inspects the bundled sample page (offline). Exit status: 0 when at least one
 * page was inspected, 1 when every page failed (an HTTP error status counts as a failure), 2 for
 * bad arguments. Nothing a page controls reaches the terminal as a control character.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { inspectPages, parseTarget, type BrowserName, type InspectOutcome, type Target } from './lib/inspect-pages.ts';
import { formatReport } from './lib/format-report.ts';
import { printable, printableLines, safeJson } from './lib/terminal-text.ts';

const SAMPLE = `${resolve(import.meta.dirname, '../assets/sample/organic-vegetables.html')}=https://greenplot.example/blog/organic-tomatoes-leafy-greens`;
const USAGE =
  'usage: npm run inspect -- [--browser chromium|firefox] [--json|--jsonl] [--offline] [--concurrency N] [--extension DIR] [--timeout MS] [--check-links [--check-mode head|get] [--check-delay MS]] [--local-host NAME]... <url|file.html[.gz]|FILE=URL>...';

function fail(message: string, code: number): never {
  console.error(printable(`inspect: ${message}`));
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      browser: { type: 'string', default: 'chromium' },
      json: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
      extension: { type: 'string' },
      timeout: { type: 'string', default: '30000' },
      'check-links': { type: 'boolean', default: false },
      'check-mode': { type: 'string', default: 'head' },
      'check-delay': { type: 'string', default: '0' },
      'local-host': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.browser !== 'chromium' && values.browser !== 'firefox') fail(`--browser must be chromium or firefox, not ${values.browser}`, 2);
const browser = values.browser as BrowserName;
const concurrency = Number(values.concurrency);
const timeoutMs = Number(values.timeout);
if (!Number.isInteger(concurrency) || concurrency < 1) fail('--concurrency must be a positive integer', 2);
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) fail('--timeout must be a positive number of milliseconds', 2);

const checkMode = values['check-mode'];
const checkDelay = Number(values['check-delay']);
if (checkMode !== 'head' && checkMode !== 'get') fail(`--check-mode must be head or get, not ${checkMode}`, 2);
if (!Number.isInteger(checkDelay) || checkDelay < 0 || checkDelay > 60_000) fail('--check-delay must be a whole number of milliseconds from 0 to 60000', 2);
const localHosts = values['local-host'] ?? [];
// Host names only: each becomes a resolver rule (Chromium) or a pref entry (Firefox).
const badHost = localHosts.find((h) => !/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(h));
if (badHost !== undefined) fail(`--local-host takes a host name, not ${badHost}`, 2);

const args = positionals.length ? positionals : [SAMPLE];
const offline = values.offline || positionals.length === 0;
let targets: Target[] = [];
try {
  targets = args.map(parseTarget);
} catch (e) {
  fail((e as Error).message, 2);
}

/** What --json/--jsonl print for a page: the report with `http` next to its fields, or the error. */
function record(outcome: InspectOutcome): unknown {
  if (outcome.error) return { url: outcome.url, http: outcome.http, error: outcome.error };
  return { ...outcome.report, http: outcome.http, ...(outcome.linkCheck ? { linkCheck: outcome.linkCheck } : {}) };
}

// Interrupted: exit through process.exit, so the browser is closed too (scripts/lib/firefox.ts).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

let failures = 0;
const collected: unknown[] = [];
try {
  await inspectPages(targets, {
    browser,
    offline,
    concurrency,
    timeoutMs,
    extensionDir: values.extension ? resolve(values.extension) : undefined,
    checkLinks: values['check-links'] ? { mode: checkMode as 'head' | 'get', delayMs: checkDelay } : false,
    localHosts,
    onResult(outcome) {
      if (outcome.error) failures++;
      if (values.jsonl) process.stdout.write(safeJson(record(outcome)) + '\n');
      else if (values.json) collected.push(record(outcome));
      else if (outcome.error) console.error(printable(`${outcome.url}: ${outcome.error.message}`));
      else console.log(printableLines(formatReport(outcome.report, outcome.http, outcome.linkCheck)) + '\n');
    },
  });
} catch (e) {
  fail((e as Error).message, 1);
}
if (values.json) console.log(safeJson(collected.length === 1 ? collected[0] : collected, 2));
process.exit(failures === targets.length ? 1 : 0);
