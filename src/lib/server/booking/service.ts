import { createHmac, randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { assertCan, can, hitRateLimit, instanceSecret, requireUser, type Actor } from '../accounts/index.ts';
import { insertRowWhere, preparedRows, queryRows, type Db } from '../db/index.ts';
import { conflict, DomainError, forbidden, invalid, notFound, parse, rateLimited } from '../errors.ts';
import { openIntervalsOn } from '../places/index.ts';
import { confirmationMail, placeLocation, placeLocationJson, recipientOf, type PlaceLocation, type Recipient } from './calendar.ts';
import type { BookingContext } from './context.ts';
import { BookingInput, CheckInInput, idempotencyKey as idempotencyKeyContract } from './contracts.ts';
import {
  SLOT_MINUTES,
  dayCodeOf,
  daysAhead,
  deskSpan,
  freeSeats,
  requestDigest,
  withinOpening,
  type Booking,
  type BookingRequest,
  type DayPeriod,
  PRICING_OFFER_KINDS,
  rateOf,
  type EntitlementKind,
  type OfferPrice,
  type PaymentMethod,
  type ResourceContext,
} from './model.ts';
import { bookingById, findBookings, RESOURCE_COLUMNS, RESOURCES_WITH_RULES, resourceContext, resourceOf, type ResourceRow } from './queries.ts';
import { bookings, entitlements } from './schema.ts';
import { addDays, addMonths, daysBetween, localNow } from './time.ts';

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

interface Placement {
  day: string;
  endsOn: string | null;
  period: DayPeriod | null;
  startMinute: number;
  endMinute: number;
  blockedUntilMinute: number;
}

/** The last day of an office rental of `months` from `day`. */
const rentalEnd = (day: string, months: number | undefined) => addDays(addMonths(day, months ?? 1), -1);

/**
 * Checks a request against the resource's rules and hours; returns where the booking sits in the day.
 * `closed`: one of the resource's closures covers the day (an office: a day of the rental).
 */
function placementOf(ctx: BookingContext, resource: ResourceContext, request: BookingRequest, closed: boolean): Placement {
  if (!resource.active || resource.placeStatus !== 'open') throw conflict('booking_resource_unavailable');
  const now = localNow(ctx.now);
  const ahead = daysAhead(request.day, ctx.now);
  if (resource.kind === 'office') {
    // Rented by the month, from any day: the place's hours apply to coming in, not to the rental.
    if (request.period !== undefined || request.start !== undefined || request.end !== undefined) throw invalid('booking_office_by_month');
    if (closed) throw conflict('booking_closed');
    return { day: request.day, endsOn: rentalEnd(request.day, request.months), period: null, startMinute: 0, endMinute: 1440, blockedUntilMinute: 1440 };
  }
  if (request.months !== undefined) throw invalid('booking_months_for_offices');
  const opening = closed ? [] : openIntervalsOn(resource.openingHours, request.day, { region: resource.region });
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

interface Payment {
  method: PaymentMethod;
  entitlementId: string | null;
  priceCents: number;
  vatRateBasisPoints: number;
}

/** An entitlement of the booker at the place, valid on the day. */
interface Held {
  id: string;
  kind: EntitlementKind;
  units: number | null;
}

/** Everything a booking request is decided on, read in one statement before its transaction. */
interface BookingGround {
  resource: ResourceContext;
  closed: boolean;
  /** Plans first, then carnets, soonest ending first. */
  held: Held[];
  offers: OfferPrice[];
  /** The booking already made with this Idempotency-Key, if any. */
  previous: { id: string; request: string | null; resourceId: string; day: string } | null;
  booker: Recipient;
  /** Where the place is, as the confirmation says it. */
  location: PlaceLocation;
}

/**
 * The resource with its rules, whether a closure covers the day (or an office rental's days), the booker's
 * plans and carnets there, the place's offers that price bookings, the booking an earlier request with the same key made,
 * the booker's address and language, and where the place is: one round trip.
 */
async function bookingGround(db: Db, userId: string, request: BookingRequest, key: string | null): Promise<BookingGround> {
  const day = request.day;
  const [row] = await preparedRows<
    ResourceRow & {
      closed: boolean;
      held: Held[];
      offers: OfferPrice[];
      previous: BookingGround['previous'];
      booker: Recipient;
      location: PlaceLocation;
    }
  >(
    db,
    sql`select ${RESOURCE_COLUMNS},
          exists (select 1 from resource_closures rc where rc.resource_id = r.id and rc.ends_on >= ${day}::date
                  and rc.starts_on <= (case when r.kind = 'office' then ${rentalEnd(day, request.months)} else ${day} end)::date) as closed,
          (select coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'units', e.units)
                                    order by case e.kind when 'plan' then 0 else 1 end, e.ends_on), '[]'::json)
           from entitlements e where e.user_id = ${userId} and e.place_id = r.place_id and e.starts_on <= ${day}::date and e.ends_on >= ${day}::date) as held,
          (select coalesce(json_agg(json_build_object('kind', o.kind, 'resourceId', o.resource_id, 'priceCents', o.price_cents,
                                                      'memberPriceCents', o.member_price_cents, 'vatRateBasisPoints', o.vat_rate_basis_points)), '[]'::json)
           from offers o where o.place_id = r.place_id and o.active = 1 and o.kind in (${sql.join(PRICING_OFFER_KINDS.map((kind) => sql`${kind}`), sql`, `)})) as offers,
          (select json_build_object('id', b.id, 'request', b.idempotency_request, 'resourceId', b.resource_id, 'day', b.day)
           from bookings b where b.user_id = ${userId} and b.idempotency_key = ${key}) as previous,
          (select json_build_object('email', u.email, 'name', u.name, 'language', u.preferred_language) from "user" u where u.id = ${userId}) as booker,
          ${placeLocationJson(sql`r.place_id`)} as location
        from ${RESOURCES_WITH_RULES} where r.id = ${request.resourceId}::uuid`,
  );
  if (!row) throw notFound('booking_resource_not_found');
  return {
    resource: resourceOf(row),
    closed: row.closed,
    held: row.held,
    offers: row.offers,
    previous: row.previous,
    booker: row.booker,
    location: row.location,
  };
}

/** Whether taking payment reads or writes an entitlement's row (a plan or carnet the booker holds there). */
const paysWithRows = (ground: BookingGround) => !ground.resource.free && ground.held.length > 0;

/**
 * Takes payment, inside the booking's transaction when `paysWithRows`: a plan day (its row locked while this
 * month's days are counted), a carnet unit (one guarded UPDATE: consumed once, never below zero), or the
 * on-site price (nothing read or written).
 */
async function takePayment(tx: Db, ground: BookingGround, placement: Placement, request: BookingRequest): Promise<Payment> {
  const { resource, held } = ground;
  // A free resource costs nothing and uses nothing.
  if (resource.free) return { method: 'on-site', entitlementId: null, priceCents: 0, vatRateBasisPoints: 0 };
  if (request.entitlementId) {
    const chosen = held.find((e) => e.id === request.entitlementId);
    if (!chosen) throw conflict(request.payment === 'plan' ? 'booking_plan_unavailable' : 'booking_carnet_unavailable');
  }
  const candidates = held.filter((e) => !request.entitlementId || e.id === request.entitlementId);
  // Plans and carnets pay for desks and rooms; an office's rent is paid to the place.
  const wantsPlan = (request.payment === 'plan' || request.payment === 'auto') && resource.kind !== 'office';
  const wantsCarnet = request.payment === 'carnet' || request.payment === 'auto';
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
  return { method: 'on-site', entitlementId: null, ...onSitePrice(ground, placement, request) };
}

/**
 * The price to pay on site: the place's offer for this kind of booking (member price for members, that is
 * holders of a plan or carnet there), by the hour for a room and by the month for an office. With no offer
 * the resource cannot be booked this way: the offers are the place's only prices.
 */
function onSitePrice(ground: BookingGround, placement: Placement, request: BookingRequest) {
  const { resource } = ground;
  const unit = resource.kind === 'room' ? 'hour' : resource.kind === 'office' ? 'month' : placement.period === 'full' ? 'day' : 'half-day';
  const rate = rateOf(ground.offers, resource, unit);
  if (!rate) throw conflict(resource.kind === 'office' ? 'booking_office_no_offer' : 'booking_no_price');
  const member = ground.held.length > 0;
  const price = member && rate.memberPriceCents !== null ? rate.memberPriceCents : rate.priceCents;
  const quantity = unit === 'hour' ? (placement.endMinute - placement.startMinute) / 60 : unit === 'month' ? (request.months ?? 1) : 1;
  return { priceCents: Math.round(price * quantity), vatRateBasisPoints: rate.vatRateBasisPoints };
}

export interface BookingResult {
  booking: Booking;
  /** true when an earlier request with the same Idempotency-Key had already made it. */
  replayed: boolean;
}

/**
 * The booking an earlier request with the same key made, when it asked for the same thing; another request
 * under a key already used is a 409. Bookings made before requests were recorded compare resource and day.
 */
async function replayOf(db: Db, previous: NonNullable<BookingGround['previous']>, request: BookingRequest, digest: string): Promise<BookingResult> {
  const same = previous.request !== null ? previous.request === digest : previous.resourceId === request.resourceId.toLowerCase() && previous.day === request.day;
  if (!same) throw conflict('booking_idempotency_key_reused');
  const [booking] = await findBookings(db, sql`b.id = ${previous.id}::uuid`);
  return { booking: booking!, replayed: true };
}

async function previousWithKey(db: Db, userId: string, key: string): Promise<BookingGround['previous']> {
  const [row] = await queryRows<{ id: string; request: string | null; resource_id: string; day: string }>(
    db,
    sql`select id, idempotency_request as request, resource_id, day::text as day from bookings where user_id = ${userId} and idempotency_key = ${key}`,
  );
  return row ? { id: row.id, request: row.request, resourceId: row.resource_id, day: row.day } : null;
}

/** Thrown when a concurrent retry of this very request booked first: nothing of this one stays. */
class MadeByRetry extends Error {}

/**
 * Writes the booking and its confirmation e-mail in one statement (one round trip; atomic on its own, or part
 * of the caller's transaction). A desk booking is written under its day's lock (`desk_pool_day_seats`, which
 * counts the day's bookings after taking it) when this very request was not already made (a concurrent retry),
 * a seat is free for its period and the booker has none that overlaps it; otherwise says which of these
 * stopped it, in that order. The SQL guard is `freeSeats(...)[period] >= 1`. Rooms and offices are guarded by
 * their exclusion constraints. Returns the e-mail's outbox id.
 */
async function writeBooking(db: Db, resource: ResourceContext, row: typeof bookings.$inferInsert, mail: ((when: SQL) => SQL) | null): Promise<number | null> {
  const mailed = (booked: SQL) => (mail ? sql`, mailed as (${mail(sql`exists (select 1 from ${booked})`)})` : sql``);
  const mailId = mail ? sql`(select id from mailed)` : sql`null::int`;
  if (resource.kind !== 'desk-pool') {
    const [written] = await preparedRows<{ mail: number | null }>(
      db,
      sql`with booked as (${insertRowWhere(bookings, row, sql`true`)} returning 1)${mailed(sql`booked`)} select ${mailId} as mail`,
    );
    return written!.mail;
  }
  const period = row.period!;
  const [seat] = await preparedRows<{ made: boolean; am: number; pm: number; mine: boolean; booked: boolean; mail: number | null }>(
    db,
    sql`with seat as (
          select * from desk_pool_day_seats(${resource.id}::uuid, ${row.day}::date, ${row.userId}, ${row.idempotencyKey ?? null}, ${period})
        ), booked as (
          ${insertRowWhere(
            bookings,
            row,
            sql`not (select made from seat) and not (select mine from seat)
                and (${period} = 'pm' or (select am from seat) < ${resource.capacity}) and (${period} = 'am' or (select pm from seat) < ${resource.capacity})`,
          )} returning 1
        )${mailed(sql`booked`)}
        select seat.*, exists (select 1 from booked) as booked, ${mailId} as mail from seat`,
  );
  if (seat!.booked) return seat!.mail;
  if (seat!.made) throw new MadeByRetry();
  if (freeSeats(resource.capacity, seat!)[period] < 1) throw conflict('booking_full');
  if (seat!.mine) throw conflict('booking_already_booked');
  throw new Error(`desk booking refused with a free seat: ${JSON.stringify(seat)}`);
}

/**
 * Books a desk (by the day or half-day), a room (by the hour) or an office (by the month). The database
 * decides under concurrency: a desk pool's day row is locked while its seats are counted; rooms and offices
 * have exclusion constraints; a retried request with the same Idempotency-Key returns the booking it made.
 * The confirmation e-mail is written to the outbox in the booking's transaction: both exist, or neither.
 */
export async function createBooking(ctx: BookingContext, input: unknown, key?: string | null): Promise<BookingResult> {
  const actor = assertCan(ctx.actor, 'booking.create', { type: 'instance' });
  const request = parse(BookingInput, input);
  const idempotencyKey = key === undefined || key === null ? null : parse(idempotencyKeyContract, key);
  const ground = await bookingGround(ctx.db, actor.userId, request, idempotencyKey);
  const { resource } = ground;
  const digest = requestDigest(request, resource.kind);
  if (ground.previous) return replayOf(ctx.db, ground.previous, request, digest);
  const placement = placementOf(ctx, resource, request, ground.closed);
  const id = randomUUID();
  let made: { booking: Booking; deliver: (() => void) | null };
  try {
    const book = async (db: Db) => {
      const payment = await takePayment(db, ground, placement, request);
      // The buffer after a room booking is the database's business, not part of what the booker reads.
      const { blockedUntilMinute: _blocked, ...span } = placement;
      const booking: Booking = {
        id,
        resourceId: resource.id,
        resourceName: resource.name,
        resourceKind: resource.kind,
        placeId: resource.placeId,
        placeName: resource.placeName,
        placeSlug: resource.placeSlug,
        userId: actor.userId,
        ...span,
        status: 'confirmed',
        payment: payment.method,
        entitlementId: payment.entitlementId,
        priceCents: payment.priceCents,
        vatRateBasisPoints: payment.vatRateBasisPoints,
        createdAt: new Date(),
      };
      const row: typeof bookings.$inferInsert = {
        ...placement,
        id,
        resourceId: resource.id,
        placeId: resource.placeId,
        userId: actor.userId,
        status: 'confirmed',
        payment: payment.method,
        entitlementId: payment.entitlementId,
        priceCents: payment.priceCents,
        vatRateBasisPoints: payment.vatRateBasisPoints,
        idempotencyKey,
        idempotencyRequest: idempotencyKey ? digest : null,
        createdAt: booking.createdAt,
      };
      // The confirmation (with its .ics) is written only where there is a mailer to record it.
      const confirmation = ctx.mailer ? { mailer: ctx.mailer, mail: confirmationMail(booking, ground.booker, 'confirmed', ground.location) } : null;
      const mailId = await writeBooking(db, resource, row, confirmation && ((when) => confirmation.mailer.outboxInsert(confirmation.mail, when)));
      return { booking, deliver: confirmation && mailId !== null ? confirmation.mailer.wake : null };
    };
    // Paying with a plan or a carnet reads and writes its row first: then the booking is a transaction.
    // Otherwise it is one statement, atomic on its own.
    made = paysWithRows(ground) ? await ctx.db.transaction(book) : await book(ctx.db);
  } catch (error) {
    if (error instanceof MadeByRetry) return replayOf(ctx.db, (await previousWithKey(ctx.db, actor.userId, idempotencyKey!))!, request, digest);
    const state = sqlState(error);
    if ((state === '23505' || state === '23P01') && idempotencyKey) {
      // The same key, made concurrently by a retry that won the race: for a room, the slot it took may be
      // the constraint that fired first.
      const previous = await previousWithKey(ctx.db, actor.userId, idempotencyKey);
      if (previous) return replayOf(ctx.db, previous, request, digest);
    }
    if (state === '23P01') throw conflict(violatedConstraint(error) === 'bookings_office_no_overlap' ? 'booking_office_taken' : 'booking_room_taken');
    throw error;
  }
  made.deliver?.();
  return { booking: made.booking, replayed: false };
}

/**
 * Cancels a booking: its booker until the place's notice (24 h by default) before it starts, the place's
 * team at any time. One guarded UPDATE moves it out of `confirmed`, so a carnet unit comes back once; the
 * cancellation e-mail is written in the same transaction.
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
  const { operatorOrganizationId: _operator, ...rest } = found;
  const booking: Booking = { ...rest, status: 'cancelled' };
  const booker = ctx.mailer ? await recipientOf(ctx.db, found.userId) : null;
  const location = ctx.mailer ? await placeLocation(ctx.db, found.placeId) : null;
  const deliver = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(and(eq(bookings.id, found.id), eq(bookings.status, 'confirmed')))
      .returning({ payment: bookings.payment, entitlementId: bookings.entitlementId });
    if (!row) throw conflict('booking_not_cancellable');
    if (row.payment === 'carnet' && row.entitlementId) {
      await tx
        .update(entitlements)
        .set({ unitsUsed: sql`${entitlements.unitsUsed} - 1` })
        .where(and(eq(entitlements.id, row.entitlementId), sql`${entitlements.unitsUsed} > 0`));
    }
    return ctx.mailer && booker && location ? ctx.mailer.enqueue(tx, confirmationMail(booking, booker, 'cancelled', location)) : null;
  });
  deliver?.();
  return booking;
}

/** Whether the actor is on the team of the booking's place (its rules then do not bind them), as `can` decides. */
function runsBookingsOf(actor: Actor, found: { placeId: string; operatorOrganizationId: string | null }): boolean {
  return can(actor, 'booking.manage', { type: 'place', id: found.placeId, operatorOrganizationId: found.operatorOrganizationId });
}

/** The code of a place's day: an HMAC of place and day with the instance's secret, so nothing is stored. */
async function codeOfDay(db: Db, placeId: string, day: string): Promise<string> {
  const secret = await instanceSecret(db);
  return dayCodeOf(createHmac('sha256', secret).update(`check-in:${placeId}:${day}`).digest());
}

/** The code of the day a place's team shows at the desk, for coworkers to check in themselves: for the team only. */
export async function dayCode(ctx: BookingContext, place: { id: string; operatorOrganizationId: string | null }, day: string): Promise<string> {
  assertCan(ctx.actor, 'booking.manage', { type: 'place', id: place.id, operatorOrganizationId: place.operatorOrganizationId });
  return codeOfDay(ctx.db, place.id, day);
}

/**
 * Codes a booker may try, counted by one atomic upsert each (any number of processes count together): per
 * booking, and per person at a place (one person's several bookings there share it). A million codes a day
 * against twenty tries: guessing is hopeless, a typo costs nothing.
 */
export const CHECK_IN_ATTEMPTS = { perBooking: 10, perPersonAtPlace: 20, windowSeconds: 86_400 } as const;

async function countCheckInAttempt(db: Db, found: Booking): Promise<void> {
  const window = { windowSeconds: CHECK_IN_ATTEMPTS.windowSeconds };
  const decisions = [
    await hitRateLimit(db, `booking:check-in:booking:${found.id}`, { ...window, max: CHECK_IN_ATTEMPTS.perBooking }),
    await hitRateLimit(db, `booking:check-in:place:${found.placeId}:${found.userId}`, { ...window, max: CHECK_IN_ATTEMPTS.perPersonAtPlace }),
  ];
  const refused = decisions.filter((decision) => !decision.allowed);
  if (refused.length > 0) {
    const seconds = Math.max(...refused.map((decision) => decision.retryAfterSeconds));
    throw rateLimited('booking_check_in_attempts', { minutes: Math.ceil(seconds / 60) });
  }
}

/**
 * Checks a booking in, on its day: by the place's team, or by the booker with the code of the day (each
 * code tried is counted: past the limit, 429 whatever the code).
 */
export async function checkIn(ctx: BookingContext, id: string, input: unknown = {}): Promise<Booking> {
  const { found, actor } = await visibleBooking(ctx, id, 'booking.check-in');
  const { code } = parse(CheckInInput, input);
  const team = runsBookingsOf(actor, found);
  if (found.endsOn !== null) throw conflict('booking_not_checkable');
  if (found.day !== localNow(ctx.now).day) throw conflict('booking_check_in_not_today');
  if (!team) {
    await countCheckInAttempt(ctx.db, found);
    if (code !== (await codeOfDay(ctx.db, found.placeId, found.day))) throw forbidden('booking_check_in_code_invalid');
  }
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
