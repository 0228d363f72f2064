/**
 * Backlink audits (issue #18): the shapes shared by the list reader, the engine in the
 * background, the store, the Audits page and the CLI. An audit is a list of source pages (each
 * with the target it should link to), saved once; every run checks each row again and keeps one
 * result per row, so two runs compare row by row (what changed).
 */
import type { Hop, NetErrorKind } from '../background/net/fetch.ts';
import type { Placement } from '../report.ts';

/** What a row's check concluded. */
export const VERDICTS = ['live', 'weak', 'lost', 'gone', 'unreachable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Record<Verdict, string> = {
  live: 'Live',
  weak: 'Live but weak',
  lost: 'Lost',
  gone: 'Page gone',
  unreachable: 'Unreachable',
};

/** What each verdict means, for legends and help. */
export const VERDICT_HELP: Record<Verdict, string> = {
  live: 'The page links to the target: followed, visible, in the main content.',
  weak: 'The link is there but passes little: nofollow/sponsored/ugc, outside the main content, hidden, or the page is nofollow.',
  lost: 'The page answers, but no link to the target is on it.',
  gone: 'The page is gone: 4xx/5xx, the name does not resolve, it redirects to another site or its home page, it is noindex or not HTML.',
  unreachable: 'No answer in time (or no access): nothing is known about the link.',
};

/** One row of an audit list, as read from the user's file (lib/audit/input.ts). */
export interface AuditRow {
  /** Position in the audit, 0-based, after duplicates were merged. */
  index: number;
  /** Line of the file the row starts on (1-based); later duplicates are in `mergedLines`. */
  line: number;
  mergedLines: number[];
  /** The page that should carry the link (http(s), without #fragment). */
  sourceUrl: string;
  /** The URL it should link to, when the list has a target column; else the audit's domains. */
  targetUrl: string | null;
  /** The row's cells as they were in the file (kept for the export). */
  cells: string[];
}

/** A link to the target found on the checked page, best (highest score) first. */
export interface FoundLink {
  url: string;
  text: string;
  rel: string[];
  placement: Placement;
  placementConfidence: number;
  hidden: boolean;
  hiddenReason: string | null;
  followed: boolean;
  score: number;
  relevance: number;
  targetRelevance: number | null;
  /** The link matches the row's target URL exactly (false: another page of the target's site). */
  exact: boolean;
}

/** What the source page answered (the fetch module, then the parsed page). */
export interface PageAnswer {
  status: number | null;
  finalUrl: string;
  hops: Hop[];
  contentType: string | null;
  xRobotsTag: string | null;
  metaRobots: string[];
  canonical: string | null;
  canonicalElsewhere: boolean;
  /** Not noindex by meta robots or X-Robots-Tag. */
  indexable: boolean;
  /** Page-level nofollow by meta robots or X-Robots-Tag. */
  pageNofollow: boolean;
  title: string;
  error: { kind: NetErrorKind; message: string } | null;
}

/** How a row's answer was found: the fetched HTML, or the page rendered in a tab with its scripts. */
export type CheckMethod = 'fetched' | 'rendered';

export interface RowResult {
  runId: number;
  index: number;
  verdict: Verdict;
  /** Why (for weak, lost, gone, unreachable); empty for live. */
  reasons: string[];
  method: CheckMethod;
  /** The fetched verdict, when a rendered check replaced it. */
  fetchedVerdict: Verdict | null;
  page: PageAnswer;
  /** Links to the target, best first, at most LIMITS.auditLinks. */
  links: FoundLink[];
  /** All links to the target on the page (links may hold fewer). */
  linkCount: number;
  /** The linking site's strength (lib/analysis/strength): authority 0–100 and Tranco rank, when listed. */
  site: { authority: number | null; rank: number | null } | null;
  /** The rendered check was asked for and could not run: why. */
  renderError: string | null;
  /** History: 'saved', 'unchanged' (the same links as last time), or why it was not saved. */
  history: string | null;
  /** Epoch ms. */
  checkedAt: number;
}

export type Schedule = 'off' | 'daily' | 'weekly';

export interface AuditRecord {
  id: number;
  name: string;
  createdAt: number;
  /** The header of the list (or ['url'] for a plain list), for the export. */
  columns: string[];
  /** Columns the source and target URLs were read from (-1: none). */
  sourceColumn: number;
  targetColumn: number;
  /** Rows without a target URL link to one of these (normalised "my domains"). */
  domains: string[];
  rowCount: number;
  /** Check rows whose link is not in the fetched HTML again in a background tab, with the page's scripts. */
  renderMissing: boolean;
  /** Monitoring: re-run on a schedule (alarms), notify about lost or devalued backlinks to my domains. */
  schedule: Schedule;
  notify: boolean;
  lastRunId: number | null;
}

export type RunState = 'running' | 'paused' | 'done' | 'cancelled';
export type RunTrigger = 'manual' | 'schedule' | 'cli';

export interface RunRecord {
  id: number;
  auditId: number;
  trigger: RunTrigger;
  state: RunState;
  startedAt: number;
  finishedAt: number | null;
  total: number;
  done: number;
  counts: Record<Verdict, number>;
  /** Filled when the run ends: what changed since the audit's previous finished run. */
  changes: ChangeCounts | null;
  previousRunId: number | null;
}

/** What changed on one row since the previous run (lib/audit/changes.ts). */
export type ChangeKind = 'lost' | 'gone' | 'nofollow' | 'left-body' | 'hidden' | 'score-fell' | 'recovered' | 'unreachable' | 'new';

export type ChangeCounts = Partial<Record<ChangeKind, number>>;

export function emptyCounts(): Record<Verdict, number> {
  return { live: 0, weak: 0, lost: 0, gone: 0, unreachable: 0 };
}
