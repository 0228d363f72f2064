/**
 * The backlinks table's rows (issue 19 §6): one row per link, grouped by the linking page. The
 * store groups per page and my domain (`BacklinkGroup`); a page linking to two of my domains is
 * one group here, with every link of each.
 */
import type { BacklinkGroup, BacklinkLink } from '@/lib/history/store';

export interface BacklinkRow {
  myDomain: string;
  status: BacklinkGroup['status'];
  lostAt: number | null;
  link: BacklinkLink;
}

export interface BacklinkPage {
  pageUrl: string;
  pageTitle: string;
  firstSeen: number;
  lastSeen: number;
  /** Lost links first, then best score first. */
  rows: BacklinkRow[];
  lost: number;
}

/** Pages with a lost link first, then by their best live score, then the most recently seen. */
export function backlinkPages(groups: readonly BacklinkGroup[]): BacklinkPage[] {
  const pages = new Map<string, BacklinkPage>();
  for (const g of groups) {
    let p = pages.get(g.pageUrl);
    if (!p) {
      p = { pageUrl: g.pageUrl, pageTitle: g.pageTitle, firstSeen: g.firstSeen, lastSeen: g.lastSeen, rows: [], lost: 0 };
      pages.set(g.pageUrl, p);
    }
    p.firstSeen = Math.min(p.firstSeen, g.firstSeen);
    p.lastSeen = Math.max(p.lastSeen, g.lastSeen);
    for (const link of g.links) p.rows.push({ myDomain: g.myDomain, status: g.status, lostAt: g.lostAt, link });
    if (g.status === 'lost') p.lost += g.links.length;
  }
  const lostFirst = (r: BacklinkRow) => (r.status === 'lost' ? 0 : 1);
  for (const p of pages.values()) p.rows.sort((a, b) => lostFirst(a) - lostFirst(b) || b.link.score - a.link.score);
  const best = (p: BacklinkPage) => Math.max(...p.rows.map((r) => r.link.score));
  return [...pages.values()].sort((a, b) => (a.lost ? 0 : 1) - (b.lost ? 0 : 1) || best(b) - best(a) || b.lastSeen - a.lastSeen);
}
