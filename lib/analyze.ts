/**
 * The pipeline: collect → features → layout → placement → relevance → score → report.
 *
 * It runs in two halves. `snapshotPage` is the DOM half (collect, features, layout, placement,
 * and the texts relevance needs) and runs in the page, yielding between slices so the page stays
 * responsive. `completeReport` is DOM-free (relevance, score, report): the extension runs it in
 * the background, off the page's main thread, where the language data stays loaded between
 * pages. `analyzePage` runs both in one place (tests, jsdom).
 */
import { scoreRelevance } from './relevance/index';
import { buildReport } from './build-report';
import { scoreLinks } from './score';
import { createYielder } from './yielder';
import { snapshotPage, stopwatch, type AnalyzeOptions, type PageSnapshot } from './snapshot';
import type { PageReport } from './report';

export { snapshotPage, type AnalyzeOptions, type PageSnapshot } from './snapshot';

export async function completeReport(snapshot: PageSnapshot, options: Pick<AnalyzeOptions, 'targetTopics' | 'sliceMs'> = {}): Promise<PageReport> {
  const clock = stopwatch();
  const yielder = createYielder(options.sliceMs ?? 12);
  const { facts, links, placements } = snapshot;
  const relevance = await scoreRelevance(facts, links, {
    checkpoint: () => yielder.maybeYield(),
    targetTopics: options.targetTopics,
    mainText: snapshot.mainText,
    contexts: snapshot.linkBlocks.map((b) => (b >= 0 ? (snapshot.blocks[b] ?? null) : null)),
  });
  clock.lap('relevance');
  const scores = scoreLinks(facts, links, placements, relevance);
  clock.lap('score');
  return buildReport({
    facts,
    frames: snapshot.frames,
    links,
    placements,
    relevance,
    scores,
    timing: {
      totalMs: snapshot.timing.totalMs + clock.total(),
      // The page's main thread: only the DOM half runs there.
      longestTaskMs: snapshot.timing.longestTaskMs,
      stages: { ...snapshot.timing.stages, ...clock.stages },
    },
  });
}

export async function analyzePage(doc: Document, options: AnalyzeOptions = {}): Promise<PageReport> {
  return completeReport(await snapshotPage(doc, options), options);
}
