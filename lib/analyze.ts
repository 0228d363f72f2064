/**
 * The pipeline: collect → features → layout → placement → relevance → score → report.
 * Runs in the content script (real layout) and in jsdom (tests, no layout) alike. Long loops
 * yield to the page between slices so the page stays responsive.
 */
import { collectLinks } from './collect';
import { extractFeatures } from './features';
import { readLayout } from './layout';
import { readPageFacts } from './page-facts';
import { classifyPlacements } from './placement/index';
import { scoreRelevance } from './relevance/index';
import { buildReport } from './build-report';
import { scoreLinks } from './score';
import { createYielder } from './yielder';
import type { PageReport } from './report';
import type { LinkFeatures } from './types';

export interface AnalyzeOptions {
  /** The URL the user asked for, when it differs from the document's. */
  requestedUrl?: string;
  /** Longest slice of work before yielding to the page, ms. */
  sliceMs?: number;
  /** Context for the target-relevance step: the user's own domains and their topics. */
  targetTopics?: Record<string, string>;
}

export async function analyzePage(doc: Document, options: AnalyzeOptions = {}): Promise<PageReport> {
  const started = performance.now();
  const yielder = createYielder(options.sliceMs ?? 12);
  const checkpoint = () => yielder.maybeYield();

  const stages: Record<string, number> = {};
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    stages[name] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };

  const facts = readPageFacts(doc, options.requestedUrl);
  const { links: collected, frames } = collectLinks(doc);
  lap('collect');
  await checkpoint();

  const links: LinkFeatures[] = new Array(collected.length);
  for (let i = 0; i < collected.length; i++) {
    links[i] = extractFeatures(collected[i], facts.domain);
    if ((i & 127) === 127) await checkpoint();
  }
  lap('features');
  await readLayout(links, doc, checkpoint);
  lap('layout');
  await checkpoint();
  const placements = await classifyPlacements(doc, links, { checkpoint });
  lap('placement');
  await checkpoint();
  const relevance = await scoreRelevance(doc, facts, links, placements, { checkpoint, targetTopics: options.targetTopics });
  lap('relevance');
  await checkpoint();
  const scores = scoreLinks(facts, links, placements, relevance);
  lap('score');

  return buildReport({
    facts,
    frames,
    links,
    placements,
    relevance,
    scores,
    timing: { totalMs: Math.round(performance.now() - started), longestTaskMs: Math.round(yielder.longestSliceMs), stages },
  });
}
