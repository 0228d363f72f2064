/**
 * Template signals: is a block styled like the main content? Sites render every paragraph of an article
 * with the same markup (tag + class, inside the same kind of parent) and every menu item with another, so
 * a block outside the detected main content that shares its markup with the main content's text is
 * probably content the search missed (a second section, an intro above it), and a link inside the main
 * content whose markup mostly occurs outside it is probably a widget that sits in the article.
 *
 * Per page: for each signature, how much of its inline text (text blocks) or how many of its links
 * (links) lie in the main content, with the block's own share left out so the signal says something the
 * in-main flag does not.
 */
import { EVERY_BLOCKS, type Checkpoint } from '../../yielder';
import { F_BLOCK, type PageModel } from '../model';

export interface TemplateStats {
  /** Share of the inline text of other blocks with the link's block signature that is in the main content (0.5: no other). */
  blockShare: number;
  /** The same, for the signature of the block together with its parent's. */
  parentShare: number;
  /** Share of other links with the link's signature (its tag + class and three ancestors') that are in the main content. */
  linkShare: number;
}

/** Sums per signature: [in the main content, total, count]. */
type Sums = Map<string, [number, number, number]>;

export interface TemplateTables {
  block: Sums;
  parent: Sums;
  link: Sums;
  /** The signatures computed for the sums, by record (links read them instead of rebuilding them). */
  blockKey: string[];
  parentKey: string[];
  linkKey: string[];
}

const LINK_ANCESTORS = 3;

const sig = (m: PageModel, b: number) => m.tag[b] + '.' + m.cls[b];
const parentSig = (m: PageModel, b: number) => (m.parent[b]! >= 0 ? sig(m, b) + '<' + sig(m, m.parent[b]!) : sig(m, b));
function linkSig(m: PageModel, b: number): string {
  let s = sig(m, b);
  for (let p = m.parent[b]!, d = 0; p >= 0 && d < LINK_ANCESTORS; p = m.parent[p]!, d++) s += '<' + sig(m, p);
  return s;
}

function add(sums: Sums, key: string, inMain: number, total: number): void {
  const e = sums.get(key);
  if (e) {
    e[0] += inMain;
    e[1] += total;
    e[2] += 1;
  } else sums.set(key, [inMain, total, 1]);
}

/** One pass over the page's records; `inMain(b)` is the main-content membership decided before. */
export async function templateTables(m: PageModel, inMain: (b: number) => boolean, checkpoint: Checkpoint): Promise<TemplateTables> {
  const t: TemplateTables = { block: new Map(), parent: new Map(), link: new Map(), blockKey: [], parentKey: [], linkKey: [] };
  for (let b = 0; b < m.n; b++) {
    if ((b & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    if (m.tag[b] === 'a') add(t.link, (t.linkKey[b] = linkSig(m, b)), inMain(b) ? 1 : 0, 1);
    const w = m.inlineText[b]!;
    if (!(m.flags[b]! & F_BLOCK) || w < 1) continue;
    const own = inMain(b) ? w : 0;
    add(t.block, (t.blockKey[b] = sig(m, b)), own, w);
    add(t.parent, (t.parentKey[b] = parentSig(m, b)), own, w);
  }
  return t;
}

/** Share in the main content of the others in a signature's sums, leaving one member's part out. */
function othersShare(e: [number, number, number] | undefined, ownInMain: number, own: number): number {
  if (!e) return 0.5;
  const total = e[1] - own;
  return total > 0 ? (e[0] - ownInMain) / total : 0.5;
}

/** `into`: an object to fill instead of a new one (one per link adds up on big pages). */
export function templateStats(t: TemplateTables, m: PageModel, link: number, inMain: (b: number) => boolean, into?: TemplateStats): TemplateStats {
  const o = m.owner[link]!;
  const w = m.flags[o]! & F_BLOCK && m.inlineText[o]! >= 1 ? m.inlineText[o]! : 0;
  const own = w && inMain(o) ? w : 0;
  const e = t.block.get(t.blockKey[o] ?? sig(m, o));
  const l = m.tag[link] === 'a' ? t.link.get(t.linkKey[link] ?? linkSig(m, link)) : undefined;
  const others = l ? l[2] - 1 : 0;
  const out = into ?? { blockShare: 0, parentShare: 0, linkShare: 0 };
  out.blockShare = othersShare(e, own, w);
  out.parentShare = othersShare(t.parent.get(t.parentKey[o] ?? parentSig(m, o)), own, w);
  out.linkShare = l && others > 0 ? (l[0] - (inMain(link) ? 1 : 0)) / others : 0.5;
  return out;
}
