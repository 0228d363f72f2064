/**
 * The page snapshot: what the page half of the analysis (lib/page/snapshot.ts) hands to the
 * background, and how it travels — a head first, then the links in parts. Shared by both rooms.
 */
import type { FrameReport, LinkChanges, LinkTruncation } from './report';
import type { LinkData, PageFacts, PlacementResult } from './types';
import { LIMITS } from './limits';
import { EVERY_LINKS, type Checkpoint } from './yielder';

export interface AnalyzeOptions {
  /** The URL the user asked for, when it differs from the document's. */
  requestedUrl?: string;
  /** The page's registrable domain, decided by the background (the page half has no suffix list): what is internal. */
  pageDomain?: string | null;
  /** Longest slice of work before yielding to the page, ms. */
  sliceMs?: number;
  /** Topics of target sites (the user's own domains' descriptions, fetched pages), by URL/host/domain. */
  targetTopics?: Record<string, string>;
  /** Links analysed at most (LIMITS.links); the report says so when the page has more. */
  maxLinks?: number;
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
  /** Set when the page has more links than LIMITS.links: these are the first ones. */
  truncated: LinkTruncation | null;
  /** What a second read of every link's href and rel, right after the analysis, found changed. */
  changedLinks: LinkChanges;
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

/**
 * A snapshot without its per-link arrays and paragraph texts: sent first; the rest follows in
 * `parts` messages of at most PART_CHARS characters each.
 */
export type SnapshotHead = Omit<PageSnapshot, 'links' | 'placements' | 'linkBlocks' | 'blocks'> & { seq: number; linkCount: number; blockCount: number; parts: number };
/** Consecutive links, with the paragraph texts they are the first to use (`blocks` continues the previous part's). */
export type SnapshotPart = Pick<PageSnapshot, 'links' | 'placements' | 'linkBlocks' | 'blocks'>;

/**
 * A part's size, by its characters (a message may not exceed 64 MB; JSON writes a character in at
 * most 6 bytes) and by its links (each part serialises in one page task of a few ms).
 */
export const PART_CHARS = 1_000_000;
export const PART_LINKS = 1000;

/** Where each part ends: in links and in paragraph texts. */
export interface PartPlan {
  linkEnds: number[];
  blockEnds: number[];
}

/** The characters a link takes in a message: its strings, and a fixed share for the rest. */
function linkChars(l: LinkData, p: PlacementResult | undefined): number {
  let n = 400 + l.href.length + (l.url?.length ?? 0) + l.text.length + l.title.length + l.contextBefore.length + l.contextAfter.length;
  n += (l.frame?.length ?? 0) + (l.host?.length ?? 0) + (l.domain?.length ?? 0) + (l.hiddenReason?.length ?? 0);
  for (const r of l.rel) n += r.length + 3;
  if (l.wrapper) {
    n += l.wrapper.target?.length ?? 0;
    for (const m of l.wrapper.markers) n += m.length + 3;
  }
  if (p) for (const s of p.signals) n += s.length + 3;
  return n;
}

/** Cuts the snapshot's links into parts by size (a few long hrefs make a part as big as 1,000 plain links). */
export async function planParts(s: PageSnapshot, checkpoint: Checkpoint = () => undefined): Promise<PartPlan> {
  const plan: PartPlan = { linkEnds: [], blockEnds: [] };
  let chars = 0;
  let count = 0;
  let blocksSent = 0;
  for (let i = 0; i < s.links.length; i++) {
    let size = linkChars(s.links[i]!, s.placements[i]);
    // Paragraph ids are handed out in link order: a new one is the next unsent text.
    const b = s.linkBlocks[i] ?? -1;
    let blocksTo = blocksSent;
    while (blocksTo <= b && blocksTo < s.blocks.length) size += (s.blocks[blocksTo++]?.length ?? 0) + 3;
    if (count > 0 && (count >= PART_LINKS || chars + size > PART_CHARS)) {
      plan.linkEnds.push(i);
      plan.blockEnds.push(blocksSent);
      chars = 0;
      count = 0;
    }
    chars += size;
    count++;
    blocksSent = blocksTo;
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  if (count > 0) {
    plan.linkEnds.push(s.links.length);
    plan.blockEnds.push(s.blocks.length);
  }
  return plan;
}

export function snapshotHead(s: PageSnapshot, seq: number, plan: PartPlan): SnapshotHead {
  const { links, placements: _p, linkBlocks: _b, blocks, ...rest } = s;
  return { ...rest, seq, linkCount: links.length, blockCount: blocks.length, parts: plan.linkEnds.length };
}

/** Part `k` of the plan, or null when there is no such part. */
export function snapshotPart(s: PageSnapshot, plan: PartPlan, k: number): SnapshotPart | null {
  if (!Number.isInteger(k) || k < 0 || k >= plan.linkEnds.length) return null;
  const from = k === 0 ? 0 : plan.linkEnds[k - 1]!;
  const to = plan.linkEnds[k]!;
  const blocksFrom = k === 0 ? 0 : plan.blockEnds[k - 1]!;
  return {
    links: s.links.slice(from, to),
    placements: s.placements.slice(from, to),
    linkBlocks: s.linkBlocks.slice(from, to),
    blocks: s.blocks.slice(blocksFrom, plan.blockEnds[k]!),
  };
}

/**
 * Reassembles a snapshot from its head and parts, fetched one message each; throws 'bad snapshot
 * part' when what arrives does not add up to what the head announced.
 */
export async function assembleSnapshot(
  head: SnapshotHead,
  fetchPart: (k: number) => Promise<SnapshotPart>,
  onPart?: (received: number, total: number) => void,
): Promise<PageSnapshot> {
  const { seq: _seq, linkCount, blockCount, parts, ...rest } = head;
  const snapshot: PageSnapshot = { ...rest, links: [], placements: [], linkBlocks: [], blocks: [] };
  const links = Number.isInteger(linkCount) ? linkCount : -1;
  // Every part holds at least one link: a head announcing more parts (or links) than that is not ours.
  if (links < 0 || links > LIMITS.links || !Number.isInteger(parts) || parts < (links > 0 ? 1 : 0) || parts > links || !Number.isInteger(blockCount)) {
    throw new Error('bad snapshot part');
  }
  // All parts are asked for at once: the page answers them one task each, and the round trips overlap.
  const requests: Promise<SnapshotPart>[] = [];
  for (let k = 0; k < parts; k++) requests.push(fetchPart(k));
  // A failed request must not go unhandled while an earlier one is awaited.
  for (const r of requests) r.catch(() => undefined);
  for (const request of requests) {
    const part = await request;
    if (!part || !Array.isArray(part.links) || !Array.isArray(part.placements) || !Array.isArray(part.linkBlocks) || !Array.isArray(part.blocks)) throw new Error('bad snapshot part');
    if (!part.links.length || snapshot.links.length + part.links.length > links || snapshot.blocks.length + part.blocks.length > blockCount) throw new Error('bad snapshot part');
    for (const l of part.links) snapshot.links.push(l);
    for (const p of part.placements) snapshot.placements.push(p);
    for (const b of part.linkBlocks) snapshot.linkBlocks.push(b);
    for (const b of part.blocks) snapshot.blocks.push(b);
    onPart?.(snapshot.links.length, links);
  }
  if (snapshot.links.length !== links || snapshot.blocks.length !== blockCount) throw new Error('bad snapshot part');
  return snapshot;
}
