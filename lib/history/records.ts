/** The records one report becomes: an inspection (page facts, counts) and its links. Pure. */
import type { PageReport } from '../report.ts';
import { normalizeUrl } from './normalize-url.ts';
import { inspectionKey } from './key.ts';
import type { NewInspection, NewLink } from './types.ts';

export function timeOf(report: Pick<PageReport, 'generatedAt'>): number {
  const t = Date.parse(report.generatedAt);
  return Number.isFinite(t) ? t : Date.now();
}

/** The records one report becomes (inspection without id; links without ids/owner). */
export function reportToRecords(report: PageReport): {
  inspection: NewInspection;
  links: Omit<NewLink, 'inspectionId'>[];
} {
  const pageUrl = normalizeUrl(report.url || report.finalUrl);
  const time = timeOf(report);
  const inspection: NewInspection = {
    key: inspectionKey(pageUrl, time, report.links),
    pageUrl,
    url: report.url,
    finalUrl: report.finalUrl,
    title: report.title,
    time,
    counts: report.counts,
    facts: {
      reportVersion: report.version,
      language: report.language,
      description: report.description,
      canonical: report.canonical,
      canonicalElsewhere: report.canonicalElsewhere,
      metaRobots: report.metaRobots,
      indexable: report.indexable,
      pageNofollow: report.pageNofollow,
      frames: report.frames,
      timing: report.timing,
    },
    linkCount: report.links.length,
  };
  const links = report.links.map((l) => ({ ...l, pageUrl, time }));
  return { inspection, links };
}
