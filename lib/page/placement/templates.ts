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
import type { Block } from './signals';

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
  /** The signatures computed for the sums, by record order (links read them instead of rebuilding them). */
  blockKey: string[];
  parentKey: string[];
  linkKey: string[];
}

const LINK_ANCESTORS = 3;

const sig = (b: Block) => b.tag + '.' + b.cls;
const parentSig = (b: Block) => (b.parent ? sig(b) + '<' + sig(b.parent) : sig(b));
function linkSig(b: Block): string {
  let s = sig(b);
  for (let p = b.parent, d = 0; p && d < LINK_ANCESTORS; p = p.parent, d++) s += '<' + sig(p);
  return s;
}

function add(m: Sums, key: string, inMain: number, total: number): void {
  const e = m.get(key);
  if (e) {
    e[0] += inMain;
    e[1] += total;
    e[2] += 1;
  } else m.set(key, [inMain, total, 1]);
}

/** One pass over the page's records; `inMain(b)` is the main-content membership decided before. */
export async function templateTables(blocks: readonly Block[], inMain: (b: Block) => boolean, checkpoint: Checkpoint): Promise<TemplateTables> {
  const t: TemplateTables = { block: new Map(), parent: new Map(), link: new Map(), blockKey: [], parentKey: [], linkKey: [] };
  for (let i = 0; i < blocks.length; i++) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = blocks[i]!;
    if (b.tag === 'a') add(t.link, (t.linkKey[b.order] = linkSig(b)), inMain(b) ? 1 : 0, 1);
    if (!b.isBlock || b.inlineText < 1) continue;
    const w = b.inlineText;
    const m = inMain(b) ? w : 0;
    add(t.block, (t.blockKey[b.order] = sig(b)), m, w);
    add(t.parent, (t.parentKey[b.order] = parentSig(b)), m, w);
  }
  return t;
}

/** Share in the main content of the others in a signature's sums, leaving one member's part out. */
function othersShare(e: [number, number, number] | undefined, ownInMain: number, own: number): number {
  if (!e) return 0.5;
  const total = e[1] - own;
  return total > 0 ? (e[0] - ownInMain) / total : 0.5;
}

export function templateStats(t: TemplateTables, link: Block, inMain: (b: Block) => boolean): TemplateStats {
  const o = link.blockOwner;
  const w = o.isBlock && o.inlineText >= 1 ? o.inlineText : 0;
  const m = w && inMain(o) ? w : 0;
  const e = t.block.get(t.blockKey[o.order] ?? sig(o));
  const l = link.tag === 'a' ? t.link.get(t.linkKey[link.order] ?? linkSig(link)) : undefined;
  const others = l ? l[2] - 1 : 0;
  return {
    blockShare: othersShare(e, m, w),
    parentShare: othersShare(t.parent.get(t.parentKey[o.order] ?? parentSig(o)), m, w),
    linkShare: l && others > 0 ? (l[0] - (inMain(link) ? 1 : 0)) / others : 0.5,
  };
}
