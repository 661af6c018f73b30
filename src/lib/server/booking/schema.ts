import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { places } from '../places/schema.ts';
import { bookingStatuses, dayPeriods, entitlementKinds, offerKinds, paymentMethods, resourceKinds } from './vocabulary.ts';

/*
 * Bookings are kept in the place's local time: a day and minutes from midnight. A desk or room booking never
 * spans two days (desks are booked by the day or half-day, rooms by the hour within the opening hours); an
 * office is rented by the month, from a first day to a last day. Local times are what people book, see and are
 * billed for; conversion to instants happens only for calendars.
 */

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));


export const bookingResources = pgTable(
  'booking_resources',
  {
    id: uuid().primaryKey().defaultRandom(),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    kind: text({ enum: resourceKinds }).notNull(),
    name: text().notNull(),
    /** Seats of a desk pool; people a room or an office holds (an office is rented whole). */
    capacity: integer().notNull(),
    /** Rooms: shortest and longest booking, and the time kept free after each one (cleaning, airing). */
    minMinutes: integer().notNull().default(60),
    maxMinutes: integer().notNull().default(480),
    bufferMinutes: integer().notNull().default(0),
    /** Its own hours in `opening_hours` syntax; null: the place's. */
    openingHours: text(),
    active: smallint().notNull().default(1),
    /** Booked at no charge: bookable without any offer. Otherwise it waits for an offer that prices it. */
    free: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('booking_resources_place_idx').on(table.placeId),
    check('booking_resources_kind_check', sql`${table.kind} in (${inList(resourceKinds)})`),
    check('booking_resources_capacity_check', sql`${table.capacity} between 1 and 10000`),
    check(
      'booking_resources_minutes_check',
      sql`${table.minMinutes} between 15 and 1440 and ${table.maxMinutes} between ${table.minMinutes} and 1440 and ${table.bufferMinutes} between 0 and 240`,
    ),
  ],
);

/** Days a resource is closed besides the place's own closures (works, a private event). */
export const resourceClosures = pgTable(
  'resource_closures',
  {
    id: uuid().primaryKey().defaultRandom(),
    resourceId: uuid()
      .notNull()
      .references(() => bookingResources.id, { onDelete: 'cascade' }),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    reason: text().notNull().default(''),
  },
  (table) => [index('resource_closures_resource_idx').on(table.resourceId, table.startsOn), check('resource_closures_range_check', sql`${table.endsOn} >= ${table.startsOn}`)],
);

/** A place's booking rules. */
export const placeBookingSettings = pgTable(
  'place_booking_settings',
  {
    placeId: uuid()
      .primaryKey()
      .references(() => places.id, { onDelete: 'cascade' }),
    /** A booking can be cancelled (and its unit given back) until this many hours before it starts. */
    cancelNoticeHours: integer().notNull().default(24),
    /** Minutes from midnight where the morning ends and the afternoon begins (13:00). */
    halfDaySplitMinute: integer().notNull().default(780),
  },
  (table) => [
    check('place_booking_settings_check', sql`${table.cancelNoticeHours} between 0 and 720 and ${table.halfDaySplitMinute} between 60 and 1380`),
  ],
);

/** What an operator sells at a place, with member and non-member prices (euro cents, VAT included). */
export const offers = pgTable(
  'offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    kind: text({ enum: offerKinds }).notNull(),
    name: text().notNull(),
    priceCents: integer().notNull(),
    /** For people holding a plan or a carnet at the place; null: the same price. */
    memberPriceCents: integer(),
    /** VAT rate in basis points (2000 = 20 %). */
    vatRateBasisPoints: integer().notNull().default(2000),
    /** Carnet: days it holds (10 by default). Plan: days a month, null for unlimited. */
    units: integer(),
    /** Carnet: days it stays valid after purchase. */
    validityDays: integer(),
    /** Hourly room rate or office rent: the room or office it applies to (null: every one of the place). */
    resourceId: uuid().references(() => bookingResources.id, { onDelete: 'cascade' }),
    active: smallint().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('offers_place_idx').on(table.placeId),
    check('offers_kind_check', sql`${table.kind} in (${inList(offerKinds)})`),
    check('offers_price_check', sql`${table.priceCents} >= 0 and (${table.memberPriceCents} is null or ${table.memberPriceCents} >= 0)`),
    check('offers_vat_check', sql`${table.vatRateBasisPoints} between 0 and 10000`),
    check('offers_units_check', sql`(${table.units} is null or ${table.units} between 1 and 366) and (${table.validityDays} is null or ${table.validityDays} between 1 and 1830)`),
  ],
);

/**
 * A carnet or a plan held by a person at a place. A carnet's units are consumed and given back by
 * single guarded UPDATEs (`units_used` never leaves 0…units_total): the database keeps the count right.
 */
export const entitlements = pgTable(
  'entitlements',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => user.id),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    offerId: uuid().references(() => offers.id, { onDelete: 'set null' }),
    kind: text({ enum: entitlementKinds }).notNull(),
    /** Carnet: days held; plan: days a month (null: unlimited). */
    units: integer(),
    /** Carnet: days consumed. */
    unitsUsed: integer().notNull().default(0),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    pricePaidCents: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('entitlements_user_idx').on(table.userId, table.placeId),
    check('entitlements_kind_check', sql`${table.kind} in (${inList(entitlementKinds)})`),
    check('entitlements_units_check', sql`${table.unitsUsed} >= 0 and (${table.units} is null or ${table.unitsUsed} <= ${table.units})`),
    check('entitlements_carnet_check', sql`${table.kind} <> 'carnet' or ${table.units} is not null`),
    check('entitlements_range_check', sql`${table.endsOn} >= ${table.startsOn}`),
  ],
);

export const entitlementInvitationStatuses = ['pending', 'accepted', 'declined'] as const;

/**
 * A carnet or a plan a place's team offers to an e-mail address. The team never learns whether the address
 * has an account: the person accepts when signed in with it, and only then becomes a member the team sees.
 */
export const entitlementInvitations = pgTable(
  'entitlement_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    offerId: uuid()
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    /** Lower case, as typed by the team. */
    email: text().notNull(),
    /** The first day the team chose (null: the day of acceptance). */
    startsOn: date({ mode: 'string' }),
    invitedBy: text()
      .notNull()
      .references(() => user.id),
    status: text({ enum: entitlementInvitationStatuses }).notNull().default('pending'),
    entitlementId: uuid().references(() => entitlements.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('entitlement_invitations_place_idx').on(table.placeId, table.status),
    index('entitlement_invitations_email_idx').on(table.email),
    check('entitlement_invitations_status_check', sql`${table.status} in (${inList(entitlementInvitationStatuses)})`),
  ],
);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    resourceId: uuid()
      .notNull()
      .references(() => bookingResources.id, { onDelete: 'cascade' }),
    placeId: uuid().notNull(),
    userId: text()
      .notNull()
      .references(() => user.id),
    /** The day booked; an office rental's first day. */
    day: date({ mode: 'string' }).notNull(),
    /** Office rentals (by the month) only: their last day. Null for desks and rooms, booked within one day. */
    endsOn: date({ mode: 'string' }),
    period: text({ enum: dayPeriods }),
    /** Local minutes from midnight: [startMinute, endMinute). */
    startMinute: smallint().notNull(),
    endMinute: smallint().notNull(),
    /** endMinute plus the room's buffer: what another booking of the room may not overlap. */
    blockedUntilMinute: smallint().notNull(),
    status: text({ enum: bookingStatuses }).notNull().default('confirmed'),
    payment: text({ enum: paymentMethods }).notNull(),
    entitlementId: uuid().references(() => entitlements.id),
    priceCents: integer().notNull().default(0),
    vatRateBasisPoints: integer().notNull().default(2000),
    /** The client's Idempotency-Key: a retried request finds the booking it already made. */
    idempotencyKey: text(),
    /** A digest of the normalised request made with that key: a retry must ask for the same thing (else 409). */
    idempotencyRequest: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
    checkedInAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('bookings_resource_day_idx').on(table.resourceId, table.day).where(sql`${table.status} in ('confirmed', 'checked-in')`),
    index('bookings_place_day_idx').on(table.placeId, table.day),
    // A day's desk bookings read from the index alone: free desks around a point count them by day (availabilityNear).
    index('bookings_day_desks_idx')
      .on(table.day, table.resourceId, table.period)
      .where(sql`${table.period} is not null and ${table.status} in ('confirmed', 'checked-in')`),
    // Office rentals still running, found without reading a place's other bookings.
    index('bookings_place_rentals_idx').on(table.placeId, table.endsOn).where(sql`${table.endsOn} is not null`),
    index('bookings_user_idx').on(table.userId, table.day),
    uniqueIndex('bookings_idempotency_idx').on(table.userId, table.idempotencyKey),
    check('bookings_status_check', sql`${table.status} in (${inList(bookingStatuses)})`),
    check('bookings_period_check', sql`${table.period} is null or ${table.period} in (${inList(dayPeriods)})`),
    check('bookings_payment_check', sql`${table.payment} in (${inList(paymentMethods)})`),
    check(
      'bookings_minutes_check',
      sql`0 <= ${table.startMinute} and ${table.startMinute} < ${table.endMinute} and ${table.endMinute} <= ${table.blockedUntilMinute} and ${table.blockedUntilMinute} <= 1680`,
    ),
    check('bookings_entitlement_check', sql`(${table.payment} = 'on-site') = (${table.entitlementId} is null)`),
    check('bookings_ends_on_check', sql`${table.endsOn} is null or (${table.endsOn} >= ${table.day} and ${table.period} is null)`),
  ],
);

/**
 * One row per desk pool and day that has bookings: creating a desk booking locks it (SELECT … FOR UPDATE),
 * so concurrent bookings of the same pool and day are counted one after another, whatever the process.
 */
export const deskPoolDays = pgTable(
  'desk_pool_days',
  {
    resourceId: uuid()
      .notNull()
      .references(() => bookingResources.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.resourceId, table.day] })],
);

/** The secret part of a person's private calendar feed URL. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: text()
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  token: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
