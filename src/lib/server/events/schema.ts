import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../accounts/schema.ts';
import { places } from '../places/schema.ts';
import { eventAudiences, eventKinds, registrationStatuses } from './vocabulary.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/*
 * An event is a series: one occurrence, or many by an RRULE. Its times are local wall-clock times in its zone
 * (the place's); `first_start` and `last_end` are the instants of its whole span, kept at write time so that a
 * calendar reads only the series that meet its window before expanding them. An occurrence is known by the
 * series and its original start instant: the rows of `event_occurrences` (a move, a cancellation, and the row
 * a registration locks) and of `event_registrations` point at it that way.
 */
export const events = pgTable(
  'events',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: text()
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    placeId: uuid().references(() => places.id, { onDelete: 'set null' }),
    onlineUrl: text(),
    createdBy: text().references(() => user.id, { onDelete: 'set null' }),
    kind: text({ enum: eventKinds }).notNull(),
    audience: text({ enum: eventAudiences }).notNull().default('public'),
    title: text().notNull(),
    description: text().notNull().default(''),
    /** First start, local `YYYY-MM-DDTHH:MM` in `time_zone`. */
    startLocal: text().notNull(),
    durationMinutes: integer().notNull(),
    timeZone: text().notNull().default('Europe/Paris'),
    rrule: text(),
    exdates: text().array().notNull().default(sql`'{}'::text[]`),
    firstStart: timestamp({ withTimezone: true }).notNull(),
    lastEnd: timestamp({ withTimezone: true }).notNull(),
    /** Seats per occurrence; null: no limit. */
    capacity: integer(),
    waitlist: boolean().notNull().default(true),
    registrationRequired: boolean().notNull().default(true),
    /** Paid on site; null: free. */
    priceCents: integer(),
    cancelledAt: timestamp({ withTimezone: true }),
    synthetic: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Moves with every change of the series or of one of its occurrences: the feeds' ETag reads it. */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('events_span_idx').on(table.lastEnd, table.firstStart),
    index('events_place_idx').on(table.placeId),
    index('events_organization_idx').on(table.organizationId),
    check('events_kind_check', sql`${table.kind} in (${inList(eventKinds)})`),
    check('events_audience_check', sql`${table.audience} in (${inList(eventAudiences)})`),
    check('events_where_check', sql`${table.placeId} is not null or ${table.onlineUrl} is not null`),
    check('events_span_check', sql`${table.durationMinutes} between 1 and 20160 and ${table.lastEnd} > ${table.firstStart}`),
    check('events_capacity_check', sql`${table.capacity} is null or ${table.capacity} between 1 and 100000`),
    check('events_price_check', sql`${table.priceCents} is null or ${table.priceCents} between 1 and 10000000`),
  ],
);

/** One occurrence's row: moved, cancelled, or only locked by a registration (nothing changed). */
export const eventOccurrences = pgTable(
  'event_occurrences',
  {
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    originalStart: timestamp({ withTimezone: true }).notNull(),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.originalStart] }),
    check('event_occurrences_moved_check', sql`(${table.startsAt} is null) = (${table.endsAt} is null) and (${table.endsAt} is null or ${table.endsAt} > ${table.startsAt})`),
  ],
);

/**
 * A person's place at an occurrence. `seq` orders the waiting list. Erasure anonymises a registration (no
 * person, kept for the organiser's counts).
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigserial({ mode: 'number' }).notNull(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    originalStart: timestamp({ withTimezone: true }).notNull(),
    userId: text().references(() => user.id, { onDelete: 'set null' }),
    status: text({ enum: registrationStatuses }).notNull(),
    idempotencyKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    checkedInAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('event_registrations_occurrence_idx').on(table.eventId, table.originalStart, table.status, table.seq),
    index('event_registrations_user_idx').on(table.userId),
    index('event_registrations_reminder_idx').on(table.originalStart).where(sql`${table.remindedAt} is null and ${table.status} = 'confirmed'`),
    uniqueIndex('event_registrations_active_key').on(table.eventId, table.originalStart, table.userId).where(sql`${table.status} <> 'cancelled'`),
    uniqueIndex('event_registrations_idempotency_key').on(table.userId, table.idempotencyKey),
    check('event_registrations_status_check', sql`${table.status} in (${inList(registrationStatuses)})`),
  ],
);

/**
 * Public feeds as last built, by scope (and the origin their links use), with the ETag they were built for:
 * every process answers an unchanged feed from here; a change moves the tag and the next request builds it again.
 */
export const eventFeedCache = pgTable('event_feed_cache', {
  scope: text().primaryKey(),
  etag: text().notNull(),
  body: text().notNull(),
  builtAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
