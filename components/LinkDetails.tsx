import type { LinkReport } from '@/lib/report';
import { linkFlags } from '@/lib/table-export';
import { useContext } from 'preact/hooks';
import { LinkActionsContext } from './link-actions';
import { formatRelevance } from './link-model';
import { strengthLine } from './SiteStrength';
import { strengthExplanation } from '@/lib/strength-sources';

/** A link we may offer to open: only http(s), never javascript: or data:. */
export function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The score's reasons and the facts behind them. Page data is rendered as text only. */
export function LinkDetails({ link, mine, onClose }: { link: LinkReport; mine: string | null; onClose(): void }) {
  const href = safeHref(link.url);
  const flags = linkFlags(link);
  const { compareWithTarget } = useContext(LinkActionsContext);
  // Target relevance is unknown until the target's topic is: offer to read the target page.
  const canCompare = !!compareWithTarget && !!href && !link.internal && link.targetRelevance === null;
  return (
    <div class="details" aria-label={`Details of link ${link.index + 1}`}>
      <div class="details__head">
        <strong>Score {link.score}</strong>
        <span>
          {link.followed ? 'followed' : 'not followed'} · {link.placement} ({Math.round(link.placementConfidence * 100)}% sure) · relevance {formatRelevance(link.relevance)}
          {link.equityShare > 0 && ` · ${link.equityShare.toFixed(1)}% of the page’s link equity`}
          {link.linkValue !== undefined && ` · link value ${link.linkValue}`}
        </span>
        <button type="button" class="details__close" onClick={onClose} aria-label="Close details (Esc)">
          ✕
        </button>
      </div>
      <ul class="reasons">
        {link.reasons.map((r) => (
          <li key={r.code}>
            <span class={`effect ${r.effect > 0 ? 'effect--up' : r.effect < 0 ? 'effect--down' : ''}`}>
              {r.effect > 0 ? '+' : ''}
              {r.effect}
            </span>{' '}
            {r.text}
          </li>
        ))}
        {link.reasons.length === 0 && <li>No scoring reasons recorded.</li>}
      </ul>
      <dl class="facts">
        <dt>URL</dt>
        <dd class="url">
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {link.url}
            </a>
          ) : (
            <code>{link.url ?? link.href}</code>
          )}
        </dd>
        {mine && (
          <>
            <dt>My domain</dt>
            <dd>{mine}</dd>
          </>
        )}
        {link.rel.length > 0 && (
          <>
            <dt>rel</dt>
            <dd>{link.rel.join(' ')}</dd>
          </>
        )}
        {flags.length > 0 && (
          <>
            <dt>Flags</dt>
            <dd>{flags.join(', ')}</dd>
          </>
        )}
        {link.wrapper?.target && (
          <>
            <dt>Wraps</dt>
            <dd class="url">{link.wrapper.target}</dd>
          </>
        )}
        {(link.contextBefore || link.contextAfter) && (
          <>
            <dt>Context</dt>
            <dd>
              …{link.contextBefore} <mark>{link.text}</mark> {link.contextAfter}…
            </dd>
          </>
        )}
        {link.strength !== undefined && link.kind === 'http' && (
          <>
            <dt>Target’s strength</dt>
            <dd title={strengthExplanation(link.strength)}>{strengthLine(link.strength)}</dd>
          </>
        )}
        <dt>Target relevance</dt>
        <dd>
          {link.targetRelevance === null ? 'unknown' : formatRelevance(link.targetRelevance)}
          {canCompare && (
            <>
              {' '}
              <button type="button" class="link-button" onClick={() => compareWithTarget!(link)} title="Reads the target page once (asks for access to its site) and compares its topic with this page">
                Compare with the target page
              </button>
            </>
          )}
        </dd>
        {link.sharedTerms.length > 0 && (
          <>
            <dt>Shared terms</dt>
            <dd>{link.sharedTerms.join(', ')}</dd>
          </>
        )}
        {link.placementSignals.length > 0 && (
          <>
            <dt>Placement signals</dt>
            <dd>{link.placementSignals.join(', ')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
