/**
 * Loads the shipped strength table (public/strength/domains.bin) once, like the relevance data
 * (lib/analysis/relevance/assets.ts): in the extension it is an extension resource fetched by the
 * background (not web-accessible: pages cannot probe it); in Node (tests, CLI scripts, bench) it
 * is read from the repository. A missing or broken table is not fatal: strength is then unknown.
 */
import { decodeStrengthTable } from './table-format.ts';
import { StrengthTable } from './lookup.ts';

export const TABLE_PATH = 'strength/domains.bin';

export type TableReader = () => Promise<ArrayBuffer>;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

async function nodeReader(): Promise<ArrayBuffer> {
  // Hidden from the bundler: this branch only runs in Node.
  const fs = (await import(/* @vite-ignore */ 'node:' + 'fs/promises')) as typeof import('node:fs/promises');
  // A string path: under jsdom the global URL is not Node's, and fs rejects it.
  const here = import.meta.url;
  const buf = await fs.readFile(decodeURIComponent(new URL(`../../../public/${TABLE_PATH}`, here).pathname));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

async function extensionReader(): Promise<ArrayBuffer> {
  const runtime = (globalThis as { chrome?: { runtime?: { getURL?(p: string): string } } }).chrome?.runtime;
  if (!runtime?.getURL) throw new Error('no extension runtime to load the strength table from');
  const res = await fetch(runtime.getURL(`/${TABLE_PATH}`));
  if (!res.ok) throw new Error(`strength table: HTTP ${res.status}`);
  return res.arrayBuffer();
}

let reader: TableReader = isNode ? nodeReader : extensionReader;
let pending: Promise<StrengthTable | null> | null = null;

/** Tests may point the loader elsewhere (and start over). */
export function setTableReader(next: TableReader): void {
  reader = next;
  pending = null;
}

/** The table, decoded once; null when it could not be read (strength then stays unknown). */
export function loadStrengthTable(): Promise<StrengthTable | null> {
  pending ??= reader()
    .then((buffer) => new StrengthTable(decodeStrengthTable(buffer)))
    .catch(() => null);
  return pending;
}
