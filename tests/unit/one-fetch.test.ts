// @vitest-environment node
/**
 * Every network read of the extension goes through the one bounded fetch module
 * (lib/background/net: policy, caps, per-host limits). A static check over the extension's
 * source: outside that module nothing calls the global `fetch` or opens another network channel
 * (XMLHttpRequest, WebSocket, EventSource, sendBeacon). The exceptions are few and named: reads
 * of the extension's own packaged files (runtime.getURL), which never leave the browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** The extension's code: what the bundles are built from. */
const SOURCE_DIRS = ['lib', 'entrypoints', 'components'];
const FETCH_MODULE = 'lib/background/net/';
/** Files that read the extension's own files, and how: the check still fails on any other network call in them. */
const OWN_FILE_READS: Record<string, RegExp> = {
  'lib/analysis/strength/table-asset.ts': /\bfetch\(\s*runtime\.getURL\(/g,
  'lib/analysis/relevance/assets.ts': /\bfetch\(\s*runtime\.getURL\(/g,
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Comments out, strings kept (a URL in a string is not a call). Good enough for this codebase's style. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Network calls that bypass the fetch module, as `line: text`. */
export function networkCalls(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    // The global fetch: called bare, or taken from the global object (not a method like net.fetch).
    /(?<![.\w$])fetch\s*\(/,
    /\b(?:globalThis|self|window)\s*\.\s*fetch\b/,
    /\bnew\s+(?:XMLHttpRequest|WebSocket|EventSource)\b/,
    /\bsendBeacon\s*\(/,
  ];
  withoutComments(source)
    .split('\n')
    .forEach((line, i) => {
      if (patterns.some((p) => p.test(line))) found.push(`${i + 1}: ${line.trim()}`);
    });
  return found;
}

describe('one fetch module', () => {
  const files = SOURCE_DIRS.flatMap(sourceFiles);

  it('finds the source and the module', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith(FETCH_MODULE))).toContain('lib/background/net/fetch.ts');
    for (const f of Object.keys(OWN_FILE_READS)) expect(files, f).toContain(f);
  });

  it('the check sees the ways a module could reach the network', () => {
    expect(networkCalls('const r = await fetch(url);')).toHaveLength(1);
    expect(networkCalls('const f = globalThis.fetch.bind(globalThis);')).toHaveLength(1);
    expect(networkCalls('const x = new XMLHttpRequest();\nnavigator.sendBeacon(u, b);\nnew WebSocket(u)')).toHaveLength(3);
    expect(networkCalls('await net.fetch(url); await backgroundNet().fetch(u); // fetch(x)\n/* fetch(y) */')).toEqual([]);
  });

  it('nothing outside lib/background/net calls fetch or another network API', () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (file.startsWith(FETCH_MODULE)) continue;
      let source = readFileSync(join(ROOT, file), 'utf8');
      const allowed = OWN_FILE_READS[file];
      if (allowed) {
        expect(source.match(allowed), `${file} still reads its own file this way`).not.toBeNull();
        source = source.replace(allowed, 'ownFile(');
      }
      for (const call of networkCalls(source)) offenders.push(`${file}:${call}`);
    }
    expect(offenders).toEqual([]);
  });
});
