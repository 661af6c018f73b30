import type { Locale } from './i18n.ts';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * A date and time as people of the network read it: `26 novembre 2026 à 14:05`. In Paris time, so that the
 * server and the browser write the same text.
 */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);
}

/** A local day (`YYYY-MM-DD`) in words: `mercredi 2 décembre 2026`. */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** A local day in few words, for table headers: `mer. 2 déc.`. */
export function formatShortDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAG[locale], { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}
