/** Page-level facts: title, language, description, headings, canonical and meta robots. */
import { capText, textOf } from './text';
import { LIMITS, capString } from '../limits';
import type { PageFacts } from '../types';

function metaContent(doc: Document, names: string[]): string[] {
  const out: string[] = [];
  const metas = doc.querySelectorAll('meta[name]');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i]!;
    if (names.includes((m.getAttribute('name') ?? '').toLowerCase())) out.push(m.getAttribute('content') ?? '');
  }
  return out;
}

function normalizeForCompare(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return (u.origin + u.pathname.replace(/\/+$/, '') + u.search).toLowerCase();
}

export function readPageFacts(doc: Document, requestedUrl?: string): PageFacts {
  const finalUrl = doc.URL;
  let host: string | null = null;
  try {
    host = new URL(finalUrl).hostname || null;
  } catch {
    host = null;
  }
  const robots = metaContent(doc, ['robots', 'googlebot'])
    .flatMap((c) => capString(c, LIMITS.metaTokens * LIMITS.metaToken).toLowerCase().split(/[\s,]+/))
    .filter(Boolean);
  const uniqueRobots = [...new Set(robots)].slice(0, LIMITS.metaTokens).map((t) => capString(t, LIMITS.metaToken));
  const rawCanonical = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href');
  const canonicalHref = rawCanonical == null ? null : capString(rawCanonical, LIMITS.url);
  let canonical: string | null = null;
  let canonicalElsewhere = false;
  if (canonicalHref !== null) {
    try {
      canonical = capString(new URL(canonicalHref, doc.baseURI).href, LIMITS.url);
      canonicalElsewhere = normalizeForCompare(canonical) !== normalizeForCompare(finalUrl);
    } catch {
      canonical = null;
    }
  }
  const found = doc.querySelectorAll('h1, h2, h3');
  const headings: string[] = [];
  for (let i = 0; i < found.length && i < LIMITS.headings; i++) {
    const text = capText(textOf(found[i]!, LIMITS.heading), LIMITS.heading).text;
    if (text) headings.push(text);
  }
  const lang = capText(doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang'), LIMITS.label).text;
  return {
    url: capString(requestedUrl ?? finalUrl, LIMITS.url),
    finalUrl: capString(finalUrl, LIMITS.url),
    title: capText(doc.title, LIMITS.pageText).text,
    language: lang || null,
    description: capText(metaContent(doc, ['description'])[0] ?? doc.querySelector('meta[property="og:description"]')?.getAttribute('content'), LIMITS.pageText).text,
    headings,
    canonical,
    canonicalElsewhere,
    metaRobots: uniqueRobots,
    indexable: !uniqueRobots.includes('noindex') && !uniqueRobots.includes('none'),
    pageNofollow: uniqueRobots.includes('nofollow') || uniqueRobots.includes('none'),
    host,
    // Decided in the background, which holds the public suffix list (lib/domain.ts).
    domain: null,
  };
}
