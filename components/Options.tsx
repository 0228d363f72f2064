/**
 * Options: "my domains" — my sites and competitors, each with an optional description — history
 * storage and retention, provider keys, the optional all-sites access, credits.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MAX_DESCRIPTION_LENGTH, removeMyDomain, roleOf, saveMyDomain, setDomainRole, type DomainRole, type MyDomain } from '@/lib/settings';
import { t } from './i18n';
import { useMyDomains } from './use-my-domains';
import { Credits } from './Credits';
import { ProviderKeys } from './ProviderKeys';
import { StorageSettings } from './history/StorageSettings';
import { BulkDomains, RoleSelect, ShortcutLine } from './OptionsExtras';
import './styles.css';

const ALL_SITES = { origins: ['<all_urls>'] };

function DomainRow({ entry }: { entry: MyDomain }) {
  const [text, setText] = useState(entry.description);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(entry.description), [entry.description]);
  const save = async () => {
    if (text.trim() === entry.description) return;
    const r = await saveMyDomain(entry.domain, text);
    setError(r.ok ? null : r.error);
  };
  const role = roleOf(entry);
  return (
    <li data-role={role}>
      <strong>{entry.domain}</strong>
      <div>
        <textarea
          aria-label={t('options.descriptionOf', [entry.domain])}
          placeholder={t('options.descriptionPlaceholder')}
          maxLength={MAX_DESCRIPTION_LENGTH}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          onBlur={() => void save()}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <RoleSelect value={role} label={t('options.roleOf', [entry.domain])} onChange={(r) => void setDomainRole(entry.domain, r).then((x) => setError(x.ok ? null : x.error))} />
      <button type="button" onClick={() => void removeMyDomain(entry.domain)} aria-label={t('options.removeDomain', [entry.domain])}>
        {t('options.remove')}
      </button>
    </li>
  );
}

function HostAccess() {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => void browser.permissions.contains(ALL_SITES).then(setGranted, () => setGranted(false));
  useEffect(refresh, []);
  const request = async () => {
    try {
      setGranted(await browser.permissions.request(ALL_SITES));
      setError(null);
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  };
  const revoke = async () => {
    await browser.permissions.remove(ALL_SITES).catch(() => false);
    refresh();
  };
  return (
    <section aria-labelledby="access-h">
      <h2 id="access-h">{t('options.access.title')}</h2>
      <p>{t('options.access.help')}</p>
      <p>
        {t('options.access.status')} <strong>{granted === null ? '…' : granted ? t('options.access.granted') : t('options.access.notGranted')}</strong>{' '}
        {granted ? (
          <button type="button" onClick={() => void revoke()}>
            {t('options.access.remove')}
          </button>
        ) : (
          <button type="button" onClick={() => void request()}>
            {t('status.allowAll')}
          </button>
        )}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function Options() {
  const domains = useMyDomains();
  const [domain, setDomain] = useState('');
  const [description, setDescription] = useState('');
  const [role, setRole] = useState<DomainRole>('mine');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    const r = await saveMyDomain(domain, description, role);
    if (!r.ok) {
      setError(r.error);
      setSaved(null);
      return;
    }
    setError(null);
    setSaved(t(role === 'competitor' ? 'options.addedCompetitor' : 'options.added', [r.domain]));
    setDomain('');
    setDescription('');
  };
  const mine = domains.filter((d) => roleOf(d) === 'mine');
  const competitors = domains.filter((d) => roleOf(d) === 'competitor');

  return (
    <main class="options">
      <h1>{t('app.name')}</h1>
      <p class="muted">{t('options.sync')}</p>
      <p>
        <a href="/audits.html" target="_blank" rel="noopener">
          {t('options.audits')}
        </a>
        {t('options.auditsWhat')}
      </p>
      <ShortcutLine />
      <section aria-labelledby="domains-h">
        <h2 id="domains-h">{t('options.domains.title')}</h2>
        <p>{t('options.domains.help')}</p>
        <form onSubmit={(e) => void add(e)}>
          <input aria-label={t('options.domain')} placeholder={t('options.bulkPlaceholder')} value={domain} onInput={(e) => setDomain((e.currentTarget as HTMLInputElement).value)} required />
          <input
            aria-label={t('options.description')}
            placeholder={t('options.description')}
            maxLength={MAX_DESCRIPTION_LENGTH}
            value={description}
            onInput={(e) => setDescription((e.currentTarget as HTMLInputElement).value)}
          />
          <RoleSelect value={role} onChange={setRole} label={t('options.role.label')} />
          <button type="submit">{t('options.add')}</button>
        </form>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {saved && <p role="status">{saved}</p>}
        <BulkDomains />
        <h3 id="mine-h">{t('options.domains.mine')}</h3>
        <ul class="domain-list" aria-labelledby="mine-h">
          {mine.length === 0 && <li class="empty">{t('options.domains.noMine')}</li>}
          {mine.map((d) => (
            <DomainRow key={d.domain} entry={d} />
          ))}
        </ul>
        <h3 id="competitors-h">{t('options.domains.competitors')}</h3>
        <p class="muted">{t('options.domains.competitorsHelp')}</p>
        <ul class="domain-list" aria-labelledby="competitors-h">
          {competitors.length === 0 && <li class="empty">{t('options.domains.noCompetitors')}</li>}
          {competitors.map((d) => (
            <DomainRow key={d.domain} entry={d} />
          ))}
        </ul>
      </section>
      <StorageSettings keepDomains={domains.map((d) => d.domain)} />
      <ProviderKeys />
      <HostAccess />
      <Credits />
    </main>
  );
}
