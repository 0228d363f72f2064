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
    const { key: _drop, lastSeen: _ls, contentKey: _ck, capped: _c, ...v1 } = inspection; // v1 had no key (nor v3's fields)
    const id = await ins.add(v1);
    v1Inspections.push({ ...v1, id });
    for (const l of links) {
      const { pageUrl: _p, time: _t, capped: _c, ...v1link } = l; // v1 links had no pageUrl/time (nor capped)
      const linkId = await lnk.add({ ...v1link, inspectionId: id });
      v1Links.push({ ...v1link, inspectionId: id, id: linkId });
    }
  }
  // An orphan link whose inspection is gone: kept as is.
  const orphan = { ...reportToRecords(reports[0]!).links[1]!, inspectionId: 999 } as Record<string, unknown>;
  delete orphan.pageUrl;
  delete orphan.time;
  delete orphan.capped;
  const orphanId = await lnk.add(orphan);
  v1Links.push({ ...orphan, id: orphanId });
  await tx.done;
  db.close();
  return { reports, v1Inspections, v1Links };
}

describe('schema upgrade v1 → v2 (→ v3)', () => {
  it('keeps every record, derives the new fields and indexes', async () => {
    const { v1Inspections, v1Links } = await createV1Database();

    const db = await getHistoryDb();
    expect(db.version).toBe(DB_VERSION);
    expect(db.name).toBe(DB_NAME);
    expect([...db.objectStoreNames].sort()).toEqual(['inspections', 'links', 'meta']);
    const tx = db.transaction(['inspections', 'links']);
    expect([...tx.objectStore('inspections').indexNames].sort()).toEqual(['byKey', 'byLastSeen', 'byPageTime', 'byTime']);
    expect([...tx.objectStore('links').indexNames].sort()).toEqual(['byDomain', 'byDomainTime', 'byInspection']);
    await tx.done;

    const inspections = await db.getAll('inspections');
    expect(inspections).toHaveLength(v1Inspections.length);
    const keys = new Set<string>();
    for (const old of v1Inspections) {
      const now = inspections.find((r) => r.id === old.id)!;
      expect(now).toMatchObject(old); // every v1 field unchanged
      expect(typeof now.key).toBe('string');
      expect(now.lastSeen).toBe(now.time);
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
    // Inspecting the page again unchanged moves the v1 record's lastSeen (its content key is
    // computed from its links, which v1 did not store).
    const again = structuredClone(reports[1]!);
    again.generatedAt = new Date(Date.UTC(2024, 1, 20)).toISOString();
    expect(await saveInspection(again)).toMatchObject({ duplicate: true, seenAgain: true });
    expect((await listInspections('https://a.test/p'))[0]!.lastSeen).toBe(Date.UTC(2024, 1, 20));
    // New saves work.
    const saved = await saveInspection(makeReport({ url: 'https://a.test/p', time: Date.UTC(2024, 2, 1) }));
    expect(saved.duplicate).toBe(false);
    expect(await listInspections('https://a.test/p')).toHaveLength(3);
  });

  it('a fresh database has the same schema as an upgraded one', async () => {
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

/** Writes records exactly as version 2 stored them (no lastSeen, contentKey, capped), and v2's meta. */
async function createV2Database() {
  const db = await openHistoryDb({ version: 2 });
  expect(db.version).toBe(2);
  const reports = [
    makeReport({ url: 'https://a.test/p', time: Date.UTC(2024, 0, 1), links: [{ url: 'https://mine.com/', text: 'one' }] }),
    makeReport({ url: 'https://a.test/p', time: Date.UTC(2024, 1, 1), links: [{ url: 'https://mine.com/', text: 'one' }] }),
    makeReport({ url: 'https://b.test/', time: Date.UTC(2024, 0, 5), links: [] }),
  ];
  const tx = db.transaction(['inspections', 'links', 'meta'], 'readwrite');
  const ins = tx.objectStore('inspections') as unknown as { add(v: unknown): Promise<number> };
  const lnk = tx.objectStore('links') as unknown as { add(v: unknown): Promise<number> };
  const v2Inspections: Record<string, unknown>[] = [];
  for (const report of reports) {
    const { inspection, links } = reportToRecords(report);
    const { lastSeen: _ls, contentKey: _ck, capped: _c, ...v2 } = inspection;
    const id = await ins.add(v2);
    v2Inspections.push({ ...v2, id });
    for (const l of links) {
      const { capped: _lc, ...v2link } = l;
      await lnk.add({ ...v2link, inspectionId: id });
    }
  }
  await (tx.objectStore('meta') as unknown as { put(v: unknown): Promise<unknown> }).put({ key: 'keepDomains', value: ['mine.com'] });
  await (tx.objectStore('meta') as unknown as { put(v: unknown): Promise<unknown> }).put({ key: 'retentionMs', value: 30 * 86_400_000 });
  await tx.done;
  db.close();
  return { v2Inspections };
}

describe('schema upgrade v2 → v3', () => {
  it('keeps every record (identical v2 inspections too), adds lastSeen = time, drops the keepDomains copy', async () => {
    const { v2Inspections } = await createV2Database();
    const db = await getHistoryDb();
    expect(db.version).toBe(3);
    const inspections = await db.getAll('inspections');
    expect(inspections).toHaveLength(v2Inspections.length);
    for (const old of v2Inspections) {
      const now = inspections.find((r) => r.id === old.id)!;
      expect(now).toEqual({ ...old, lastSeen: old.time });
    }
    expect(await db.count('links')).toBe(2);
    expect(await db.get('meta', 'keepDomains')).toBeUndefined();
    expect((await db.get('meta', 'retentionMs'))?.value).toBe(30 * 86_400_000);
    // Links stored before `capped` existed read as uncapped.
    const [latest] = await listInspections('https://a.test/p');
    expect((await linksOf(latest!.id))[0]!.capped).toEqual([]);
  });
});
