/**
 * inspect — loads the BUILT extension into headless Chromium, opens each page and prints the
 * extension's link report.
 *
 *   npm run inspect -- [--json | --jsonl] [--offline] [--concurrency N] [--extension DIR] <url|file|FILE=URL>...
 *
 * With no page it inspects the bundled sample page (offline).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { inspectPages, parseTarget, type Target } from './lib/inspect-pages.ts';
import { formatReport } from './lib/format-report.ts';

const SAMPLE = `${resolve(import.meta.dirname, '../assets/sample/organic-vegetables.html')}=https://greenplot.example/blog/organic-tomatoes-leafy-greens`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    jsonl: { type: 'boolean', default: false },
    offline: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '2' },
    extension: { type: 'string' },
    timeout: { type: 'string', default: '30000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: npm run inspect -- [--json|--jsonl] [--offline] [--concurrency N] [--extension DIR] <url|file.html[.gz]|FILE=URL>...');
  process.exit(0);
}

const args = positionals.length ? positionals : [SAMPLE];
const offline = values.offline || positionals.length === 0;
let targets: Target[];
try {
  targets = args.map(parseTarget);
} catch (e) {
  console.error(`inspect: ${(e as Error).message}`);
  process.exit(2);
}

let failures = 0;
const collected: unknown[] = [];
await inspectPages(targets, {
  offline,
  concurrency: Number(values.concurrency),
  timeoutMs: Number(values.timeout),
  extensionDir: values.extension ? resolve(values.extension) : undefined,
  onResult(outcome) {
    if (outcome.error) failures++;
    if (values.jsonl) {
      process.stdout.write(JSON.stringify(outcome.error ? { url: outcome.url, error: outcome.error } : outcome.report) + '\n');
    } else if (values.json) {
      collected.push(outcome.error ? { url: outcome.url, error: outcome.error } : outcome.report);
    } else if (outcome.error) {
      console.error(`${outcome.url}: ${outcome.error.message}`);
    } else {
      console.log(formatReport(outcome.report) + '\n');
    }
  },
}).catch((e) => {
  console.error(`inspect: ${(e as Error).message}`);
  process.exit(1);
});
if (values.json) console.log(JSON.stringify(collected.length === 1 ? collected[0] : collected, null, 2));
process.exit(failures === targets.length ? 1 : 0);
