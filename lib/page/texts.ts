/**
 * Stage 5 — texts: what relevance needs from the page, read from the page model in the page (the
 * background has no DOM): the page's main text and each link's paragraph, deduplicated.
 */
import { F_BLOCK, F_HEADING, joinTexts, textEnd, type PageModel } from './model';
import { collapse } from './text';
import type { LinkFeatures } from '../types';
import { EVERY_LINKS, type Checkpoint } from '../yielder';
import { LIMITS } from '../limits';

export const MAX_MAIN_CHARS = LIMITS.mainText;
/** Blocks longer than this are a list or a container, not the link's paragraph: use the nearby words. */
export const MAX_BLOCK_CHARS = 1_200;
/** A block whose text is mostly anchor text is a menu or a link list, not prose around a link. */
export const LINK_DENSE_SHARE = 0.6;

/** Markup whose words are not the page's topic even inside the main content: forms, buttons, icons. */
const NOT_TOPIC_TAGS = new Set(['form', 'button', 'svg']);

/** The main content as the placement stage found it: a record of a model (-1: none found). */
export interface MainContentRef {
  model: PageModel;
  root: number;
}

/**
 * Per record: does its text stay out of the main text? Inside a region the page names as something else
 * (navigation, header, footer, sidebar, comments, related, widgets: landmark tags, roles, class/id
 * words), or inside a form, button or icon.
 */
function notTopic(m: PageModel, root: number): Uint8Array {
  const out = new Uint8Array(m.n);
  const end = m.end[root]!;
  for (let r = root + 1; r <= end; r++) {
    const h = m.hint[r];
    out[r] = out[m.parent[r]!]! || (h && h.hint !== 'content') || NOT_TOPIC_TAGS.has(m.tag[r]!) ? 1 : 0;
  }
  return out;
}

/** The topical text under `root`, without the regions `notTopic` names; bounded. */
export function contentText(m: PageModel, root: number, limit = MAX_MAIN_CHARS): string {
  if (root < 0) return '';
  const skip = notTopic(m, root);
  let out = '';
  const to = textEnd(m, root);
  for (let i = m.firstText[root]!; i < to && out.length < limit; i++) {
    if (skip[m.textOwner[i]!]) continue;
    out += m.textBreak[i] ? ' ' + m.texts[i] : m.texts[i];
  }
  return collapse(out).slice(0, limit);
}

/**
 * The page's main text: the main content the placement step found (else the whole body), without the
 * regions inside it that are not its topic, plus the blocks of links placed in the body outside it.
 */
export function mainText(main: MainContentRef | null, links: LinkFeatures[], isBody: (i: number) => boolean): string {
  if (!main || main.model.root < 0) return '';
  const m = main.model;
  const root = main.root >= 0 ? main.root : m.root;
  let text = contentText(m, root);
  const seen = new Set<number>();
  for (let i = 0; i < links.length && text.length < MAX_MAIN_CHARS; i++) {
    const l = links[i]!;
    if (!isBody(i) || l.model !== m || l.record < 0) continue;
    const block = m.owner[l.record]!;
    if (seen.has(block) || (root <= block && block <= m.end[root]!)) continue;
    seen.add(block);
    text += ' ' + collapse(joinTexts(m, m.firstText[block]!, textEnd(m, block), MAX_BLOCK_CHARS));
  }
  return text.slice(0, MAX_MAIN_CHARS);
}

/** Per record: inside a navigation landmark (`<nav>`, `role="navigation"`, a menu role)? */
function navRecords(m: PageModel): Uint8Array {
  const out = new Uint8Array(m.n);
  for (let r = 0; r < m.n; r++) {
    const h = m.hint[r];
    const p = m.parent[r]!;
    out[r] = (p >= 0 && out[p]) || (h?.strong && h.hint === 'nav') ? 1 : 0;
  }
  return out;
}

/**
 * The text of each link's paragraph (its block in the page model), deduplicated: links[i] reads
 * blocks[linkBlocks[i]]; -1 when the link has no block or it is too long to be a paragraph (a list or
 * a container). A block that is mostly links, or inside a navigation landmark, gets the empty text: its
 * words are its neighbours' anchors or labels, not context.
 */
export async function contextBlockTexts(links: LinkFeatures[], checkpoint: Checkpoint = () => undefined): Promise<{ blocks: string[]; linkBlocks: number[] }> {
  const blocks: string[] = [];
  let none = -1;
  /** The shared empty block: nothing around the link is prose. */
  const noProse = () => (none < 0 ? (none = blocks.push('') - 1) : none);
  const ids = new Map<PageModel, Map<number, number>>();
  const nav = new Map<PageModel, Uint8Array>();
  const linkBlocks: number[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
    const { model: m, record: r } = links[i]!;
    if (r < 0) {
      linkBlocks[i] = -1;
      continue;
    }
    let inNav = nav.get(m);
    if (!inNav) nav.set(m, (inNav = navRecords(m)));
    // A link in a menu or breadcrumb: the words around it are labels (and the page's own title), not prose.
    if (inNav[r]) {
      linkBlocks[i] = noProse();
      continue;
    }
    const block = m.owner[r]!;
    let known = ids.get(m);
    if (!known) ids.set(m, (known = new Map()));
    let id = known.get(block);
    if (id === undefined) {
      id = blockId(m, block, blocks, noProse);
      known.set(block, id);
    }
    linkBlocks[i] = id;
  }
  return { blocks, linkBlocks };
}

/** A block's collapsed text, or '' when it is longer than a paragraph. */
function paragraphText(m: PageModel, block: number): string {
  // Non-space characters never exceed the collapsed length: a long block is known without its text.
  if (m.text[block]! > MAX_BLOCK_CHARS) return '';
  const text = collapse(joinTexts(m, m.firstText[block]!, textEnd(m, block), MAX_BLOCK_CHARS + 2));
  return text.length > MAX_BLOCK_CHARS ? '' : text;
}

const DESCRIPTION_TAGS = new Set(['p', 'div', 'blockquote', 'dd']);

/**
 * The paragraph that describes a list item whose title line is a link: the next element after the
 * line, when it is prose (a paragraph, no heading inside, not mostly links, not too long).
 */
function itemDescription(m: PageModel, line: number): string {
  const next = m.end[line]! + 1;
  if (next >= m.n || m.parent[next] !== m.parent[line] || !DESCRIPTION_TAGS.has(m.tag[next]!)) return '';
  for (let r = next; r <= m.end[next]!; r++) if (m.flags[r]! & F_HEADING) return '';
  if (m.linkText[next]! > LINK_DENSE_SHARE * m.text[next]!) return '';
  return paragraphText(m, next);
}

function blockId(m: PageModel, block: number, blocks: string[], noProse: () => number): number {
  if (!(m.flags[block]! & F_BLOCK)) return -1;
  const text = paragraphText(m, block);
  if (!text) return -1;
  const dense = m.linkText[block]! > LINK_DENSE_SHARE * m.text[block]!;
  // An item's title line (a heading, or a line that is one link) is described by the paragraph
  // after it: a list of resources ("best X blogs") or of projects.
  const described = (dense && m.links[block] === 1) || m.flags[block]! & F_HEADING ? itemDescription(m, block) : '';
  if (described) return blocks.push(`${text} ${described}`) - 1;
  if (dense) return noProse();
  return blocks.push(text) - 1;
}
