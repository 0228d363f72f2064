/**
 * The page snapshot: what the page half of the analysis (lib/page/snapshot.ts) hands to the
 * background, and how it travels — a head first, then the links in parts. Shared by both rooms.
 */
import type { FrameReport } from './report';
import type { LinkData, PageFacts, PlacementResult } from './types';

export interface AnalyzeOptions {
  /** The URL the user asked for, when it differs from the document's. */
  requestedUrl?: string;
  /** The page's registrable domain, decided by the background (the page half has no suffix list): what is internal. */
  pageDomain?: string | null;
  /** Longest slice of work before yielding to the page, ms. */
  sliceMs?: number;
  /**
   * The page was parsed inertly from fetched HTML (lib/parse: DOMParser, no script ran, no layout)
   * and this is the URL it came from (after redirects): such a document has no URL of its own.
   * Its <noscript> content was parsed as elements (scripting off); its links count as a browser
   * with scripts on reads them, hidden, so the fetched analysis says what the content script says.
   */
  fetchedFrom?: string;
  /** Topics of target sites (the user's own domains' descriptions, fetched pages), by URL/host/domain. */
  targetTopics?: Record<string, string>;
  /** Receives the link elements, in report order (the content script keeps them for highlighting). */
  onElements?: (elements: Element[]) => void;
}

/** Everything the DOM half hands over: plain data, safe to send as a message. */
export interface PageSnapshot {
  facts: PageFacts;
  frames: FrameReport[];
  links: LinkData[];
  placements: PlacementResult[];
  mainText: string;
  /** Distinct paragraph texts; links[i] reads blocks[linkBlocks[i]] (-1: none). */
  blocks: string[];
  linkBlocks: number[];
  timing: { totalMs: number; longestTaskMs: number; stages: Record<string, number> };
}

export function stopwatch() {
  const stages: Record<string, number> = {};
  const started = performance.now();
  let mark = started;
  return {
    stages,
    lap(name: string) {
      const now = performance.now();
      stages[name] = Math.round((now - mark) * 10) / 10;
      mark = now;
    },
    total: () => Math.round(performance.now() - started),
  };
}

/** A snapshot without its per-link arrays: sent first; the links follow in parts. */
export type SnapshotHead = Omit<PageSnapshot, 'links' | 'placements' | 'linkBlocks'> & { seq: number; linkCount: number };
export type SnapshotPart = Pick<PageSnapshot, 'links' | 'placements' | 'linkBlocks'>;

/** Links per message: each part serialises in a few ms, so no page task gets long. */
export const SNAPSHOT_PART_SIZE = 1000;

export function snapshotHead(s: PageSnapshot, seq: number): SnapshotHead {
  const { links, placements: _p, linkBlocks: _b, ...rest } = s;
  return { ...rest, seq, linkCount: links.length };
}

export function snapshotPart(s: PageSnapshot, from: number, count: number): SnapshotPart {
  const to = from + Math.max(0, Math.min(count, SNAPSHOT_PART_SIZE));
  return { links: s.links.slice(from, to), placements: s.placements.slice(from, to), linkBlocks: s.linkBlocks.slice(from, to) };
}

/** Reassembles a snapshot from its head and parts, fetched one message at a time. */
export async function assembleSnapshot(
  head: SnapshotHead,
  fetchPart: (from: number, count: number) => Promise<SnapshotPart>,
  onPart?: (received: number, total: number) => void,
): Promise<PageSnapshot> {
  const { seq: _seq, linkCount, ...rest } = head;
  const snapshot: PageSnapshot = { ...rest, links: [], placements: [], linkBlocks: [] };
  const total = Math.min(Math.max(0, linkCount | 0), 500_000);
  // All parts are asked for at once: the page answers them one task each, and the round trips overlap.
  const requests: Promise<SnapshotPart>[] = [];
  for (let from = 0; from < total; from += SNAPSHOT_PART_SIZE) requests.push(fetchPart(from, SNAPSHOT_PART_SIZE));
  // A failed request must not go unhandled while an earlier one is awaited.
  for (const r of requests) r.catch(() => undefined);
  for (const request of requests) {
    const part = await request;
    if (!part || !Array.isArray(part.links) || !Array.isArray(part.placements) || !Array.isArray(part.linkBlocks)) throw new Error('bad snapshot part');
    snapshot.links.push(...part.links);
    snapshot.placements.push(...part.placements);
    snapshot.linkBlocks.push(...part.linkBlocks);
    onPart?.(snapshot.links.length, total);
  }
  return snapshot;
}
