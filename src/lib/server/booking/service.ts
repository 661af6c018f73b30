import { createHmac } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { assertCan, can, instanceSecret, requireUser, type Actor, type SignedInActor } from '../accounts/index.ts';
import { user } from '../accounts/schema.ts';
import { queryRows, type Db } from '../db/database.ts';
import { conflict, DomainError, forbidden, invalid, notFound, parse } from '../errors.ts';
import type { Mailer } from '../mail/index.ts';
import { openIntervalsOn, type MinuteInterval } from '../places/index.ts';
import { places } from '../places/schema.ts';
import { RESOURCES_WITH_RULES } from './queries.ts';
import { confirmationMail } from './calendar.ts';
import { BookingInput, CheckInInput, idempotencyKey as idempotencyKeyContract, type BookingInput as BookingRequest } from './contracts.ts';
import { DEFAULT_OPENING_HOURS, SLOT_MINUTES, dayCodeOf, deskSpan, freeSeats, seatsTaken, withinOpening } from './model.ts';
import {
  ACTIVE_STATUSES,
  bookingResources,
  bookings,
  entitlements,
  offers,
  placeBookingSettings,
  resourceClosures,
  type BookingStatus,
  type DayPeriod,
  type PaymentMethod,
  type ResourceKind,
} from './schema.ts';
import { MAX_DAYS_AHEAD, addDays, addMonths, daysBetween, localNow } from './time.ts';

/** What booking operations need: the database, who acts, and a mailer for confirmations. */
export interface BookingContext {
  db: Db;
  actor: Actor;
  mailer?: Mailer;
  /** Instant of "now" (tests move it). */
  now?: Date;
}

export interface Booking {
  id: string;
  resourceId: string;
  resourceName: string;
  resourceKind: ResourceKind;
  placeId: string;
  placeName: string;
  placeSlug: string;
  userId: string;
  day: string;
  /** Offices: the rental's last day. */
  endsOn: string | null;
  period: DayPeriod | null;
  startMinute: number;
  endMinute: number;
  status: BookingStatus;
  payment: PaymentMethod;
  entitlementId: string | null;
  priceCents: number;
  vatRateBasisPoints: number;
  createdAt: Date;
}

/** A resource with what booking rules need: its place's hours, région, operator and settings. */
export interface ResourceContext {
  id: string;
  placeId: string;
  placeName: string;
  placeSlug: string;
  placeStatus: string;
  operatorOrganizationId: string | null;
  kind: ResourceKind;
  name: string;
  capacity: number;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  openingHours: string;
  region: string | null;
  cancelNoticeHours: number;
  halfDaySplitMinute: number;
  active: boolean;
}

export async function resourceContext(db: Db, resourceId: string): Promise<ResourceContext> {
  const [row] = await queryRows<{
    id: string;
    place_id: string;
    place_name: string;
    place_slug: string;
    place_status: string;
    operator_organisation_id: string | null;
    kind: ResourceKind;
    name: string;
    capacity: number;
    min_minutes: number;
    max_minutes: number;
    buffer_minutes: number;
    opening_hours: string | null;
    place_opening_hours: string | null;
    region: string | null;
    cancel_notice_hours: number | null;
    half_day_split_minute: number | null;
    active: number;
  }>(
    db,
    sql`select r.id, r.place_id, p.name as place_name, p.slug as place_slug, p.status as place_status,
               p.operator_organisation_id, r.kind, r.name, r.capacity, r.min_minutes, r.max_minutes, r.buffer_minutes,
               r.opening_hours, p.opening_hours as place_opening_hours, reg.name as region,
               s.cancel_notice_hours, s.half_day_split_minute, r.active
        from ${RESOURCES_WITH_RULES}
        where r.id = ${resourceId}::uuid`,
  );
  if (!row) throw notFound('booking_resource_not_found');
  return {
    id: row.id,
    placeId: row.place_id,
    placeName: row.place_name,
    placeSlug: row.place_slug,
    placeStatus: row.place_status,
    operatorOrganizationId: row.operator_organisation_id,
    kind: row.kind,
    name: row.name,
    capacity: row.capacity,
    minMinutes: row.min_minutes,
    maxMinutes: row.max_minutes,
    bufferMinutes: row.buffer_minutes,
    openingHours: row.opening_hours ?? row.place_opening_hours ?? DEFAULT_OPENING_HOURS,
    region: row.region,
    cancelNoticeHours: row.cancel_notice_hours ?? 24,
    halfDaySplitMinute: row.half_day_split_minute ?? 780,
    active: row.active === 1,
  };
}

/** Whether one of the resource's closures covers a day of [from, to]. */
async function closedDuring(db: Db, resourceId: string, from: string, to: string): Promise<boolean> {
  const closed = await db
    .select({ id: resourceClosures.id })
    .from(resourceClosures)
    .where(and(eq(resourceClosures.resourceId, resourceId), sql`${resourceClosures.startsOn} <= ${to}`, sql`${resourceClosures.endsOn} >= ${from}`))
    .limit(1);
  return closed.length > 0;
}

/** Opening intervals of a resource on a day: its hours (or its place's), minus its closures. */
export async function openingOf(db: Db, resource: ResourceContext, day: string): Promise<MinuteInterval[]> {
  if (await closedDuring(db, resource.id, day, day)) return [];
  return openIntervalsOn(resource.openingHours, day, { region: resource.region });
}

type DatabaseError = { code?: unknown; constraint?: unknown; cause?: unknown } | undefined;

/** The SQLSTATE of a database error, through Drizzle's wrapping. */
function sqlState(error: unknown): string | undefined {
  for (let e = error as DatabaseError; e; e = e.cause as DatabaseError) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** The name of the constraint a database error reports, through Drizzle's wrapping. */
function violatedConstraint(error: unknown): string | undefined {
  for (let e = error as DatabaseError; e; e = e.cause as DatabaseError) {
    if (typeof e.constraint === 'string') return e.constraint;
  }
  return undefined;
}

const BOOKING_COLUMNS = sql`b.id, b.resource_id, r.name as resource_name, r.kind as resource_kind, b.place_id, p.name as place_name,
  p.slug as place_slug, b.user_id, b.day::text as day, b.ends_on::text as ends_on, b.period, b.start_minute, b.end_minute, b.status, b.payment,
  b.entitlement_id, b.price_cents, b.vat_rate_basis_points, b.created_at`;

interface BookingRow {
  id: string;
  resource_id: string;
  resource_name: string;
  resource_kind: ResourceKind;
  place_id: string;
  place_name: string;
  place_slug: string;
  user_id: string;
  day: string;
  ends_on: string | null;
  period: DayPeriod | null;
  start_minute: number;
  end_minute: number;
  status: BookingStatus;
  payment: PaymentMethod;
  entitlement_id: string | null;
  price_cents: number;
  vat_rate_basis_points: number;
  created_at: string | Date;
}

const bookingOf = (row: BookingRow): Booking => ({
  id: row.id,
  resourceId: row.resource_id,
  resourceName: row.resource_name,
  resourceKind: row.resource_kind,
  placeId: row.place_id,
  placeName: row.place_name,
  placeSlug: row.place_slug,
  userId: row.user_id,
  day: row.day,
  endsOn: row.ends_on,
  period: row.period,
  startMinute: Number(row.start_minute),
  endMinute: Number(row.end_minute),
  status: row.status,
  payment: row.payment,
  entitlementId: row.entitlement_id,
  priceCents: Number(row.price_cents),
  vatRateBasisPoints: Number(row.vat_rate_basis_points),
  createdAt: new Date(row.created_at),
});

export async function findBookings(db: Db, where: ReturnType<typeof sql>): Promise<Booking[]> {
  const rows = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings b join booking_resources r on r.id = b.resource_id join places p on p.id = b.place_id
        where ${where} order by b.day, b.start_minute, b.created_at`,
  );
  return rows.map(bookingOf);
}

async function bookingById(db: Db, id: string): Promise<Booking & { operatorOrganizationId: string | null }> {
  const [found] = await queryRows<BookingRow & { operator_organisation_id: string | null }>(
    db,
    sql`select ${BOOKING_COLUMNS}, p.operator_organisation_id from bookings b join booking_resources r on r.id = b.resource_id
        join places p on p.id = b.place_id where b.id = ${id}::uuid`,
  );
  if (!found) throw notFound('booking_not_found');
  return { ...bookingOf(found), operatorOrganizationId: found.operator_organisation_id };
}

/** A booking for someone allowed to see it (the booker, the place's team); anyone else: 404. */
export async function getBooking(ctx: BookingContext, id: string): Promise<Booking> {
  const { found } = await visibleBooking(ctx, id, 'booking.read');
  const { operatorOrganizationId: _operator, ...booking } = found;
  return booking;
}

/** Ids in URLs: a malformed one is simply not found. */
const uuidOrNotFound = BookingInput.shape.resourceId.catch('00000000-0000-0000-0000-000000000000');

/**
 * The booking `id` for `action` by the actor. Nobody signed in gets 401 before any lookup (so ids are never
 * probed); those who may not see the booking get 404, as for an unknown or malformed id; those who may see
 * it but not do `action` get 403.
 */
async function visibleBooking(ctx: BookingContext, id: string, action: 'booking.read' | 'booking.cancel' | 'booking.check-in' | 'booking.mark-no-show') {
  requireUser(ctx.actor);
  const found = await bookingById(ctx.db, parse(uuidOrNotFound, id));
  const resource = { type: 'booking' as const, userId: found.userId, operatorOrganizationId: found.operatorOrganizationId };
  try {
    assertCan(ctx.actor, 'booking.read', resource);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'forbidden') throw notFound('booking_not_found');
    throw error;
  }
  return { found, actor: assertCan(ctx.actor, action, resource) };
}

/** Days from today (local time) to `day`; the past, and days beyond `MAX_DAYS_AHEAD`, cannot be booked. */
export function daysAhead(day: string, now?: Date): number {
  const ahead = daysBetween(localNow(now).day, day);
  if (ahead < 0) throw invalid('booking_day_past');
  if (ahead > MAX_DAYS_AHEAD) throw invalid('booking_day_too_far', { days: MAX_DAYS_AHEAD });
  return ahead;
}

interface Placement {
  day: string;
  endsOn: string | null;
  period: DayPeriod | null;
  startMinute: number;
  endMinute: number;
  blockedUntilMinute: number;
}

/** Checks a request against the resource's rules and hours; returns where the booking sits in the day. */
async function placementOf(ctx: BookingContext, resource: ResourceContext, request: BookingRequest): Promise<Placement> {
  if (!resource.active || resource.placeStatus !== 'open') throw conflict('booking_resource_unavailable');
  const now = localNow(ctx.now);
  const ahead = daysAhead(request.day, ctx.now);
  if (resource.kind === 'office') {
    // Rented by the month, from any day: the place's hours apply to coming in, not to the rental.
    if (request.period !== undefined || request.start !== undefined || request.end !== undefined) throw invalid('booking_office_by_month');
    const endsOn = addDays(addMonths(request.day, request.months ?? 1), -1);
    if (await closedDuring(ctx.db, resource.id, request.day, endsOn)) throw conflict('booking_closed');
    return { day: request.day, endsOn, period: null, startMinute: 0, endMinute: 1440, blockedUntilMinute: 1440 };
  }
  if (request.months !== undefined) throw invalid('booking_months_for_offices');
  const opening = await openingOf(ctx.db, resource, request.day);
  if (opening.length === 0) throw conflict('booking_closed');
  if (resource.kind === 'desk-pool') {
    if (request.start !== undefined || request.end !== undefined) throw invalid('booking_desk_by_period');
    const period = request.period ?? 'full';
    const span = deskSpan(opening, period, resource.halfDaySplitMinute);
    if (!span) throw conflict('booking_closed');
    if (ahead === 0 && span.to <= now.minute) throw invalid('booking_day_past');
    return { day: request.day, endsOn: null, period, startMinute: span.from, endMinute: span.to, blockedUntilMinute: span.to };
  }
  if (request.period !== undefined) throw invalid('booking_room_by_time');
  if (request.start === undefined || request.end === undefined) throw invalid('booking_times_required');
  const { start, end } = request;
  if (start % SLOT_MINUTES || end % SLOT_MINUTES || end <= start) throw invalid('booking_times_invalid');
  if (end - start < resource.minMinutes || end - start > resource.maxMinutes)
    throw invalid('booking_duration_invalid', { min: resource.minMinutes, max: resource.maxMinutes });
  if (ahead === 0 && start < now.minute) throw invalid('booking_day_past');
  if (!withinOpening(opening, start, end)) throw conflict('booking_outside_hours');
  return { day: request.day, endsOn: null, period: null, startMinute: start, endMinute: end, blockedUntilMinute: end + resource.bufferMinutes };
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

interface Payment {
  method: PaymentMethod;
  entitlementId: string | null;
  priceCents: number;
  vatRateBasisPoints: number;
}

/** Entitlements of a person at a place valid on a day, plans first. */
async function validEntitlements(tx: Tx | Db, userId: string, placeId: string, day: string) {
  return tx
    .select()
    .from(entitlements)
    .where(and(eq(entitlements.userId, userId), eq(entitlements.placeId, placeId), sql`${entitlements.startsOn} <= ${day}`, sql`${entitlements.endsOn} >= ${day}`))
    .orderBy(sql`case ${entitlements.kind} when 'plan' then 0 else 1 end`, asc(entitlements.endsOn));
}

/**
 * Takes payment inside the booking's transaction: a plan day (its row locked while this month's days are
 * counted), a carnet unit (one guarded UPDATE: consumed once, never below zero), or the on-site price.
 */
async function takePayment(tx: Tx, actor: SignedInActor, resource: ResourceContext, placement: Placement, request: BookingRequest): Promise<Payment> {
  const held = await validEntitlements(tx, actor.userId, resource.placeId, placement.day);
  if (request.entitlementId) {
    const chosen = held.find((e) => e.id === request.entitlementId);
    if (!chosen) throw conflict(request.payment === 'plan' ? 'booking_plan_unavailable' : 'booking_carnet_unavailable');
  }
  const candidates = held.filter((e) => !request.entitlementId || e.id === request.entitlementId);
  // Plans and carnets pay for desks and rooms; an office's rent is paid to the place.
  const wantsPlan = (request.payment === 'plan' || request.payment === 'auto') && resource.kind !== 'office';
  const wantsCarnet = request.payment === 'carnet' || request.payment === 'auto';
  const member = held.length > 0;
  if (wantsPlan) {
    for (const plan of candidates.filter((e) => e.kind === 'plan')) {
      await tx.execute(sql`select id from entitlements where id = ${plan.id}::uuid for update`);
      if (plan.units !== null) {
        const monthStart = `${placement.day.slice(0, 7)}-01`;
        const [used] = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from bookings where entitlement_id = ${plan.id}::uuid
              and status in ('confirmed', 'checked-in') and day >= ${monthStart}::date and day < (${monthStart}::date + interval '1 month')`,
        );
        if (used!.n >= plan.units) continue;
      }
      return { method: 'plan', entitlementId: plan.id, priceCents: 0, vatRateBasisPoints: 0 };
    }
    if (request.payment === 'plan') throw conflict('booking_plan_unavailable');
  }
  if (wantsCarnet && resource.kind === 'desk-pool') {
    for (const carnet of candidates.filter((e) => e.kind === 'carnet')) {
      const consumed = await tx
        .update(entitlements)
        .set({ unitsUsed: sql`${entitlements.unitsUsed} + 1` })
        .where(and(eq(entitlements.id, carnet.id), sql`${entitlements.unitsUsed} < ${entitlements.units}`))
        .returning({ id: entitlements.id });
      if (consumed.length > 0) return { method: 'carnet', entitlementId: carnet.id, priceCents: 0, vatRateBasisPoints: 0 };
    }
    if (request.payment === 'carnet') throw conflict('booking_carnet_unavailable');
  }
  if (request.payment === 'carnet') throw conflict('booking_carnet_unavailable');
  if (request.payment === 'plan') throw conflict('booking_plan_unavailable');
  return { method: 'on-site', entitlementId: null, ...(await onSitePrice(tx, resource, placement, request, member)) };
}

/**
 * The price to pay on site: the place's offer for this kind of booking (member price for members), by the
 * hour for a room and by the month for an office; with no offer, the place's indicative desk prices.
 */
async function onSitePrice(tx: Tx, resource: ResourceContext, placement: Placement, request: BookingRequest, member: boolean) {
  const kind = resource.kind === 'room' ? 'hourly-room' : resource.kind === 'office' ? 'office-month' : placement.period === 'full' ? 'day-pass' : 'half-day-pass';
  const forOneResource = kind === 'hourly-room' || kind === 'office-month';
  const [offer] = await tx
    .select()
    .from(offers)
    .where(
      and(
        eq(offers.placeId, resource.placeId),
        eq(offers.kind, kind),
        eq(offers.active, 1),
        forOneResource ? sql`(${offers.resourceId} = ${resource.id}::uuid or ${offers.resourceId} is null)` : undefined,
      ),
    )
    .orderBy(sql`${offers.resourceId} is null`)
    .limit(1);
  if (offer) {
    const unit = member && offer.memberPriceCents !== null ? offer.memberPriceCents : offer.priceCents;
    const quantity = kind === 'hourly-room' ? (placement.endMinute - placement.startMinute) / 60 : kind === 'office-month' ? (request.months ?? 1) : 1;
    return { priceCents: Math.round(unit * quantity), vatRateBasisPoints: offer.vatRateBasisPoints };
  }
  if (kind === 'office-month') throw conflict('booking_office_no_offer');
  // No offer set: the place's indicative prices.
  const [place] = await tx
    .select({ day: places.dayPriceCents, halfDay: places.halfDayPriceCents })
    .from(places)
    .where(eq(places.id, resource.placeId));
  const priceCents = kind === 'day-pass' ? (place?.day ?? 0) : kind === 'half-day-pass' ? (place?.halfDay ?? place?.day ?? 0) : 0;
  return { priceCents, vatRateBasisPoints: 2000 };
}

export interface BookingResult {
  booking: Booking;
  /** true when an earlier request with the same Idempotency-Key had already made it. */
  replayed: boolean;
}

async function replay(db: Db, userId: string, key: string, request: BookingRequest): Promise<BookingResult | null> {
  const [existing] = await findBookings(db, sql`b.user_id = ${userId} and b.idempotency_key = ${key}`);
  if (!existing) return null;
  const same = existing.resourceId === request.resourceId && existing.day === request.day;
  if (!same) throw conflict('booking_idempotency_key_reused');
  return { booking: existing, replayed: true };
}

/**
 * Books a desk (by the day or half-day) or a room (by the hour). The database decides under concurrency:
 * a desk pool's day row is locked while its seats are counted; rooms have an exclusion constraint; a
 * retried request with the same Idempotency-Key returns the booking it made.
 */
export async function createBooking(ctx: BookingContext, input: unknown, key?: string | null): Promise<BookingResult> {
  const actor = assertCan(ctx.actor, 'booking.create', { type: 'instance' });
  const request = parse(BookingInput, input);
  const idempotencyKey = key === undefined || key === null ? null : parse(idempotencyKeyContract, key);
  if (idempotencyKey) {
    const previous = await replay(ctx.db, actor.userId, idempotencyKey, request);
    if (previous) return previous;
  }
  const resource = await resourceContext(ctx.db, request.resourceId);
  const placement = await placementOf(ctx, resource, request);
  let id: string | null;
  try {
    id = await ctx.db.transaction(async (tx) => {
      if (resource.kind === 'desk-pool') {
        await tx.execute(sql`insert into desk_pool_days (resource_id, day) values (${resource.id}::uuid, ${placement.day}::date) on conflict do nothing`);
        await tx.execute(sql`select 1 from desk_pool_days where resource_id = ${resource.id}::uuid and day = ${placement.day}::date for update`);
        // A concurrent retry of this very request may have booked while we waited for the lock.
        if (idempotencyKey) {
          const [made] = await tx
            .select({ id: bookings.id })
            .from(bookings)
            .where(and(eq(bookings.userId, actor.userId), eq(bookings.idempotencyKey, idempotencyKey)));
          if (made) return null;
        }
        const taken = await tx
          .select({ period: bookings.period })
          .from(bookings)
          .where(and(eq(bookings.resourceId, resource.id), eq(bookings.day, placement.day), inArray(bookings.status, [...ACTIVE_STATUSES])));
        const free = freeSeats(resource.capacity, seatsTaken(taken.map((row) => row.period!)));
        if (free[placement.period!] < 1) throw conflict('booking_full');
        const mine = await tx
          .select({ id: bookings.id })
          .from(bookings)
          .where(
            and(
              eq(bookings.resourceId, resource.id),
              eq(bookings.day, placement.day),
              eq(bookings.userId, actor.userId),
              inArray(bookings.status, [...ACTIVE_STATUSES]),
              placement.period === 'full' ? undefined : sql`${bookings.period} in ('full', ${placement.period})`,
            ),
          )
          .limit(1);
        if (mine.length > 0) throw conflict('booking_already_booked');
      }
      const payment = await takePayment(tx, actor, resource, placement, request);
      const [row] = await tx
        .insert(bookings)
        .values({
          resourceId: resource.id,
          placeId: resource.placeId,
          userId: actor.userId,
          ...placement,
          status: 'confirmed',
          payment: payment.method,
          entitlementId: payment.entitlementId,
          priceCents: payment.priceCents,
          vatRateBasisPoints: payment.vatRateBasisPoints,
          idempotencyKey,
        })
        .returning({ id: bookings.id });
      return row!.id;
    });
  } catch (error) {
    const state = sqlState(error);
    if ((state === '23505' || state === '23P01') && idempotencyKey) {
      // The same key, made concurrently by a retry that won the race: for a room, the slot it took may be
      // the constraint that fired first.
      const previous = await replay(ctx.db, actor.userId, idempotencyKey, request);
      if (previous) return previous;
    }
    if (state === '23P01') throw conflict(violatedConstraint(error) === 'bookings_office_no_overlap' ? 'booking_office_taken' : 'booking_room_taken');
    throw error;
  }
  if (id === null) return (await replay(ctx.db, actor.userId, idempotencyKey!, request))!;
  const booking = (await findBookings(ctx.db, sql`b.id = ${id}::uuid`))[0]!;
  await ctx.mailer?.send(await confirmationMail(ctx.db, booking, 'confirmed'));
  return { booking, replayed: false };
}

/**
 * Cancels a booking: its booker until the place's notice (24 h by default) before it starts, the place's
 * team at any time. One guarded UPDATE moves it out of `confirmed`, so a carnet unit comes back once.
 */
export async function cancelBooking(ctx: BookingContext, id: string): Promise<Booking> {
  const { found, actor } = await visibleBooking(ctx, id, 'booking.cancel');
  const team = runsBookingsOf(actor, found);
  if (found.status !== 'confirmed') throw conflict('booking_not_cancellable');
  if (!team) {
    const resource = await resourceContext(ctx.db, found.resourceId);
    const now = localNow(ctx.now);
    const minutesBefore = daysBetween(now.day, found.day) * 1440 + found.startMinute - now.minute;
    if (minutesBefore < resource.cancelNoticeHours * 60) throw conflict('booking_cancel_too_late', { hours: resource.cancelNoticeHours });
  }
  const changed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(and(eq(bookings.id, found.id), eq(bookings.status, 'confirmed')))
      .returning({ payment: bookings.payment, entitlementId: bookings.entitlementId });
    if (!row) return false;
    if (row.payment === 'carnet' && row.entitlementId) {
      await tx
        .update(entitlements)
        .set({ unitsUsed: sql`${entitlements.unitsUsed} - 1` })
        .where(and(eq(entitlements.id, row.entitlementId), sql`${entitlements.unitsUsed} > 0`));
    }
    return true;
  });
  if (!changed) throw conflict('booking_not_cancellable');
  const booking = (await findBookings(ctx.db, sql`b.id = ${found.id}::uuid`))[0]!;
  await ctx.mailer?.send(await confirmationMail(ctx.db, booking, 'cancelled'));
  return booking;
}

/** Whether the actor is on the team of the booking's place (its rules then do not bind them), as `can` decides. */
function runsBookingsOf(actor: Actor, found: { placeId: string; operatorOrganizationId: string | null }): boolean {
  return can(actor, 'booking.manage', { type: 'place', id: found.placeId, operatorOrganizationId: found.operatorOrganizationId });
}

/** The code of the day a place's team shows at the desk, for coworkers to check in themselves. */
export async function dayCode(db: Db, placeId: string, day: string): Promise<string> {
  const secret = await instanceSecret(db);
  return dayCodeOf(createHmac('sha256', secret).update(`check-in:${placeId}:${day}`).digest());
}

/** Checks a booking in, on its day: by the place's team, or by the booker with the code of the day. */
export async function checkIn(ctx: BookingContext, id: string, input: unknown = {}): Promise<Booking> {
  const { found, actor } = await visibleBooking(ctx, id, 'booking.check-in');
  const { code } = parse(CheckInInput, input);
  const team = runsBookingsOf(actor, found);
  if (found.endsOn !== null) throw conflict('booking_not_checkable');
  if (found.day !== localNow(ctx.now).day) throw conflict('booking_check_in_not_today');
  if (!team && code !== (await dayCode(ctx.db, found.placeId, found.day))) throw forbidden('booking_check_in_code_invalid');
  const [row] = await ctx.db
    .update(bookings)
    .set({ status: 'checked-in', checkedInAt: new Date() })
    .where(and(eq(bookings.id, found.id), eq(bookings.status, 'confirmed')))
    .returning({ id: bookings.id });
  if (!row) throw conflict('booking_not_checkable');
  return (await findBookings(ctx.db, sql`b.id = ${found.id}::uuid`))[0]!;
}

/** The team marks a booking nobody came to (on its day or after); the seat stays counted, nothing is given back. */
export async function markNoShow(ctx: BookingContext, id: string): Promise<Booking> {
  const { found } = await visibleBooking(ctx, id, 'booking.mark-no-show');
  if (found.endsOn !== null) throw conflict('booking_not_checkable');
  if (daysBetween(localNow(ctx.now).day, found.day) > 0) throw conflict('booking_no_show_too_early');
  const [row] = await ctx.db
    .update(bookings)
    .set({ status: 'no-show' })
    .where(and(eq(bookings.id, found.id), eq(bookings.status, 'confirmed')))
    .returning({ id: bookings.id });
  if (!row) throw conflict('booking_not_checkable');
  return (await findBookings(ctx.db, sql`b.id = ${found.id}::uuid`))[0]!;
}

/** The signed-in person's bookings that end on or after `from` (default: today): office rentals under way included. */
export async function myBookings(ctx: BookingContext, from?: string): Promise<Booking[]> {
  const actor = assertCan(ctx.actor, 'user.read', { type: 'user', id: ctx.actor.kind === 'user' ? ctx.actor.userId : '' });
  return findBookings(ctx.db, sql`b.user_id = ${actor.userId} and coalesce(b.ends_on, b.day) >= ${from ?? localNow(ctx.now).day}::date`);
}

export async function bookerName(db: Db, userId: string): Promise<string> {
  const [row] = await db.select({ name: user.name }).from(user).where(eq(user.id, userId));
  return row?.name ?? '';
}

