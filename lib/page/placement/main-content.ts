/**
 * Finds the main content, Readability-style: every paragraph-like block scores points (1 + commas +
 * length) that flow to its ancestors (parent in full, grandparent half, then decaying); candidates are
 * weighted by their class words and damped by their link density. The best candidate, moved up while its
 * parent holds comparably scored parts (posts in a thread, cards in a listing), and those of its siblings
 * that score well form the main content.
 */
import { EVERY_BLOCKS, type Checkpoint } from '../../yielder';
import { MAIN } from './combine';
import { contains, linkDensity, type Block, type PageBlocks } from './signals';

export interface MainContent {
  /** The chosen container, null when the page has no paragraph text at all. */
  root: Block | null;
  /** Sibling subtrees that join the root (Readability's sibling pass). */
  parts: Block[];
  /** Human-readable reasons. */
  why: string[];
  /** Score of the best candidate (the seed). */
  bestScore: number;
}

function tagBonus(tag: string): number {
  switch (tag) {
    case 'article':
    case 'main':
      return MAIN.semanticTagBonus;
    case 'div':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'form':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'address':
      return -3;
    case 'th':
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'nav':
    case 'header':
    case 'footer':
    case 'aside':
      return -5;
    default:
      return 0;
  }
}

function classWeight(b: Block): number {
  let w = 0;
  if (b.contentWords) w += MAIN.classWeight;
  if (b.hint && b.hint.hint !== 'content') w -= b.hint.strong ? MAIN.classWeight * 2 : MAIN.classWeight;
  return w;
}

/** Inside a region that is certainly not content (nav/header/footer/aside landmark or role)? */
function inStrongBoilerplate(b: Block): boolean {
  for (let p: Block | null = b; p; p = p.parent) {
    if (p.hint?.strong && p.hint.hint !== 'widget') return true;
  }
  return false;
}

export async function findMainContent(page: PageBlocks, checkpoint: Checkpoint): Promise<MainContent> {
  const why: string[] = [];
  // Candidate scores accumulate in page.score; `touched` marks blocks that received points.
  const touched = new Uint8Array(page.blocks.length);
  const score = page.score;
  const candidates: Block[] = [];
  const blocks = page.blocks;
  for (let i = 0; i < blocks.length; i++) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = blocks[i]!;
    if (!b.isBlock || b.inlineText < MAIN.minParagraphChars) continue;
    const inlineDensity = b.inlineText ? b.inlineLinkText / b.inlineText : 0;
    if (inlineDensity > MAIN.maxParagraphLinkDensity) continue;
    // 1 point for the paragraph, one per comma, one per 100 characters (max 3).
    const points = 1 + b.commas + Math.min(Math.floor(b.inlineText / MAIN.charsPerPoint), MAIN.maxLengthPoints);
    let level = 0;
    for (let a: Block | null = b.parent; a && level < MAIN.ancestorLevels; a = a.parent, level++) {
      if (!touched[a.order]) {
        touched[a.order] = 1;
        score[a.order] = tagBonus(a.tag) + classWeight(a);
        candidates.push(a);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      score[a.order]! += points / divider;
    }
  }
  let best: Block | null = null;
  let bestScore = -Infinity;
  for (let i = 0; i < candidates.length; i++) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = candidates[i]!;
    if (b === page.root) {
      score[b.order] = 0;
      continue;
    }
    const final = score[b.order]! * (1 - linkDensity(b));
    score[b.order] = final;
    if (final > bestScore && !inStrongBoilerplate(b)) {
      best = b;
      bestScore = final;
    }
  }
  if (!best) {
    why.push('no paragraph text');
    return { root: null, parts: [], why, bestScore: 0 };
  }
  why.push(`best block <${best.tag}> score ${bestScore.toFixed(0)}`);

  const seed = best;
  await checkpoint();
  let root = await grow(page, seed, why, checkpoint);
  // A short root (a caption, a card's blurb) on a page whose bulk is a grid of cards: the grid is the content.
  const grid = root.text < MAIN.gridTinyRoot ? await findGrid(page, checkpoint) : null;
  if (grid && !contains(root, grid.el) && grid.text > root.text * MAIN.gridOverRoot && grid.text >= (page.root?.text ?? 0) * MAIN.gridMinPageShare) {
    why.push(`card grid <${grid.el.tag}> of ${grid.items} items (${grid.text} chars) outweighs it`);
    root = contains(grid.el, root) || root.text < MAIN.gridKeepRootChars ? grid.el : lowestCommon(root, grid.el);
  }
  return { root, parts: [root], why, bestScore };
}

function lowestCommon(a: Block, b: Block): Block {
  let p: Block | null = a;
  while (p && !contains(p, b)) p = p.parent;
  return p ?? a;
}

/** Inside any hinted (non-content) region? */
function inHinted(b: Block): boolean {
  for (let p: Block | null = b; p; p = p.parent) if (p.hint && p.hint.hint !== 'content') return true;
  return false;
}

/**
 * The biggest grid or list of alike cards: ≥ MAIN.gridMinItems siblings with the same tag and class, each
 * holding a link and text of its own (a title with a description, a price), outside any hinted region.
 * A listing's or a shop's products, a collection's articles: content even when every word is a link.
 */
async function findGrid(page: PageBlocks, checkpoint: Checkpoint): Promise<{ el: Block; items: number; text: number } | null> {
  const groups = new Map<Block, Map<string, { n: number; text: number; withLink: number }>>();
  const blocks = page.blocks;
  for (let i = 0; i < blocks.length; i++) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = blocks[i]!;
    if (b.siblingGroup < MAIN.gridMinItems || !b.parent || b.tag === 'a' || b.tag === 'span' || b.tag === 'option') continue;
    let m = groups.get(b.parent);
    if (!m) groups.set(b.parent, (m = new Map()));
    const k = b.tag + ' ' + b.cls;
    let g = m.get(k);
    if (!g) m.set(k, (g = { n: 0, text: 0, withLink: 0 }));
    g.n++;
    g.text += b.text;
    if (b.links > 0) g.withLink++;
  }
  let best: { el: Block; items: number; text: number } | null = null;
  for (const [p, m] of groups) {
    for (const g of m.values()) {
      if (g.withLink < g.n * 0.8 || g.text / g.n < MAIN.gridMinItemChars) continue;
      if (best && g.text <= best.text) continue;
      if (inHinted(p)) continue;
      best = { el: p, items: g.n, text: g.text };
    }
  }
  return best;
}

/**
 * Grows the seed to the ancestor with the most content net of boilerplate: non-link text counts +1 per
 * character, link text −MAIN.linkTextCost, text in hinted boilerplate regions −MAIN.boilerplateCost
 * (a region that wraps the seed is a layout wrapper and does not count). A listing's cards, a thread's
 * posts, an article's sections pull the root up; header, menus and footers stop it.
 */
async function grow(page: PageBlocks, seed: Block, why: string[], checkpoint: Checkpoint): Promise<Block> {
  const n = page.blocks.length;
  const acc = new Float64Array(n);
  const accLink = new Float64Array(n);
  const bp = new Float64Array(n);
  const bpLink = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = page.blocks[i]!;
    const hinted = b.hint !== null && b.hint.hint !== 'content' && !contains(b, seed);
    bp[i] = hinted ? b.text : acc[i]!;
    bpLink[i] = hinted ? b.linkText : accLink[i]!;
    if (b.parent) {
      const o = b.parent.order;
      acc[o] = acc[o]! + bp[i]!;
      accLink[o] = accLink[o]! + bpLink[i]!;
    }
  }
  const objective = (b: Block) => {
    const i = b.order;
    const links = b.linkText - bpLink[i]!;
    const plain = b.text - bp[i]! - links;
    return plain - MAIN.linkTextCost * links - MAIN.boilerplateCost * bp[i]!;
  };
  let best = seed;
  let bestValue = objective(seed);
  for (let a = seed.parent; a; a = a.parent) {
    const v = objective(a);
    if (v > bestValue) {
      best = a;
      bestValue = v;
    }
  }
  if (best !== seed) why.push(`grown to <${best.tag}> (content net of boilerplate ${bestValue.toFixed(0)})`);
  return best;
}

/** Is `b` inside one of the main content parts? */
export function inMain(main: MainContent, b: Block): boolean {
  for (const p of main.parts) if (contains(p, b)) return true;
  return false;
}
