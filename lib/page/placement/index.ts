/**
 * Stage 3 — placement: where on the page each link sits (main content, header, nav, sidebar, footer,
 * comments, related), with a confidence and the signals behind it, most decisive first.
 *
 * Per document, once: one DOM pass (signals.ts) → the main content (main-content.ts) → a top-down pass
 * that gives every element its region context (landmarks, roles, class/id words; outer page regions win,
 * layout wrappers around the main content are ignored). Per link it is then O(1): look up the link's
 * element record, read its signals (link-signals.ts) and weigh them (combine.ts). Layout, when present,
 * refines the region of links outside the main content (geometry.ts). Works without layout (jsdom).
 */
import type { Placement } from '../../report';
import { pageElement } from '../collect';
import type { LinkFeatures, PlacementResult } from '../../types';
import { BODY_THRESHOLD, CONFIDENCE, REGION, bodyScore, result, topSignals } from './combine';
import { mainBox, placeByGeometry, type Box } from './geometry';
import { FEATURE_COUNT, FI, linkFeatures, type Ctx, type FeatureVector } from './link-signals';
import { findMainContent, type MainContent } from './main-content';
import { buildBlocks, contains, hintPlacement, type Block, type PageBlocks } from './signals';
import { templateStats, templateTables, type TemplateTables } from './templates';
import { EVERY_BLOCKS, EVERY_LINKS, type Checkpoint } from '../../yielder';

export interface StageContext {
  checkpoint: Checkpoint;
}

export interface DocAnalysis {
  page: PageBlocks;
  main: MainContent;
  ctx: Ctx[];
  /** Pre-order range of the main content. */
  mainStart: number;
  mainEnd: number;
  templates: TemplateTables;
}

const NO_CTX: Ctx = { region: null, hint: null, strong: false, why: '', inMain: false, regionInMain: false };

async function regionContexts(page: PageBlocks, main: MainContent, checkpoint: Checkpoint): Promise<Ctx[]> {
  const ctx: Ctx[] = new Array(page.blocks.length);
  const parts = new Set(main.parts);
  const blocks = page.blocks;
  for (let i = 0; i < blocks.length; i++) {
    if ((i & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const b = blocks[i]!;
    const pc = b.parent ? ctx[b.parent.order]! : NO_CTX;
    const inMain = pc.inMain || parts.has(b);
    let c = pc.inMain === inMain ? pc : { ...pc, inMain };
    const h = b.hint;
    // The outermost region wins: a menu in the header is a header link, a widget in the sidebar a
    // sidebar link. A region that wraps the main content is a layout wrapper, not a region.
    if (h && c.region === null && !(main.root !== null && contains(b, main.root))) {
      const place = hintPlacement(h.hint);
      if (place) {
        let why = h.hint === 'widget' ? `in an auxiliary block (${h.why})` : `inside ${h.why}`;
        if (inMain && (place === 'header' || place === 'footer')) why += ' of the article';
        c = { region: place, hint: h.hint, strong: h.strong, why, inMain, regionInMain: inMain };
      }
    }
    ctx[b.order] = c;
  }
  return ctx;
}

export async function analyzeDocument(doc: Document, checkpoint: StageContext['checkpoint']): Promise<DocAnalysis> {
  const page = await buildBlocks(doc, checkpoint);
  const main = await findMainContent(page, checkpoint);
  const ctx = await regionContexts(page, main, checkpoint);
  let mainStart = Infinity;
  let mainEnd = -1;
  for (const p of main.parts) {
    mainStart = Math.min(mainStart, p.order);
    mainEnd = Math.max(mainEnd, p.end);
  }
  const templates = await templateTables(page.blocks, (b) => (ctx[b.order] ?? NO_CTX).inMain, checkpoint);
  return { page, main, ctx, mainStart, mainEnd, templates };
}

/** The record of the link's element, or of its nearest recorded ancestor (SVG internals, shadow hosts). */
export function blockFor(page: PageBlocks, el: Element): Block | null {
  for (let e: Node | null = el; e; ) {
    const b = page.byEl.get(e as Element);
    if (b) return b;
    const parent: Node | null = e.parentNode;
    e = parent && parent.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : parent;
  }
  return null;
}

/** The text block a reader sees the link in: the nearest block with at least REGION.contextMinChars. */
export function contextBlock(b: Block): Block {
  let c = b.blockOwner;
  while (c.text < REGION.contextMinChars && c.parent) c = c.parent.blockOwner;
  return c;
}

/** Everything the decision needs, per link (exported for the evaluator and the weight fitting). */
export interface LinkEvidence {
  analysis: DocAnalysis;
  block: Block;
  ctx: Ctx;
  features: FeatureVector;
  /** Position among the links of its document, and their count. */
  pos: number;
  count: number;
}

/** Anchor text for counting repeats (link texts arrive whitespace-collapsed and trimmed). */
function normAnchor(t: string): string {
  return t.toLowerCase();
}

/** Collects the evidence for every link (null where the link is not in any analysed structure). */
export async function gatherEvidence(doc: Document, links: LinkFeatures[], ctx: StageContext): Promise<(LinkEvidence | null)[]> {
  const checkpoint = ctx.checkpoint;
  const analyses = new Map<Document, DocAnalysis>();
  const perDoc = new Map<Document, number>();
  const anchorCounts = new Map<string, number>();
  const hrefCounts = new Map<string, number>();
  const anchors: string[] = new Array(links.length);
  // The document each link is placed in (its frame's, or the page's); read once for both passes.
  const docs: Document[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const d = (docs[i] = l.frame === null ? doc : (pageElement(l).ownerDocument ?? doc));
    perDoc.set(d, (perDoc.get(d) ?? 0) + 1);
    const a = (anchors[i] = normAnchor(l.text));
    if (a) anchorCounts.set(a, (anchorCounts.get(a) ?? 0) + 1);
    const h = l.url ?? l.href;
    hrefCounts.set(h, (hrefCounts.get(h) ?? 0) + 1);
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  const seen = new Map<Document, number>();
  const out: (LinkEvidence | null)[] = new Array(links.length);
  // All feature vectors live in one buffer: a separate typed array per link costs an allocation each.
  const vectors = new ArrayBuffer(links.length * FEATURE_COUNT * Float64Array.BYTES_PER_ELEMENT);
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const d = docs[i]!;
    let a = analyses.get(d);
    if (!a) {
      a = await analyzeDocument(d, checkpoint);
      analyses.set(d, a);
    }
    const pos = seen.get(d) ?? 0;
    seen.set(d, pos + 1);
    // A link read from <noscript> text sits where its noscript does.
    const block = blockFor(a.page, pageElement(l));
    if (!block) {
      out[i] = null;
      continue;
    }
    const c = a.ctx[block.order] ?? NO_CTX;
    const features = linkFeatures({
      block,
      context: contextBlock(block),
      ctx: c,
      main: a.main.root,
      pageText: a.page.root?.text ?? 0,
      anchorText: l.text,
      anchorRepeats: anchorCounts.get(anchors[i]!) ?? 1,
      hrefRepeats: hrefCounts.get(l.url ?? l.href) ?? 1,
      internal: l.internal,
      image: l.image,
      pagePos: pos / Math.max(1, (perDoc.get(d) ?? 1) - 1),
      bestScore: a.main.bestScore,
      scores: a.page.score,
      templates: templateStats(a.templates, block, (b) => (a.ctx[b.order] ?? NO_CTX).inMain),
    }, new Float64Array(vectors, i * FEATURE_COUNT * Float64Array.BYTES_PER_ELEMENT, FEATURE_COUNT));
    out[i] = { analysis: a, block, ctx: c, features, pos, count: perDoc.get(d) ?? 1 };
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  return out;
}

/** Where a non-body link sits: its region if it has one, else its position relative to the main content. */
function region(e: LinkEvidence): { placement: Placement; confidence: number; why: string } {
  const c = e.ctx;
  if (c.region) return { placement: c.region, confidence: c.strong ? CONFIDENCE.landmark : CONFIDENCE.classWord, why: c.why };
  const a = e.analysis;
  if (c.inMain) return { placement: 'nav', confidence: CONFIDENCE.mainContentLinkList, why: 'link list inside the main content' };
  if (e.block.order < a.mainStart) {
    return e.pos < e.count * REGION.headerShare
      ? { placement: 'header', confidence: CONFIDENCE.position, why: 'before the main content, near the top of the page' }
      : { placement: 'nav', confidence: CONFIDENCE.position - 0.1, why: 'before the main content' };
  }
  return e.pos >= e.count * (1 - REGION.footerShare)
    ? { placement: 'footer', confidence: CONFIDENCE.position, why: 'after the main content, near the end of the page' }
    : { placement: 'sidebar', confidence: CONFIDENCE.position - 0.1, why: 'outside the main content, after it' };
}

/**
 * Signals left out of the reasons: those that are the same for every link of a page shift the scale
 * but explain nothing, and being in the main content or not is the first reason already.
 */
const UNSHOWN = new Uint8Array(FEATURE_COUNT);
UNSHOWN[FI.mainShare] = 1;
UNSHOWN[FI.mainLinkDensity] = 1;
UNSHOWN[FI.inMain] = 1;

/** Scratch space for bodyScore (decide runs one link at a time). */
const contributions = new Float64Array(FEATURE_COUNT);

function decide(e: LinkEvidence): PlacementResult {
  const a = e.analysis;
  // No main content (no paragraph text): the outside-the-main-content weights decide alone.
  const s = bodyScore(e.features, e.ctx.inMain, e.ctx.region !== null, contributions);
  const top = (sign: 1 | -1) => topSignals(s.contributions, sign, 3, UNSHOWN);
  if (s.probability >= BODY_THRESHOLD) {
    const why = e.ctx.inMain ? 'inside the main content' : a.main.root ? 'prose outside the detected main content' : 'prose (no main content found on the page)';
    return result('body', s.probability, [why, ...top(1)]);
  }
  const r = region(e);
  const confidence = Math.max(r.confidence, 1 - s.probability) * (r.placement === 'body' ? 1 : 1);
  return result(r.placement, Math.min(confidence, 0.95), [r.why, ...(e.ctx.inMain ? ['within the main content area'] : []), ...top(-1)]);
}

export async function classifyPlacements(doc: Document, links: LinkFeatures[], ctx: StageContext): Promise<PlacementResult[]> {
  const evidence = await gatherEvidence(doc, links, ctx);
  const out: PlacementResult[] = new Array(links.length);
  // Links placed only by their position relative to the main content (no landmark or class word).
  const positional: boolean[] = new Array(links.length).fill(false);
  for (let i = 0; i < links.length; i++) {
    const e = evidence[i];
    out[i] = e ? decide(e) : result('body', CONFIDENCE.fallback, ['not found in the page structure']);
    positional[i] = !!e && e.ctx.region === null && out[i]!.placement !== 'body';
    if ((i & EVERY_LINKS) === EVERY_LINKS) await ctx.checkpoint();
  }
  // The top document's main content parts (their boxes bound the main column).
  const top = evidence.find((e, i) => e && links[i]!.frame === null);
  refineWithGeometry(links, out, positional, doc, top?.analysis.main.parts.map((b) => b.el) ?? []);
  return out;
}

/**
 * With layout: links outside the main content get their region from where they sit. The main
 * column is the box of the main content's elements (one read per part; layout is already clean),
 * joined with the box of the links placed in the body.
 */
function refineWithGeometry(links: LinkFeatures[], out: PlacementResult[], positional: boolean[], doc: Document, mainParts: Element[]): void {
  const mainGeoms = [];
  for (let i = 0; i < links.length; i++) {
    const g = links[i]!.geometry;
    if (g && out[i]!.placement === 'body' && !links[i]!.hidden && links[i]!.frame === null) mainGeoms.push(g);
  }
  const linkBox: Box | null = mainGeoms.length ? mainBox(mainGeoms) : null;
  if (!linkBox) return;
  const view = doc.defaultView;
  const boxes = [linkBox];
  for (const el of mainParts) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && view) boxes.push({ top: r.top + view.scrollY, bottom: r.bottom + view.scrollY, left: r.left + view.scrollX, right: r.right + view.scrollX });
  }
  const box: Box = {
    top: Math.min(...boxes.map((b) => b.top)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
    left: Math.min(...boxes.map((b) => b.left)),
    right: Math.max(...boxes.map((b) => b.right)),
  };
  const pageWidth = doc.documentElement.scrollWidth || doc.defaultView?.innerWidth || 0;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const r = out[i]!;
    if (!l.geometry || l.frame !== null || !positional[i]) continue;
    const g = placeByGeometry(l.geometry, box, pageWidth);
    if (g) out[i] = result(g.placement, CONFIDENCE.geometry, [g.why, ...r.signals]);
  }
}
