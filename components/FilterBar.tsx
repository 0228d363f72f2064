import { PLACEMENTS } from '@/lib/report';
import type { Filters } from './link-model';

interface Props {
  filters: Filters;
  onChange(next: Filters): void;
  shown: number;
  total: number;
  disabled?: boolean;
}

export function FilterBar({ filters, onChange, shown, total, disabled }: Props) {
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div class="filters" role="group" aria-label="Filter links">
      <input
        type="search"
        class="filters__search"
        placeholder="Search anchor, URL, domain"
        aria-label="Search links"
        value={filters.query}
        disabled={disabled}
        onInput={(e) => set('query', (e.currentTarget as HTMLInputElement).value)}
      />
      <select aria-label="Internal or external" value={filters.scope} disabled={disabled} onChange={(e) => set('scope', (e.currentTarget as HTMLSelectElement).value as Filters['scope'])}>
        <option value="all">Internal + external</option>
        <option value="internal">Internal</option>
        <option value="external">External</option>
      </select>
      <select aria-label="Followed or not" value={filters.follow} disabled={disabled} onChange={(e) => set('follow', (e.currentTarget as HTMLSelectElement).value as Filters['follow'])}>
        <option value="all">Followed + not</option>
        <option value="followed">Followed</option>
        <option value="not-followed">Not followed</option>
      </select>
      <select aria-label="Placement" value={filters.placement} disabled={disabled} onChange={(e) => set('placement', (e.currentTarget as HTMLSelectElement).value as Filters['placement'])}>
        <option value="all">All placements</option>
        {PLACEMENTS.map((p) => (
          <option value={p}>{p}</option>
        ))}
      </select>
      <span class="filters__count" aria-live="polite">
        {shown === total ? `${total.toLocaleString()} shown` : `${shown.toLocaleString()} of ${total.toLocaleString()}`}
      </span>
    </div>
  );
}
