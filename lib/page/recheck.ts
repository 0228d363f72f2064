/**
 * The second read (issue #13 §1): right after the analysis, once the page has had a turn, every
 * link's href and rel are read again. A page that rewrites its links while it is inspected (on a
 * timer, or on any sign of an inspection) shows up as differences, and the report says which.
 */
import { listLinks } from './link-list';
import { rawHref } from './model';
import { relTokens } from './features';
import { LIMITS, capString } from '../limits';
import type { LinkChange, LinkChanges } from '../report';
import type { LinkFeatures } from '../types';
import { EVERY_LINKS, type Checkpoint } from '../yielder';

/** Changes listed in a report; the rest are counted. */
export const LISTED_CHANGES = 50;

/** rel as the analysis keeps it (lib/limits.ts caps), written back as one string. */
function relNow(el: Element): string {
  return relTokens(el)
    .tokens.slice(0, LIMITS.relTokens)
    .map((t) => capString(t, LIMITS.relToken))
    .join(' ');
}

/** One real task for the page: whatever it queued while it was being read runs before the second read. */
function pageTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function recheckLinks(
  doc: Document,
  analysed: readonly LinkFeatures[],
  checkpoint: Checkpoint,
  maxLinks: number = LIMITS.links,
  turn: () => Promise<void> = pageTurn,
): Promise<LinkChanges> {
  await turn();
  // Links read from <noscript> text are parsed copies: their place in the page is checked instead.
  const now = listLinks(doc, maxLinks);
  const current = new Set<Element>();
  for (let i = 0; i < now.length; i++) {
    current.add(now[i]!.el);
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  const changes: LinkChange[] = [];
  let count = 0;
  const note = (change: LinkChange) => {
    if (++count <= LISTED_CHANGES) changes.push(change);
  };
  const seen = new Set<Element>();
  for (let i = 0; i < analysed.length; i++) {
    const l = analysed[i]!;
    if (l.noscript) {
      if (!l.noscript.isConnected) note({ index: l.index, href: l.href, what: 'removed', before: l.href, after: null });
    } else if (!current.has(l.el)) {
      note({ index: l.index, href: l.href, what: 'removed', before: l.href, after: null });
    } else {
      seen.add(l.el);
      const href = capString(rawHref(l.el) ?? '', LIMITS.url);
      if (href !== l.href) note({ index: l.index, href: l.href, what: 'href', before: l.href, after: href });
      const rel = relNow(l.el);
      const before = l.rel.join(' ');
      if (rel !== before) note({ index: l.index, href: l.href, what: 'rel', before, after: rel });
    }
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  for (let i = 0; i < now.length; i++) {
    const link = now[i]!;
    if (!seen.has(link.el)) {
      const href = capString(link.href, LIMITS.url);
      note({ index: null, href, what: 'added', before: null, after: href });
    }
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  return { count, changes };
}
