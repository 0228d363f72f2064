/**
 * Links grouped by target domain (issue 19 §10): links, followed, best score and the anchors
 * per domain; for the user's domains the anchor-text distribution opens by itself. A domain's
 * button shows its anchors; "Show links" goes to those links in the table.
 */
import { useMemo, useState } from 'preact/hooks';
import { scoreBand } from '@/lib/link-terms';
import { groupByDomain, type DomainGroup } from './domain-model';
import { num, pct, t } from './i18n';
import type { Row } from './link-model';

interface Props {
  rows: Row[];
  loading: boolean;
  empty: string;
  /** Show this domain's links in the table. */
  onShowLinks(domain: string): void;
}

const ANCHORS_INLINE = 3;

function AnchorTable({ group }: { group: DomainGroup }) {
  return (
    <table class="anchors" aria-label={t('domains.anchorsOf', [group.domain])}>
      <thead>
        <tr>
          <th scope="col">{t('domains.anchor')}</th>
          <th scope="col" class="num">{t('domains.links')}</th>
          <th scope="col" class="num">{t('domains.followed')}</th>
          <th scope="col" class="num">{t('domains.share')}</th>
        </tr>
      </thead>
      <tbody>
        {group.anchors.map((a) => (
          <tr>
            <td class="anchors__text">{a.text || <em class="muted">{t('table.noText')}</em>}</td>
            <td class="num">{num(a.count)}</td>
            <td class="num">{num(a.followed)}</td>
            <td class="num">
              <span class="share-bar" style={{ '--w': `${Math.round(a.share * 100)}%` }} aria-hidden="true" />
              {pct(a.share)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DomainView({ rows, loading, empty, onShowLinks }: Props) {
  const groups = useMemo(() => groupByDomain(rows), [rows]);
  // Open: the user's choice, else my domains open by themselves.
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const isOpen = (g: DomainGroup) => open[g.domain] ?? !!g.mine;
  if (loading) return <div class="domain-view domain-view--loading" aria-busy="true"><span class="skeleton" style={{ width: '70%' }} /></div>;
  if (!groups.length) return <p class="domain-view domain-view--empty muted">{empty}</p>;
  return (
    <div class="domain-view" role="region" aria-label={t('domains.label')} tabIndex={-1}>
      <table class="domains">
        <thead>
          <tr>
            <th scope="col">{t('domains.domain')}</th>
            <th scope="col" class="num">{t('domains.links')}</th>
            <th scope="col" class="num">{t('domains.followed')}</th>
            <th scope="col" class="num">{t('domains.best')}</th>
            <th scope="col" class="wide-only">{t('domains.anchors')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const expanded = isOpen(g);
            const more = g.anchors.length - ANCHORS_INLINE;
            return [
              <tr class={`domain-row${g.mine ? ' row--mine' : ''}`} data-domain={g.domain}>
                <th scope="row" class="domain-name">
                  <button type="button" class="link-button" aria-expanded={expanded} onClick={() => setOpen({ ...open, [g.domain]: !expanded })} title={t('domains.toggle')}>
                    {g.mine && <span class="mine-pin" aria-label={t('table.myDomainShort')}>★</span>}
                    {g.domain}
                  </button>
                  {g.internal && <span class="muted"> · {t('table.internalShort')}</span>}
                </th>
                <td class="num">{num(g.links)}</td>
                <td class="num">{num(g.followed)}</td>
                <td class="num">
                  <span class={`score score--${scoreBand(g.best)}`}>{num(g.best)}</span>
                </td>
                <td class="anchor-list wide-only">
                  {g.anchors.slice(0, ANCHORS_INLINE).map((a) => (
                    <span class="anchor-pill" title={a.text}>
                      {a.text || t('table.noText')}
                      {a.count > 1 && <b> ×{num(a.count)}</b>}
                    </span>
                  ))}
                  {more > 0 && <span class="muted">{t('domains.more', [num(more)])}</span>}
                </td>
              </tr>,
              expanded && (
                <tr class="domain-details">
                  <td colSpan={5}>
                    {g.mine && <p class="domain-details__head">{t('domains.distribution', [g.domain])}</p>}
                    <AnchorTable group={g} />
                    <button type="button" onClick={() => onShowLinks(g.domain)}>
                      {t('domains.showLinks', g.links, [num(g.links)])}
                    </button>
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
