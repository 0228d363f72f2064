/**
 * Robots directives from an `X-Robots-Tag` header and meta robots tokens: one reading for the
 * inspected page's own headers and for link targets. Directives for other crawlers
 * (`bingbot: noindex`) are left out, as the page's meta robots reads only `robots` and `googlebot`.
 */
import { LIMITS, capString } from './limits.ts';

/** Directives that take a value after a colon (so `name:` is not a crawler's name). */
const VALUED = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);
const APPLIES = new Set(['robots', 'googlebot', '*']);

/**
 * Tokens of an X-Robots-Tag value (several headers arrive joined with ", "), lower-cased,
 * for all crawlers or Google's. `googlebot: noindex, nofollow` scopes both to googlebot.
 */
export function robotsHeaderTokens(value: string | null | undefined): string[] {
  if (!value) return [];
  const out = new Set<string>();
  let scope: string | null = null;
  for (const raw of capString(value, LIMITS.pageText).toLowerCase().split(',')) {
    let token = raw.trim();
    const m = token.match(/^([a-z0-9_*-]+)\s*:\s*(.*)$/);
    if (m && !VALUED.has(m[1]!)) {
      scope = m[1]!;
      token = m[2]!.trim();
    }
    if (!token || (scope !== null && !APPLIES.has(scope))) continue;
    out.add(token.split(':')[0]!.trim());
    if (out.size >= LIMITS.relTokens) break;
  }
  return [...out];
}

export const isNoindex = (tokens: readonly string[]) => tokens.includes('noindex') || tokens.includes('none');
export const isNofollow = (tokens: readonly string[]) => tokens.includes('nofollow') || tokens.includes('none');
