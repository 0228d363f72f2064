/**
 * The whole pipeline in one place: collect → features → layout → placement → texts (the page
 * half, lib/page/snapshot.ts) | relevance → score → report (the background half,
 * lib/analysis/complete-report.ts). The extension runs the halves in the page and the
 * background; tests and the jsdom eval run both here.
 */
import { snapshotPage } from './page/snapshot';
import { completeReport } from './analysis/complete-report';
import type { AnalyzeOptions } from './snapshot';
import { pageDomainOf } from './domain';
import type { PageReport } from './report';

export { snapshotPage } from './page/snapshot';
export type { AnalyzeOptions, PageSnapshot } from './snapshot';

export async function analyzePage(doc: Document, options: AnalyzeOptions = {}): Promise<PageReport> {
  const pageDomain = options.pageDomain !== undefined ? options.pageDomain : pageDomainOf(doc.URL);
  return completeReport(await snapshotPage(doc, { ...options, pageDomain }), options);
}
