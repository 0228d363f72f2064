/**
 * Every word the surfaces show comes from the locale files (`locales/*.yml`, built into
 * `_locales/<lang>/messages.json`) through `browser.i18n`, by `@wxt-dev/i18n`'s typed `t()`:
 * a key that does not exist fails the type check. Numbers, percentages and dates are formatted
 * for the browser's UI language, the same language `browser.i18n` picked the words in.
 */
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';

export const t = i18n.t;

/** The UI language (BCP 47) as the browser reports it; `en` where there is none (tests, Node). */
export function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

let cached: { locale: string; number: Intl.NumberFormat; percent: Intl.NumberFormat; decimal: Intl.NumberFormat; fixed1: Intl.NumberFormat; date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat } | null = null;

function formats() {
  const locale = uiLocale();
  if (cached?.locale === locale) return cached;
  let safe = locale;
  try {
    new Intl.NumberFormat(safe);
  } catch {
    safe = 'en';
  }
  cached = {
    locale,
    number: new Intl.NumberFormat(safe),
    percent: new Intl.NumberFormat(safe, { style: 'percent', maximumFractionDigits: 0 }),
    decimal: new Intl.NumberFormat(safe, { maximumFractionDigits: 1 }),
    fixed1: new Intl.NumberFormat(safe, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    date: new Intl.DateTimeFormat(safe, { dateStyle: 'medium' }),
    dateTime: new Intl.DateTimeFormat(safe, { dateStyle: 'medium', timeStyle: 'short' }),
  };
  return cached;
}

/** 12,345 / 12.345 */
export const num = (n: number): string => formats().number.format(n);
/** 0.87 → 87 % / 87% */
export const pct = (fraction: number): string => formats().percent.format(fraction);
/** One decimal at most: 12.5 / 12,5 */
export const dec = (n: number): string => formats().decimal.format(n);
/** Exactly one decimal: 3.0 / 3,0 */
export const fixed1 = (n: number): string => formats().fixed1.format(n);
export const date = (ms: number | Date): string => formats().date.format(ms);
export const dateTime = (ms: number | Date): string => formats().dateTime.format(ms);
