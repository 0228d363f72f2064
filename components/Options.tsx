/** Options: "my domains" (with an optional description each), history storage and retention, provider keys, the optional all-sites access, credits. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MAX_DESCRIPTION_LENGTH, removeMyDomain, saveMyDomain, type MyDomain } from '@/lib/settings';
import { useMyDomains } from './use-my-domains';
import { Credits } from './Credits';
import { ProviderKeys } from './ProviderKeys';
import { StorageSettings } from './history/StorageSettings';
import { BulkDomains, ShortcutLine } from './OptionsExtras';
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
  return (
    <li>
      <strong>{entry.domain}</strong>
      <div>
        <textarea
          aria-label={`Description of ${entry.domain}`}
          placeholder="What the site is about (optional): keywords help judge relevance"
          maxLength={MAX_DESCRIPTION_LENGTH}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          onBlur={() => void save()}
        />
        {error && <p class="error" role="alert">{error}</p>}
      </div>
      <button type="button" onClick={() => void removeMyDomain(entry.domain)} aria-label={`Remove ${entry.domain}`}>
        Remove
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
      <h2 id="access-h">Access to all sites (optional)</h2>
      <p>
        Without it, Backlink Inspector reads a page only when you ask: the toolbar button or the right-click menu gives it access to that one tab. The side panel can then follow you
        to other tabs and re-inspect pages as you browse only with access to all sites. Pages are analysed inside your browser; nothing is sent anywhere.
      </p>
      <p>
        Status: <strong>{granted === null ? '…' : granted ? 'granted' : 'not granted'}</strong>{' '}
        {granted ? (
          <button type="button" onClick={() => void revoke()}>
            Remove access
          </button>
        ) : (
          <button type="button" onClick={() => void request()}>
            Allow access to all sites
          </button>
        )}
      </p>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

export function Options() {
  const domains = useMyDomains();
  const [domain, setDomain] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    const r = await saveMyDomain(domain, description);
    if (!r.ok) {
      setError(r.error);
      setSaved(null);
      return;
    }
    setError(null);
    setSaved(`Added ${r.domain}.`);
    setDomain('');
    setDescription('');
  };

  return (
    <main class="options">
      <h1>Backlink Inspector</h1>
      <p class="muted">Settings sync across your browsers when browser sync is on.</p>
      <p>
        <a href="/audits.html" target="_blank" rel="noopener">
          Backlink audits and monitoring
        </a>
        : check a list of pages that should link to your sites.
      </p>
      <ShortcutLine />
      <section aria-labelledby="domains-h">
        <h2 id="domains-h">My domains</h2>
        <p>
          Your own sites, your clients’ and competitors’. Links to them are pinned at the top of the table, counted on the toolbar badge and always kept in history. Subdomains
          count too. A description (what the site is about) helps judge whether a page is relevant to it.
        </p>
        <form onSubmit={(e) => void add(e)}>
          <input aria-label="Domain" placeholder="example.com" value={domain} onInput={(e) => setDomain((e.currentTarget as HTMLInputElement).value)} required />
          <input
            aria-label="Description or keywords (optional)"
            placeholder="Description or keywords (optional)"
            maxLength={MAX_DESCRIPTION_LENGTH}
            value={description}
            onInput={(e) => setDescription((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">Add</button>
        </form>
        {error && <p class="error" role="alert">{error}</p>}
        {saved && <p role="status">{saved}</p>}
        <BulkDomains />
        <ul class="domain-list" aria-label="My domains">
          {domains.length === 0 && <li class="empty">No domains yet.</li>}
          {domains.map((d) => (
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
