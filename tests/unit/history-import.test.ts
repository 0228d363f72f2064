import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll, linksOf, listInspections, saveInspection } from '@/lib/history/store';
import { EXPORT_FORMAT, exportHistory, exportHistoryJson, type HistoryExport } from '@/lib/history/export';
import { IMPORT_LIMITS, importHistory, validateHistoryExport } from '@/lib/history/import';
import { HistoryImportError, HistoryQuotaError } from '@/lib/history/errors';
import { getHistoryDb } from '@/lib/history/db';
import { freshIndexedDb, makeReport } from './history-helpers';

beforeEach(freshIndexedDb);

const day = (d: number) => Date.UTC(2025, 0, d);

async function seed() {
  await saveInspection(makeReport({ url: 'https://a.test/p', time: day(1), links: [{ url: 'https://mine.com/', text: 'M' }, { url: 'https://x.com/' }] }));
  await saveInspection(makeReport({ url: 'https://a.test/p', time: day(2), links: [{ url: 'https://mine.com/', rel: ['nofollow'], followed: false }] }));
  await saveInspection(makeReport({ url: 'https://b.test/', time: day(3), links: [] }));
}

async function snapshot() {
  const db = await getHistoryDb();
  const inspections = (await db.getAll('inspections')).map(({ id: _id, ...r }) => r);
  const links = (await db.getAll('links')).map(({ id: _id, inspectionId: _o, ...l }) => l);
  return { inspections, links };
}

async function exported(): Promise<HistoryExport> {
  return JSON.parse(await exportHistoryJson()) as HistoryExport;
}

describe('export / import round trip', () => {
  it('exports a versioned document and re-imports it identically', async () => {
    await seed();
    const before = await snapshot();
    const doc = await exported();
    expect(doc.format).toBe(EXPORT_FORMAT);
    expect(doc.version).toBe(1);
    expect(doc.inspections.map((i) => i.time)).toEqual([day(1), day(2), day(3)].map((t) => new Date(t).toISOString()));
    expect(doc.inspections[0]!.links[0]).not.toHaveProperty('inspectionId');

    await clearAll();
    expect(await importHistory(JSON.stringify(doc))).toEqual({ added: 3, skipped: 0, links: 3 });
    expect(await snapshot()).toEqual(before);
  });

  it('merges without duplicates', async () => {
    await seed();
    const text = await exportHistoryJson();
    expect(await importHistory(text)).toEqual({ added: 0, skipped: 3, links: 0 });
    // A second profile with one overlapping and one new inspection.
    const other = JSON.parse(text) as HistoryExport;
    const extra = structuredClone(other.inspections[2]!);
    extra.time = new Date(day(9)).toISOString();
    other.inspections = [other.inspections[0]!, extra, structuredClone(extra)];
    expect(await importHistory(JSON.stringify(other))).toEqual({ added: 1, skipped: 2, links: 0 });
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
});

describe('import validation: a bad file is refused and changes nothing', () => {
  let valid: HistoryExport;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    await seed();
    valid = await exported();
    // Make the valid document's content new, so that a wrongly accepted file would add rows.
    for (const i of valid.inspections) i.pageUrl = i.pageUrl.replace('.test', '.example');
    before = await snapshot();
  });
  afterEach(async () => {
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  async function refused(text: string, message: RegExp) {
    const err = await importHistory(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HistoryImportError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/Nothing was changed/);
    return err as HistoryImportError;
  }
  const mutate = (fn: (d: Record<string, any>) => void) => {
    const d = structuredClone(valid) as unknown as Record<string, any>;
    fn(d);
    return JSON.stringify(d);
  };

  it('sanity: the untouched document imports', async () => {
    expect(validateHistoryExport(JSON.stringify(valid))).toHaveLength(3);
  });

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
  ])('refuses %s', async (_name, text, message) => {
    await refused(text, message);
  });

  it('refuses prototype-pollution keys anywhere, escaped or not', async () => {
    await refused(`{"__proto__":{"polluted":1},"format":"${EXPORT_FORMAT}","version":1,"inspections":[]}`, /forbidden key "__proto__"/);
    await refused(`{"format":"${EXPORT_FORMAT}","version":1,"inspections":[],"\\u005f_proto__":{"polluted":1}}`, /forbidden key "__proto__"/);
    const nested = JSON.stringify(valid).replace('"links":[{', '"links":[{"constructor":{"prototype":{"polluted":1}},');
    await refused(nested, /forbidden key "(constructor|prototype)"/);
    await refused(mutate((d) => (d.inspections[1].facts.prototype = {})), /forbidden key "prototype"/);
  });

  it.each<[string, (d: Record<string, any>) => void, RegExp]>([
    ['a javascript: page url', (d) => (d.inspections[0].pageUrl = 'javascript:alert(1)'), /inspections\[0\]\.pageUrl: only http and https/],
    ['a non-URL page', (d) => (d.inspections[0].pageUrl = 'hello'), /pageUrl: not a valid URL/],
    ['an unparsable time', (d) => (d.inspections[1].time = 'yesterday'), /inspections\[1\]\.time: expected an ISO date/],
    ['a time far in the future', (d) => (d.inspections[1].time = '2999-01-01T00:00:00.000Z'), /time: date out of range/],
    ['a time before the web', (d) => (d.inspections[1].time = '1970-01-01T00:00:00.000Z'), /time: date out of range/],
    ['a missing title', (d) => delete d.inspections[2].title, /inspections\[2\]\.title: expected a string/],
    ['a negative count', (d) => (d.inspections[0].counts.total = -1), /counts\.total: expected a number from 0/],
    ['a fractional count', (d) => (d.inspections[0].counts.byPlacement.footer = 1.5), /counts\.byPlacement\.footer: expected a whole number/],
    ['a bad placement', (d) => (d.inspections[0].links[1].placement = 'basement'), /links\[1\]\.placement: expected one of body, header/],
    ['a bad link kind', (d) => (d.inspections[0].links[0].kind = 'ftp'), /links\[0\]\.kind: expected one of/],
    ['a score out of range', (d) => (d.inspections[1].links[0].score = 1000), /links\[0\]\.score: expected a number from 0 to 100/],
    ['a non-string rel token', (d) => (d.inspections[1].links[0].rel = [{}]), /links\[0\]\.rel\[0\]: expected a string/],
    ['a string where a boolean goes', (d) => (d.inspections[1].links[0].followed = 'yes'), /followed: expected true or false/],
    ['a bad geometry', (d) => (d.inspections[1].links[0].geometry = { top: 'x' }), /geometry\.top: expected a finite number/],
    ['a link that is not an object', (d) => (d.inspections[1].links[0] = 'link'), /links\[0\]: expected an object/],
    ['a hostile object with a custom prototype', (d) => (d.inspections[1].facts.timing = []), /facts\.timing: expected an object/],
    ['a huge text', (d) => (d.inspections[1].links[0].text = 'x'.repeat(IMPORT_LIMITS.maxText + 1)), /text: longer than/],
    ['one bad inspection among good ones', (d) => (d.inspections[2].facts.indexable = null), /inspections\[2\]\.facts\.indexable/],
  ])('refuses %s', async (_name, fn, message) => {
    await refused(mutate(fn), message);
  });

  it('enforces size limits', async () => {
    const saved = { ...IMPORT_LIMITS };
    try {
      IMPORT_LIMITS.maxChars = 1000;
      expect((await refused(JSON.stringify(valid), /larger than/)).code).toBe('too-large');
      Object.assign(IMPORT_LIMITS, saved);
      IMPORT_LIMITS.maxInspections = 2;
      await refused(JSON.stringify(valid), /more than 2 inspections/);
      Object.assign(IMPORT_LIMITS, saved);
      IMPORT_LIMITS.maxLinksPerInspection = 1;
      await refused(JSON.stringify(valid), /links: more than 1 entries/);
      Object.assign(IMPORT_LIMITS, saved);
      IMPORT_LIMITS.maxTotalLinks = 2;
      await refused(JSON.stringify(valid), /more than 2 links in total/);
    } finally {
      Object.assign(IMPORT_LIMITS, saved);
    }
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

  it('a storage failure midway rolls the whole import back', async () => {
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'links' && ++calls === 2) throw new DOMException('full', 'QuotaExceededError');
      return realAdd.apply(this, args as Parameters<IDBObjectStore['add']>);
    });
    const err = await importHistory(JSON.stringify(valid)).catch((e: unknown) => e);
    spy.mockRestore();
    expect(err).toBeInstanceOf(HistoryQuotaError);
  });
});

describe('exportHistory', () => {
  it('is empty for an empty history', async () => {
    const doc = await exportHistory({ now: new Date(day(5)) });
    expect(doc).toEqual({ format: EXPORT_FORMAT, version: 1, exportedAt: new Date(day(5)).toISOString(), inspections: [] });
    expect(await importHistory(JSON.stringify(doc))).toEqual({ added: 0, skipped: 0, links: 0 });
  });
});
