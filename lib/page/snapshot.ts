/**
 * The DOM half of the pipeline (collect → features → layout → placement, and the texts relevance
 * needs). It runs in the page, yielding between slices so the page stays responsive, and returns
 * plain data that can cross to the background. Kept apart from lib/analyze.ts so the content
 * script does not carry the relevance and score code.
 */
import { collectPage } from './model';
import { extractFeatures, linkData } from './features';
import { readLayout } from './layout';
import { readPageFacts } from './page-facts';
import { placeLinks } from './placement/index';
import { contextBlockTexts, mainText } from './texts';
import { recheckLinks } from './recheck';
import { LIMITS, reportBytesOf } from '../limits';
import { EVERY_LINKS, createYielder } from '../yielder';
import type { LinkData, LinkFeatures } from '../types';
import { stopwatch, type AnalyzeOptions, type PageSnapshot } from '../snapshot';

export async function snapshotPage(doc: Document, options: AnalyzeOptions = {}): Promise<PageSnapshot> {
  const clock = stopwatch();
  const yielder = createYielder(options.sliceMs ?? 12);
  const checkpoint = () => yielder.maybeYield();

  const facts = readPageFacts(doc, options.requestedUrl);
  const maxLinks = options.maxLinks ?? LIMITS.links;
  const { links: collected, found, frames, models } = await collectPage(doc, checkpoint, maxLinks);
  clock.lap('collect');
  await checkpoint();

  const links: LinkFeatures[] = [];
  // The report must reach the popup in one message: links past LIMITS.reportBytes are not analysed.
  let bytes = 0;
  let full = false;
  for (let i = 0; i < collected.length; i++) {
    const link = extractFeatures(collected[i]!, options.pageDomain ?? null);
    bytes += reportBytesOf(link);
    if (bytes > LIMITS.reportBytes) {
      full = true;
      break;
    }
    links.push(link);
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  clock.lap('features');
  const { viewport } = await readLayout(links, doc, checkpoint);
  if (viewport) facts.viewportHeight = viewport.height;
  clock.lap('layout');
  await checkpoint();
  const { placements, main: mainContent } = await placeLinks(doc, links, { checkpoint });
  clock.lap('placement');
  await checkpoint();
  const main = mainText(mainContent ?? (models[0] ? { model: models[0], root: -1 } : null), links, (i) => placements[i]!.placement === 'body');
  await checkpoint();
  const { blocks, linkBlocks } = await contextBlockTexts(links, checkpoint);
  clock.lap('texts');

  options.onElements?.(links.map((l) => l.el));
  const data: LinkData[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    data[i] = linkData(links[i]!);
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  // Compared where the first read was complete: up to where it stopped, if it stopped early.
  const changedLinks = await recheckLinks(doc, links, checkpoint, full || found > links.length ? links.length : maxLinks, () => yielder.turn());
  clock.lap('recheck');
  return {
    facts,
    frames,
    links: data,
    placements,
    mainText: main,
    blocks,
    linkBlocks,
    truncated: full
      ? { found, analysed: links.length, reason: `The first ${links.length.toLocaleString('en')} links hold as much text as one report can carry (${Math.round(LIMITS.reportBytes / 1e6)} MB); the rest were not analysed.` }
      : found > links.length
        ? { found, analysed: links.length, reason: `Pages with more than ${maxLinks.toLocaleString('en')} links are analysed up to that many, in page order.` }
        : null,
    changedLinks,
    timing: { totalMs: clock.total(), longestTaskMs: Math.round(yielder.longestSliceMs), stages: clock.stages },
  };
}
