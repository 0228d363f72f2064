/**
 * The user's last view (issue 19 §1): which tab, filters and sort the link view had, kept in
 * `storage.local` so the popup and the side panel open where the user left them. The search
 * text is not kept: it belongs to one page. What is read back is checked field by field.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PLACEMENTS } from '@/lib/report';
import { DEFAULT_FILTERS, DEFAULT_SORT, FIRST_DIR, type Filters, type Sort, type ViewMode } from './link-model';

export const VIEW_PREFS_KEY = 'viewPrefs';

export interface ViewPrefs {
  mode: ViewMode;
  filters: Filters;
  sort: Sort;
}

export const DEFAULT_PREFS: ViewPrefs = { mode: 'links', filters: DEFAULT_FILTERS, sort: DEFAULT_SORT };

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/** A stored value back into prefs; anything unknown falls back to the default. */
export function readPrefs(raw: unknown): ViewPrefs {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
  const f = (v.filters && typeof v.filters === 'object' ? v.filters : {}) as Record<string, unknown>;
  const s = (v.sort && typeof v.sort === 'object' ? v.sort : {}) as Record<string, unknown>;
  const key = oneOf(s.key, Object.keys(FIRST_DIR) as Sort['key'][], DEFAULT_SORT.key);
  return {
    mode: oneOf(v.mode, ['links', 'domains'] as const, 'links'),
    filters: {
      scope: oneOf(f.scope, ['all', 'internal', 'external'] as const, 'all'),
      follow: oneOf(f.follow, ['all', 'followed', 'not-followed'] as const, 'all'),
      placement: oneOf(f.placement, ['all', ...PLACEMENTS] as const, 'all'),
      mine: f.mine === true,
      broken: false,
      query: '',
    },
    sort: { key, dir: oneOf(s.dir, ['asc', 'desc'] as const, key === DEFAULT_SORT.key ? DEFAULT_SORT.dir : FIRST_DIR[key]) },
  };
}

/** [prefs, set, loaded]: `loaded` turns true once the stored view has been read (or failed to). */
export function useViewPrefs(): [ViewPrefs, (next: ViewPrefs) => void, boolean] {
  const [prefs, setPrefs] = useState<ViewPrefs>(DEFAULT_PREFS);
  const [loaded, setLoaded] = useState(false);
  const touched = useRef(false);
  useEffect(() => {
    let alive = true;
    browser.storage.local.get(VIEW_PREFS_KEY).then(
      (items) => {
        // A choice made before the stored one arrived wins.
        if (alive && !touched.current) setPrefs(readPrefs((items as Record<string, unknown>)[VIEW_PREFS_KEY]));
        if (alive) setLoaded(true);
      },
      () => alive && setLoaded(true),
    );
    return () => {
      alive = false;
    };
  }, []);
  const set = (next: ViewPrefs) => {
    touched.current = true;
    setPrefs(next);
    const { query: _q, ...filters } = next.filters;
    void browser.storage.local.set({ [VIEW_PREFS_KEY]: { mode: next.mode, filters, sort: next.sort } }).catch(() => undefined);
  };
  return [prefs, set, loaded];
}
