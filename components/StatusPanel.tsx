import type { InspectError } from '@/lib/protocol';
import type { Phase } from './use-inspector';

interface Props {
  phase: Phase;
  error: InspectError | null;
  onRetry(): void;
  onGrantAccess?(): void;
}

const HINTS: Partial<Record<InspectError['code'], string>> = {
  restricted: 'Open a regular web page (http or https) to inspect its links.',
  'tab-closed': 'Switch to another tab to inspect it.',
  'no-tab': 'Open a web page, then try again.',
};

/** What is going on when there is no report to show: loading, or an error with what to do next. */
export function StatusPanel({ phase, error, onRetry, onGrantAccess }: Props) {
  if (phase === 'page-loading') {
    return (
      <div class="status status--info" role="status">
        <p>The page is still loading. The links will appear when it has finished.</p>
        <button type="button" onClick={onRetry}>
          Inspect now
        </button>
      </div>
    );
  }
  if (phase !== 'error' || !error) return null;
  return (
    <div class={`status status--${error.code === 'failed' ? 'error' : 'warn'}`} role="alert" data-code={error.code}>
      <p>{error.message}</p>
      {HINTS[error.code] && <p class="muted">{HINTS[error.code]}</p>}
      {error.code === 'no-access' && onGrantAccess && (
        <p>
          <button type="button" onClick={onGrantAccess}>
            Allow access to all sites
          </button>{' '}
          <span class="muted">Lets the side panel read each page you switch to. Nothing leaves your browser.</span>
        </p>
      )}
      {(error.code === 'failed' || error.code === 'no-access' || error.code === 'navigated' || error.code === 'loading') && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
