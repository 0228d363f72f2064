import { useEffect, useState } from 'preact/hooks';
import { loadMyDomains, watchMyDomains, type MyDomain } from '@/lib/settings';

/** The user's domains, kept current when they change in the options page or by sync. */
export function useMyDomains(): MyDomain[] {
  const [domains, setDomains] = useState<MyDomain[]>([]);
  useEffect(() => {
    let alive = true;
    loadMyDomains().then(
      (d) => alive && setDomains(d),
      () => undefined,
    );
    const stop = watchMyDomains((d) => alive && setDomains(d));
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return domains;
}
