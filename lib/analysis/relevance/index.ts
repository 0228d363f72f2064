/**
 * Stage 4 — relevance. Per link, two 0–1 similarities (lib/analysis/relevance/similarity.ts):
 *  - contextRelevance: the link's context (anchor, title attribute, URL path words, its paragraph)
 *    against the page topic (title, description, headings, main text) less the link's own text;
 *  - targetRelevance: the page topic against the target's topic (the user's description of one of
 *    their domains, or a fetched target page's topic — see lib/background/target-topic), null when unknown.
 * relevance = their weighted mean (COMBINE), or contextRelevance alone when the target is unknown.
 * With neither a target topic nor enough words around the link, relevance is unknown (UNKNOWN).
 */
import { registrableDomain } from '../../domain';
import { mostSpecificDomain } from '../../my-domains';
import type { LinkData, PageFacts, RelevanceResult } from '../../types';
import { detectLanguage } from './detect';
import { normalizeLanguage } from './languages';
import { linkContextParts, pageTopicParts } from './page-topic';
import { loadLanguageData } from './data';
import { combineParts, partStats, sharedTerms, similarity, topicVector, without, type PartCache, type TopicVector } from './similarity';
import type { Checkpoint } from '../../yielder';
import { hasEmbeddings } from './embed';

export { textSimilarity, topicVector, similarity, sharedTerms } from './similarity';
export { detectLanguage } from './detect';
export { loadLanguageData } from './data';

/** relevance = context·w + target·(1 − w) when the target's topic is known. */
export const COMBINE = { contextWeight: 0.5 };

/**
 * No penalty without evidence: with no target topic, a context of fewer than `minWords` distinct
 * content words, or one where fewer than `minVectorShare` of the words have a vector (mostly names: brand
 * anchors, product names), cannot show that a link is off-topic. Below `onTopic` its relevance
 * is then unknown (neutral in the score); at or above it, the few words did show the topic.
 */
export const UNKNOWN = { minWords: 6, minVectorShare: 0.5, onTopic: 0.5 };

/** Why a context is too thin to judge, or null. */
export function thinEvidence(context: TopicVector, score: number, lang: string | null): string | null {
  if (score >= UNKNOWN.onTopic) return null;
  // Distinct words: a URL path often repeats the anchor.
  let distinct = 0;
  for (const t of context.terms.keys()) if (t.charCodeAt(0) !== 35 /* # sub-word */) distinct++;
  const words = `${distinct} word${distinct === 1 ? '' : 's'}`;
  if (distinct < UNKNOWN.minWords) return distinct === 0 ? 'no words around the link to judge by' : `the link's context is only ${words}`;
  if (hasEmbeddings(lang) && context.found < UNKNOWN.minVectorShare * context.size) return `the link's context (${words}) is mostly names`;
  return null;
}
const SHARED_TERMS = 5;
const PAGE_CACHE_LIMIT = 2_000;

export interface RelevanceContext {
  checkpoint: Checkpoint;
  /**
   * Topics of target sites, keyed by registrable domain, host or full URL (most specific wins):
   * the user's own description/keywords of a site in "my domains", or a fetched page's topic text.
   */
  targetTopics?: Record<string, string>;
  /** The page's main text (lib/analysis/relevance/page-topic.ts `mainText`, read in the page). */
  mainText: string;
  /** Each link's paragraph text, or null (then the words around it are used). */
  contexts: (string | null)[];
}

function topicFor(link: LinkData, topics: Record<string, string> | undefined): string | null {
  if (!topics || !link.url) return null;
  const has = (key: string) => Object.hasOwn(topics, key) && !!topics[key];
  const noHash = link.url.split('#')[0]!;
  for (const c of [noHash, noHash.replace(/\/$/, '')]) if (has(c)) return topics[c]!;
  // Domains: the one "my domains" rule (lib/my-domains.ts), most specific first.
  const domain = mostSpecificDomain(link.host ?? link.domain, has);
  return domain ? topics[domain]! : null;
}

/** The language the page's text is compared in: <html lang> if known, else detected. */
export function pageLanguage(facts: PageFacts, text: string): string | null {
  return normalizeLanguage(facts.language) ?? detectLanguage(text);
}

/** DOM-free: runs in the page for tests and in the background for the extension. */
export async function scoreRelevance(facts: PageFacts, links: LinkData[], ctx: RelevanceContext): Promise<RelevanceResult[]> {
  const main = ctx.mainText;
  const parts = pageTopicParts(facts, main);
  const lang = pageLanguage(facts, parts.map((p) => p.text).join(' '));
  await loadLanguageData(lang);
  await ctx.checkpoint();
  // Links share paragraphs and anchor texts: each distinct text is analysed once.
  const partCache: PartCache = new Map();
  const pageParts = parts.filter((p) => p.text && p.weight > 0).map((p) => ({ stats: partStats(p.text, lang, partCache), weight: p.weight }));
  const page = combineParts(pageParts, lang);
  await ctx.checkpoint();
  // A shared term is only a reason when the page has it beyond the link's own paragraph (which is
  // part of the page's main text): in its title, description or headings, or elsewhere in the text.
  const mainStats = partStats(main, lang, partCache);
  const heads = pageParts.filter((p) => p.stats !== mainStats);
  const inHeads = (t: string) => heads.some((p) => (p.stats.counts.get(t) ?? 0) > 0);
  const elsewhere = (blockText: string | null) => {
    const block = blockText ? partStats(blockText, lang, partCache) : null;
    return (t: string) => inHeads(t) || (mainStats.counts.get(t) ?? 0) > (block?.counts.get(t) ?? 0);
  };
  // Does the main text hold this text? (By term counts: a string search per link is quadratic.)
  const inMain = (text: string): boolean => {
    const stats = partStats(text, lang, partCache);
    if (stats.size === 0) return false;
    for (const [t, c] of stats.counts) if ((mainStats.counts.get(t) ?? 0) < c) return false;
    return true;
  };
  // The page less a link's own text (its paragraph, or its anchor), once per text.
  const pageCache = new Map<string, TopicVector>();
  const pageWithout = (own: string | null): TopicVector => {
    if (!own) return page;
    let v = pageCache.get(own);
    if (!v) {
      v = without(page, partStats(own, lang, partCache));
      if (pageCache.size >= PAGE_CACHE_LIMIT) pageCache.clear();
      pageCache.set(own, v);
    }
    return v;
  };
  const targetCache = new Map<string, TopicVector>();
  const out: RelevanceResult[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    if (link.kind !== 'http') {
      out[i] = { contextRelevance: 0, targetRelevance: null, relevance: 0, sharedTerms: [], unknown: null };
      continue;
    }
    const blockText = ctx.contexts[i] ?? null;
    const context = topicVector(linkContextParts(link, blockText), lang, partCache);
    // The main text holds the link's paragraph, or at least its anchor: compared with the page,
    // they would match themselves.
    const own = blockText && inMain(blockText) ? blockText : link.text && inMain(link.text) ? link.text : null;
    const pageLess = pageWithout(own);
    const contextRelevance = round(similarity(context, pageLess).score);
    let targetRelevance: number | null = null;
    let terms = sharedTerms(context, pageLess, SHARED_TERMS, elsewhere(blockText));
    const topic = topicFor(link, ctx.targetTopics);
    if (topic) {
      let target = targetCache.get(topic);
      if (!target) {
        target = topicVector(topic, lang, partCache);
        targetCache.set(topic, target);
      }
      // The page less the link's own text here too: its anchor often names the target.
      targetRelevance = round(similarity(pageLess, target).score);
      terms = [...new Set([...sharedTerms(target, pageLess, SHARED_TERMS), ...terms])].slice(0, SHARED_TERMS);
    }
    const relevance =
      targetRelevance === null ? contextRelevance : round(COMBINE.contextWeight * contextRelevance + (1 - COMBINE.contextWeight) * targetRelevance);
    const unknown = targetRelevance === null ? thinEvidence(context, contextRelevance, lang) : null;
    out[i] = { contextRelevance, targetRelevance, relevance, sharedTerms: terms, unknown };
    if ((i & 31) === 31) await ctx.checkpoint();
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Registrable domain of a URL or host, for callers building `targetTopics` keys. */
export function topicKey(urlOrHost: string): string | null {
  try {
    const host = urlOrHost.includes('/') ? new URL(urlOrHost).hostname : urlOrHost;
    return registrableDomain(host);
  } catch {
    return null;
  }
}
