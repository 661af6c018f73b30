import * as messages from '$lib/paraglide/messages.js';
import { locales, baseLocale } from '$lib/paraglide/runtime.js';

export type Locale = (typeof locales)[number];
export { locales, baseLocale };

type Message = (params: Record<string, unknown>, options: { locale: Locale }) => string;
const catalogue = messages as unknown as Record<string, Message | undefined>;

/**
 * A catalogue message by key, for keys known only at run time (error codes); `fallback` when absent.
 * Server code only: it reaches every message, so a page that imports it ships the whole catalogue. Pages
 * call the `m.…` messages they need, and label codes through static maps (`$lib/place-labels`).
 */
export function translate(key: string, params: Record<string, unknown>, locale: Locale, fallback = key): string {
  const message = catalogue[key];
  return message ? message(params, { locale }) : fallback;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const intlTag: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlTag[locale], options).format(value);
}

/** Money per locale: `1 234,50 €`; Swiss francs the Swiss way whatever the language: `CHF 1’234.50`. */
export function formatMoney(value: number, currency: 'EUR' | 'CHF', locale: Locale): string {
  const tag = currency === 'CHF' ? 'de-CH' : intlTag[locale];
  return new Intl.NumberFormat(tag, { style: 'currency', currency }).format(value);
}

/** An amount held in cents (see `$lib/money`), as people read it: `1 234,50 €`. */
export function formatCents(cents: number, locale: Locale, currency: 'EUR' | 'CHF' = 'EUR'): string {
  return formatMoney(cents / 100, currency, locale);
}
