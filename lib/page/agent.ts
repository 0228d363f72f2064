/**
 * The content script's state: the last report, the link elements it was made from, and the
 * highlighter. Messages arrive from the background only; their data is validated anyway.
 */
import { snapshotPage } from './snapshot';
import { planParts, snapshotHead, snapshotPart, type PageSnapshot, type PartPlan, type SnapshotHead, type SnapshotPart } from '../snapshot';
import { LIMITS, capString } from '../limits';
import { createYielder } from '../yielder';
import { collectPage, rawHref } from './model';
import type { AnalyzeRequest, HighlightMode, LinkRef, LinkScores, RevealResult } from '../protocol';
import { isLinkRef, isLinkScores } from '../protocol';
import { watchPage } from '@/lib/page/watch';
import { Highlighter, type HighlightItem } from './highlighter';

/**
 * The page half of the analysis lives here (snapshotPage); the background finishes the report
 * (relevance, score) off the page's main thread and sends back what highlighting needs.
 */
/** Snapshots kept for their parts: the latest and the two before it. */
const KEPT_SNAPSHOTS = 3;

export class PageAgent {
  private elements: Element[] = [];
  /** The latest snapshots by seq: two surfaces inspecting at once (popup and side panel) each fetch their own parts. */
  private kept = new Map<number, { snapshot: PageSnapshot; plan: PartPlan }>();
  private seq = 0;
  private scores: LinkScores | null = null;
  private stopWatching: (() => void) | null = null;
  readonly highlighter: Highlighter;

  constructor(
    private readonly doc: Document,
    private readonly onUpdate: (head: SnapshotHead) => void,
  ) {
    this.highlighter = new Highlighter(doc);
  }

  /** The page's registrable domain, as the background last said (kept for the watcher's re-reads). */
  private pageDomain: string | null = null;

  /** Reads the page and keeps the snapshot; returns its head (the links are fetched in parts). */
  private async snapshot(requestedUrl?: string): Promise<SnapshotHead> {
    const snapshot = await snapshotPage(this.doc, {
      requestedUrl,
      pageDomain: this.pageDomain,
      onElements: (els) => {
        this.elements = els;
        // Scores of an older snapshot no longer line up with these elements.
        this.scores = null;
      },
    });
    const yielder = createYielder();
    const plan = await planParts(snapshot, () => yielder.maybeYield());
    const seq = ++this.seq;
    this.kept.set(seq, { snapshot, plan });
    for (const old of this.kept.keys()) if (old <= seq - KEPT_SNAPSHOTS) this.kept.delete(old);
    return snapshotHead(snapshot, seq, plan);
  }

  /** A part of a kept snapshot; a `seq` no longer kept means the page was read again several times meanwhile. */
  part(req: unknown): SnapshotPart {
    const r = req as { seq?: unknown; part?: unknown } | null;
    const kept = typeof r?.seq === 'number' ? this.kept.get(r.seq) : undefined;
    const part = kept ? snapshotPart(kept.snapshot, kept.plan, r!.part as number) : null;
    if (!part) throw new Error('The page changed; inspect again.');
    return part;
  }

  async analyze(req: AnalyzeRequest | undefined): Promise<SnapshotHead> {
    const domain = req?.pageDomain;
    this.pageDomain = typeof domain === 'string' && domain.length <= 253 ? domain : null;
    const snapshot = await this.snapshot(typeof req?.requestedUrl === 'string' ? req.requestedUrl : undefined);
    if (req?.watch === true && !this.stopWatching) {
      this.stopWatching = watchPage(this.doc, async () => this.onUpdate(await this.snapshot()), { isOwn: (node) => this.highlighter.owns(node) });
    }
    return snapshot;
  }

  unwatch(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  /** The finished report's placements and scores (from the background). */
  setScores(scores: unknown): void {
    if (!isLinkScores(scores) || scores.score.length !== this.elements.length) return;
    this.scores = scores;
    if (this.highlighter.on) this.highlighter.show(this.items());
  }

  private items(): HighlightItem[] {
    const items: HighlightItem[] = [];
    const s = this.scores;
    if (!s) return items;
    for (let i = 0; i < this.elements.length; i++) {
      const el = this.elements[i]!;
      // In-page anchors (kind 'fragment') are not links to anywhere: no outline.
      const href = (rawHref(el) ?? '').trim();
      if (href === '' || href.startsWith('#')) continue;
      items.push({ el, placement: s.placement[i]!, score: s.score[i]!, followed: s.followed[i]! });
    }
    return items;
  }

  /** The element of a report link; found again by href when the page changed since. */
  private async elementFor(ref: LinkRef): Promise<Element | null> {
    // Reports hold hrefs cut to LIMITS.url.
    const href = (el: Element) => capString(rawHref(el) ?? '', LIMITS.url);
    const el = this.elements[ref.index];
    if (el?.isConnected && href(el) === ref.href) return el;
    const fresh = (await collectPage(this.doc)).links;
    const same = fresh[ref.index];
    if (same && href(same.el) === ref.href) return same.el;
    return fresh.find((l) => capString(l.href, LIMITS.url) === ref.href)?.el ?? null;
  }

  async reveal(ref: unknown): Promise<RevealResult> {
    if (!isLinkRef(ref)) return { ok: false, message: 'Invalid link.' };
    const el = await this.elementFor(ref);
    if (!el) return { ok: false, message: 'This link is no longer on the page.' };
    // Read from <noscript> text (lib/page/model.ts): it lives in a parsed document with no window.
    if (!el.ownerDocument.defaultView) return { ok: false, message: 'This link is inside <noscript>: the page shows it only with scripts off.' };
    const rect = el.getBoundingClientRect();
    if (!el.getClientRects().length || rect.width === 0 || rect.height === 0) {
      return { ok: false, message: 'This link is hidden on the page, so it cannot be shown.' };
    }
    // Instant: smooth scrolling stalls in background tabs, and the flash already draws the eye.
    el.scrollIntoView?.({ block: 'center', inline: 'nearest', behavior: 'auto' });
    this.highlighter.flash(el);
    return { ok: true };
  }

  highlight(mode: HighlightMode): { on: boolean; count: number; needsScores?: boolean } {
    const turnOn = mode === 'toggle' ? !this.highlighter.on : mode === 'on';
    if (!turnOn) {
      this.highlighter.hide();
      return { on: false, count: 0 };
    }
    // Not analysed yet: the background inspects first, then asks again.
    if (!this.scores) return { on: false, count: 0, needsScores: true };
    const items = this.items();
    this.highlighter.show(items);
    return { on: true, count: items.length };
  }
}
