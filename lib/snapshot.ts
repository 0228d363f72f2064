/**
 * The DOM half of the pipeline (collect → features → layout → placement, and the texts relevance
 * needs). It runs in the page, yielding between slices so the page stays responsive, and returns
 * plain data that can cross to the background. Kept apart from lib/analyze.ts so the content
 * script does not carry the relevance and score code.
 */
import { collectLinks } from './collect';
import { extractFeatures } from './features';
import { readLayout } from './layout';
import { readPageFacts } from './page-facts';
import { classifyPlacements } from './placement/index';
import { contextBlockTexts, mainText } from './relevance/page-topic';
import { createYielder } from './yielder';
import type { FrameReport } from './report';
import type { LinkData, LinkFeatures, PageFacts, PlacementResult } from './types';

export interface AnalyzeOptions {
  /** The URL the user asked for, when it differs from the document's. */
  requestedUrl?: string;
  /** Longest slice of work before yielding to the page, ms. */
  sliceMs?: number;
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

export async function snapshotPage(doc: Document, options: AnalyzeOptions = {}): Promise<PageSnapshot> {
  const clock = stopwatch();
  const yielder = createYielder(options.sliceMs ?? 12);
  const checkpoint = () => yielder.maybeYield();

  const facts = readPageFacts(doc, options.requestedUrl);
  const { links: collected, frames } = collectLinks(doc);
  clock.lap('collect');
  await checkpoint();

  const links: LinkFeatures[] = new Array(collected.length);
  for (let i = 0; i < collected.length; i++) {
    links[i] = extractFeatures(collected[i], facts.domain);
    if ((i & 127) === 127) await checkpoint();
  }
  clock.lap('features');
  await readLayout(links, doc, checkpoint);
  clock.lap('layout');
  await checkpoint();
  const placements = await classifyPlacements(doc, links, { checkpoint });
  clock.lap('placement');
  await checkpoint();
  const main = mainText(doc, links, placements);
  await checkpoint();
  const { blocks, linkBlocks } = contextBlockTexts(links);
  clock.lap('texts');

  options.onElements?.(links.map((l) => l.el));
  const data: LinkData[] = links.map(({ el: _el, ...rest }) => rest);
  return {
    facts,
    frames,
    links: data,
    placements,
    mainText: main,
    blocks,
    linkBlocks,
    timing: { totalMs: clock.total(), longestTaskMs: Math.round(yielder.longestSliceMs), stages: clock.stages },
  };
}

