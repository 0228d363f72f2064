/**
 * History store benchmark: with 10,000 inspections stored (fake-indexeddb in Node), how long do
 * the side panel's history queries take?
 *
 *   npx tsx scripts/bench/history.ts          (or: node scripts/bench/history.ts on Node ≥ 22.18)
 *
 * Data: 500 pages; one "hot" page inspected 1,000 times, the other 9,000 inspections spread over
 * 499 pages; 40 links per inspection (400,000 link records); 60 % of pages link to the user's
 * domain. Every figure is the median of several runs after a warm-up.
 */
// idb needs the IndexedDB globals (IDBRequest, IDBKeyRange, …): fake-indexeddb provides them.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { closeHistoryDb, getHistoryDb } from '../../lib/history/db.ts';
import { addInspectionInTx, backlinksTo, linksOf, listInspections, reportToRecords, stats } from '../../lib/history/store.ts';
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
    capped: [],
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

function report(page: number, inspection: number, time: number): PageReport {
  const pageUrl = `https://site${page}.test/article/${page}`;
  const links: LinkReport[] = [];
  for (let i = 0; i < LINKS_PER_INSPECTION; i++) {
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
      internal: 15,
      external: 25,
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

// Standalone: `npx tsx scripts/bench/history.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchHistory());
}
