import { toEuros } from '../../money.ts';
import { can, type Actor } from '../accounts/index.ts';
import { csvCell } from '../csv-cell.ts';
import type { Db } from '../db/database.ts';
import { calendarOf, type CalendarItem } from './calendar.ts';
import type { EventContext } from './context.ts';
import { countKey, occurrencesOf, registrationCounts, type Series } from './queries.ts';
import type { Occurrence } from './recurrence.ts';
import { myRegistrationTo, occurrenceFor, registrantsOf } from './service.ts';
import { localOf } from './time.ts';

/** An occurrence as the API gives it. */
export function occurrenceJson(item: Pick<CalendarItem, 'series' | 'occurrence' | 'distanceKm'>, baseURL: string) {
  const { series, occurrence } = item;
  const place = series.place;
  return {
    id: occurrence.id,
    eventId: series.id,
    title: series.title,
    kind: series.kind,
    start: occurrence.start.toISOString(),
    end: occurrence.end.toISOString(),
    localStart: localOf(occurrence.start, series.timeZone),
    timeZone: series.timeZone,
    cancelled: occurrence.cancelled,
    moved: occurrence.moved,
    place: place ? { id: place.id, slug: place.slug, name: place.name, communeName: place.communeName, lat: place.lat, lon: place.lon } : null,
    onlineUrl: series.onlineUrl,
    organization: series.organizationName,
    priceEuros: series.priceCents === null ? null : toEuros(series.priceCents),
    capacity: series.capacity,
    registrationRequired: series.registrationRequired,
    ...(item.distanceKm !== undefined ? { distanceKm: item.distanceKm } : {}),
    url: new URL(`/evenements/${occurrence.id}`, baseURL).toString(),
  };
}

/** The ISO 8601 local time with its offset (`2026-03-19T19:00:00+01:00`), as schema.org readers expect. */
function withOffset(instant: Date, zone: string): string {
  const local = localOf(instant, zone);
  const offset = Math.round((Date.parse(`${local}:00Z`) - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * schema.org `Event` of an occurrence, as the text of a `<script type="application/ld+json">`: `<`, `>` and `&`
 * are escaped as JSON unicode escapes, so no text typed by an organizer can close the element.
 */
export function eventJsonLd(series: Series, occurrence: Occurrence, url: string): string {
  const place = series.place;
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: series.title,
    description: series.description || undefined,
    startDate: withOffset(occurrence.start, series.timeZone),
    endDate: withOffset(occurrence.end, series.timeZone),
    eventStatus: occurrence.cancelled ? 'https://schema.org/EventCancelled' : occurrence.moved ? 'https://schema.org/EventRescheduled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: place ? 'https://schema.org/OfflineEventAttendanceMode' : 'https://schema.org/OnlineEventAttendanceMode',
    location: place
      ? {
          '@type': 'Place',
          name: place.name,
          address: { '@type': 'PostalAddress', streetAddress: place.address ?? undefined, postalCode: place.postalCode ?? undefined, addressLocality: place.communeName, addressCountry: 'FR' },
          ...(place.exact ? { geo: { '@type': 'GeoCoordinates', latitude: place.lat, longitude: place.lon } } : {}),
        }
      : { '@type': 'VirtualLocation', url: series.onlineUrl },
    organizer: { '@type': 'Organization', name: series.organizationName },
    offers: { '@type': 'Offer', price: series.priceCents === null ? 0 : toEuros(series.priceCents), priceCurrency: 'EUR', url },
    ...(series.capacity ? { maximumAttendeeCapacity: series.capacity } : {}),
    url,
  };
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The registrants of an occurrence as CSV (the organizing team): cells through `csvCell`. */
export async function registrantsCsv(ctx: EventContext, ref: string): Promise<{ filename: string; csv: string }> {
  const { series, occurrence, registrants } = await registrantsOf(ctx, ref);
  const header = ['name', 'email', 'status', 'waiting_position', 'registered_at', 'checked_in'];
  const lines = [header, ...registrants.map((r) => [r.name, r.email, r.status, r.position ?? '', r.registeredAt.toISOString(), r.checkedIn ? 'yes' : 'no'])];
  const csv = lines.map((line) => line.map((cell) => csvCell(cell)).join(',')).join('\r\n') + '\r\n';
  return { filename: `inscrits-${localOf(occurrence.start, series.timeZone).slice(0, 10)}.csv`, csv };
}

/** A place's next occurrences (for its page). */
export async function placeUpcomingEvents(db: Db, actor: Actor, slug: string, limit = 4, now = new Date()) {
  const { items } = await calendarOf(db, actor, { place: slug }, now);
  return items.filter((item) => !item.occurrence.cancelled && item.occurrence.end > now).slice(0, limit);
}

/** What an occurrence's page shows: the occurrence, its series, its seats, the actor's registration, the next dates. */
export async function occurrencePage(ctx: EventContext, ref: string) {
  const { series, occurrence } = await occurrenceFor(ctx.db, ctx.actor, ref);
  const count = (await registrationCounts(ctx.db, [series.id])).get(countKey(series.id, occurrence.originalStart));
  const now = ctx.now ?? new Date();
  return {
    series,
    occurrence,
    confirmed: count?.confirmed ?? 0,
    waiting: count?.waiting ?? 0,
    registration: await myRegistrationTo(ctx, series, occurrence),
    others: occurrencesOf(series)
      .filter((o) => o.end > now && o.id !== occurrence.id && !o.cancelled)
      .slice(0, 6),
    manage: can(ctx.actor, 'event.manage', { type: 'event', organizationId: series.organizationId }),
  };
}
