import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, getHistoryDb, openHistoryDb, type HistoryDB } from '@/lib/history/db';
import { backlinksTo, linksOf, listInspections, reportToRecords, saveInspection } from '@/lib/history/store';
import { inspectionKey } from '@/lib/history/key';
import { freshIndexedDb, makeReport } from './history-helpers';

beforeEach(freshIndexedDb);

/** Writes records exactly as version 1 of the extension stored them (no key, no link pageUrl/time). */
async function createV1Database() {
  const db = await openHistoryDb({ version: 1 });
  expect(db.version).toBe(1);
  expect([...db.objectStoreNames].sort()).toEqual(['inspections', 'links']);
  const reports = [
    makeReport({ url: 'https://a.test/p', time: Date.UTC(2024, 0, 1), links: [{ url: 'https://mine.com/', text: 'one' }, { url: 'https://x.com/' }] }),
    makeReport({ url: 'https://a.test/p', time: Date.UTC(2024, 1, 1), links: [{ url: 'https://mine.com/', rel: ['nofollow'], followed: false }] }),
    makeReport({ url: 'https://b.test/', time: Date.UTC(2024, 0, 5), links: [] }),
  ];
  // The same inspection twice (a v1 bug could do that): both must survive the upgrade.
  reports.push(structuredClone(reports[2]!));
  // Raw v1 shapes: bypass the v2 typings.
  const tx = db.transaction(['inspections', 'links'], 'readwrite');
  const v1Inspections: Record<string, unknown>[] = [];
  const v1Links: Record<string, unknown>[] = [];
  const ins = tx.objectStore('inspections') as unknown as { add(v: unknown): Promise<number> };
  const lnk = tx.objectStore('links') as unknown as { add(v: unknown): Promise<number> };
  for (const report of reports) {
    const { inspection, links } = reportToRecords(report);
    const { key: _drop, ...v1 } = inspection; // v1 had no key
    const id = await ins.add(v1);
    v1Inspections.push({ ...v1, id });
    for (const l of links) {
      const { pageUrl: _p, time: _t, ...v1link } = l; // v1 links had no pageUrl/time
      const linkId = await lnk.add({ ...v1link, inspectionId: id });
      v1Links.push({ ...v1link, inspectionId: id, id: linkId });
    }
  }
  // An orphan link whose inspection is gone: kept as is.
  const orphan = { ...reportToRecords(reports[0]!).links[1]!, inspectionId: 999 } as Record<string, unknown>;
  delete orphan.pageUrl;
  delete orphan.time;
  const orphanId = await lnk.add(orphan);
  v1Links.push({ ...orphan, id: orphanId });
  await tx.done;
  db.close();
  return { reports, v1Inspections, v1Links };
}

describe('schema upgrade v1 → v2', () => {
  it('keeps every record, derives the new fields and indexes', async () => {
    const { v1Inspections, v1Links } = await createV1Database();

    const db = await getHistoryDb();
    expect(db.version).toBe(DB_VERSION);
    expect(db.name).toBe(DB_NAME);
    expect([...db.objectStoreNames].sort()).toEqual(['inspections', 'links', 'meta']);
    const tx = db.transaction(['inspections', 'links']);
    expect([...tx.objectStore('inspections').indexNames].sort()).toEqual(['byKey', 'byPageTime', 'byTime']);
    expect([...tx.objectStore('links').indexNames].sort()).toEqual(['byDomain', 'byDomainTime', 'byInspection']);
    await tx.done;

    const inspections = await db.getAll('inspections');
    expect(inspections).toHaveLength(v1Inspections.length);
    const keys = new Set<string>();
    for (const old of v1Inspections) {
      const now = inspections.find((r) => r.id === old.id)!;
      expect(now).toMatchObject(old); // every v1 field unchanged
      expect(typeof now.key).toBe('string');
      keys.add(now.key);
    }
    expect(keys.size).toBe(v1Inspections.length); // duplicates told apart, none dropped

    const links = await db.getAll('links');
    expect(links).toHaveLength(v1Links.length);
    for (const old of v1Links) {
      const now = links.find((l) => l.id === old.id)!;
      expect(now).toMatchObject(old);
      const owner = v1Inspections.find((r) => r.id === old.inspectionId);
      expect(now.pageUrl).toBe(owner?.pageUrl ?? '');
      expect(now.time).toBe(owner?.time ?? 0);
    }

    // Keys match what v2 computes for new saves, so re-saving an old inspection is a duplicate.
    const first = inspections.find((r) => r.id === v1Inspections[0]!.id)!;
    const firstLinks = await linksOf(first.id);
    expect(first.key).toBe(inspectionKey(first.pageUrl, first.time, firstLinks));
  });

  it('the upgraded database answers every query', async () => {
    const { reports } = await createV1Database();
    const history = await listInspections('https://a.test/p');
    expect(history.map((r) => r.time)).toEqual([Date.UTC(2024, 1, 1), Date.UTC(2024, 0, 1)]);
    const groups = await backlinksTo('mine.com');
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ pageUrl: 'https://a.test/p', timesSeen: 2, firstSeen: Date.UTC(2024, 0, 1), lastSeen: Date.UTC(2024, 1, 1) });
    expect(groups[0]!.latest.rel).toEqual(['nofollow']);
    // Re-saving a v1 inspection is recognized as already stored.
    expect((await saveInspection(reports[0]!)).duplicate).toBe(true);
    // New saves work.
    const saved = await saveInspection(makeReport({ url: 'https://a.test/p', time: Date.UTC(2024, 2, 1) }));
    expect(saved.duplicate).toBe(false);
    expect(await listInspections('https://a.test/p')).toHaveLength(3);
  });

  it('a fresh v2 database has the same schema as an upgraded one', async () => {
    const fresh = await openHistoryDb({ name: 'fresh' });
    await createV1Database();
    const upgraded = await getHistoryDb();
    const shape = (db: HistoryDB) => {
      const tx = db.transaction(['inspections', 'links', 'meta']);
      return (['inspections', 'links', 'meta'] as const).map((name) => {
        const s = tx.objectStore(name);
        return {
          name,
          keyPath: s.keyPath,
          autoIncrement: s.autoIncrement,
          indexes: [...s.indexNames].sort().map((i) => {
            const idx = s.index(i as never) as unknown as IDBIndex;
            return [i, idx.keyPath, idx.unique, idx.multiEntry];
          }),
        };
      });
    };
    expect(shape(upgraded)).toEqual(shape(fresh));
    fresh.close();
  });

  it('refuses unknown versions', () => {
    expect(() => openHistoryDb({ version: DB_VERSION + 1 })).toThrow(RangeError);
    expect(() => openHistoryDb({ version: 0 })).toThrow(RangeError);
  });
});
