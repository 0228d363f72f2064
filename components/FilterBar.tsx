/**
 * The view tabs ("All links", "Editorial opportunities", "By domain") and the filters they share
 * with each other and with the on-page overlay: internal/external, followed, placement, my
 * domains, search.
 */
import { PLACEMENTS } from '@/lib/report';
import { num, t } from './i18n';
import type { Filters, ViewTab } from './link-model';

interface Props {
  tab: ViewTab;
  onTab(tab: ViewTab): void;
  filters: Filters;
  onChange(next: Filters): void;
  shown: number;
  total: number;
  disabled?: boolean;
  /** The user has listed domains (the "my domains" filter means something). */
  hasMyDomains: boolean;
  /** The links were checked (the "broken" filter means something). */
  hasHealth?: boolean;
}

const TABS: ViewTab[] = ['all', 'editorial', 'domains'];

export function FilterBar({ tab, onTab, filters, onChange, shown, total, disabled, hasMyDomains, hasHealth = false }: Props) {
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div class="filter-area">
      <div class="tabs" role="group" aria-label={t('tabs.label')}>
        {TABS.map((id) => (
          <button type="button" class={`tab tab--${id}`} aria-pressed={tab === id} disabled={disabled} onClick={() => onTab(id)} title={t(`tabs.${id}Help`)}>
            {t(`tabs.${id}`)}
          </button>
        ))}
        <span class="filters__count" aria-live="polite">
          {shown === total ? t('filters.shownAll', [num(total)]) : t('filters.shownSome', [num(shown), num(total)])}
        </span>
      </div>
      <div class="filters" role="group" aria-label={t('filters.label')}>
        <input
          type="search"
          class="filters__search"
          placeholder={t('filters.searchPlaceholder')}
          aria-label={t('filters.search')}
          value={filters.query}
          disabled={disabled}
          onInput={(e) => set('query', (e.currentTarget as HTMLInputElement).value)}
        />
        <select aria-label={t('filters.scope')} value={filters.scope} disabled={disabled} onChange={(e) => set('scope', (e.currentTarget as HTMLSelectElement).value as Filters['scope'])}>
          <option value="all">{t('filters.scopeAll')}</option>
          <option value="internal">{t('filters.scopeInternal')}</option>
          <option value="external">{t('filters.scopeExternal')}</option>
        </select>
        <select aria-label={t('filters.follow')} value={filters.follow} disabled={disabled} onChange={(e) => set('follow', (e.currentTarget as HTMLSelectElement).value as Filters['follow'])}>
          <option value="all">{t('filters.followAll')}</option>
          <option value="followed">{t('filters.followed')}</option>
          <option value="not-followed">{t('filters.notFollowed')}</option>
        </select>
        <select aria-label={t('filters.placement')} value={filters.placement} disabled={disabled} onChange={(e) => set('placement', (e.currentTarget as HTMLSelectElement).value as Filters['placement'])}>
          <option value="all">{t('filters.placementAll')}</option>
          {PLACEMENTS.map((p) => (
            <option value={p}>{t(`placement.${p}`)}</option>
          ))}
        </select>
        {hasMyDomains && (
          <label class="filters__check">
            <input type="checkbox" checked={filters.mine} disabled={disabled} onChange={(e) => set('mine', (e.currentTarget as HTMLInputElement).checked)} />
            {t('filters.mine')}
          </label>
        )}
        {(hasHealth || filters.broken) && (
          <label class="filters__check">
            <input type="checkbox" checked={filters.broken} disabled={disabled} onChange={(e) => set('broken', (e.currentTarget as HTMLInputElement).checked)} />
            {t('filters.broken')}
          </label>
        )}
      </div>
    </div>
  );
}
