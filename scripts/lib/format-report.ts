/** Plain-text table of a report for the terminal (the caller strips control characters: scripts/lib/terminal-text.ts). */
import { authorityText, popularityText, providerText } from '../../lib/strength-sources.ts';
import type { HttpFacts, LinkCheckSummary } from './inspect-pages.ts';
import { followStatus, scoreBand } from '../../lib/link-terms.ts';
import { healthStatusText, isBroken } from '../../lib/link-health.ts';

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
const padLeft = (s: string, n: number) => s.padStart(n);

export function formatReport(report: any, http?: HttpFacts | null, linkCheck?: LinkCheckSummary): string {
  const c = report.counts;
  const lines: string[] = [];
  lines.push(`${report.title || '(untitled)'}`);
  lines.push(`${report.finalUrl}${report.finalUrl !== report.url ? `  (asked for ${report.url})` : ''}`);
  const flags = [
    report.indexable ? 'indexable' : 'NOINDEX',
    report.pageNofollow ? 'META NOFOLLOW' : null,
    report.canonicalElsewhere ? `canonical → ${report.canonical}` : null,
    report.language ? `lang ${report.language}` : null,
  ].filter(Boolean);
  lines.push(flags.join(' · '));
  if (http) lines.push(`HTTP ${http.status ?? '?'}${http.xRobotsTag !== null ? ` · X-Robots-Tag: ${http.xRobotsTag}` : ''}`);
  lines.push(
    `${c.total} links: ${c.http} http (${c.internal} internal, ${c.external} external), ${c.followed} followed, ` +
      `${c.nofollow} nofollow, ${c.sponsored} sponsored, ${c.ugc} ugc, ${c.hidden} hidden, ${c.flagged} flagged · ${report.timing.totalMs} ms`,
  );
  if (report.site !== undefined) {
    const site = report.site;
    lines.push(`site ${site?.host ?? '?'}: ${[authorityText(site), popularityText(site), ...(site?.providers ?? []).map(providerText)].join(' · ')}`);
  }
  // --check-links: the check's end, then a status and X-Robots-Tag column per link.
  const checked = linkCheck !== undefined;
  if (linkCheck?.error) lines.push(`link check: not run (${linkCheck.error.message})`);
  else if (linkCheck) {
    const health = report.links.map((l: any) => l.health).filter(Boolean);
    const count = (f: string) => health.filter((h: any) => h.flags.includes(f)).length;
    lines.push(
      `link check: ${linkCheck.checked} of ${linkCheck.total} checked${linkCheck.cancelled ? ' (cancelled)' : ''} · ${health.filter(isBroken).length} broken, ` +
        `${count('redirects')} redirect, ${count('other-domain')} to another site, ${count('noindex')} noindex`,
    );
  }
  const notInspected = report.frames.filter((f: any) => !f.inspected);
  if (notInspected.length) lines.push(`frames not inspected: ${notInspected.map((f: any) => f.url).join(', ')}`);
  lines.push('');
  lines.push(
    // The UI's vocabulary: follow status, score band, relevance in %.
    [
      padLeft('#', 4),
      padLeft('score', 5),
      padLeft('value', 5),
      padLeft('share', 6),
      pad('band', 6),
      pad('placement', 10),
      pad('follow', 12),
      padLeft('relevance', 9),
      pad('rel', 16),
      pad('domain', 26),
      padLeft('auth', 4),
      pad('flags', 14),
      ...(checked ? [pad('status', 16), pad('x-robots-tag', 16)] : []),
      'text',
    ].join(' '),
  );
  for (const l of report.links) {
    const flagsOf = [l.internal ? 'int' : l.kind === 'http' ? 'ext' : l.kind, l.image ? 'img' : null, l.hidden ? 'hidden' : null, l.wrapper ? l.wrapper.kind : null]
      .filter(Boolean)
      .join(',');
    lines.push(
      [
        padLeft(String(l.index), 4),
        padLeft(String(l.score), 5),
        padLeft(l.linkValue === undefined ? '-' : l.linkValue.toFixed(1), 5),
        padLeft(l.equityShare ? `${l.equityShare.toFixed(1)}%` : '-', 6),
        pad(scoreBand(l.score), 6),
        pad(l.placement, 10),
        pad(l.kind === 'http' ? (followStatus(l) === 'blocked' ? 'not followed' : followStatus(l)) : '-', 12),
        padLeft(l.kind === 'http' ? `${Math.round(l.relevance * 100)}%` : '-', 9),
        pad(l.rel.join(' ') || '-', 16),
        pad(l.domain ?? l.href, 26),
        // "n/l": not in the authority list (below its top 15,000), never a low number.
        padLeft(l.strength ? (l.strength.authority ? String(l.strength.authority.value) : 'n/l') : '-', 4),
        pad(flagsOf, 14),
        // "-": not checked (not http, or the check did not reach it).
        ...(checked ? [pad(l.health ? healthStatusText(l.health) : '-', 16), pad(l.health?.xRobotsTag ?? '-', 16)] : []),
        JSON.stringify(l.text.slice(0, 60)) + (l.health && l.health.finalUrl !== l.health.url ? ` → ${l.health.finalUrl}` : ''),
      ].join(' '),
    );
  }
  return lines.join('\n');
}
