/**
 * Keeps a report current while a surface is open: a debounced MutationObserver that ignores
 * our own overlay and stops by itself after a while, so a forgotten watch costs nothing.
 */
export const WATCH_DEBOUNCE_MS = 600;
export const WATCH_MAX_MS = 15 * 60_000;
/** Elements we add to the page carry this attribute; their mutations are not page changes. */
export const OWN_NODE_ATTR = 'data-backlink-inspector';

function isOwn(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${OWN_NODE_ATTR}]`);
}

function touchesLinks(record: MutationRecord): boolean {
  if (isOwn(record.target)) return false;
  if (record.type === 'attributes') return true;
  for (const list of [record.addedNodes, record.removedNodes]) {
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (isOwn(n)) continue;
      if (n.nodeType === 1) return true;
    }
  }
  return false;
}

export function watchPage(doc: Document, onChange: () => void | Promise<void>, debounceMs = WATCH_DEBOUNCE_MS, maxMs = WATCH_MAX_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const observer = new MutationObserver((records) => {
    if (!records.some(touchesLinks)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void onChange();
    }, debounceMs);
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href', 'rel', 'hidden', 'style', 'class'],
  });
  const stop = () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
    clearTimeout(expiry);
  };
  const expiry = setTimeout(stop, maxMs);
  return stop;
}
