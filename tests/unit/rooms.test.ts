/**
 * The rooms of lib/ (see the README's folder map) and what each may import. Code for the page
 * must not reach for extension APIs or storage (it runs in the inspected page's content script);
 * the DOM-free analysis stages must not need the page or the extension (the CLI and tests run
 * them); the background must not bundle page code; nothing in lib/ depends on the UI.
 * Type-only imports cross rooms freely: they vanish from the bundles.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...filesUnder(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Value imports of a file (type-only imports and exports are left out), as repo paths or package names. */
export function valueImports(file: string, source: string): string[] {
  const specs: string[] = [];
  const re = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m[1]) continue;
    specs.push(m[2]!);
  }
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs.map((s) => {
    if (s.startsWith('@/')) return s.slice(2);
    if (s.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(file), s));
    return s;
  });
}

const EXTENSION_APIS = ['wxt/browser', 'webextension-polyfill', '@webext-core/messaging', 'idb'];
const UI = ['preact', 'preact/hooks', 'components/'];
/** Shared root modules that use extension APIs or storage. */
const EXTENSION_ROOT_MODULES = ['lib/messaging', 'lib/settings', 'lib/focus-request'];

interface Rule {
  room: string;
  forbidden: string[];
}

const RULES: Rule[] = [
  // The public suffix list (130 kB) stays out of the injected script: the background decides domains.
  { room: 'lib/page/', forbidden: [...EXTENSION_APIS, ...UI, ...EXTENSION_ROOT_MODULES, 'lib/analysis/', 'lib/background/', 'lib/history/', 'tldts', 'lib/domain'] },
  { room: 'lib/analysis/', forbidden: [...EXTENSION_APIS, ...UI, ...EXTENSION_ROOT_MODULES, 'lib/page/', 'lib/background/', 'lib/history/'] },
  { room: 'lib/background/', forbidden: [...UI, 'lib/page/'] },
  { room: 'lib/history/', forbidden: [...UI, 'lib/page/', 'lib/background/'] },
  // Reading fetched HTML on a Document: runs in Chrome's offscreen document, Firefox's background
  // page and jsdom alike, so no extension APIs; it may use the page half (audits run it there).
  { room: 'lib/parse/', forbidden: [...EXTENSION_APIS, ...UI, ...EXTENSION_ROOT_MODULES, 'lib/analysis/', 'lib/background/', 'lib/history/'] },
  // Audit lists, verdicts, changes and their store: the background, the Audits page and the CLI
  // share them (idb like history; the engine with the network lives in lib/background/audit).
  { room: 'lib/audit/', forbidden: [...UI, 'wxt/browser', 'webextension-polyfill', '@webext-core/messaging', ...EXTENSION_ROOT_MODULES, 'lib/page/', 'lib/background/', 'lib/history/'] },
  { room: 'lib/', forbidden: UI },
  { room: 'components/', forbidden: ['lib/page/', 'lib/analysis/', 'lib/background/'] },
];

const matches = (spec: string, pattern: string) => (pattern.endsWith('/') ? spec.startsWith(pattern) : spec === pattern || spec.startsWith(pattern + '.') || spec.startsWith(pattern + '/'));

describe('rooms', () => {
  const files = [...filesUnder('lib'), ...filesUnder('components')];

  it('finds the rooms', () => {
    for (const room of ['lib/page/', 'lib/analysis/', 'lib/background/', 'lib/history/', 'lib/parse/', 'lib/audit/']) {
      expect(files.some((f) => f.startsWith(room)), room).toBe(true);
    }
  });

  it('the import reader sees value imports and skips type-only ones', () => {
    const src = "import { a } from '../x';\nimport type { B } from '@/lib/page/y';\nexport { c } from './z';\nconst m = await import('wxt/browser');";
    expect(valueImports('lib/analysis/f.ts', src)).toEqual(['lib/x', 'lib/analysis/z', 'wxt/browser']);
  });

  for (const rule of RULES) {
    it(`${rule.room} imports nothing it must not`, () => {
      const offences: string[] = [];
      for (const f of files.filter((f) => f.startsWith(rule.room))) {
        for (const spec of valueImports(f, readFileSync(join(ROOT, f), 'utf8'))) {
          if (rule.forbidden.some((p) => matches(spec, p))) offences.push(`${f} → ${spec}`);
        }
      }
      expect(offences).toEqual([]);
    });
  }
});
