import type { Locale } from './i18n.ts';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

// Building an Intl.DateTimeFormat costs about a millisecond (a booking's e-mail needs one): each is built once.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let formatter = formats.get(key);
  if (!formatter) formats.set(key, (formatter = new Intl.DateTimeFormat(TAG[locale], options)));
  return formatter;
}

/**
 * A date and time as people of the network read it: `26 novembre 2026 à 14:05`. In Paris time, so that the
 * server and the browser write the same text.
 */
export function formatDateTime(date: Date, locale: Locale): string {
  return format(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);
}

/** A local day (`YYYY-MM-DD`) in words: `mercredi 2 décembre 2026`. */
export function formatDay(day: string, locale: Locale): string {
  return format(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** A local day in few words, for table headers: `mer. 2 déc.`. */
export function formatShortDay(day: string, locale: Locale): string {
  return format(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}
