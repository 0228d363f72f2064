/**
 * The per-domain view (issue 19 §10): the shown links grouped by target domain, as SEOquake and
 * Ahrefs users expect — how many links, how many followed, the best score, the anchors — and for
 * the user's own domains the anchor-text distribution. Pure functions over the table's rows.
 */
import type { Row } from './link-model';

export interface AnchorShare {
  /** The anchor text as on the page ('' when the link has none). */
  text: string;
  count: number;
  followed: number;
  /** count / the domain's links, 0–1. */
  share: number;
}

export interface DomainGroup {
  /** The registrable domain (or the host when there is none). */
  domain: string;
  internal: boolean;
  /** The user's domain it belongs to, or null. */
  mine: string | null;
  links: number;
  followed: number;
  best: number;
  /** Anchors by how often they occur, most frequent first. */
  anchors: AnchorShare[];
  /** Report indexes of its links, best first (to open one in the table). */
  indexes: number[];
}

/** Groups http links by domain: my domains first, then by best score, then by number of links. */
export function groupByDomain(rows: readonly Row[]): DomainGroup[] {
  const groups = new Map<string, { g: DomainGroup; anchors: Map<string, AnchorShare>; scored: { index: number; score: number }[] }>();
  for (const { link, mine } of rows) {
    if (link.kind !== 'http') continue;
    const domain = link.domain ?? link.host;
    if (!domain) continue;
    let entry = groups.get(domain);
    if (!entry) {
      entry = { g: { domain, internal: link.internal, mine, links: 0, followed: 0, best: 0, anchors: [], indexes: [] }, anchors: new Map(), scored: [] };
      groups.set(domain, entry);
    }
    const g = entry.g;
    g.links++;
    if (link.followed) g.followed++;
    g.best = Math.max(g.best, link.score);
    g.mine ??= mine;
    entry.scored.push({ index: link.index, score: link.score });
    // Anchors are compared as a reader sees them: case and spacing aside.
    const key = link.text.trim().toLowerCase();
    let a = entry.anchors.get(key);
    if (!a) entry.anchors.set(key, (a = { text: link.text.trim(), count: 0, followed: 0, share: 0 }));
    a.count++;
    if (link.followed) a.followed++;
  }
  const out: DomainGroup[] = [];
  for (const { g, anchors, scored } of groups.values()) {
    g.anchors = [...anchors.values()].map((a) => ({ ...a, share: a.count / g.links })).sort((x, y) => y.count - x.count || x.text.localeCompare(y.text));
    g.indexes = scored.sort((x, y) => y.score - x.score || x.index - y.index).map((s) => s.index);
    out.push(g);
  }
  return out.sort((a, b) => Number(!!b.mine) - Number(!!a.mine) || b.best - a.best || b.links - a.links || a.domain.localeCompare(b.domain));
}
