import { sql } from 'drizzle-orm';
import { readConfig } from '../config.ts';
import { queryRows, type Db } from '../db/database.ts';
import { linkBase } from '../links.ts';
import { renderMail, type Mailer, type MailLocale } from '../mail/index.ts';
import type { Occurrence } from './recurrence.ts';
import type { Series } from './queries.ts';

export type EventMailKind = 'event-registered' | 'event-waiting' | 'event-promoted' | 'event-cancelled' | 'event-moved' | 'event-reminder';

/** An occurrence's local date and time as its reader says it, in the event's zone. */
export function whenText(occurrence: Pick<Occurrence, 'start' | 'end'>, zone: string, locale: MailLocale): string {
  const day = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(occurrence.start);
  const end = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeStyle: 'short', timeZone: zone }).format(occurrence.end);
  return `${day} – ${end}`;
}

/** Where an event happens, on one line: the place and its address, or its online link. */
export function whereText(series: Pick<Series, 'place' | 'onlineUrl'>): string {
  const place = series.place;
  if (!place) return series.onlineUrl ?? '';
  return [place.name, place.address, [place.postalCode, place.communeName].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/**
 * Writes the e-mails of one kind about an occurrence to some people, in their languages, inside the
 * caller's transaction; returns their deliveries, to run after the commit.
 */
export async function enqueueEventMails(
  tx: Db,
  mailer: Mailer | undefined,
  kind: EventMailKind,
  series: Series,
  occurrence: Occurrence,
  userIds: readonly string[],
): Promise<(() => void)[]> {
  if (!mailer || !userIds.length) return [];
  const people = await queryRows<{ email: string; name: string; language: MailLocale }>(
    tx,
    sql`select email, name, preferred_language as language from "user"
        where id in (select x from json_array_elements_text(${JSON.stringify(userIds)}::json) as t(x)) and deleted_at is null`,
  );
  const url = new URL(`/evenements/${occurrence.id}`, linkBase(readConfig())).toString();
  const deliveries = [];
  for (const person of people) {
    const mail = renderMail(kind, person.email, { name: person.name, title: series.title, when: whenText(occurrence, series.timeZone, person.language), where: whereText(series), url }, person.language);
    deliveries.push(await mailer.enqueue(tx, mail));
  }
  return deliveries;
}
