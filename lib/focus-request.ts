/**
 * Which tab (and link) a surface should open on, handed from the context menu to the popup or
 * side panel through storage.session. Kept apart from the menu code so the surfaces do not
 * bundle the background's inspection pipeline.
 */
import { browser } from 'wxt/browser';

/** storage.session key: which tab (and link) a surface should open on. */
export const FOCUS_KEY = 'focusRequest';
/** A focus request older than this is ignored (the user moved on). */
export const FOCUS_TTL_MS = 60_000;

export interface FocusRequest {
  tabId: number;
  /** The link the user right-clicked (absolute URL), or null for the whole page. */
  linkUrl: string | null;
  at: number;
}

export async function setFocusRequest(request: FocusRequest): Promise<void> {
  await browser.storage.session.set({ [FOCUS_KEY]: request });
}

/** The pending focus request for a tab, if fresh; removes it once taken. */
export async function takeFocusRequest(tabId: number | null): Promise<FocusRequest | null> {
  const { [FOCUS_KEY]: value } = (await browser.storage.session.get(FOCUS_KEY)) as Record<string, unknown>;
  const req = value as FocusRequest | undefined;
  if (!req || typeof req !== 'object' || typeof req.tabId !== 'number') return null;
  if (Date.now() - Number(req.at) > FOCUS_TTL_MS) return null;
  if (tabId !== null && req.tabId !== tabId) return null;
  await browser.storage.session.remove(FOCUS_KEY);
  return { tabId: req.tabId, linkUrl: typeof req.linkUrl === 'string' ? req.linkUrl : null, at: Number(req.at) };
}
