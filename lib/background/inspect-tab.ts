/**
 * Background side of an inspection: checks the tab can be scripted, injects the analyser on
 * demand (activeTab + scripting, or the optional host permission) and asks it for the report.
 */
import { browser, type Browser } from 'wxt/browser';
import { restrictionOf } from '../restricted';
import { pageDomainOf } from '../domain';
import { completeReport, type CompleteOptions } from '../analysis/complete-report';
import { assembleSnapshot, type PageSnapshot, type SnapshotHead } from '../snapshot';
import { sendMessage } from '../messaging';
import { readSnapshot } from '../snapshot-check';
import { summarizeLinks } from '../link-summary';
import { scoresOf, type InspectProgress, type TargetTopicResult, type HighlightMode, type HighlightResult, type InspectError, type InspectResult, type LinkRef, type RevealResult, type SurfaceInspectResult } from '../protocol';
import { saveInspection } from '../history/store';
import type { PageReport } from '../report';
import { loadMyDomains } from '../settings';
import { createRoleMatcher, targetTopicsOf, type MyDomain } from '../my-domains';
import { fetchedTopics, fetchTopicFor } from './target-topic/fetched';
import { providerDomains, strengthProviders } from './strength/index';
import { sessionLinkHealth } from './link-health/session';
import { pageHttpFor } from './page-headers';

/** The analyser (entrypoints/analyser.ts), injected into the page's isolated world on demand. */
export const CONTENT_SCRIPT_FILE = '/analyser.js';
const ANALYZE_TIMEOUT_MS = 60_000;

const fail = (code: InspectError['code'], message: string): InspectResult => ({ ok: false, error: { code, message } });

async function ensureAnalyser(tabId: number): Promise<void> {
  try {
    if ((await sendMessage('ping', undefined, tabId)) === 'pong') return;
  } catch {
    // not injected yet
  }
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export async function hasAllSitesAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}

/** Injects the analyser; returns why it could not, or null. */
async function injectInto(tabId: number): Promise<InspectError | null> {
  try {
    await ensureAnalyser(tabId);
    return null;
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    if (/cannot access|permission|host/i.test(message)) {
      return { code: 'no-access', message: NO_ACCESS_MESSAGE };
    }
    if (/no tab|closed/i.test(message)) return { code: 'tab-closed', message: 'The tab was closed during the inspection.' };
    if (/error page|frame with id 0 is showing/i.test(message)) return { code: 'restricted', message: 'This tab shows an error page: there is nothing to inspect.' };
    return { code: 'failed', message: `Could not start the analyser: ${message}` };
  }
}

export const NO_ACCESS_MESSAGE =
  'Backlink Inspector has no access to this page. Open it from the toolbar button or the right-click menu, or allow access to all sites (needed for the side panel to follow your tabs).';

export interface InspectTabOptions {
  watch?: boolean;
  /** The URL the user asked for, reported as the page URL (redirects show as finalUrl). */
  requestedUrl?: string;
  /** The user's domain descriptions, for target relevance. */
  targetTopics?: Record<string, string>;
  /** How far the inspection is (the surfaces show it on big pages). */
  onProgress?(progress: Omit<InspectProgress, 'tabId'>): void;
}

/**
 * The DOM-free half of the analysis (relevance, score), here in the background so the page's
 * main thread is not used for it; the page gets back what its highlighting needs. Provider
 * values come from their cache; what is missing is asked for after the report is out, which is
 * then finished again and sent to the surfaces (`reportUpdated`).
 */
export async function finishReport(tabId: number, snapshot: PageSnapshot, targetTopics?: Record<string, string>, askProviders = true): Promise<PageReport> {
  rememberSnapshot(tabId, snapshot);
  const { report, connected, domains } = await completeInBackground(snapshot, {
    targetTopics,
    // The page's own headers are read meanwhile.
    pageHttp: pageHttpFor(snapshot.facts.finalUrl),
  });
  // Not awaited: the report is ready now; the page colours its links when the message lands (messages
  // to a tab arrive in order, so a highlight asked for next still finds the scores).
  void sendMessage('showScores', scoresOf(report), tabId).catch(() => undefined);
  if (connected && askProviders) void askProvidersFor(tabId, snapshot, domains, targetTopics);
  return report;
}

/**
 * The background half of the analysis with what the background knows: fetched target topics,
 * provider values from their cache, the links checked this session (they count in the score).
 * For an inspected tab and for an audited page alike.
 */
export async function completeInBackground(snapshot: PageSnapshot, options: Pick<CompleteOptions, 'targetTopics' | 'pageHttp'>): Promise<{ report: PageReport; connected: boolean; domains: string[] }> {
  const providers = strengthProviders();
  const connected = await providers.anyConnected().catch(() => false);
  const domains = connected ? providerDomains(snapshot.facts.host, snapshot.links) : [];
  const providerValues = connected ? await providers.cachedValues(domains).catch(() => ({})) : undefined;
  const report = await completeReport(snapshot, {
    targetTopics: { ...fetchedTopics(), ...options.targetTopics },
    providerValues,
    linkHealth: sessionLinkHealth(),
    pageHttp: options.pageHttp,
  });
  return { report, connected, domains };
}

/** Fetches missing provider values (rate-limited, capped per page); re-finishes the report when some came. */
async function askProvidersFor(tabId: number, snapshot: PageSnapshot, domains: string[], targetTopics?: Record<string, string>): Promise<void> {
  const { fetched } = await strengthProviders()
    .refresh(domains)
    .catch(() => ({ fetched: 0 }));
  // A newer snapshot of the tab has its own report (and asks for itself).
  if (!fetched || snapshots.get(tabId) !== snapshot) return;
  const report = await finishReport(tabId, snapshot, targetTopics, false);
  await sendMessage('reportUpdated', { tabId, report }).catch(() => undefined);
}

/** The whole snapshot, its links fetched part by part; null when the page sent something unreadable. */
async function fetchSnapshot(tabId: number, head: SnapshotHead, onProgress?: (p: Omit<InspectProgress, 'tabId'>) => void): Promise<PageSnapshot | null> {
  if (!head || typeof head !== 'object' || !Number.isInteger(head.seq)) return null;
  const snapshot = await assembleSnapshot(
    head,
    (part) => withTimeout(sendMessage('snapshotPart', { seq: head.seq, part }, tabId), ANALYZE_TIMEOUT_MS),
    onProgress && ((done, total) => onProgress({ stage: 'reading', done, total })),
  ).catch((e: Error) => {
    if (/bad snapshot part/.test(e.message)) return null;
    throw e;
  });
  return snapshot ? readSnapshot(snapshot) : null;
}

/** The last snapshot of a few tabs, so a fetched target topic can re-score without re-reading the page. */
const snapshots = new Map<number, PageSnapshot>();
const KEPT_SNAPSHOTS = 3;
function rememberSnapshot(tabId: number, snapshot: PageSnapshot): void {
  snapshots.delete(tabId);
  snapshots.set(tabId, snapshot);
  while (snapshots.size > KEPT_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value!);
}
export function forgetSnapshot(tabId: number): void {
  snapshots.delete(tabId);
}

/**
 * Fetches a link's target page (the surface asked the user for access to its origin first),
 * then re-scores the tab's last snapshot with that page's topic and tells the surfaces.
 */
export async function compareWithTarget(tabId: number, url: string): Promise<TargetTopicResult> {
  const topic = await fetchTopicFor(url);
  if (topic.status !== 'ok') return { ok: false, message: `Could not read the target page: ${topic.error ?? 'unknown error'}.` };
  const error = await rescoreTab(tabId);
  return error ? { ok: false, message: error } : { ok: true, title: topic.title };
}

/**
 * Scores the tab's last snapshot again (with what the background learnt since: fetched topics,
 * checked links) and tells the surfaces; inspects again when the background has restarted since.
 * Returns why it could not, or null.
 */
export async function rescoreTab(tabId: number): Promise<string | null> {
  const snapshot = snapshots.get(tabId);
  const domains = await loadMyDomains().catch(() => [] as MyDomain[]);
  if (snapshot) {
    const report = await finishReport(tabId, snapshot, targetTopicsOf(domains));
    await sendMessage('reportUpdated', { tabId, report }).catch(() => undefined);
    return null;
  }
  const result = await inspectTab(tabId, { targetTopics: targetTopicsOf(domains) });
  if (!result.ok) return result.error.message;
  await sendMessage('reportUpdated', { tabId, report: result.report }).catch(() => undefined);
  return null;
}

/** A watched page changed: fetch and finish its new snapshot and tell the surfaces. */
export async function onSnapshotUpdated(tabId: number, head: SnapshotHead): Promise<void> {
  const snapshot = await fetchSnapshot(tabId, head).catch(() => null);
  if (!snapshot) return;
  const domains = await loadMyDomains().catch(() => [] as MyDomain[]);
  const report = await finishReport(tabId, snapshot, targetTopicsOf(domains));
  await updateBadge(tabId, countMyDomainLinks(report, domains));
  await sendMessage('reportUpdated', { tabId, report }).catch(() => undefined);
}

/** The tab, once it is known to exist, to be scriptable and to have the analyser in it; else why not. */
async function readyTab(tabId: number): Promise<{ tab: Browser.tabs.Tab; error?: never } | { tab?: never; error: InspectError }> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) return { error: { code: 'no-tab', message: 'The tab was closed.' } };
  const url = tab.url ?? tab.pendingUrl;
  // No URL visible: either a browser page, or a page we have no access to (no activeTab grant,
  // no host permission).
  if (!url && !(await hasAllSitesAccess())) return { error: { code: 'no-access', message: NO_ACCESS_MESSAGE } };
  const restriction = restrictionOf(url);
  if (restriction) return { error: { code: 'restricted', message: restriction } };
  const injectError = await injectInto(tabId);
  return injectError ? { error: injectError } : { tab };
}

export async function inspectTab(tabId: number, options: InspectTabOptions = {}): Promise<InspectResult> {
  const ready = await readyTab(tabId);
  if (ready.error) return { ok: false, error: ready.error };
  const urlBefore = ready.tab.url;
  try {
    const pageDomain = urlBefore ? pageDomainOf(urlBefore) : null;
    const head = await withTimeout(sendMessage('analyze', { watch: options.watch, requestedUrl: options.requestedUrl, pageDomain }, tabId), ANALYZE_TIMEOUT_MS);
    const snapshot = await fetchSnapshot(tabId, head, options.onProgress);
    if (!snapshot) return fail('failed', 'The page sent an unreadable analysis.');
    options.onProgress?.({ stage: 'scoring', done: 0, total: snapshot.links.length });
    const report = await finishReport(tabId, snapshot, options.targetTopics);
    return { ok: true, report };
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    const now = await browser.tabs.get(tabId).catch(() => null);
    if (!now) return fail('tab-closed', 'The tab was closed during the inspection.');
    if (now.url !== urlBefore) return fail('navigated', 'The page navigated away during the inspection. Try again.');
    if (now.status === 'loading') return fail('loading', 'The page is still loading. Try again in a moment.');
    return fail('failed', `The inspection failed: ${message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// What the surfaces call: the inspection plus its side effects (history, action badge).
/**
 * Saves a report to history (issue 6); returns a message for the user when that failed (never
 * throws). With the user's domains known, retention is applied there too, keeping every
 * inspection with a backlink to them (unknown — settings unreadable — prunes nothing).
 */
export async function recordInHistory(report: PageReport, domains: readonly MyDomain[] | null = null): Promise<string | undefined> {
  try {
    await saveInspection(report, domains ? { keepDomains: domains.map((d) => d.domain) } : {});
    return undefined;
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string };
    // HistoryError messages are complete sentences for the user (quota included).
    if (err?.name?.startsWith('History') && err.message) return `Not saved to history: ${err.message}`;
    if (err?.name === 'QuotaExceededError' || /quota/i.test(String(err?.message ?? e))) {
      return 'Not saved to history: browser storage is full. Clear old history to make room.';
    }
    return `Not saved to history: ${String(err?.message ?? e)}`;
  }
}

/** Links to my own sites (not competitors'): the badge's count. */
export function countMyDomainLinks(report: PageReport, domains: MyDomain[]): number {
  const match = createRoleMatcher(domains);
  let n = 0;
  for (const l of report.links) if (l.kind === 'http' && match(l.host)?.role === 'mine') n++;
  return n;
}

/** The action badge shows how many links on the tab point to my own sites. */
export async function updateBadge(tabId: number, count: number | null): Promise<void> {
  try {
    // MV3 `action`, Firefox MV2 `browserAction`.
    const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
    if (!action) return;
    await action.setBadgeText({ tabId, text: count ? String(count) : '' });
    if (count) await action.setBadgeBackgroundColor({ tabId, color: '#0b7a4b' });
  } catch {
    // the tab may be gone; a badge is not worth an error
  }
}

/** Pages with more links than this get progress messages and a preview before the full report. */
export const PREVIEW_FROM_LINKS = 1000;
/** Links in a preview: the table's first page. */
export const PREVIEW_LINKS = 100;

/**
 * The report with only its best links (my domains first, then by score, as the table opens) and
 * the whole page's summary: small enough to reach the surface and render at once.
 */
export function previewOf(report: PageReport, domains: MyDomain[]): NonNullable<InspectProgress['preview']> {
  const match = createRoleMatcher(domains);
  const listed = (l: PageReport['links'][number]) => (l.kind === 'http' && match(l.host) ? 1 : 0);
  const best = [...report.links].sort((a, b) => listed(b) - listed(a) || b.score - a.score || a.index - b.index).slice(0, PREVIEW_LINKS);
  const ofRole = (role: string) => (host: string | null) => (match(host)?.role === role ? match(host)!.domain : null);
  return { report: { ...report, links: best }, summary: summarizeLinks(report.links, ofRole('mine'), ofRole('competitor')), total: report.links.length };
}

export async function inspectAndRecord(tabId: number, options: Omit<InspectTabOptions, 'targetTopics' | 'onProgress'> & { progress?: boolean } = {}): Promise<SurfaceInspectResult> {
  const domains = await loadMyDomains().catch(() => null);
  // Big pages: the surfaces hear how far the inspection is (the page sends its links in parts).
  let big = false;
  const tell = (p: Omit<InspectProgress, 'tabId'>) => void sendMessage('inspectProgress', { tabId, ...p }).catch(() => undefined);
  const onProgress = options.progress
    ? (p: Omit<InspectProgress, 'tabId'>) => {
        big ||= p.total >= PREVIEW_FROM_LINKS;
        if (big) tell(p);
      }
    : undefined;
  const result = await inspectTab(tabId, { ...options, targetTopics: targetTopicsOf(domains ?? []), onProgress });
  if (!result.ok) return result;
  // The best rows first: the full report's transfer and rendering take longest.
  if (big) tell({ stage: 'sending', done: PREVIEW_LINKS, total: result.report.links.length, preview: previewOf(result.report, domains ?? []) });
  await updateBadge(tabId, countMyDomainLinks(result.report, domains ?? []));
  const notice = await recordInHistory(result.report, domains);
  return notice ? { ...result, notice } : result;
}

export async function revealLink(tabId: number, link: LinkRef): Promise<RevealResult> {
  if (!(await browser.tabs.get(tabId).catch(() => undefined))) return { ok: false, message: 'The tab was closed.' };
  const injectError = await injectInto(tabId);
  if (injectError) return { ok: false, message: injectError.message };
  try {
    return await withTimeout(sendMessage('reveal', { index: link.index, href: link.href }, tabId), 10_000);
  } catch (e) {
    return { ok: false, message: `Could not show the link on the page: ${String((e as Error)?.message ?? e)}` };
  }
}

export async function setHighlight(tabId: number, mode: HighlightMode): Promise<HighlightResult> {
  const ready = await readyTab(tabId);
  if (ready.error) return { ok: false, error: ready.error };
  try {
    let state = await withTimeout(sendMessage('highlight', { mode }, tabId), ANALYZE_TIMEOUT_MS);
    if (state.needsScores) {
      // Never inspected in this page yet: inspect (which sends the scores), then draw.
      const domains = await loadMyDomains().catch(() => [] as MyDomain[]);
      const inspected = await inspectTab(tabId, { targetTopics: targetTopicsOf(domains) });
      if (!inspected.ok) return inspected;
      state = await withTimeout(sendMessage('highlight', { mode: 'on' }, tabId), ANALYZE_TIMEOUT_MS);
    }
    return { ok: true, on: state.on, count: state.count };
  } catch (e) {
    return { ok: false, error: { code: 'failed', message: `Could not highlight the links: ${String((e as Error)?.message ?? e)}` } };
  }
}

/** Stops the page watcher in a tab, if the analyser is there (never injects it). */
export async function unwatchTab(tabId: number): Promise<void> {
  await sendMessage('unwatch', undefined, tabId).catch(() => undefined);
}
