/**
 * browser.i18n for jsdom tests: the real locale files (locales/*.yml) built the way the
 * extension build does (@wxt-dev/i18n), answered with Chrome's getMessage rules ($1…$9, $$).
 */
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const LOCALES_DIR = resolve(import.meta.dirname, '../../locales');

const cache = new Map<string, Record<string, { message: string }>>();

export async function loadMessages(locale: string): Promise<Record<string, { message: string }>> {
  let m = cache.get(locale);
  if (!m) {
    m = generateChromeMessages(await parseMessagesFile(resolve(LOCALES_DIR, `${locale}.yml`)));
    cache.set(locale, m);
  }
  return m;
}

/** Chrome's substitution: `$1`…`$9` from the array, `$$` is a dollar sign. */
export function substitute(message: string, subs: string | string[] | undefined): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (list[Number(d) - 1] ?? '')));
}

/** Makes the fake browser answer in `locale` (its missing keys fall back to English, as browsers do). */
export async function useLocale(locale: string, transform: (message: string, key: string) => string = (m) => m): Promise<void> {
  const en = await loadMessages('en');
  const own = locale === 'en' ? en : await loadMessages(locale);
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => {
    const entry = own[key] ?? en[key];
    // Plural forms are split by the caller on ' | ': each form is transformed on its own.
    return entry ? substitute(entry.message, subs).split(' | ').map((m) => transform(m, key)).join(' | ') : '';
  }) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => locale;
}
