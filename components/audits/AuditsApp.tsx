/**
 * The Audits page (issue #18): audits on the left, the chosen one on the right, a new audit at
 * the top. The background runs them and says how far each run is (auditProgress); the page
 * reads results from the audit store (lib/audit/store.ts), at most a few times a second.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, num } from '../i18n';
import { deleteAudit, listAudits } from '@/lib/audit/store';
import type { AuditRecord } from '@/lib/audit/types';
import { onMessage } from '@/lib/messaging';
import { useMyDomains } from '../use-my-domains';
import { NewAudit } from './NewAudit';
import { AuditView } from './AuditView';

const REFRESH_MS = 500;

export function AuditsApp() {
  const myDomains = useMyDomains();
  const [audits, setAudits] = useState<AuditRecord[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    void listAudits().then((a) => {
      setAudits(a);
      setSelected((s) => s ?? a[0]?.id ?? null);
    });
  }, [tick]);

  useEffect(() => {
    // Progress arrives per row; the view reloads at most every REFRESH_MS.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onMessage('auditProgress', () => {
      timer ??= setTimeout(() => {
        timer = null;
        setTick((n) => n + 1);
      }, REFRESH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);

  const remove = async (id: number) => {
    await deleteAudit(id);
    if (selected === id) setSelected(null);
    setTick((n) => n + 1);
  };

  return (
    <main class="audits-page">
      <header>
        <h1>{t('audits.title')}</h1>
        <p class="muted">{t('audits.intro')}</p>
      </header>
      <NewAudit
        myDomains={myDomains}
        onStarted={(id) => {
          setSelected(id);
          setTick((n) => n + 1);
        }}
      />
      <div class="audits-body">
        <nav class="audits-list" aria-label={t('audits.audits')}>
          <h2>{t('audits.audits')}</h2>
          {!audits.length && <p class="muted">{t('audits.none')}</p>}
          <ul>
            {audits.map((a) => (
              <li key={a.id} aria-current={a.id === selected}>
                <button class="link" onClick={() => setSelected(a.id)}>
                  {a.name} ({num(a.rowCount)})
                </button>
                <button class="link" aria-label={t('audits.remove')} title={t('audits.remove')} onClick={() => void remove(a.id)}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {selected !== null && <AuditView auditId={selected} tick={tick} />}
      </div>
    </main>
  );
}
