/** Every page seen linking to the user's domains, across all inspections, grouped per page. */
import { createDomainMatcher, normalizeDomain, normalizeDomainList } from '../my-domains.ts';
import { backlinkDomain, indexDomainFor } from './domains.ts';
import { dbOf, noop, type StoreOptions } from './tx.ts';
import type { LinkRecord } from './types.ts';

/** One link to the user's domain, as the linking page's latest inspection with such a link had it. */
export interface BacklinkLink {
  inspectionId: number;
  targetUrl: string | null;
  text: string;
  placement: LinkRecord['placement'];
  rel: string[];
  followed: boolean;
  score: number;
  /** score × the linking site's strength (null or absent for links saved before linkValue existed). */
  linkValue?: number | null;
}

export interface BacklinkGroup {
  /** The user's domain this page links to (normalized). */
  myDomain: string;
  /** The linking page (normalized URL). */
  pageUrl: string;
  /** Title of the page at its latest inspection. */
  pageTitle: string;
  firstSeen: number;
  /** The last time the page was seen with the link (an unchanged re-inspection moves it). */
  lastSeen: number;
  /** Stored inspections of this page that contained a link to the domain (an unchanged re-inspection is not a new one). */
  timesSeen: number;
  /** `lost`: the page's latest inspection no longer links to the domain. */
  status: 'live' | 'lost';
  /** Time of the first inspection without the link, when lost. */
  lostAt: number | null;
  /** The best link (highest score) of the latest inspection that had one: `links[0]`. */
  latest: BacklinkLink;
  /**
   * Every link to the domain in that inspection, best score first (document order among equals):
   * a page with a followed and a sponsored link to the domain has two (issue 19 §6).
   */
  links: BacklinkLink[];
  /** Links to the domain in that inspection (`links.length`). */
  linksInLatest: number;
}

/**
 * Every page seen linking to `domain` (or its subdomains), across all inspections, grouped per
 * linking page. Internal links (a site linking to itself) are not backlinks and are left out.
 * Lost backlinks come first, then by score.
 */
export async function backlinksTo(domain: string, opts?: StoreOptions): Promise<BacklinkGroup[]> {
  const check = normalizeDomain(domain);
  if (!check.ok) return [];
  const myDomain = check.domain;
  const match = createDomainMatcher([myDomain]);
  const db = await dbOf(opts);
  const tx = db.transaction(['links', 'inspections']);
  const links = await tx.objectStore('links').index('byDomain').getAll(indexDomainFor(myDomain));

  interface Acc {
    firstSeen: number;
    /** Time of the latest inspection with a link to the domain (when it was first stored). */
    lastSeen: number;
    inspections: Set<number>;
    latestId: number;
    latest: LinkRecord[];
  }
  const groups = new Map<string, Acc>();
  for (const l of links) {
    if (!backlinkDomain(l, match)) continue;
    let g = groups.get(l.pageUrl);
    if (!g) {
      g = { firstSeen: l.time, lastSeen: l.time, inspections: new Set(), latestId: l.inspectionId, latest: [] };
      groups.set(l.pageUrl, g);
    }
    g.inspections.add(l.inspectionId);
    if (l.time < g.firstSeen) g.firstSeen = l.time;
    const newer = l.time > g.lastSeen || (l.time === g.lastSeen && l.inspectionId > g.latestId);
    if (newer) {
      g.lastSeen = l.time;
      g.latestId = l.inspectionId;
      g.latest = [l];
    } else if (l.inspectionId === g.latestId) {
      g.latest.push(l);
    }
  }

  const inspections = tx.objectStore('inspections');
  const pageIndex = inspections.index('byPageTime');
  const out = await Promise.all(
    [...groups].map(async ([pageUrl, g]): Promise<BacklinkGroup> => {
      // The page's latest inspection tells whether the backlink is still there.
      const range = IDBKeyRange.bound([pageUrl, -Infinity], [pageUrl, Infinity]);
      const newest = await pageIndex.openCursor(range, 'prev');
      const latestOfPage = newest?.value;
      let status: BacklinkGroup['status'] = 'live';
      let lostAt: number | null = null;
      if (latestOfPage && latestOfPage.id !== g.latestId && latestOfPage.time >= g.lastSeen) {
        status = 'lost';
        // The first inspection after the last sighting.
        const after = await pageIndex.openCursor(IDBKeyRange.bound([pageUrl, g.lastSeen], [pageUrl, Infinity], true));
        lostAt = after?.value.time ?? latestOfPage.time;
      }
      // That inspection may have been seen again, unchanged, since it was stored.
      const latestWithLink = latestOfPage?.id === g.latestId ? latestOfPage : await inspections.get(g.latestId);
      const lastSeen = Math.max(g.lastSeen, latestWithLink?.lastSeen ?? g.lastSeen);
      const links = [...g.latest].sort((a, b) => b.score - a.score || a.index - b.index).map(backlinkLink);
      return {
        myDomain,
        pageUrl,
        pageTitle: latestOfPage?.title ?? '',
        firstSeen: g.firstSeen,
        lastSeen,
        timesSeen: g.inspections.size,
        status,
        lostAt,
        latest: links[0]!,
        links,
        linksInLatest: links.length,
      };
    }),
  );
  await tx.done.catch(noop);
  return out.sort(
    (a, b) =>
      (a.status === 'lost' ? 0 : 1) - (b.status === 'lost' ? 0 : 1) ||
      b.latest.score - a.latest.score ||
      b.lastSeen - a.lastSeen,
  );
}

function backlinkLink(l: LinkRecord): BacklinkLink {
  return {
    inspectionId: l.inspectionId,
    targetUrl: l.url,
    text: l.text,
    placement: l.placement,
    rel: l.rel,
    followed: l.followed,
    score: l.score,
    linkValue: l.linkValue ?? null,
  };
}

/** backlinksTo for several domains, concatenated (domains deduplicated after normalization). */
export async function backlinksToDomains(domains: readonly string[], opts?: StoreOptions): Promise<BacklinkGroup[]> {
  const out: BacklinkGroup[] = [];
  for (const n of normalizeDomainList(domains)) out.push(...(await backlinksTo(n, opts)));
  return out;
}
