import type { InspectError } from '@/lib/protocol';
import { t } from './i18n';
import type { Phase } from './use-inspector';

interface Props {
  phase: Phase;
  error: InspectError | null;
  onRetry(): void;
  onGrantAccess?(): void;
}

const HINTED: InspectError['code'][] = ['restricted', 'tab-closed', 'no-tab'];

/** Message keys allow letters, digits and `_` only: `tab-closed` → `tabClosed`. */
const key = (code: InspectError['code']) => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as 'restricted' | 'noTab' | 'loading' | 'noAccess' | 'tabClosed' | 'navigated';

/**
 * What is going on when there is no report to show: loading, or an error with what to do next.
 * Known errors are said in the user's language; an unexpected failure also shows what the
 * background reported.
 */
export function StatusPanel({ phase, error, onRetry, onGrantAccess }: Props) {
  if (phase === 'page-loading') {
    return (
      <div class="status status--info" role="status">
        <p>{t('status.pageLoading')}</p>
        <button type="button" onClick={onRetry}>
          {t('status.inspectNow')}
        </button>
      </div>
    );
  }
  if (phase !== 'error' || !error) return null;
  return (
    <div class={`status status--${error.code === 'failed' ? 'error' : 'warn'}`} role="alert" data-code={error.code}>
      <p>{error.code === 'failed' ? t('error.failed', [error.message]) : t(`error.${key(error.code)}`)}</p>
      {HINTED.includes(error.code) && <p class="muted">{t(`errorHint.${key(error.code) as 'restricted' | 'tabClosed' | 'noTab'}`)}</p>}
      {error.code === 'no-access' && onGrantAccess && (
        <p>
          <button type="button" onClick={onGrantAccess}>
            {t('status.allowAll')}
          </button>{' '}
          <span class="muted">{t('status.allowAllHelp')}</span>
        </p>
      )}
      {(error.code === 'failed' || error.code === 'no-access' || error.code === 'navigated' || error.code === 'loading') && (
        <button type="button" onClick={onRetry}>
          {t('status.retry')}
        </button>
      )}
    </div>
  );
}
