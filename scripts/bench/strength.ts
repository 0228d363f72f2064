/**
 * Site-strength benchmark (part of `npm run bench`; alone: `node scripts/bench/strength.ts`):
 * the shipped table's size (as a file, and deflated as the store packages carry it), how long
 * loading it takes, and lookups of 10,000 domains — half listed (names from
 * ../shared/data/authority when present), half not, a third of them as www./blog. subdomains
 * that fall back to their registrable domain. Medians of several runs, in Node, on whatever
 * else the machine is doing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { decodeStrengthTable } from '../../lib/analysis/strength/table-format.ts';
import { StrengthTable } from '../../lib/analysis/strength/lookup.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TABLE = resolve(ROOT, 'public/strength/domains.bin');
const SHARED = resolve(ROOT, '../shared/data/authority');
const RUNS = 9;
const LOOKUPS = 10_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function listedNames(n: number): string[] {
  if (!existsSync(SHARED)) return [];
  const file = readdirSync(SHARED).find((f) => f.startsWith('tranco_'));
  if (!file) return [];
  const names = readFileSync(resolve(SHARED, file), 'utf8')
    .split('\n')
    .map((l) => l.split(',')[1]?.trim())
    .filter((d): d is string => !!d);
  // Spread over the whole list, not just its head.
  const step = Math.max(1, Math.floor(names.length / n));
  return names.filter((_, i) => i % step === 0).slice(0, n);
}

export function benchStrength(): string {
  const bytes = readFileSync(TABLE);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const loads: number[] = [];
  let table!: StrengthTable;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    table = new StrengthTable(decodeStrengthTable(buffer));
    loads.push(performance.now() - t0);
  }

  const listed = listedNames(LOOKUPS / 2);
  const hosts: string[] = [];
  for (let i = 0; hosts.length < LOOKUPS; i++) {
    const name = i % 2 === 0 && listed.length ? listed[(i / 2) % listed.length]! : `garden-notes-${i}.example`;
    hosts.push(i % 3 === 0 ? `www.${name}` : i % 3 === 1 ? `blog.${name}` : name);
  }
  let found = 0;
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    found = 0;
    const t0 = performance.now();
    for (const h of hosts) if (table.lookup(h)?.authority || table.lookup(h)?.popularity) found++;
    times.push((performance.now() - t0) / 2); // two lookups per host above
  }
  const ms = median(times);
  return [
    'Site strength (Node, median of 9 runs; shared machine):',
    `  table public/strength/domains.bin: ${table.size.toLocaleString('en')} domains, ${bytes.length.toLocaleString('en')} bytes (budget 307,200); deflated as in the store zip ${deflateRawSync(bytes).length.toLocaleString('en')} bytes; gzip -9 ${gzipSync(bytes, { level: 9 }).length.toLocaleString('en')} bytes`,
    `  load + decode: ${loads[0]!.toFixed(1)} ms cold, ${median(loads).toFixed(1)} ms warm (once per background start)`,
    `  ${LOOKUPS.toLocaleString('en')} lookups (${listed.length ? 'half listed' : 'none listed: ../shared/data absent'}, 2/3 via a subdomain): ${ms.toFixed(1)} ms, ${((ms * 1000) / LOOKUPS).toFixed(2)} µs each; ${found.toLocaleString('en')} found`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) console.log(benchStrength());
