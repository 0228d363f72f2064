import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll, linksOf, listInspections, saveInspection } from '@/lib/history/store';
import { EXPORT_FORMAT, exportHistory, exportHistoryJson, exportHistoryParts, utf8Bytes, type ExportPart, type HistoryExport } from '@/lib/history/export';
import { importHistory, importHistoryFiles, validateHistoryExport } from '@/lib/history/import';
import { HistoryImportError, HistoryQuotaError } from '@/lib/history/errors';
import { getHistoryDb } from '@/lib/history/db';
import { LIMITS } from '@/lib/limits';
import { SECTION3_TRAITS } from '../fixtures/history/traits';
import { freshIndexedDb, makeReport } from './history-helpers';

beforeEach(freshIndexedDb);

const day = (d: number) => Date.UTC(2025, 0, d);

async function seed() {
  await saveInspection(makeReport({ url: 'https://a.test/p', time: day(1), links: [{ url: 'https://mine.com/', text: 'M' }, { url: 'https://x.com/' }] }));
  await saveInspection(makeReport({ url: 'https://a.test/p', time: day(2), links: [{ url: 'https://mine.com/', rel: ['nofollow'], followed: false }] }));
  await saveInspection(makeReport({ url: 'https://b.test/', time: day(3), links: [] }));
}

/** Everything stored, without the ids IndexedDB assigns, in a stable order (imports may add in another). */
async function snapshot() {
  const db = await getHistoryDb();
  const order = (a: { pageUrl: string; time: number }, b: { pageUrl: string; time: number }) => a.pageUrl.localeCompare(b.pageUrl) || a.time - b.time;
  const inspections = (await db.getAll('inspections')).map(({ id: _id, ...r }) => r).sort(order);
  const links = (await db.getAll('links')).map(({ id: _id, inspectionId: _o, ...l }) => l).sort((a, b) => order(a, b) || a.index - b.index);
  return { inspections, links };
}

async function exported(): Promise<HistoryExport> {
  return JSON.parse(await exportHistoryJson()) as HistoryExport;
}

const none = { rejected: [] };

describe('export / import round trip', () => {
  it('exports a versioned document and re-imports it identically', async () => {
    await seed();
    const before = await snapshot();
    const doc = await exported();
    expect(doc.format).toBe(EXPORT_FORMAT);
    expect(doc.version).toBe(1);
    expect(doc).not.toHaveProperty('part');
    expect(doc.inspections.map((i) => i.time)).toEqual([day(1), day(2), day(3)].map((t) => new Date(t).toISOString()));
    expect(doc.inspections[0]!.links[0]).not.toHaveProperty('inspectionId');

    await clearAll();
    expect(await importHistory(JSON.stringify(doc))).toEqual({ added: 3, skipped: 0, links: 3, ...none });
    expect(await snapshot()).toEqual(before);
  });

  it('merges without duplicates', async () => {
    await seed();
    const text = await exportHistoryJson();
    expect(await importHistory(text)).toEqual({ added: 0, skipped: 3, links: 0, ...none });
    // A second profile with one overlapping and one new inspection.
    const other = JSON.parse(text) as HistoryExport;
    const extra = structuredClone(other.inspections[2]!);
    extra.time = new Date(day(9)).toISOString();
    other.inspections = [other.inspections[0]!, extra, structuredClone(extra)];
    expect(await importHistory(JSON.stringify(other))).toEqual({ added: 1, skipped: 2, links: 0, ...none });
    expect((await listInspections('https://b.test/')).map((r) => r.time)).toEqual([day(9), day(3)]);
  });

  it('imported links are queryable like saved ones', async () => {
    await seed();
    const text = await exportHistoryJson();
    await clearAll();
    await importHistory(text);
    const [latest] = await listInspections('https://a.test/p');
    expect((await linksOf(latest!.id)).map((l) => l.rel)).toEqual([['nofollow']]);
  });

  it('keeps "seen again" across the round trip', async () => {
    await saveInspection(makeReport({ time: day(1) }));
    await saveInspection(makeReport({ time: day(5) }));
    const doc = await exported();
    expect(doc.inspections).toHaveLength(1);
    expect(doc.inspections[0]!.lastSeen).toBe(new Date(day(5)).toISOString());
    const before = await snapshot();
    await clearAll();
    await importHistory(JSON.stringify(doc));
    expect(await snapshot()).toEqual(before);
  });
});

/**
 * Issue 13 §3: real pages whose inspection was saved whole but whose backup was refused whole
 * (tests/fixtures/history/traits.ts). Each is saved, exported, cleared, imported: the history
 * after import equals the history before — the long values were cut and flagged when saved.
 */
describe('whatever is saved imports again', () => {
  it.each(SECTION3_TRAITS.map((t) => [t.name, t] as const))(
    '%s',
    async (_name, trait) => {
      const report = makeReport({ links: [{ url: 'https://x.example/', text: 'a link' }] });
      trait.apply(report);
      expect((await saveInspection(report)).duplicate).toBe(false);
      const before = await snapshot();
      expect(before.inspections[0]!.capped).toEqual(trait.capped.page);
      expect(before.links[0]!.capped).toEqual(trait.capped.link);
      for (const f of trait.capped.page.filter((f) => f === 'title')) expect(before.inspections[0]![f]).toHaveLength(LIMITS.pageText);
      const text = await exportHistoryJson();
      await clearAll();
      expect(await importHistory(text)).toEqual({ added: 1, skipped: 0, links: report.links.length, ...none });
      expect(await snapshot()).toEqual(before);
    },
    180_000,
  );

  it('cuts to the caps in lib/limits.ts', async () => {
    const report = makeReport({ links: [{ url: 'https://x.example/' }] });
    for (const t of SECTION3_TRAITS.slice(1, 6)) t.apply(report);
    await saveInspection(report);
    const [link] = (await snapshot()).links;
    expect(link!.href).toHaveLength(LIMITS.url);
    expect(link!.url).toHaveLength(LIMITS.url);
    expect(link!.text).toHaveLength(LIMITS.linkText);
    expect(link!.contextBefore).toHaveLength(LIMITS.linkText);
    expect(link!.rel).toHaveLength(LIMITS.relTokens);
    expect(link!.sharedTerms[0]).toHaveLength(LIMITS.label);
  });

  it('keeps the flags of a link the page side already cut', async () => {
    await saveInspection(makeReport({ links: [{ url: 'https://x.example/', text: 'cut in the page', capped: ['title'] }] }));
    const text = await exportHistoryJson();
    await clearAll();
    await importHistory(text);
    expect((await snapshot()).links[0]!.capped).toEqual(['title']);
  });
});

describe('exports of any size: split into parts that import together', () => {
  async function parts(maxPartBytes: number): Promise<ExportPart[]> {
    const out: ExportPart[] = [];
    await exportHistoryParts((p) => void out.push(p), { maxPartBytes });
    return out;
  }
  const text = (p: ExportPart) => p.chunks.join('');

  it('many inspections: every part stays under the size and is an export of its own', async () => {
    for (let i = 0; i < 30; i++) {
      await saveInspection(makeReport({ url: `https://p${i}.test/`, time: day(1) + i, links: Array.from({ length: 10 }, (_, j) => ({ url: `https://t${j}.com/${i}` })) }));
    }
    const before = await snapshot();
    const files = await parts(20_000);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      expect(utf8Bytes(text(f))).toBe(f.bytes);
      expect(f.bytes).toBeLessThanOrEqual(20_000);
      const doc = JSON.parse(text(f)) as HistoryExport;
      expect(doc.part).toEqual({ index: f.index, last: f.index === files.length });
      expect(doc.version).toBe(1);
    }
    expect(files.reduce((n, f) => n + f.inspections, 0)).toBe(30);
    await clearAll();
    const result = await importHistoryFiles(files.map((f) => ({ name: `part-${f.index}.json`, text: text(f) })));
    expect(result).toEqual({ added: 30, skipped: 0, links: 300, ...none });
    expect(await snapshot()).toEqual(before);
  });

  it('an inspection bigger than a part is split over parts and put back together', async () => {
    await saveInspection(makeReport({ url: 'https://small.test/', time: day(1) }));
    const links = Array.from({ length: 300 }, (_, i) => ({ url: `https://t${i}.example/${i}`, text: `link number ${i}` }));
    await saveInspection(makeReport({ url: 'https://big.test/', time: day(2), links }));
    await saveInspection(makeReport({ url: 'https://after.test/', time: day(3) }));
    const before = await snapshot();
    const files = await parts(50_000);
    expect(files.length).toBeGreaterThanOrEqual(5);
    const docs = files.map((f) => JSON.parse(text(f)) as HistoryExport);
    const pieces = docs.flatMap((d) => d.inspections).filter((i) => i.pageUrl === 'https://big.test/');
    expect(pieces.map((p) => p.linksPart!.index)).toEqual(pieces.map((_, i) => i + 1));
    expect(pieces.every((p) => p.linksPart!.count === pieces.length)).toBe(true);
    for (const f of files) expect(f.bytes).toBeLessThanOrEqual(50_000);
    // Files holding split inspections are version 2: older versions refuse them instead of storing halves.
    expect(docs.filter((d) => d.inspections.some((i) => i.linksPart)).every((d) => d.version === 2)).toBe(true);

    // All parts, in any order: the same history.
    await clearAll();
    const all = files.map((f) => ({ name: `part-${f.index}.json`, text: text(f) })).reverse();
    expect(await importHistoryFiles(all)).toEqual({ added: 3, skipped: 0, links: 302, ...none });
    expect(await snapshot()).toEqual(before);

    // A part missing: the split inspection is reported, nothing of it stored; the rest imports.
    await clearAll();
    const missing = await importHistoryFiles(all.filter((f) => f.name !== 'part-2.json'));
    expect(missing.rejected).toHaveLength(1);
    expect(missing.rejected[0]!.reason).toMatch(new RegExp(`split over ${pieces.length} parts of the export and only ${pieces.length - 1} were given: import all parts together`));
    expect(await listInspections('https://big.test/')).toEqual([]);
    expect(await listInspections('https://small.test/')).toHaveLength(1);
  });

  it('among several files, one that is not an export is reported and the others import', async () => {
    await seed();
    const text = await exportHistoryJson();
    await clearAll();
    const result = await importHistoryFiles([
      { name: 'notes.txt', text: 'hello' },
      { name: 'backup.json', text: async () => text },
    ]);
    expect(result).toMatchObject({ added: 3, skipped: 0 });
    expect(result.rejected).toEqual([{ file: 'notes.txt', position: -1, path: '', reason: expect.stringMatching(/^not imported: not valid JSON/) }]);
  });

  it('exportHistoryJson refuses a history that needs several files', async () => {
    const links = Array.from({ length: 50 }, (_, i) => ({ url: `https://t${i}.example/` }));
    await saveInspection(makeReport({ links }));
    await expect(exportHistoryJson({ maxPartBytes: 2_000 })).rejects.toThrow(/too big for one file/);
  });
});

describe('import, record by record: a bad record is skipped and reported, the rest imports', () => {
  let valid: HistoryExport;
  beforeEach(async () => {
    await seed();
    valid = await exported();
    // New content, so that the good records are added.
    for (const i of valid.inspections) i.pageUrl = i.pageUrl.replace('.test', '.example');
  });
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  const mutate = (fn: (d: Record<string, any>) => void) => {
    const d = structuredClone(valid) as unknown as Record<string, any>;
    fn(d);
    return JSON.stringify(d);
  };

  it('sanity: the untouched document imports', async () => {
    expect(validateHistoryExport(JSON.stringify(valid))).toHaveLength(3);
  });

  it.each<[string, (d: Record<string, any>) => void, number, RegExp]>([
    ['a javascript: page url', (d) => (d.inspections[0].pageUrl = 'javascript:alert(1)'), 0, /^inspections\[0\]\.pageUrl: only web pages/],
    ['a non-URL page', (d) => (d.inspections[0].pageUrl = 'hello'), 0, /pageUrl: not a valid URL/],
    ['an unparsable time', (d) => (d.inspections[1].time = 'yesterday'), 1, /^inspections\[1\]\.time: expected an ISO date/],
    ['a time far in the future', (d) => (d.inspections[1].time = '2999-01-01T00:00:00.000Z'), 1, /time: date out of range/],
    ['a time before the web', (d) => (d.inspections[1].time = '1970-01-01T00:00:00.000Z'), 1, /time: date out of range/],
    ['a missing title', (d) => delete d.inspections[2].title, 2, /^inspections\[2\]\.title: expected a string/],
    ['a negative count', (d) => (d.inspections[0].counts.total = -1), 0, /counts\.total: expected a whole number from 0/],
    ['a fractional count', (d) => (d.inspections[0].counts.byPlacement.footer = 1.5), 0, /counts\.byPlacement\.footer: expected a whole number/],
    ['a bad placement', (d) => (d.inspections[0].links[1].placement = 'basement'), 0, /^inspections\[0\]\.links\[1\]\.placement: expected one of body, header/],
    ['a bad link kind', (d) => (d.inspections[0].links[0].kind = 'ftp'), 0, /links\[0\]\.kind: expected one of/],
    ['a non-string rel token', (d) => (d.inspections[1].links[0].rel = [{}]), 1, /links\[0\]\.rel\[0\]: expected a string/],
    ['a string where a boolean goes', (d) => (d.inspections[1].links[0].followed = 'yes'), 1, /followed: expected true or false/],
    ['a bad geometry', (d) => (d.inspections[1].links[0].geometry = { top: 'x' }), 1, /geometry\.top: expected a number/],
    ['a link that is not an object', (d) => (d.inspections[1].links[0] = 'link'), 1, /links\[0\]: expected an object/],
    ['an array where an object goes', (d) => (d.inspections[1].facts.timing = []), 1, /facts\.timing: expected an object/],
    ['a null where an object goes', (d) => (d.inspections[2].facts = null), 2, /^inspections\[2\]\.facts: expected an object/],
    ['an inspection that is not an object', (d) => (d.inspections[2] = 42), 2, /^inspections\[2\]: expected an object/],
    ['a split part with a bad index', (d) => (d.inspections[2].linksPart = { index: 3, count: 2 }), 2, /linksPart\.index: expected a whole number from 1 to 2/],
    ['a prototype key in a link', (d) => (d.inspections[0].links[0] = JSON.parse('{"constructor":{"prototype":{"polluted":1}}}')), 0, /links\[0\]\.constructor: the forbidden key "constructor"/],
    ['a prototype key in the facts', (d) => (d.inspections[1].facts.prototype = {}), 1, /facts\.prototype: the forbidden key "prototype"/],
  ])('%s', async (_name, fn, position, reason) => {
    const result = await importHistory(mutate(fn));
    expect(result.added).toBe(2);
    expect(result.rejected).toHaveLength(1);
    const [problem] = result.rejected;
    expect(problem!.position).toBe(position);
    expect(`${problem!.path}: ${problem!.reason}`).toMatch(reason);
    // The bad record is not stored, the others are.
    const urls = valid.inspections.map((i) => i.pageUrl);
    for (let i = 0; i < urls.length; i++) {
      const stored = (await listInspections(urls[i]!)).filter((r) => r.time === Date.parse(valid.inspections[i]!.time));
      expect(stored.length, urls[i]).toBe(i === position ? 0 : 1);
    }
  });

  it('cuts and flags what is too long instead of refusing it, and clamps numbers out of range', async () => {
    const result = await importHistory(
      mutate((d) => {
        d.inspections[1].links[0].text = 'x'.repeat(50_000);
        d.inspections[1].links[0].score = 1000;
        d.inspections[1].title = 't'.repeat(10_000);
      }),
    );
    expect(result).toMatchObject({ added: 3, ...none });
    const [rec] = await listInspections('https://a.example/p', { limit: 1 });
    expect(rec!.title).toHaveLength(LIMITS.pageText);
    expect(rec!.capped).toEqual(['title']);
    const [link] = await linksOf(rec!.id);
    expect(link!.text).toHaveLength(LIMITS.linkText);
    expect(link!.capped).toEqual(['text']);
    expect(link!.score).toBe(100);
  });

  it('drops unknown fields instead of storing them', async () => {
    const text = mutate((d) => {
      d.inspections[0].extra = 'x';
      d.inspections[0].links[0].evil = '<script>';
    });
    const [first] = validateHistoryExport(text);
    expect(first!.inspection).not.toHaveProperty('extra');
    expect(first!.links[0]).not.toHaveProperty('evil');
  });

  it('a storage failure midway rolls the file back', async () => {
    const before = await snapshot();
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'links' && ++calls === 2) throw new DOMException('full', 'QuotaExceededError');
      return realAdd.apply(this, args as Parameters<IDBObjectStore['add']>);
    });
    const err = await importHistory(JSON.stringify(valid)).catch((e: unknown) => e);
    spy.mockRestore();
    expect(err).toBeInstanceOf(HistoryQuotaError);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a file that is not an export is refused whole, with a clear message', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    await seed();
    before = await snapshot();
  });
  afterEach(async () => {
    expect(await snapshot()).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  async function refused(text: string, message: RegExp) {
    const err = await importHistory(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HistoryImportError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/Nothing was changed/);
    return err as HistoryImportError;
  }

  it.each([
    ['not JSON', 'this is not json {', /not valid JSON/],
    ['empty', '', /not valid JSON/],
    ['an array', '[]', /expected an object/],
    ['null', 'null', /expected an object/],
    ['a number', '42', /expected an object/],
    ['another format', '{"format":"something-else","version":1,"inspections":[]}', /not a Backlink Inspector history export/],
    ['a newer version', `{"format":"${EXPORT_FORMAT}","version":99,"inspections":[]}`, /newer version/],
    ['a bad version', `{"format":"${EXPORT_FORMAT}","version":"1","inspections":[]}`, /version: expected a version number/],
    ['no inspections list', `{"format":"${EXPORT_FORMAT}","version":1}`, /inspections: expected a list/],
    ['a prototype key at the top', `{"__proto__":{"polluted":1},"format":"${EXPORT_FORMAT}","version":1,"inspections":[]}`, /the file contains the forbidden key "__proto__"/],
    ['an escaped prototype key at the top', `{"format":"${EXPORT_FORMAT}","version":1,"inspections":[],"\\u005f_proto__":{"polluted":1}}`, /forbidden key "__proto__"/],
  ])('refuses %s', async (_name, text, message) => {
    await refused(text, message);
  });

  it('refuses a file over the size import reads whole', async () => {
    const limits = LIMITS as { historyFileBytes: number };
    const saved = limits.historyFileBytes;
    const text = await exportHistoryJson();
    try {
      limits.historyFileBytes = 1000;
      const err = await refused(text, /larger than/);
      expect(err.code).toBe('too-large');
    } finally {
      limits.historyFileBytes = saved;
    }
  });
});

describe('exportHistory', () => {
  it('is empty for an empty history', async () => {
    const doc = await exportHistory({ now: new Date(day(5)) });
    expect(doc).toEqual({ format: EXPORT_FORMAT, version: 1, exportedAt: new Date(day(5)).toISOString(), inspections: [] });
    expect(await importHistory(JSON.stringify(doc))).toEqual({ added: 0, skipped: 0, links: 0, ...none });
  });
});
