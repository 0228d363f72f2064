/**
 * What the on-page overlay shows, read through the DevTools protocol: its shadow root is closed,
 * so no script in the page (and so no page.evaluate) can look inside.
 */
import type { Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
}

const attr = (n: DomNode, name: string) => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1]!;
  return null;
};
const classes = (n: DomNode) => (attr(n, 'class') ?? '').split(/\s+/).filter(Boolean);

function* walk(n: DomNode): Generator<DomNode> {
  yield n;
  for (const c of n.children ?? []) yield* walk(c);
}

export interface OverlayState {
  present: boolean;
  /** The host's tag and shadow root mode, as the browser sees them. */
  hostTag: string | null;
  mode: string | null;
  boxes: number;
  badges: string[];
  flash: number;
  position: string | null;
  pointerEvents: string | null;
  display: string | null;
}

export async function overlayOf(page: Page): Promise<OverlayState> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // The page's own tree can be deep (hostile pages): only <html>'s children, then the host's subtree.
    const { root } = (await cdp.send('DOM.getDocument', { depth: 2, pierce: true })) as { root: DomNode };
    const html = root.children?.find((n) => n.nodeName === 'HTML');
    const found = html?.children?.find((n) => n.shadowRoots?.length);
    const host = found ? ((await cdp.send('DOM.describeNode', { backendNodeId: found.backendNodeId, depth: -1, pierce: true })) as { node: DomNode }).node : undefined;
    const shadow = host?.shadowRoots?.[0];
    if (!host || !shadow) return { present: false, hostTag: null, mode: null, boxes: 0, badges: [], flash: 0, position: null, pointerEvents: null, display: null };
    const inside = [...walk(shadow)];
    const boxes = inside.filter((n) => classes(n).includes('box') && !/display:\s*none/.test(attr(n, 'style') ?? ''));
    const badges = boxes.flatMap((b) => (b.children ?? []).filter((c) => classes(c).includes('badge')).map((c) => (c.children ?? []).map((t) => t.nodeValue).join('')));
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: host.backendNodeId })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function () { const s = getComputedStyle(this); return { position: s.position, pointerEvents: s.pointerEvents, display: s.display }; }',
      returnByValue: true,
    })) as { result: { value: { position: string; pointerEvents: string; display: string } } };
    return {
      present: true,
      hostTag: host.nodeName.toLowerCase(),
      mode: shadow.shadowRootType ?? null,
      boxes: boxes.length,
      badges,
      flash: inside.filter((n) => classes(n).includes('flash')).length,
      ...result.value,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
