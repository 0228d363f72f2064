/**
 * The background half of the pipeline: relevance → score → report, on the snapshot the page sent.
 * DOM-free and free of extension APIs: the background runs it off the page's main thread, where
 * the language data stays loaded between pages; the CLI and the tests run it too.
 */
import { scoreRelevance } from './relevance/index';
import { buildReport } from './build-report';
import { scoreLinks } from './score/index';
import { strengthOfPage } from './strength/index';
import { createYielder } from '../yielder';
import { stopwatch, type AnalyzeOptions, type PageSnapshot } from '../snapshot';
import type { PageHttp, PageReport, ProviderValue } from '../report';
import { registrableDomain } from '../domain';
import { checkKey, type LinkHealth } from '../link-health';
import { withPageHeaders } from './page-headers';

export interface CompleteOptions extends Pick<AnalyzeOptions, 'targetTopics' | 'sliceMs'> {
  /** Site-strength values from the user's own provider keys, by registrable domain (the background's cache). */
  providerValues?: Record<string, ProviderValue[]>;
  /** Checked link targets by URL without #fragment (lib/link-health.ts): broken, noindex or redirected targets lose value. */
  linkHealth?: ReadonlyMap<string, LinkHealth>;
  /** The page's own HTTP answer; may still be on its way (it is awaited after relevance). */
  pageHttp?: PageHttp | Promise<PageHttp>;
}

/**
 * Registrable domains, and so what is internal, are decided here: the background holds the public
 * suffix list, and a page's own answer is not trusted. Idempotent (a kept snapshot is re-scored).
 */
export function decideDomains(snapshot: PageSnapshot): void {
  const { facts, links } = snapshot;
  facts.domain = facts.host ? registrableDomain(facts.host) : null;
  for (const l of links) {
    l.domain = l.kind === 'http' && l.host ? registrableDomain(l.host) : null;
    l.internal = l.kind === 'http' ? l.domain !== null && l.domain === facts.domain : l.kind === 'fragment';
  }
}

export async function completeReport(snapshot: PageSnapshot, options: CompleteOptions = {}): Promise<PageReport> {
  const clock = stopwatch();
  const yielder = createYielder(options.sliceMs ?? 12);
  const { links, placements } = snapshot;
  decideDomains(snapshot);
  let { facts } = snapshot;
  const relevance = await scoreRelevance(facts, links, {
    checkpoint: () => yielder.maybeYield(),
    targetTopics: options.targetTopics,
    mainText: snapshot.mainText,
    contexts: snapshot.linkBlocks.map((b) => (b >= 0 ? (snapshot.blocks[b] ?? null) : null)),
  });
  clock.lap('relevance');
  const strength = await strengthOfPage(
    facts.host,
    links.map((l) => (l.kind === 'http' ? l.host : null)),
    { providerValues: options.providerValues },
  );
  clock.lap('strength');
  const http = options.pageHttp ? await options.pageHttp : undefined;
  facts = withPageHeaders(facts, http);
  const known = options.linkHealth;
  const health = known?.size ? links.map((l) => known.get(checkKey(l.url) ?? '') ?? null) : undefined;
  const scores = scoreLinks(facts, links, placements, relevance, { site: strength.site, health });
  clock.lap('score');
  return buildReport({
    facts,
    frames: snapshot.frames,
    links,
    placements,
    relevance,
    scores,
    truncated: snapshot.truncated,
    changedLinks: snapshot.changedLinks,
    strength,
    health,
    http,
    timing: {
      totalMs: snapshot.timing.totalMs + clock.total(),
      // The page's main thread: only the DOM half runs there.
      longestTaskMs: snapshot.timing.longestTaskMs,
      stages: { ...snapshot.timing.stages, ...clock.stages },
    },
  });
}
