/**
 * The on-page highlighter: outlines links colored by placement with a score badge.
 *
 * Everything lives in one closed shadow root under a plain `div` host, `position: fixed` over the
 * viewport with `pointer-events: none`: the page's CSS cannot reach in, ours cannot leak out, and
 * a fixed box never takes part in the page's layout or scroll size. Closed, so the page cannot
 * read or rewrite the badges (`host.shadowRoot` is null to it); a plain div, so no custom element
 * the page registers first can take the host over (issue #13 §5). The page's scripts run in
 * another world than this one: patching attachShadow or other built-ins does not reach us. Boxes are positioned
 * from getBoundingClientRect on scroll/resize (reads batched before writes, one frame at a
 * time) and only links inside the viewport get a box, so 10,000 links stay cheap.
 * Page text is only ever set with textContent.
 */
import type { Placement } from '@/lib/report';
import { PLACEMENT_COLORS } from '../placement-colors';

export { PLACEMENT_COLORS };

export interface HighlightItem {
  el: Element;
  placement: Placement;
  score: number;
  followed: boolean;
}

const FLASH_MS = 2200;

const STYLE = `
:host { all: initial; }
.layer { position: absolute; inset: 0; overflow: hidden; pointer-events: none; font: 600 11px/1.2 system-ui, sans-serif; }
.box { position: absolute; box-sizing: border-box; border: 2px solid var(--c); border-radius: 3px; background: color-mix(in srgb, var(--c) 10%, transparent); }
.box.nofollow { border-style: dashed; background: transparent; }
.badge { position: absolute; left: -2px; bottom: 100%; margin-bottom: 1px; padding: 1px 4px; border-radius: 3px 3px 3px 0; background: var(--c); color: #fff; white-space: nowrap; }
.box.below .badge { bottom: auto; top: 100%; margin: 1px 0 0; }
.flash { position: absolute; box-sizing: border-box; border: 3px solid #f43f5e; border-radius: 4px; box-shadow: 0 0 0 4px rgba(244, 63, 94, .35); animation: pulse .55s ease-in-out 4 alternate; }
@keyframes pulse { from { opacity: 1; } to { opacity: .25; } }
@media (prefers-reduced-motion: reduce) { .flash { animation: none; } }
.legend { position: absolute; right: 8px; bottom: 8px; display: flex; flex-wrap: wrap; gap: 4px; max-width: 360px; justify-content: flex-end; padding: 6px; border-radius: 6px; background: rgba(17, 24, 39, .82); color: #fff; }
.legend span { display: inline-flex; align-items: center; gap: 4px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; background: var(--c); }
`;

/** Viewport rectangle of an element, including the offset of the same-origin frames it sits in. */
function viewportRect(el: Element): DOMRect | null {
  const rects = el.getClientRects();
  if (!rects.length) return null;
  let r = el.getBoundingClientRect();
  let x = r.left;
  let y = r.top;
  let win = el.ownerDocument.defaultView;
  for (let depth = 0; win && win !== win.top && depth < 16; depth++) {
    let frame: Element | null = null;
    try {
      frame = win.frameElement;
    } catch {
      frame = null;
    }
    if (!frame) break;
    const fr = frame.getBoundingClientRect();
    x += fr.left + (frame as HTMLElement).clientLeft;
    y += fr.top + (frame as HTMLElement).clientTop;
    win = frame.ownerDocument.defaultView;
  }
  return new DOMRect(x, y, r.width, r.height);
}

export class Highlighter {
  private host: HTMLElement | null = null;
  /** Every host this overlay made: a removed one is still ours when its removal is observed. */
  private readonly hosts = new WeakSet<Node>();
  private root: ShadowRoot | null = null;
  private layer: HTMLElement | null = null;
  private boxes: HTMLElement[] = [];
  private items: HighlightItem[] = [];
  private showing = false;
  private frame = 0;
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  private flashEl: HTMLElement | null = null;
  private readonly onViewportChange = () => this.schedule();

  constructor(private readonly doc: Document) {}

  get on(): boolean {
    return this.showing;
  }

  /** Is `node` the overlay (the page watcher ignores it)? Nothing inside is visible outside the closed root. */
  owns(node: Node): boolean {
    return this.hosts.has(node);
  }

  /** The overlay's shadow root, for tests: closed to the page, which never sees this object. */
  get shadow(): ShadowRoot | null {
    return this.host?.isConnected ? this.root : null;
  }

  private ensureHost(): HTMLElement {
    if (this.host?.isConnected && this.layer) return this.layer;
    this.host?.remove();
    const host = this.doc.createElement('div');
    this.hosts.add(host);
    host.setAttribute('aria-hidden', 'true');
    // Inline !important beats page rules; fixed + inset 0 keeps it out of layout and scroll size.
    host.style.cssText =
      'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; pointer-events: none !important; contain: strict !important; display: block !important; overflow: hidden !important;';
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = STYLE;
    const layer = this.doc.createElement('div');
    layer.className = 'layer';
    root.append(style, layer);
    this.doc.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.layer = layer;
    this.boxes = [];
    return layer;
  }

  show(items: HighlightItem[]): void {
    this.items = items;
    const layer = this.ensureHost();
    this.showing = true;
    layer.querySelector('.legend')?.remove();
    layer.append(this.legend(items));
    const win = this.doc.defaultView;
    win?.addEventListener('scroll', this.onViewportChange, { capture: true, passive: true });
    win?.addEventListener('resize', this.onViewportChange, { passive: true });
    this.update();
  }

  hide(): void {
    this.showing = false;
    this.items = [];
    const win = this.doc.defaultView;
    win?.removeEventListener('scroll', this.onViewportChange, { capture: true });
    win?.removeEventListener('resize', this.onViewportChange);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.flashEl) {
      this.layer?.replaceChildren(this.flashEl);
      this.boxes = [];
    } else this.removeHost();
  }

  /** Outlines one element for a moment (the row the user clicked). */
  flash(el: Element): void {
    const layer = this.ensureHost();
    this.flashEl?.remove();
    if (this.flashTimer) clearTimeout(this.flashTimer);
    const box = this.doc.createElement('div');
    box.className = 'flash';
    layer.append(box);
    this.flashEl = box;
    const place = () => {
      const r = viewportRect(el);
      if (!r) return;
      Object.assign(box.style, { left: `${r.left - 4}px`, top: `${r.top - 4}px`, width: `${r.width + 8}px`, height: `${r.height + 8}px` });
    };
    place();
    // Smooth scrolling moves the element after this call: follow it for a short while.
    let frames = 0;
    const follow = () => {
      place();
      if (++frames < 60 && this.flashEl === box) requestAnimationFrame(follow);
    };
    requestAnimationFrame(follow);
    this.flashTimer = setTimeout(() => {
      box.remove();
      if (this.flashEl === box) this.flashEl = null;
      if (!this.showing) this.removeHost();
    }, FLASH_MS);
  }

  destroy(): void {
    this.hide();
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashEl = null;
    this.removeHost();
  }

  private removeHost(): void {
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.layer = null;
    this.boxes = [];
  }

  private legend(items: HighlightItem[]): HTMLElement {
    const present = new Set(items.map((i) => i.placement));
    const legend = this.doc.createElement('div');
    legend.className = 'legend';
    for (const [placement, color] of Object.entries(PLACEMENT_COLORS)) {
      if (!present.has(placement as Placement)) continue;
      const entry = this.doc.createElement('span');
      const swatch = this.doc.createElement('i');
      swatch.style.setProperty('--c', color);
      entry.append(swatch, this.doc.createTextNode(placement));
      legend.append(entry);
    }
    const note = this.doc.createElement('span');
    note.textContent = '- - - not followed';
    legend.append(note);
    return legend;
  }

  private schedule(): void {
    if (this.frame || !this.showing) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** Reads every rect first, then writes the boxes of visible links (one layout per frame). */
  update(): void {
    if (!this.showing || !this.layer) return;
    const win = this.doc.defaultView;
    const vw = win?.innerWidth ?? 0;
    const vh = win?.innerHeight ?? 0;
    const visible: { item: HighlightItem; r: DOMRect }[] = [];
    for (const item of this.items) {
      if (!item.el.isConnected) continue;
      const r = viewportRect(item.el);
      if (!r || r.width <= 0 || r.height <= 0) continue;
      if (r.bottom < -20 || r.top > vh + 20 || r.right < 0 || r.left > vw) continue;
      visible.push({ item, r });
    }
    const layer = this.layer;
    while (this.boxes.length < visible.length) {
      const box = this.doc.createElement('div');
      const badge = this.doc.createElement('span');
      badge.className = 'badge';
      box.append(badge);
      layer.prepend(box);
      this.boxes.push(box);
    }
    for (let i = 0; i < this.boxes.length; i++) {
      const box = this.boxes[i]!;
      const v = visible[i];
      if (!v) {
        box.style.display = 'none';
        continue;
      }
      const { item, r } = v;
      box.className = `box${item.followed ? '' : ' nofollow'}${r.top < 16 ? ' below' : ''}`;
      box.style.cssText = `display:block;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px;--c:${PLACEMENT_COLORS[item.placement] ?? '#64748b'}`;
      (box.firstChild as HTMLElement).textContent = `${item.score} · ${item.placement}`;
    }
  }

  /** How many boxes are drawn now (for tests). */
  get drawn(): number {
    return this.boxes.filter((b) => b.style.display !== 'none').length;
  }
}
