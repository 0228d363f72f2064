/**
 * Stage 3 — placement: where on the page each link sits (main content, header, nav, sidebar, footer,
 * comments, related), with a confidence and the signals behind it, most decisive first.
 *
 * Per document, once: one DOM pass (signals.ts) → the main content (main-content.ts) → a top-down pass
 * that gives every element its region context (landmarks, roles, class/id words; outer page regions win,
 * layout wrappers around the main content are ignored). Per link it is then O(1): look up the link's
 * element record, read its signals (link-signals.ts) and weigh them (score.ts, with the fitted model.ts and the knobs in knobs.ts). Layout, when present,
 * refines the region of links outside the main content (geometry.ts). Works without layout (jsdom).
 */
import type { Placement } from '../../report';
import type { LinkFeatures, PlacementResult } from '../../types';
import { CONFIDENCE, REGION } from './knobs';
import { BODY_THRESHOLD, bodyScore, result, topSignals } from './score';
import { mainBox, placeByGeometry, type Box } from './geometry';
import { FEATURE_COUNT, FI, linkFeatures, type Ctx, type FeatureVector, type LinkInput } from './link-signals';
import { findMainContent, type MainContent } from './main-content';
import { contains, type PageModel } from '../model';
import { templateStats, templateTables, type TemplateStats, type TemplateTables } from './templates';
import { isForumPost, type TokenHint } from './tokens';
import { isActionLink } from './actions';
import type { MainContentRef } from '../texts';
import { EVERY_BLOCKS, EVERY_LINKS, type Checkpoint } from '../../yielder';

export interface StageContext {
  checkpoint: Checkpoint;
}

export interface DocAnalysis {
  model: PageModel;
  main: MainContent;
  /** Region context per record. */
  ctx: Ctx[];
  /** Is a record inside the main content (from its context)? */
  inMain: (b: number) => boolean;
  templates: TemplateTables;
}

const NO_CTX: Ctx = { region: null, hint: null, strong: false, why: '', inMain: false, regionInMain: false, post: false };

/** The region a hint names, for hints that are placements. */
export function hintPlacement(h: TokenHint): Placement | null {
  return h === 'content' ? null : h === 'widget' ? 'sidebar' : h;
}

async function regionContexts(m: PageModel, main: MainContent, checkpoint: Checkpoint): Promise<Ctx[]> {
  const ctx: Ctx[] = new Array(m.n);
  const mainRoot = main.root;
  for (let b = 0; b < m.n; b++) {
    if ((b & EVERY_BLOCKS) === EVERY_BLOCKS) await checkpoint();
    const parent = m.parent[b]!;
    const pc = parent >= 0 ? ctx[parent]! : NO_CTX;
    const inMain = pc.inMain || b === mainRoot;
    let c = pc.inMain === inMain ? pc : { ...pc, inMain };
    if (!c.post && isForumPost(m.cls[b]!)) c = { ...c, post: true };
    const h = m.hint[b];
    // The outermost region wins: a menu in the header is a header link, a widget in the sidebar a
    // sidebar link. A region that wraps the main content is a layout wrapper, not a region.
    if (h && c.region === null && !(mainRoot >= 0 && contains(m, b, mainRoot))) {
      const place = hintPlacement(h.hint);
      if (place) {
        let why = h.hint === 'widget' ? `in an auxiliary block (${h.why})` : `inside ${h.why}`;
        if (inMain && (place === 'header' || place === 'footer')) why += ' of the article';
        c = { region: place, hint: h.hint, strong: h.strong, why, inMain, regionInMain: inMain, post: c.post };
      }
    }
    ctx[b] = c;
  }
  return ctx;
}

export async function analyzeDocument(m: PageModel, checkpoint: StageContext['checkpoint']): Promise<DocAnalysis> {
  const main = await findMainContent(m, checkpoint);
  const ctx = await regionContexts(m, main, checkpoint);
  const inMain = (b: number) => (ctx[b] ?? NO_CTX).inMain;
  const templates = await templateTables(m, inMain, checkpoint);
  return { model: m, main, ctx, inMain, templates };
}

/** The text block a reader sees the link in: the nearest block with at least REGION.contextMinChars. */
export function contextBlock(m: PageModel, b: number): number {
  let c = m.owner[b]!;
  while (m.text[c]! < REGION.contextMinChars && m.parent[c]! >= 0) c = m.owner[m.parent[c]!]!;
  return c;
}

/** Everything the decision needs, per link (exported for the evaluator and the weight fitting). */
export interface LinkEvidence {
  analysis: DocAnalysis;
  /** The link's record. */
  block: number;
  ctx: Ctx;
  features: FeatureVector;
  /** Position among the links of its document, and their count. */
  pos: number;
  count: number;
}

/** Collects the evidence for every link (null where the link is not in any analysed structure). */
export async function gatherEvidence(links: LinkFeatures[], ctx: StageContext): Promise<(LinkEvidence | null)[]> {
  const checkpoint = ctx.checkpoint;
  const analyses = new Map<PageModel, DocAnalysis>();
  const perDoc = new Map<PageModel, number>();
  const anchorCounts = new Map<string, number>();
  const hrefCounts = new Map<string, number>();
  const anchors: string[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    perDoc.set(l.model, (perDoc.get(l.model) ?? 0) + 1);
    // Link texts arrive whitespace-collapsed and trimmed.
    const a = (anchors[i] = l.text.toLowerCase());
    if (a) anchorCounts.set(a, (anchorCounts.get(a) ?? 0) + 1);
    const h = l.url ?? l.href;
    hrefCounts.set(h, (hrefCounts.get(h) ?? 0) + 1);
    if ((i & EVERY_LINKS) === EVERY_LINKS) await checkpoint();
  }
  const seen = new Map<PageModel, number>();
  const out: (LinkEvidence | null)[] = new Array(links.length);
  // All feature vectors live in one buffer, and one input object is refilled per link: allocations per
  // link add up to garbage-collection pauses on big pages.
  const vectors = new ArrayBuffer(links.length * FEATURE_COUNT * Float64Array.BYTES_PER_ELEMENT);
  const templates: TemplateStats = { blockShare: 0, parentShare: 0, linkShare: 0 };
  const input: LinkInput = {
    model: links[0]?.model as PageModel,
    block: -1, context: -1, ctx: NO_CTX, main: -1, pageText: 0, anchorText: '', anchorRepeats: 1, hrefRepeats: 1,
    internal: false, image: false, pagePos: 0, bestScore: 0, scores: new Float64Array(0), templates,
  };
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const m = l.model;
    let a = analyses.get(m);
    if (!a) {
      a = await analyzeDocument(m, checkpoint);
      analyses.set(m, a);
    }
    const pos = seen.get(m) ?? 0;
    seen.set(m, pos + 1);
    const block = l.record;
    if (block < 0) {
      out[i] = null;
      continue;
    }
    const c = a.ctx[block] ?? NO_CTX;
    const count = perDoc.get(m) ?? 1;
    input.model = m;
    input.block = block;
    input.context = contextBlock(m, block);
    input.ctx = c;
    input.main = a.main.root;
    input.pageText = m.root >= 0 ? m.text[m.root]! : 0;
    input.anchorText = l.text;
    input.anchorRepeats = anchorCounts.get(anchors[i]!) ?? 1;
    input.hrefRepeats = hrefCounts.get(l.url ?? l.href) ?? 1;
    input.internal = l.internal;
    input.image = l.image;
    input.pagePos = pos / Math.max(1, count - 1);
    input.bestScore = a.main.bestScore;
    input.scores = a.main.score;
    templateStats(a.templates, m, block, a.inMain, templates);
    const features = linkFeatures(input, new Float64Array(vectors, i * FEATURE_COUNT * Float64Array.BYTES_PER_ELEMENT, FEATURE_COUNT));
    out[i] = { analysis: a, block, ctx: c, features, pos, count };
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
  if (e.block < a.main.start) {
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

/** Regions whose links are never body links, whatever their text looks like. */
const OVERRIDING: ReadonlySet<Placement> = new Set(['comments', 'related']);

/** Scratch space for bodyScore (decide runs one link at a time). */
const contributions = new Float64Array(FEATURE_COUNT);

/**
 * Links that are never body, whatever the body model says: in a comment section or a related-content block,
 * or a share/print/account button (actions.ts). Exported for the fitting, which leaves them out.
 */
export function ruledOut(e: LinkEvidence, link: LinkFeatures): 'region' | 'action' | null {
  const place = e.ctx.region;
  if (place !== null && OVERRIDING.has(place)) return 'region';
  return isActionLink(link.text, link.url ?? link.href) ? 'action' : null;
}

/** The reason a body link in a forum post carries, so a user can tell forum links from editorial ones. */
export const UGC_SIGNAL = 'user-generated: in a forum post';

function decide(e: LinkEvidence, link: LinkFeatures): PlacementResult {
  const a = e.analysis;
  // No main content (no paragraph text): the outside-the-main-content weights decide alone.
  const s = bodyScore(e.features, e.ctx.inMain, e.ctx.region !== null, contributions);
  const top = (sign: 1 | -1) => topSignals(s.contributions, sign, 3, UNSHOWN);
  // A comment section or a related-content block is what it says, however prose-like its links are: a
  // comment's permalink or a commenter's link is not an editorial link, whatever the body model thinks.
  const rule = ruledOut(e, link);
  if (rule === 'region') {
    const r = region(e);
    return result(r.placement, Math.max(r.confidence, 1 - s.probability * 0.5), [r.why, ...top(-1)]);
  }
  // A share, print, e-mail or account button is not an editorial link, wherever it sits (actions.ts).
  if (rule === 'action') {
    const r = region(e);
    const inArticle = e.ctx.region === null && e.ctx.inMain;
    return result(inArticle ? 'sidebar' : r.placement, Math.max(inArticle ? CONFIDENCE.classWord : r.confidence, 1 - s.probability * 0.5), [
      inArticle ? 'a share, print or account button' : r.why,
      ...(inArticle ? [] : ['a share, print or account button']),
      ...top(-1),
    ]);
  }
  if (s.probability >= BODY_THRESHOLD) {
    if (e.ctx.post) return result('body', s.probability, [UGC_SIGNAL, ...top(1)]);
    const why = e.ctx.inMain ? 'inside the main content' : a.main.root >= 0 ? 'prose outside the detected main content' : 'prose (no main content found on the page)';
    return result('body', s.probability, [why, ...top(1)]);
  }
  const r = region(e);
  const confidence = Math.max(r.confidence, 1 - s.probability) * (r.placement === 'body' ? 1 : 1);
  return result(r.placement, Math.min(confidence, 0.95), [r.why, ...(e.ctx.inMain ? ['within the main content area'] : []), ...top(-1)]);
}

/** Placement's output: per link, and the main content it found in the top document. */
export interface Placed {
  placements: PlacementResult[];
  main: MainContentRef | null;
}

export async function placeLinks(doc: Document, links: LinkFeatures[], ctx: StageContext): Promise<Placed> {
  const evidence = await gatherEvidence(links, ctx);
  const out: PlacementResult[] = new Array(links.length);
  // Links placed only by their position relative to the main content (no landmark or class word).
  const positional: boolean[] = new Array(links.length).fill(false);
  for (let i = 0; i < links.length; i++) {
    const e = evidence[i];
    out[i] = e ? decide(e, links[i]!) : result('body', CONFIDENCE.fallback, ['not found in the page structure']);
    positional[i] = !!e && e.ctx.region === null && out[i]!.placement !== 'body';
    if ((i & EVERY_LINKS) === EVERY_LINKS) await ctx.checkpoint();
  }
  // The top document's main content (its box bounds the main column).
  const top = evidence.find((e, i) => e && links[i]!.frame === null)?.analysis;
  refineWithGeometry(links, out, positional, doc, top && top.main.root >= 0 ? [top.model.el[top.main.root]!] : []);
  return { placements: out, main: top ? { model: top.model, root: top.main.root } : null };
}

export async function classifyPlacements(doc: Document, links: LinkFeatures[], ctx: StageContext): Promise<PlacementResult[]> {
  return (await placeLinks(doc, links, ctx)).placements;
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
