/**
 * History store benchmark: with 10,000 inspections stored (fake-indexeddb in Node), how long do
 * the side panel's history queries take? Then what issue 13 asks of history: the bytes stored
 * after inspecting one page 10 times unchanged (must not grow), and the traits of §3 saved,
 * exported and imported back identically.
 *
 *   npx tsx scripts/bench/history.ts          (or: node scripts/bench/history.ts on Node ≥ 22.18)
 *
 * Data: 500 pages; one "hot" page inspected 1,000 times, the other 9,000 inspections spread over
 * 499 pages; 40 links per inspection (400,000 link records); 60 % of pages link to the user's
 * domain. Every figure is the median of several runs after a warm-up.
 */
// idb needs the IndexedDB globals (IDBRequest, IDBKeyRange, …): fake-indexeddb provides them.
import 'fake-indexeddb/auto';
import { serialize } from 'node:v8';
import { isDeepStrictEqual } from 'node:util';
import { IDBFactory } from 'fake-indexeddb';
import { closeHistoryDb, getHistoryDb } from '../../lib/history/db.ts';
import { addInspectionInTx, backlinksTo, clearAll, linksOf, listInspections, reportToRecords, saveInspection, stats } from '../../lib/history/store.ts';
import { exportHistoryJson } from '../../lib/history/export.ts';
import { importHistory } from '../../lib/history/import.ts';
import { SECTION3_TRAITS } from '../../tests/fixtures/history/traits.ts';
import { diffInspections } from '../../lib/history/diff.ts';
import { emptyPlacementCounts, PLACEMENTS, type LinkReport, type PageReport } from '../../lib/report.ts';

const INSPECTIONS = 10_000;
const PAGES = 500;
const HOT_PAGE_INSPECTIONS = 1_000;
const LINKS_PER_INSPECTION = 40;
const MY_DOMAIN = 'mydomain.com';
const RUNS = 7;

function link(index: number, url: string, page: number, inspection: number): LinkReport {
  const host = new URL(url).hostname;
  const placement = PLACEMENTS[(index + inspection) % PLACEMENTS.length]!;
  const nofollow = (index + inspection) % 5 === 0;
  return {
    index,
    href: url,
    url,
    kind: 'http',
    element: 'a',
    text: `anchor ${index} of page ${page}`,
    textSource: 'text',
    rel: nofollow ? ['nofollow'] : [],
    capped: [],
    internal: host.endsWith(`site${page}.test`),
    domain: host.split('.').slice(-2).join('.'),
    host,
    image: false,
    inList: index % 3 === 0,
    inShadow: false,
    frame: null,
    geometry: { top: index * 30, left: 10, width: 120, height: 18, pageFraction: index / 40, aboveFold: index < 10 },
    fontSizeRatio: 1,
    hidden: false,
    hiddenReason: null,
    wrapper: null,
    contextBefore: 'some words before the link',
    contextAfter: 'and some words after it',
    placement,
    placementConfidence: 0.8,
    placementSignals: ['semantic-tag', 'position'],
    contextRelevance: 0.5,
    targetRelevance: null,
    relevance: 0.5,
    sharedTerms: ['backlink', 'seo'],
    followed: !nofollow,
    score: (index * 7 + inspection) % 101,
    equityShare: nofollow ? 0 : 2.5,
    reasons: [{ code: 'placement', text: `In the ${placement}`, effect: 10 }],
  };
}

function report(page: number, inspection: number, time: number, linkCount = LINKS_PER_INSPECTION): PageReport {
  const pageUrl = `https://site${page}.test/article/${page}`;
  const links: LinkReport[] = [];
  for (let i = 0; i < linkCount; i++) {
    let url: string;
    if (i === 5 && page % 5 < 3 && inspection % 7 !== 0) url = `https://www.${MY_DOMAIN}/landing/${page % 20}`;
    else if (i < 15) url = `https://site${page}.test/internal/${i}`;
    else url = `https://ext${(i * 13 + page) % 300}.example/p/${i}`;
    links.push(link(i, url, page, inspection));
  }
  return {
    version: 1,
    url: pageUrl,
    finalUrl: pageUrl,
    title: `Article ${page}`,
    language: 'en',
    description: 'A page used for benchmarking.',
    canonical: pageUrl,
    canonicalElsewhere: false,
    metaRobots: [],
    indexable: true,
    pageNofollow: false,
    counts: {
      total: links.length,
      http: links.length,
      internal: Math.min(15, links.length),
      external: Math.max(0, links.length - 15),
      followed: links.filter((l) => l.followed).length,
      nofollow: links.filter((l) => !l.followed).length,
      sponsored: 0,
      ugc: 0,
      hidden: 0,
      image: 0,
      flagged: 0,
      byPlacement: emptyPlacementCounts(),
    },
    frames: [],
    links,
    timing: { totalMs: 40, longestTaskMs: 12 },
    generatedAt: new Date(time).toISOString(),
  };
}

async function seed(): Promise<void> {
  const db = await getHistoryDb();
  const start = Date.UTC(2024, 0, 1);
  const BATCH = 100;
  for (let b = 0; b < INSPECTIONS; b += BATCH) {
    const tx = db.transaction(['inspections', 'links'], 'readwrite');
    for (let n = b; n < Math.min(INSPECTIONS, b + BATCH); n++) {
      // The first HOT_PAGE_INSPECTIONS go to page 0, the rest round-robin over the others.
      const page = n < HOT_PAGE_INSPECTIONS ? 0 : 1 + (n % (PAGES - 1));
      const { inspection, links } = reportToRecords(report(page, n, start + n * 60_000));
      await addInspectionInTx(tx, inspection, links);
    }
    await tx.done;
  }
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function openPanel(pageUrl: string): Promise<void> {
  const history = await listInspections(pageUrl, { limit: 100 });
  if (history.length >= 2) {
    const [newer, older] = await Promise.all([linksOf(history[0]!.id), linksOf(history[1]!.id)]);
    diffInspections(older, newer, [MY_DOMAIN]);
  }
  await backlinksTo(MY_DOMAIN);
}

export async function benchHistory(): Promise<string> {
  const g = globalThis as unknown as { indexedDB: IDBFactory };
  const savedFactory = g.indexedDB;
  await closeHistoryDb();
  // A private, empty database for the run.
  g.indexedDB = new IDBFactory();
  try {
    const t0 = performance.now();
    await seed();
    const seedMs = performance.now() - t0;
    const s = await stats();
    const hot = 'https://site0.test/article/0';
    const typical = 'https://site3.test/article/3';

    const rows: [string, number][] = [];
    rows.push(['open database (cold connection)', await median(async () => {
      await closeHistoryDb();
      await getHistoryDb();
    })]);
    rows.push([`page history, hot page (all ${HOT_PAGE_INSPECTIONS})`, await median(() => listInspections(hot))]);
    rows.push(['page history, hot page (newest 100)', await median(() => listInspections(hot, { limit: 100 }))]);
    rows.push(['page history, typical page', await median(() => listInspections(typical))]);
    rows.push(['diff of the latest two inspections', await median(async () => {
      const [a, b] = await listInspections(hot, { limit: 2 });
      diffInspections(await linksOf(b!.id), await linksOf(a!.id), [MY_DOMAIN]);
    })]);
    const groups = await backlinksTo(MY_DOMAIN);
    rows.push([`backlinks to ${MY_DOMAIN} (${groups.length} pages)`, await median(() => backlinksTo(MY_DOMAIN))]);
    rows.push(['stats()', await median(() => stats())]);
    rows.push(['side panel open: history + diff + backlinks', await median(() => openPanel(hot))]);

    const width = Math.max(...rows.map(([k]) => k.length));
    return [
      `history: ${s.inspections.toLocaleString('en')} inspections, ${s.links.toLocaleString('en')} links, ${s.pages} pages ` +
        `(seeded in ${(seedMs / 1000).toFixed(1)} s, fake-indexeddb, median of ${RUNS})`,
      ...rows.map(([k, ms]) => `  ${k.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms`),
    ].join('\n');
  } finally {
    await closeHistoryDb();
    g.indexedDB = savedFactory;
  }
}

/** Everything stored, as structured-clone bytes (what IndexedDB serializes), and the records themselves. */
async function stored(): Promise<{ bytes: number; records: unknown[] }> {
  const db = await getHistoryDb();
  const order = (a: { pageUrl: string; time: number }, b: { pageUrl: string; time: number }) => a.pageUrl.localeCompare(b.pageUrl) || a.time - b.time;
  const inspections = (await db.getAll('inspections')).map(({ id: _i, ...r }) => r).sort(order);
  const links = (await db.getAll('links')).map(({ id: _i, inspectionId: _o, ...l }) => l).sort((a, b) => order(a, b) || a.index - b.index);
  const records = [...inspections, ...links];
  return { bytes: records.reduce((n, r) => n + serialize(r).length, 0), records };
}

async function withFreshDb<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as unknown as { indexedDB: IDBFactory };
  const savedFactory = g.indexedDB;
  await closeHistoryDb();
  g.indexedDB = new IDBFactory();
  try {
    return await fn();
  } finally {
    await closeHistoryDb();
    g.indexedDB = savedFactory;
  }
}

/** Issue 13 §7 and §3: history stays bounded and round-trips. Counts and bytes, not times. */
export async function benchBoundedHistory(): Promise<string> {
  const LINKS = 3_000;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(2);
  const growth = await withFreshDb(async () => {
    const t0 = Date.UTC(2025, 0, 1);
    const sizes: number[] = [];
    for (let i = 0; i < 10; i++) {
      await saveInspection(report(1, 1, t0 + i * 60_000, LINKS));
      sizes.push((await stored()).bytes);
    }
    return { sizes, inspections: (await stats()).inspections };
  });
  // The same 10 inspections stored as copies, as every save did before the content check.
  const copies = await withFreshDb(async () => {
    const db = await getHistoryDb();
    for (let i = 0; i < 10; i++) {
      const tx = db.transaction(['inspections', 'links'], 'readwrite');
      const { inspection, links } = reportToRecords(report(1, 1, Date.UTC(2025, 0, 1) + i * 60_000, LINKS));
      await addInspectionInTx(tx, inspection, links);
      await tx.done;
    }
    return (await stored()).bytes;
  });
  const traits: string[] = [];
  let ok = 0;
  for (const trait of SECTION3_TRAITS) {
    const same = await withFreshDb(async () => {
      const r = report(2, 1, Date.UTC(2025, 0, 2), 5);
      trait.apply(r);
      await saveInspection(r);
      const before = await stored();
      const text = await exportHistoryJson();
      await clearAll();
      const result = await importHistory(text);
      return result.rejected.length === 0 && isDeepStrictEqual((await stored()).records, before.records);
    });
    if (same) ok++;
    else traits.push(trait.name);
  }
  const [first, last] = [growth.sizes[0]!, growth.sizes.at(-1)!];
  return [
    `history bounds (issue 13 §3, §7; structured-clone bytes of the stored records):`,
    `  MB stored after inspecting one ${LINKS.toLocaleString('en')}-link page 10 times unchanged: ${mb(last)} MB ` +
      `(after the first: ${mb(first)} MB; ${growth.inspections} inspection stored; must not grow: ${last <= first ? 'ok' : 'GREW'}; as 10 copies: ${mb(copies)} MB)`,
    `  records round-tripped (save → export → import, identical) for the traits in §3: ${ok}/${SECTION3_TRAITS.length}` +
      (traits.length ? ` — failed: ${traits.join('; ')}` : ''),
  ].join('\n');
}

// Standalone: `node scripts/bench/history.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchBoundedHistory());
  console.log(await benchHistory());
}
