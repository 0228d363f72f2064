/**
 * Loads the shipped relevance data (public/relevance/*) on demand. In the extension the files are
 * extension resources fetched off the main thread; in Node (tests, eval, bench) they are read
 * from the repository. Each file is fetched once per page; loading never blocks the page.
 */
export type AssetReader = (path: string) => Promise<ArrayBuffer>;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

async function nodeReader(path: string): Promise<ArrayBuffer> {
  // Hidden from the bundler: this branch only runs in Node.
  const fs = (await import(/* @vite-ignore */ 'node:' + 'fs/promises')) as typeof import('node:fs/promises');
  // Not `new URL(…, import.meta.url)` inline: Vite rewrites that pattern into asset imports.
  // A string path: under jsdom the global URL is not Node's, and fs rejects it.
  const here = import.meta.url;
  const buf = await fs.readFile(decodeURIComponent(new URL(`../../../public/relevance/${path}`, here).pathname));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

async function extensionReader(path: string): Promise<ArrayBuffer> {
  const runtime = (globalThis as { chrome?: { runtime?: { getURL?(p: string): string } } }).chrome?.runtime;
  if (!runtime?.getURL) throw new Error('no extension runtime to load relevance data from');
  const res = await fetch(runtime.getURL(`/relevance/${path}`));
  if (!res.ok) throw new Error(`relevance data ${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

let reader: AssetReader = isNode ? nodeReader : extensionReader;

/** Tests may point the loader elsewhere. */
export function setAssetReader(next: AssetReader): void {
  reader = next;
}

const pending = new Map<string, Promise<ArrayBuffer | null>>();

/** The file's bytes, or null when it is missing (the caller falls back to less data). */
export function readAsset(path: string): Promise<ArrayBuffer | null> {
  let p = pending.get(path);
  if (!p) {
    p = reader(path).catch(() => null);
    pending.set(path, p);
  }
  return p;
}
