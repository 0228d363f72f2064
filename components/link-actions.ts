/** Actions a link's details can trigger, provided by the surface (App) without prop drilling. */
import { createContext } from 'preact';
import type { LinkReport } from '@/lib/report';

export interface LinkActions {
  /** Fetch the link's target page and compare the page's topic with it. */
  compareWithTarget?(link: LinkReport): void;
}

export const LinkActionsContext = createContext<LinkActions>({});
