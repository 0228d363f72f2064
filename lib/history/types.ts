/** Stored shapes of the history database. Pure types. */
import type { LinkCounts, LinkReport, PageReport } from '../report.ts';

/** Page-level facts kept with each inspection (everything in the report but links and counts). */
export type StoredPageFacts = Pick<
  PageReport,
  'language' | 'description' | 'canonical' | 'canonicalElsewhere' | 'metaRobots' | 'indexable' | 'pageNofollow' | 'frames' | 'timing' | 'site'
> & { reportVersion: number };

export interface InspectionRecord {
  /** Auto-incremented primary key. */
  id: number;
  /**
   * Identity used to merge without duplicates: normalized page URL, time and a hash of the links.
   * Added in schema v2 (unique index `byKey`).
   */
  key: string;
  /** Normalized page URL (see normalize-url.ts). */
  pageUrl: string;
  /** The URL as the user asked for it. */
  url: string;
  finalUrl: string;
  title: string;
  /** Inspection time, ms since the epoch (from the report's generatedAt). */
  time: number;
  /**
   * When the page was last inspected with the very same links (schema v3): re-inspecting an
   * unchanged page moves this instead of storing a copy. Equals `time` until then.
   */
  lastSeen: number;
  /** What "the very same links" means (key.ts contentKey); absent on records saved before v3. */
  contentKey?: string;
  /** Page fields cut to their cap (schema.ts); absent on records saved before v3. */
  capped?: string[];
  counts: LinkCounts;
  facts: StoredPageFacts;
  linkCount: number;
}

/** One link of one inspection: the report's entry plus its owner. */
export interface LinkRecord extends LinkReport {
  id: number;
  inspectionId: number;
  /** Denormalized from the inspection (schema v2) so backlink queries need no join. */
  pageUrl: string;
  time: number;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export type NewInspection = Omit<InspectionRecord, 'id'>;
export type NewLink = Omit<LinkRecord, 'id'>;
