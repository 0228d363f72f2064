/**
 * Options: connect a site-strength provider with your own key. Saving asks for the optional host
 * permission of that provider's API (in the click's user gesture), then the background stores the
 * key where pages cannot read it and tries it once. Each provider shows its last outcome.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import type { ProviderStatus } from '@/lib/protocol';
import type { StrengthProvider } from '@/lib/report';
import { PROVIDER_IDS, PROVIDERS } from '@/lib/strength-sources';
import { dateTime, t } from './i18n';

const when = (at: number | null) => (at ? dateTime(at) : '');

function ProviderRow({ status, onChange }: { status: ProviderStatus; onChange(s: ProviderStatus): void }) {
  const info = PROVIDERS[status.provider];
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const connect = (e: Event) => {
    e.preventDefault();
    setError(null);
    // The permission prompt needs the click's user gesture: ask before anything else is awaited.
    void browser.permissions
      .request({ origins: [info.origin] })
      .then(async (granted) => {
        if (!granted) return setError(t('providers.denied', [info.origin.replace('/*', ''), info.name]));
        setBusy(true);
        onChange(await sendMessage('connectProvider', { provider: status.provider, key }));
        setKey('');
      })
      .catch((err) => setError(t('providers.failed', [String((err as Error)?.message ?? err)])))
      .finally(() => setBusy(false));
  };

  const disconnect = async () => {
    onChange(await sendMessage('disconnectProvider', { provider: status.provider }));
    // Give the API's access back unless it is covered by the all-sites access.
    const all = await browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => true);
    if (!all) await browser.permissions.remove({ origins: [info.origin] }).catch(() => false);
  };

  return (
    <li data-provider={status.provider}>
      <strong>{info.label}</strong> <span class="muted">— {t(`providers.note.${status.provider}`)}</span>{' '}
      <a href={info.keyUrl} target="_blank" rel="noopener noreferrer">
        {t('providers.getKey')}
      </a>
      {status.connected ? (
        <p>
          {t('providers.connected', [status.keyHint ?? ''])}{' '}
          <button type="button" onClick={() => void disconnect()} aria-label={t('providers.disconnectName', [info.name])}>
            {t('providers.disconnect')}
          </button>
        </p>
      ) : (
        <form onSubmit={connect}>
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            aria-label={t('providers.keyLabel', [info.name])}
            placeholder={t('providers.keyLabel', [info.name])}
            value={key}
            onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)}
            required
          />
          <button type="submit" disabled={busy}>
            {busy ? t('providers.checking') : t('providers.connect')}
          </button>
        </form>
      )}
      {status.state === 'ok' && status.message && (
        <p class="ok" role="status">
          {status.message} <span class="muted">{when(status.at)}</span>
        </p>
      )}
      {status.state === 'error' && (
        <p class="error" role="alert" data-code={status.code ?? ''}>
          {status.message} <span class="muted">{when(status.at)}</span>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function ProviderKeys() {
  const [statuses, setStatuses] = useState<ProviderStatus[] | null>(null);
  useEffect(() => {
    void Promise.resolve()
      .then(() => sendMessage('providerStatuses', undefined))
      .then(
      (s) => setStatuses(Array.isArray(s) ? s : []),
      () => setStatuses([]),
    );
  }, []);
  const update = (next: ProviderStatus) => setStatuses((all) => (all ?? []).map((s) => (s.provider === next.provider ? next : s)));
  const byId = new Map((statuses ?? []).map((s) => [s.provider, s]));
  const empty = (provider: StrengthProvider): ProviderStatus => ({ provider, connected: false, keyHint: null, state: 'unused', code: null, message: null, at: null });
  return (
    <section aria-labelledby="providers-h">
      <h2 id="providers-h">{t('providers.title')}</h2>
      <p>{t('providers.help')}</p>
      <ul class="provider-list" aria-label={t('providers.list')}>
        {PROVIDER_IDS.map((id) => (
          <ProviderRow key={id} status={byId.get(id) ?? empty(id)} onChange={update} />
        ))}
      </ul>
    </section>
  );
}
