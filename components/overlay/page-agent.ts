/**
 * The content script's state: the last report, the link elements it was made from, and the
 * highlighter. Messages arrive from the background only; their data is validated anyway.
 */
import { analyzePage } from '@/lib/analyze';
import { collectLinks, rawHref } from '@/lib/collect';
import type { AnalyzeRequest, HighlightMode, LinkRef, RevealResult } from '@/lib/messaging';
import { isLinkRef } from '@/lib/messaging';
import type { PageReport } from '@/lib/report';
import { watchPage } from '@/lib/watch';
import { Highlighter, type HighlightItem } from './highlighter';

function topicsOf(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, 500)) {
    if (typeof v === 'string' && k.length < 254) out[k] = v.slice(0, 1000);
  }
  return out;
}

export class PageAgent {
  private report: PageReport | null = null;
  private elements: Element[] = [];
  private topics: Record<string, string> | undefined;
  private stopWatching: (() => void) | null = null;
  readonly highlighter: Highlighter;

  constructor(
    private readonly doc: Document,
    private readonly onUpdate: (report: PageReport) => void,
  ) {
    this.highlighter = new Highlighter(doc);
  }

  async analyze(req: AnalyzeRequest | undefined): Promise<PageReport> {
    const topics = topicsOf(req?.targetTopics);
    if (topics) this.topics = topics;
    const report = await analyzePage(this.doc, {
      requestedUrl: typeof req?.requestedUrl === 'string' ? req.requestedUrl : undefined,
      targetTopics: this.topics,
    });
    this.remember(report);
    if (req?.watch === true && !this.stopWatching) {
      this.stopWatching = watchPage(this.doc, async () => {
        const updated = await analyzePage(this.doc, { targetTopics: this.topics });
        this.remember(updated);
        this.onUpdate(updated);
      });
    }
    return report;
  }

  unwatch(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  private remember(report: PageReport): void {
    this.report = report;
    // Same walk, same order as the analysis: index i is link i of the report.
    this.elements = collectLinks(this.doc).links.map((l) => l.el);
    if (this.highlighter.on) this.highlighter.show(this.items());
  }

  private items(): HighlightItem[] {
    const items: HighlightItem[] = [];
    for (const link of this.report?.links ?? []) {
      const el = this.elements[link.index];
      if (!el || link.kind === 'fragment') continue;
      items.push({ el, placement: link.placement, score: link.score, followed: link.followed });
    }
    return items;
  }

  /** The element of a report link; found again by href when the page changed since. */
  private elementFor(ref: LinkRef): Element | null {
    const el = this.elements[ref.index];
    if (el?.isConnected && rawHref(el) === ref.href) return el;
    const fresh = collectLinks(this.doc).links;
    const same = fresh[ref.index];
    if (same && rawHref(same.el) === ref.href) return same.el;
    return fresh.find((l) => l.href === ref.href)?.el ?? null;
  }

  reveal(ref: unknown): RevealResult {
    if (!isLinkRef(ref)) return { ok: false, message: 'Invalid link.' };
    const el = this.elementFor(ref);
    if (!el) return { ok: false, message: 'This link is no longer on the page.' };
    const rect = el.getBoundingClientRect();
    if (!el.getClientRects().length || rect.width === 0 || rect.height === 0) {
      return { ok: false, message: 'This link is hidden on the page, so it cannot be shown.' };
    }
    // Instant: smooth scrolling stalls in background tabs, and the flash already draws the eye.
    el.scrollIntoView?.({ block: 'center', inline: 'nearest', behavior: 'auto' });
    this.highlighter.flash(el);
    return { ok: true };
  }

  async highlight(mode: HighlightMode, targetTopics?: unknown): Promise<{ on: boolean; count: number }> {
    const turnOn = mode === 'toggle' ? !this.highlighter.on : mode === 'on';
    if (!turnOn) {
      this.highlighter.hide();
      return { on: false, count: 0 };
    }
    if (!this.report) await this.analyze({ targetTopics: topicsOf(targetTopics) });
    const items = this.items();
    this.highlighter.show(items);
    return { on: true, count: items.length };
  }
}
