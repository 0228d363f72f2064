/**
 * The history store's public API, one module per responsibility:
 * schema.ts (what is stored, for save and import), save.ts, queries.ts (one page's history), backlinks.ts,
 * retention.ts (retention setting, pruning, clearing), stats.ts; tx.ts is how they reach the
 * database.
 */
export { timeOf, reportToRecords } from './schema.ts';
export { addInspectionInTx, saveInspection, type SaveOptions, type SaveResult } from './save.ts';
export { getInspection, linksOf, listInspections, type ListOptions } from './queries.ts';
export { backlinksTo, backlinksToDomains, type BacklinkGroup, type BacklinkLink } from './backlinks.ts';
export {
  applyRetention,
  applyRetentionIfDue,
  clearAll,
  countOlderThan,
  DAY_MS,
  DEFAULT_RETENTION_MS,
  getRetention,
  pruneOlderThan,
  RETENTION_CHOICES,
  setRetention,
  type PruneOptions,
  type PruneResult,
} from './retention.ts';
export { stats, type HistoryStats } from './stats.ts';
export type { StoreOptions, WriteTx } from './tx.ts';
