/** Deterministic identity of an inspection, used to merge imports and repeated saves. Pure. */
import type { LinkReport } from '../report.ts';

type Signed = Pick<LinkReport, 'index' | 'url' | 'href' | 'text' | 'rel' | 'placement'>;

/** FNV-1a 32-bit, as 8 hex digits. */
export function fnv1a(input: string, seed = 0x811c9dc5): string {
  let h = seed >>> 0;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function linkSignature(l: Signed): string {
  return `${l.index}\u0001${l.url ?? l.href}\u0001${l.text}\u0001${l.rel.join(' ')}\u0001${l.placement}`;
}

export function linksHash(links: readonly Signed[]): string {
  const sorted = [...links].sort((a, b) => a.index - b.index).map(linkSignature).join('\u0002');
  // Two seeds: 64 bits make an accidental collision between different inspections negligible.
  return fnv1a(sorted) + fnv1a(sorted, 0x01000193);
}

export function inspectionKey(pageUrl: string, time: number, links: readonly Signed[]): string {
  return `${pageUrl}\n${time}\n${links.length}:${linksHash(links)}`;
}

type Compared = Signed & Pick<LinkReport, 'followed' | 'hidden' | 'score'>;

/**
 * What must differ for a re-inspection to be stored as a new inspection: every link's identity
 * (as in the key) and what the diff and the backlinks list report about it — followed, hidden and
 * the score in whole points. Equal for an unchanged page, whatever the time.
 */
export function contentKey(links: readonly Compared[]): string {
  const sorted = [...links]
    .sort((a, b) => a.index - b.index)
    .map((l) => `${linkSignature(l)}\u0001${l.followed ? 1 : 0}${l.hidden ? 1 : 0}\u0001${Math.round(l.score)}`)
    .join('\u0002');
  return `${links.length}:${fnv1a(sorted)}${fnv1a(sorted, 0x01000193)}`;
}

/** The link-content part of an inspection key: equal for two inspections with identical links. */
export function contentOfKey(key: string): string {
  return key.split('\n')[2] ?? key;
}

/**
 * Index of the inspection to compare the newest one with (list newest first): the most recent
 * one whose links differ from the newest, so re-inspecting an unchanged page does not hide the
 * last real change. Falls back to the previous inspection when all are identical; -1 when
 * there is nothing to compare.
 */
export function baseIndexForLatest(list: readonly { key: string }[]): number {
  if (list.length < 2) return -1;
  const latest = contentOfKey(list[0]!.key);
  for (let i = 1; i < list.length; i++) if (contentOfKey(list[i]!.key) !== latest) return i;
  return 1;
}
