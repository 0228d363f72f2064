/**
 * Finds the main content, Readability-style: every paragraph-like block scores points (1 + commas +
 * length) that flow to its ancestors (parent in full, grandparent half, then decaying); candidates are
 * weighted by their class words and damped by their link density. The best candidate, moved up while its
 * parent holds comparably scored parts (posts in a thread, cards in a listing), and those of its siblings
 * that score well form the main content.
 */
import { EVERY_BLOCKS, type Checkpoint } from '../../yielder';
import { MAIN } from './knobs';
import { F_BLOCK, F_CONTENT_WORDS, contains, linkDensity, type PageModel } from '../model';

export interface MainContent {
  /** The chosen container (a record), -1 when the page has no paragraph text at all. */
  root: number;
  /** Pre-order range of the main content (none: start = Infinity, end = -1). */
  start: number;
  end: number;
  /** Human-readable reasons. */
  why: string[];
  /** Score of the best candidate (the seed). */
  bestScore: number;
  /** Candidate score per record (0 for the rest). */
  score: Float64Array;
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

function classWeight(m: PageModel, b: number): number {
  let w = 0;
  if (m.flags[b]! & F_CONTENT_WORDS) w += MAIN.classWeight;
  const h = m.hint[b];
  if (h && h.hint !== 'content') w -= h.strong ? MAIN.classWeight * 2 : MAIN.classWeight;
  return w;
}

/** Inside a comment section (class/id words such as `comments`, `comment-list`, `disqus`)? */
function inComments(m: PageModel, b: number): boolean {
  for (let p = b; p >= 0; p = m.parent[p]!) if (m.hint[p]?.hint === 'comments') return true;
  return false;
}

/** Inside a region that is certainly not content (nav/header/footer/aside landmark or role)? */
function inStrongBoilerplate(m: PageModel, b: number): boolean {
  for (let p = b; p >= 0; p = m.parent[p]!) {
    const h = m.hint[p];
    if (h?.strong && h.hint !== 'widget') return true;
  }
  return false;
}

export async function findMainContent(m: PageModel, checkpoint: Checkpoint): Promise<MainContent> {
  const why: string[] = [];
  // Candidate scores accumulate in `score`; `touched` marks records that received points.
  const score = new Float64Array(m.n);
  const touched = new Uint8Array(m.n);
  const candidates: number[] = [];
  for (let b = 0; b < m.n; b++) {
    if ((b & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const inline = m.inlineText[b]!;
    if (!(m.flags[b]! & F_BLOCK) || inline < MAIN.minParagraphChars) continue;
    const inlineDensity = inline ? m.inlineLinkText[b]! / inline : 0;
    if (inlineDensity > MAIN.maxParagraphLinkDensity) continue;
    // 1 point for the paragraph, one per comma, one per 100 characters (max 3).
    const points = 1 + m.commas[b]! + Math.min(Math.floor(inline / MAIN.charsPerPoint), MAIN.maxLengthPoints);
    let level = 0;
    for (let a = m.parent[b]!; a >= 0 && level < MAIN.ancestorLevels; a = m.parent[a]!, level++) {
      if (!touched[a]) {
        touched[a] = 1;
        score[a] = tagBonus(m.tag[a]!) + classWeight(m, a);
        candidates.push(a);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      score[a]! += points / divider;
    }
  }
  // The best candidate outside any comment section, and the best inside one: a post that is mostly photos
  // has less text than its comments, but it is still the content (Readability drops comments outright).
  // Only a page that is all comments (a thread whose posts are classed as comments) is seeded in them.
  let best = -1;
  let bestScore = -Infinity;
  let inCommentsBest = -1;
  let inCommentsScore = -Infinity;
  for (let i = 0; i < candidates.length; i++) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = candidates[i]!;
    if (b === m.root) {
      score[b] = 0;
      continue;
    }
    const final = score[b]! * (1 - linkDensity(m, b));
    score[b] = final;
    // Only a candidate that beats the best so far climbs its ancestors (the in-comments best is needed only
    // when nothing outside comments qualifies, and then every candidate beats -Infinity).
    if (final > bestScore && !inStrongBoilerplate(m, b)) {
      if (!inComments(m, b)) {
        best = b;
        bestScore = final;
      } else if (final > inCommentsScore) {
        inCommentsBest = b;
        inCommentsScore = final;
      }
    }
  }
  if (best < 0 && inCommentsBest >= 0) {
    best = inCommentsBest;
    bestScore = inCommentsScore;
    why.push('only comments hold paragraph text');
  }
  if (best < 0) {
    why.push('no paragraph text');
    return { root: -1, start: Infinity, end: -1, why, bestScore: 0, score };
  }
  why.push(`best block <${m.tag[best]}> score ${bestScore.toFixed(0)}`);

  const seed = best;
  await checkpoint();
  let root = await grow(m, seed, why, checkpoint);
  // A short root (a caption, a card's blurb) on a page whose bulk is a grid of cards: the grid is the content.
  const grid = m.text[root]! < MAIN.gridTinyRoot ? await findGrid(m, checkpoint) : null;
  const pageText = m.root >= 0 ? m.text[m.root]! : 0;
  if (grid && !contains(m, root, grid.el) && grid.text > m.text[root]! * MAIN.gridOverRoot && grid.text >= pageText * MAIN.gridMinPageShare) {
    why.push(`card grid <${m.tag[grid.el]}> of ${grid.items} items (${grid.text} chars) outweighs it`);
    root = contains(m, grid.el, root) || m.text[root]! < MAIN.gridKeepRootChars ? grid.el : lowestCommon(m, root, grid.el);
  }
  return { root, start: root, end: m.end[root]!, why, bestScore, score };
}

function lowestCommon(m: PageModel, a: number, b: number): number {
  let p = a;
  while (p >= 0 && !contains(m, p, b)) p = m.parent[p]!;
  return p >= 0 ? p : a;
}

/** Inside any hinted (non-content) region? */
function inHinted(m: PageModel, b: number): boolean {
  for (let p = b; p >= 0; p = m.parent[p]!) {
    const h = m.hint[p];
    if (h && h.hint !== 'content') return true;
  }
  return false;
}

/**
 * The biggest grid or list of alike cards: ≥ MAIN.gridMinItems siblings with the same tag and class, each
 * holding a link and text of its own (a title with a description, a price), outside any hinted region.
 * A listing's or a shop's products, a collection's articles: content even when every word is a link.
 */
async function findGrid(m: PageModel, checkpoint: Checkpoint): Promise<{ el: number; items: number; text: number } | null> {
  const groups = new Map<number, Map<string, { n: number; text: number; withLink: number }>>();
  for (let b = 0; b < m.n; b++) {
    if ((b & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const tag = m.tag[b]!;
    const parent = m.parent[b]!;
    if (m.siblingGroup[b]! < MAIN.gridMinItems || parent < 0 || tag === 'a' || tag === 'span' || tag === 'option') continue;
    let g1 = groups.get(parent);
    if (!g1) groups.set(parent, (g1 = new Map()));
    const k = tag + ' ' + m.cls[b];
    let g = g1.get(k);
    if (!g) g1.set(k, (g = { n: 0, text: 0, withLink: 0 }));
    g.n++;
    g.text += m.text[b]!;
    if (m.links[b]! > 0) g.withLink++;
  }
  let best: { el: number; items: number; text: number } | null = null;
  for (const [p, g1] of groups) {
    for (const g of g1.values()) {
      if (g.withLink < g.n * 0.8 || g.text / g.n < MAIN.gridMinItemChars) continue;
      if (best && g.text <= best.text) continue;
      if (inHinted(m, p)) continue;
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
async function grow(m: PageModel, seed: number, why: string[], checkpoint: Checkpoint): Promise<number> {
  const n = m.n;
  const acc = new Float64Array(n);
  const accLink = new Float64Array(n);
  const bp = new Float64Array(n);
  const bpLink = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const h = m.hint[i];
    const hinted = h !== null && h !== undefined && h.hint !== 'content' && !contains(m, i, seed);
    bp[i] = hinted ? m.text[i]! : acc[i]!;
    bpLink[i] = hinted ? m.linkText[i]! : accLink[i]!;
    const p = m.parent[i]!;
    if (p >= 0) {
      acc[p] = acc[p]! + bp[i]!;
      accLink[p] = accLink[p]! + bpLink[i]!;
    }
  }
  const objective = (b: number) => {
    const links = m.linkText[b]! - bpLink[b]!;
    const plain = m.text[b]! - bp[b]! - links;
    return plain - MAIN.linkTextCost * links - MAIN.boilerplateCost * bp[b]!;
  };
  let best = seed;
  let bestValue = objective(seed);
  for (let a = m.parent[seed]!; a >= 0; a = m.parent[a]!) {
    const v = objective(a);
    if (v > bestValue) {
      best = a;
      bestValue = v;
    }
  }
  if (best !== seed) why.push(`grown to <${m.tag[best]}> (content net of boilerplate ${bestValue.toFixed(0)})`);
  return best;
}

/** Is record `b` inside the main content? */
export function inMain(main: MainContent, b: number): boolean {
  return main.start <= b && b <= main.end;
}
