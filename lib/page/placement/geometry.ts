/**
 * Layout evidence, used only when the page has real layout (a browser; jsdom gives null geometry).
 * The main column's box is estimated from the geometry of the links already placed in the main content
 * (no extra layout reads): a link outside it in a narrow column beside it is a sidebar link, one in a
 * band below it is a footer link, one in the top band above it is a header link.
 */
import type { LinkGeometry, Placement } from '../../report';
import { GEOMETRY } from './knobs';

export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

/** The bounding box of the given link boxes, trimming the outer 5% on each side against strays. */
export function mainBox(geoms: LinkGeometry[]): Box | null {
  const g = geoms.filter((x) => x.width > 0 && x.height > 0);
  if (g.length < 3) return null;
  const trim = g.length >= 20 ? 0.05 : 0;
  // Typed arrays sort numbers natively, without a comparator call per comparison (the values are
  // whole pixels, so the order is the same as with (a, b) => a - b).
  const tops = new Float64Array(g.length);
  const bottoms = new Float64Array(g.length);
  const lefts = new Float64Array(g.length);
  const rights = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) {
    const x = g[i]!;
    tops[i] = x.top;
    bottoms[i] = x.top + x.height;
    lefts[i] = x.left;
    rights[i] = x.left + x.width;
  }
  const q = (vals: Float64Array, f: number) => {
    const s = vals.sort();
    return s[Math.min(s.length - 1, Math.max(0, Math.floor(f * (s.length - 1))))]!;
  };
  return {
    top: q(tops, 0.0),
    bottom: q(bottoms, 1.0),
    left: q(lefts, trim),
    right: q(rights, 1 - trim),
  };
}

/** Where a link outside the main content sits relative to the main column, or null when unclear. */
export function placeByGeometry(g: LinkGeometry, main: Box, pageWidth: number): { placement: Placement; why: string } | null {
  if (g.width <= 0 || g.height <= 0) return null;
  const mainWidth = main.right - main.left;
  const cx = g.left + g.width / 2;
  const besideVertically = g.top + g.height > main.top && g.top < main.bottom;
  if (besideVertically && (cx < main.left || cx > main.right)) {
    const side = cx < main.left ? 'left' : 'right';
    // Beside the main column, in a column narrower than it (the free space on that side bounds its width).
    const room = side === 'left' ? main.left : Math.max(0, pageWidth - main.right);
    if (mainWidth > 0 && Math.min(room, g.width) <= mainWidth * GEOMETRY.sidebarMaxWidthRatio) {
      return { placement: 'sidebar', why: `column ${side} of the main content` };
    }
  }
  if (g.top >= main.bottom) return { placement: 'footer', why: 'below the main content' };
  if (g.top + g.height <= main.top) {
    return g.top < GEOMETRY.headerBandPx
      ? { placement: 'header', why: `top ${GEOMETRY.headerBandPx}px band above the main content` }
      : { placement: 'nav', why: 'above the main content' };
  }
  return null;
}
