import type { Placement } from '@/lib/report';

/** One color per placement, shared by the table and the on-page outlines; readable on light and dark. */
export const PLACEMENT_COLORS: Record<Placement, string> = {
  body: '#16a34a',
  header: '#7c3aed',
  nav: '#2563eb',
  sidebar: '#d97706',
  footer: '#64748b',
  comments: '#db2777',
  related: '#0891b2',
};
