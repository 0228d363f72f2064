/**
 * The history store's public API, one module per responsibility:
 * records.ts (a report → records), save.ts, queries.ts (one page's history), backlinks.ts,
 * retention.ts (retention setting, pruning, clearing), stats.ts; tx.ts is how they reach the
 * database.
 */
export { timeOf, reportToRecords } from './records.ts';
export { addInspectionInTx, saveInspection, type SaveResult } from './save.ts';
export { getInspection, linksOf, listInspections, type ListOptions } from './queries.ts';
export { backlinksTo, backlinksToDomains, type BacklinkGroup } from './backlinks.ts';
export {
  applyRetention,
  clearAll,
  countOlderThan,
  DAY_MS,
  getKeepDomains,
  getRetention,
  pruneOlderThan,
  RETENTION_CHOICES,
  setKeepDomains,
  setRetention,
  type PruneOptions,
  type PruneResult,
} from './retention.ts';
export { stats, type HistoryStats } from './stats.ts';
export type { StoreOptions, WriteTx } from './tx.ts';
