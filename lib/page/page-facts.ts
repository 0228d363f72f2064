/** Page-level facts: title, language, description, headings, canonical and meta robots. */
import { collapse, textOf } from './text';
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

/** `documentUrl`: where a fetched, inertly parsed document came from (it has no URL of its own). */
export function readPageFacts(doc: Document, requestedUrl?: string, documentUrl?: string): PageFacts {
  const finalUrl = documentUrl ?? doc.URL;
  let host: string | null = null;
  try {
    host = new URL(finalUrl).hostname || null;
  } catch {
    host = null;
  }
  const robots = metaContent(doc, ['robots', 'googlebot'])
    .flatMap((c) => c.toLowerCase().split(/[\s,]+/))
    .filter(Boolean);
  const uniqueRobots = [...new Set(robots)];
  const canonicalHref = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ?? null;
  let canonical: string | null = null;
  let canonicalElsewhere = false;
  if (canonicalHref !== null) {
    try {
      canonical = new URL(canonicalHref, doc.baseURI).href;
      canonicalElsewhere = normalizeForCompare(canonical) !== normalizeForCompare(finalUrl);
    } catch {
      canonical = null;
    }
  }
  const found = doc.querySelectorAll('h1, h2, h3');
  const headings: string[] = [];
  for (let i = 0; i < found.length && i < 40; i++) {
    const text = collapse(textOf(found[i]!, 300));
    if (text) headings.push(text);
  }
  const lang = collapse(doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang'));
  return {
    url: requestedUrl ?? finalUrl,
    finalUrl,
    title: collapse(doc.title),
    language: lang || null,
    description: collapse(metaContent(doc, ['description'])[0] ?? doc.querySelector('meta[property="og:description"]')?.getAttribute('content')),
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
