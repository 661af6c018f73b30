import { randomBytes } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { assertCan, user } from '../accounts/index.ts';
import { readConfig } from '../config.ts';
import { linkBase } from '../links.ts';
import { queryRows, type Db } from '../db/database.ts';
import { renderMail, type MailLocale, type OutgoingMail } from '../mail/index.ts';
import { calendarFeeds } from './schema.ts';
import type { BookingContext } from './context.ts';
import type { Booking } from './model.ts';
import { findBookings } from './queries.ts';
import { formatDay } from '../../dates.ts';
import * as m from '../../paraglide/messages.js';
import { addDays, instantOf } from './time.ts';
import { timeRange } from './view.ts';

const PRODUCT = { company: 'Maillage', product: 'Maillage', language: 'FR' };

/** Noon UTC of a local day: the same date wherever the server runs, for all-day events. */
const dateOf = (day: string) => new Date(`${day}T12:00:00Z`);

/** Where a booking's place is, as its e-mails and calendar entries say it. */
export interface PlaceLocation {
  /** Street, as the place's team typed it. */
  address: string | null;
  /** The commune's first postal code. */
  postalCode: string | null;
  communeName: string;
  lat: number;
  lon: number;
  /** The pin placed by the team; false: the commune's centre, which no calendar is told. */
  exact: boolean;
}

/** A place's location as one JSON object (a PlaceLocation), for a statement that reads it beside other things. */
export const placeLocationJson = (placeId: SQL) =>
  sql`(select json_build_object('address', p.address, 'postalCode', c.postal_codes[1], 'communeName', c.name,
                                'lat', p.lat, 'lon', p.lon, 'exact', p.coordinates_exact)
       from places p join communes c on c.code = p.commune_code where p.id = ${placeId})`;

/** The places' locations, by place id. */
export async function placeLocations(db: Db, placeIds: readonly string[]): Promise<Map<string, PlaceLocation>> {
  const unique = [...new Set(placeIds)];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<{ id: string; location: PlaceLocation | null }>(
    db,
    sql`select x.id, ${placeLocationJson(sql`x.id::uuid`)} as location from json_array_elements_text(${JSON.stringify(unique)}::json) as x(id)`,
  );
  return new Map(rows.flatMap((row) => (row.location ? [[row.id, row.location] as const] : [])));
}

/** One place's location (a booking always has its place). */
export async function placeLocation(db: Db, placeId: string): Promise<PlaceLocation> {
  return (await placeLocations(db, [placeId])).get(placeId)!;
}

/** `12 rue des Lilas, 46140 Luzech`: the street when there is one, then postal code and commune. */
export const addressLine = (location: PlaceLocation) =>
  [location.address, [location.postalCode, location.communeName].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/**
 * The event's LOCATION (the place's name and address on one line) and, for a pin placed by the place's team,
 * its GEO (RFC 5545 §3.8.1.6, `lat;lon`); a commune's centre is no place to go to, so it is never given.
 * ical-generator escapes the text (backslash, `;`, `,`, line breaks: RFC 5545 §3.3.11).
 */
export function eventLocation(placeName: string, location: PlaceLocation | undefined) {
  if (!location) return placeName;
  const title = `${placeName}, ${addressLine(location)}`;
  return location.exact ? { title, geo: { lat: location.lat, lon: location.lon } } : title;
}

function addEvent(calendar: ReturnType<typeof ical>, booking: Booking, baseURL: string, location?: PlaceLocation) {
  const cancelled = booking.status === 'cancelled';
  // An office rental is an all-day event over its days (the end date is exclusive); other bookings have times.
  const span = booking.endsOn
    ? { allDay: true, start: dateOf(booking.day), end: dateOf(addDays(booking.endsOn, 1)) }
    : { start: instantOf(booking.day, booking.startMinute), end: instantOf(booking.day, booking.endMinute) };
  calendar.createEvent({
    id: `${booking.id}@maillage`,
    ...span,
    summary: `${booking.placeName} — ${booking.resourceName}`,
    location: eventLocation(booking.placeName, location),
    url: new URL(`/lieux/${booking.placeSlug}`, baseURL).toString(),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // A cancellation updates the event the confirmation created.
    sequence: cancelled ? 1 : 0,
    stamp: booking.createdAt,
  });
}

/** One booking as an .ics file: PUBLISH for a confirmation, CANCEL for a cancellation. */
export function bookingIcs(booking: Booking, baseURL: string, location?: PlaceLocation): string {
  const calendar = ical({ prodId: PRODUCT, method: booking.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH });
  addEvent(calendar, booking, baseURL, location);
  return calendar.toString();
}

const whenOf = (booking: Booking, locale: MailLocale) =>
  booking.endsOn
    ? m.booking_office_range({ from: formatDay(booking.day, locale), to: formatDay(booking.endsOn, locale) }, { locale })
    : `${formatDay(booking.day, locale)}, ${timeRange(booking.startMinute, booking.endMinute)}`;

/** Whom a booking's e-mails go to, in their language. */
export interface Recipient {
  email: string;
  name: string;
  language: MailLocale;
}

export async function recipientOf(db: Db, userId: string): Promise<Recipient> {
  const [person] = await db.select({ email: user.email, name: user.name, language: user.preferredLanguage }).from(user).where(eq(user.id, userId));
  return person!;
}

/** The confirmation (or cancellation) e-mail of a booking, in the booker's language, with its .ics; both give the place's address. */
export function confirmationMail(
  booking: Booking,
  person: Recipient,
  event: 'confirmed' | 'cancelled',
  location: PlaceLocation,
  baseURL = linkBase(readConfig()),
): OutgoingMail {
  const locale = person.language;
  const params = {
    name: person.name,
    place: booking.placeName,
    address: addressLine(location),
    resource: booking.resourceName,
    when: whenOf(booking, locale),
    url: new URL('/compte/reservations', baseURL).toString(),
  };
  const mail = renderMail(event === 'confirmed' ? 'booking-confirmed' : 'booking-cancelled', person.email, params, locale);
  return { ...mail, attachments: [{ filename: 'reservation.ics', contentType: 'text/calendar; charset=utf-8', content: bookingIcs(booking, baseURL, location) }] };
}

/** The signed-in person's private feed token, created on first use; `renew` replaces it (the old URL stops working). */
export async function calendarToken(ctx: BookingContext, renew = false): Promise<string> {
  const { db, actor } = ctx;
  const { userId } = assertCan(actor, renew ? 'user.update' : 'user.read', { type: 'user', id: actor.kind === 'user' ? actor.userId : '' });
  const token = randomBytes(24).toString('base64url');
  if (renew) {
    await db
      .insert(calendarFeeds)
      .values({ userId, token })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { token, createdAt: new Date() } });
    return token;
  }
  await db.insert(calendarFeeds).values({ userId, token }).onConflictDoNothing();
  const [row] = await db.select({ token: calendarFeeds.token }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row!.token;
}

/** What another domain adds to a person's private feed (events: their registrations), given its owner. */
export type FeedPart = (calendar: ReturnType<typeof ical>, db: Db, userId: string, baseURL: string) => Promise<void>;

/**
 * The calendar of a feed token: the person's bookings from 30 days ago on, cancelled ones marked so, and what
 * `parts` add for the same person (one token per person for all their calendar); null for an unknown token.
 */
export async function calendarFeed(db: Db, token: string, baseURL = linkBase(readConfig()), parts: readonly FeedPart[] = []): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [feed] = await db.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.token, token));
  if (!feed) return null;
  const list = await findBookings(db, sql`b.user_id = ${feed.userId} and b.day >= current_date - 30 and b.status <> 'no-show'`);
  const locations = await placeLocations(db, list.map((booking) => booking.placeId));
  const calendar = ical({ prodId: PRODUCT, name: 'Maillage', ttl: 3600 });
  for (const booking of list) addEvent(calendar, booking, baseURL, locations.get(booking.placeId));
  for (const part of parts) await part(calendar, db, feed.userId, baseURL);
  return calendar.toString();
}
