/**
 * "Check links" on a tab, from the background alone (the context menu): the tab's http(s) links
 * from a fresh inspection, the surfaces' check to its end (progress to the surfaces), then the
 * report scored again with the results (reportUpdated), as a check from a surface does.
 */
import { inspectTab, rescoreTab } from '../inspect-tab';
import { sendMessage } from '../../messaging';
import { checkLinksToEnd, type LinkCheckOutcome } from './session';

/** Inspections of a tab that lost a race to another one (the surface the menu just opened inspects too). */
const ATTEMPTS = 3;

export async function checkTabLinks(tabId: number): Promise<LinkCheckOutcome | { ok: false; error: { code: string; message: string } }> {
  let inspected = await inspectTab(tabId);
  // The page agent keeps one snapshot per tab: a concurrent inspection replaces it mid-read
  // ("The page changed"). The opened surface's inspection is such a one: read again.
  for (let i = 1; i < ATTEMPTS && !inspected.ok && /page changed/i.test(inspected.error.message); i++) inspected = await inspectTab(tabId);
  if (!inspected.ok) return { ok: false, error: { code: inspected.error.code, message: inspected.error.message } };
  const urls = [...new Set(inspected.report.links.filter((l) => l.kind === 'http' && l.url).map((l) => l.url!))];
  return checkLinksToEnd(
    { tabId, urls, pageUrl: inspected.report.finalUrl },
    {
      send: (update) => sendMessage('linkCheckProgress', update).catch(() => undefined),
      finished: async (id) => void (await rescoreTab(id)),
    },
  );
}
