import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { type Actor, assertCan, can, user } from '../accounts/index.ts';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, notFound, parse } from '../errors.ts';
import { places, validateOpeningHours } from '../places/index.ts';
import { ClosureInput, OfferChange, OfferInput, ResourceInput, SettingsInput, uuid } from './contracts.ts';
import { findBookings, placeKeyCondition } from './queries.ts';
import type { Booking, OfferKind, ResourceKind } from './model.ts';
import { bookingResources, entitlements, offers, placeBookingSettings, resourceClosures } from './schema.ts';
import { refreshPlacePrices } from './pricing.ts';
import type { BookingContext } from './context.ts';
import { addDays, addMonths, localNow } from './time.ts';

/** A place as its booking team sees it: id, name, operator. */
export interface ManagedPlace {
  id: string;
  slug: string;
  name: string;
  operatorOrganizationId: string | null;
  cancelNoticeHours: number;
  halfDaySplitMinute: number;
}

/** Loads a place by id or slug and checks that the actor runs its bookings. */
export async function managedPlace(ctx: BookingContext, idOrSlug: string): Promise<ManagedPlace> {
  const { db, actor } = ctx;
  const [row] = await queryRows<{ id: string; slug: string; name: string; operator_organization_id: string | null; cancel_notice_hours: number | null; half_day_split_minute: number | null }>(
    db,
    sql`select p.id, p.slug, p.name, p.operator_organization_id, s.cancel_notice_hours, s.half_day_split_minute
        from places p left join place_booking_settings s on s.place_id = p.id
        where ${placeKeyCondition(idOrSlug)}`,
  );
  if (!row) throw notFound('place_not_found');
  assertCan(actor, 'booking.manage', { type: 'place', id: row.id, operatorOrganizationId: row.operator_organization_id });
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    operatorOrganizationId: row.operator_organization_id,
    cancelNoticeHours: row.cancel_notice_hours ?? 24,
    halfDaySplitMinute: row.half_day_split_minute ?? 780,
  };
}

/** The places whose bookings the actor runs through their operator organizations, by name (links to their consoles). */
export async function managedPlaces(ctx: BookingContext): Promise<{ slug: string; name: string }[]> {
  const { db, actor } = ctx;
  if (actor.kind !== 'user' || actor.memberships.length === 0) return [];
  const rows = await db
    .select({ id: places.id, slug: places.slug, name: places.name, operatorOrganizationId: places.operatorOrganizationId })
    .from(places)
    .where(inArray(places.operatorOrganizationId, actor.memberships.map((m) => m.organizationId)))
    .orderBy(asc(places.sortName));
  return rows
    .filter((place) => can(actor, 'booking.manage', { type: 'place', id: place.id, operatorOrganizationId: place.operatorOrganizationId }))
    .map(({ slug, name }) => ({ slug, name }));
}

/** Asks `can` whether the actor runs the bookings of a place already loaded (its operator is what decides). */
function assertRuns(ctx: BookingContext, place: PlaceRef) {
  assertCan(ctx.actor, 'booking.manage', { type: 'place', id: place.id, operatorOrganizationId: place.operatorOrganizationId });
}

/** A place as `can` decides on it: its id and operator (a `ManagedPlace` is one). */
export type PlaceRef = Pick<ManagedPlace, 'id' | 'operatorOrganizationId'>;

/** A resource as its team handles it: the table's row, `active` a boolean (the column is 0 or 1). */
const resourceOfRow = (row: typeof bookingResources.$inferSelect) => ({ ...row, active: row.active === 1 });

/** The place's resources, for its team. */
export async function listResources(ctx: BookingContext, place: PlaceRef) {
  assertRuns(ctx, place);
  const rows = await ctx.db.select().from(bookingResources).where(eq(bookingResources.placeId, place.id)).orderBy(asc(bookingResources.kind), asc(bookingResources.name));
  return rows.map(resourceOfRow);
}

export async function createResource(ctx: BookingContext, placeIdOrSlug: string, input: unknown) {
  const { db } = ctx;
  const place = await managedPlace(ctx, placeIdOrSlug);
  const body = parse(ResourceInput, input);
  const minMinutes = body.minMinutes ?? 60;
  const maxMinutes = body.maxMinutes ?? Math.max(480, minMinutes);
  if (maxMinutes < minMinutes) throw invalid('booking_minutes_invalid');
  const [row] = await db
    .insert(bookingResources)
    .values({
      placeId: place.id,
      kind: body.kind,
      name: body.name,
      capacity: body.capacity,
      minMinutes,
      maxMinutes,
      bufferMinutes: body.bufferMinutes ?? 0,
      openingHours: body.openingHours ? validateOpeningHours(body.openingHours) : null,
      free: body.free ?? false,
    })
    .returning();
  return resourceOfRow(row!);
}

/** Makes a resource free (bookable with no offer, at no charge) or priced by the place's offers again. */
export async function setResourceFree(ctx: BookingContext, resourceId: string, free: boolean) {
  const { db } = ctx;
  if (!uuid.safeParse(resourceId).success) throw notFound('booking_resource_not_found');
  const [resource] = await db.select({ placeId: bookingResources.placeId }).from(bookingResources).where(eq(bookingResources.id, resourceId));
  if (!resource) throw notFound('booking_resource_not_found');
  await managedPlace(ctx, resource.placeId);
  await db.update(bookingResources).set({ free }).where(eq(bookingResources.id, resourceId));
}

/** Stops or restarts bookings of a resource (existing bookings stay). */
export async function setResourceActive(ctx: BookingContext, resourceId: string, active: boolean) {
  const { db } = ctx;
  if (!uuid.safeParse(resourceId).success) throw notFound('booking_resource_not_found');
  const [resource] = await db.select({ placeId: bookingResources.placeId }).from(bookingResources).where(eq(bookingResources.id, resourceId));
  if (!resource) throw notFound('booking_resource_not_found');
  await managedPlace(ctx, resource.placeId);
  await db.update(bookingResources).set({ active: active ? 1 : 0 }).where(eq(bookingResources.id, resourceId));
}

/** The place's offers on sale, for its team. */
export async function listOffers(ctx: BookingContext, place: PlaceRef) {
  assertRuns(ctx, place);
  return ctx.db.select().from(offers).where(and(eq(offers.placeId, place.id), eq(offers.active, 1))).orderBy(asc(offers.kind), asc(offers.name));
}

const UNITS_DEFAULT: Partial<Record<OfferKind, number>> = { carnet: 10 };
const VALIDITY_DEFAULT: Partial<Record<OfferKind, number>> = { carnet: 365 };

/** Offers priced for one resource, and the kind that resource must be. */
const RESOURCE_OF_OFFER: Partial<Record<OfferKind, ResourceKind>> = { 'hourly-room': 'room', 'office-month': 'office' };

/** An offer's price columns from what the team typed (euros already in cents; VAT 20 % unless said). */
const offerPrices = (body: { price: number; memberPrice?: number | null; vatRate?: number | null }) => ({
  priceCents: body.price,
  memberPriceCents: body.memberPrice ?? null,
  vatRateBasisPoints: Math.round((body.vatRate ?? 20) * 100),
});

/** Who the place's history names for a change of its prices. */
const changedBy = (ctx: BookingContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : 'system');

export async function createOffer(ctx: BookingContext, placeIdOrSlug: string, input: unknown) {
  const { db } = ctx;
  const place = await managedPlace(ctx, placeIdOrSlug);
  const body = parse(OfferInput, input);
  if (body.resourceId) {
    const [resource] = await db
      .select({ kind: bookingResources.kind })
      .from(bookingResources)
      .where(and(eq(bookingResources.id, body.resourceId), eq(bookingResources.placeId, place.id)));
    if (!resource) throw notFound('booking_resource_not_found');
    const expected = RESOURCE_OF_OFFER[body.kind];
    if (expected && resource.kind !== expected) throw invalid('booking_offer_resource_kind');
  }
  // The offer and the directory's figures it gives change together.
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(offers)
      .values({
        placeId: place.id,
        kind: body.kind,
        name: body.name,
        ...offerPrices(body),
        units: body.kind === 'carnet' || body.kind === 'monthly-plan' ? (body.units ?? UNITS_DEFAULT[body.kind] ?? null) : null,
        validityDays: body.kind === 'carnet' ? (body.validityDays ?? VALIDITY_DEFAULT.carnet!) : null,
        resourceId: RESOURCE_OF_OFFER[body.kind] ? (body.resourceId ?? null) : null,
      })
      .returning();
    await refreshPlacePrices(tx, place.id, changedBy(ctx));
    return created!;
  });
  return row;
}

/** An active offer of a place the actor runs. */
async function managedOffer(ctx: BookingContext, offerId: string) {
  if (!uuid.safeParse(offerId).success) throw notFound('booking_offer_not_found');
  const [offer] = await ctx.db.select({ placeId: offers.placeId }).from(offers).where(and(eq(offers.id, offerId), eq(offers.active, 1)));
  if (!offer) throw notFound('booking_offer_not_found');
  await managedPlace(ctx, offer.placeId);
  return offer;
}

/** Renames or reprices an offer; bookings already made keep the price they were made at. */
export async function updateOffer(ctx: BookingContext, offerId: string, input: unknown) {
  const offer = await managedOffer(ctx, offerId);
  const body = parse(OfferChange, input);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(offers)
      .set({
        name: body.name,
        ...offerPrices(body),
      })
      .where(eq(offers.id, offerId))
      .returning();
    await refreshPlacePrices(tx, offer.placeId, changedBy(ctx));
    return updated!;
  });
}

export async function withdrawOffer(ctx: BookingContext, offerId: string) {
  const offer = await managedOffer(ctx, offerId);
  await ctx.db.transaction(async (tx) => {
    await tx.update(offers).set({ active: 0 }).where(eq(offers.id, offerId));
    await refreshPlacePrices(tx, offer.placeId, changedBy(ctx));
  });
}

export async function updateSettings(ctx: BookingContext, placeIdOrSlug: string, input: unknown) {
  const { db } = ctx;
  const place = await managedPlace(ctx, placeIdOrSlug);
  const body = parse(SettingsInput, input);
  await db
    .insert(placeBookingSettings)
    .values({ placeId: place.id, cancelNoticeHours: body.cancelNoticeHours, halfDaySplitMinute: body.halfDaySplit })
    .onConflictDoUpdate({ target: placeBookingSettings.placeId, set: { cancelNoticeHours: body.cancelNoticeHours, halfDaySplitMinute: body.halfDaySplit } });
}

export async function addClosure(ctx: BookingContext, placeIdOrSlug: string, input: unknown) {
  const { db } = ctx;
  const place = await managedPlace(ctx, placeIdOrSlug);
  const body = parse(ClosureInput, input);
  const [resource] = await db
    .select({ id: bookingResources.id })
    .from(bookingResources)
    .where(and(eq(bookingResources.id, body.resourceId), eq(bookingResources.placeId, place.id)));
  if (!resource) throw notFound('booking_resource_not_found');
  await db.insert(resourceClosures).values({ resourceId: resource.id, startsOn: body.startsOn, endsOn: body.endsOn, reason: body.reason ?? '' });
}

/** The place's closures still to come, for its team. */
export async function listClosures(ctx: BookingContext, place: PlaceRef) {
  assertRuns(ctx, place);
  return ctx.db
    .select({
      id: resourceClosures.id,
      resourceName: bookingResources.name,
      startsOn: resourceClosures.startsOn,
      endsOn: resourceClosures.endsOn,
      reason: resourceClosures.reason,
    })
    .from(resourceClosures)
    .innerJoin(bookingResources, eq(bookingResources.id, resourceClosures.resourceId))
    .where(and(eq(bookingResources.placeId, place.id), gte(resourceClosures.endsOn, sql`current_date`)))
    .orderBy(asc(resourceClosures.startsOn));
}

/** What a carnet or plan held is, as its holder and the place's team both see it. */
const heldEntitlement = {
  id: entitlements.id,
  kind: entitlements.kind,
  units: entitlements.units,
  unitsUsed: entitlements.unitsUsed,
  startsOn: entitlements.startsOn,
  endsOn: entitlements.endsOn,
};

export interface MemberEntitlement {
  id: string;
  userId: string;
  name: string;
  email: string;
  kind: 'carnet' | 'plan';
  units: number | null;
  unitsUsed: number;
  startsOn: string;
  endsOn: string;
}

/** The carnets and plans held at a place, valid today or later, with their holders' names and addresses: for its team. */
export async function placeEntitlements(ctx: BookingContext, place: PlaceRef): Promise<MemberEntitlement[]> {
  assertRuns(ctx, place);
  return ctx.db
    .select({ ...heldEntitlement, userId: entitlements.userId, name: user.name, email: user.email })
    .from(entitlements)
    .innerJoin(user, eq(user.id, entitlements.userId))
    .where(and(eq(entitlements.placeId, place.id), gte(entitlements.endsOn, localNow(ctx.now).day)))
    .orderBy(asc(user.name), asc(entitlements.endsOn));
}

/** The signed-in person's carnets and plans, valid today or later, with their place. */
export async function myEntitlements(ctx: BookingContext, now = new Date()) {
  const { db, actor } = ctx;
  const me = assertCan(actor, 'user.read', { type: 'user', id: actor.kind === 'user' ? actor.userId : '' });
  return db
    .select({ ...heldEntitlement, placeName: places.name, placeSlug: places.slug })
    .from(entitlements)
    .innerJoin(places, eq(places.id, entitlements.placeId))
    .where(and(eq(entitlements.userId, me.userId), gte(entitlements.endsOn, localNow(ctx.now).day)))
    .orderBy(asc(entitlements.endsOn));
}

export interface DayView {
  place: ManagedPlace;
  day: string;
  bookings: (Booking & { bookerName: string; bookerEmail: string })[];
  /** Desk seats booked per pool, morning and afternoon. */
  desks: { resourceId: string; name: string; capacity: number; am: number; pm: number }[];
}

/** Who comes on a day, for the place's team. */
export async function placeDay(ctx: BookingContext, placeIdOrSlug: string, day: string): Promise<DayView> {
  const { db } = ctx;
  const place = await managedPlace(ctx, placeIdOrSlug);
  // The day's bookings, and the office rentals running that day.
  const list = await findBookings(
    db,
    sql`b.place_id = ${place.id}::uuid and (b.day = ${day}::date or (b.ends_on is not null and b.ends_on >= ${day}::date and b.day <= ${day}::date))`,
  );
  const people = new Map(
    (
      await db
        .select({ id: user.id, name: user.name, email: user.email })
        .from(user)
        .where(sql`${user.id} in (${list.length ? sql.join(list.map((b) => sql`${b.userId}`), sql`, `) : sql`null`})`)
    ).map((p) => [p.id, p]),
  );
  const desks = await queryRows<{ resource_id: string; name: string; capacity: number; am: number; pm: number }>(
    db,
    sql`select r.id as resource_id, r.name, r.capacity,
               count(b.id) filter (where b.period <> 'pm')::int as am, count(b.id) filter (where b.period <> 'am')::int as pm
        from booking_resources r
        left join bookings b on b.resource_id = r.id and b.day = ${day}::date and b.status in ('confirmed', 'checked-in')
        where r.place_id = ${place.id}::uuid and r.kind = 'desk-pool' group by r.id, r.name, r.capacity order by r.name`,
  );
  return {
    place,
    day,
    bookings: list.map((b) => ({ ...b, bookerName: people.get(b.userId)?.name ?? '', bookerEmail: people.get(b.userId)?.email ?? '' })),
    desks: desks.map((d) => ({ resourceId: d.resource_id, name: d.name, capacity: d.capacity, am: d.am, pm: d.pm })),
  };
}

export interface WeekOccupancy {
  place: ManagedPlace;
  days: { day: string; deskSeats: number; deskCapacity: number; roomMinutes: number; bookings: number }[];
}

/** The week from `monday`: desk seats taken against capacity, room hours booked, bookings a day. */
export async function weekOccupancy(ctx: BookingContext, placeIdOrSlug: string, monday: string): Promise<WeekOccupancy> {
  const { db } = ctx;
  const place = await managedPlace(ctx, placeIdOrSlug);
  const rows = await queryRows<{ day: string; desk_seats: number; room_minutes: number; bookings: number }>(
    db,
    sql`select b.day::text as day,
               coalesce(sum(case when b.period = 'full' then 1 when b.period is not null then 0.5 else 0 end), 0)::float as desk_seats,
               coalesce(sum(case when b.period is null and b.ends_on is null then b.end_minute - b.start_minute else 0 end), 0)::int as room_minutes,
               count(*)::int as bookings
        from bookings b where b.place_id = ${place.id}::uuid and b.day >= ${monday}::date and b.day < ${monday}::date + 7
          and b.status in ('confirmed', 'checked-in', 'no-show')
        group by b.day`,
  );
  const [capacity] = await queryRows<{ seats: number }>(
    db,
    sql`select coalesce(sum(capacity), 0)::int as seats from booking_resources where place_id = ${place.id}::uuid and kind = 'desk-pool' and active = 1`,
  );
  return {
    place,
    days: Array.from({ length: 7 }, (_, i) => {
      const day = addDays(monday, i);
      const row = rows.find((r) => r.day === day);
      return { day, deskSeats: Number(row?.desk_seats ?? 0), deskCapacity: capacity!.seats, roomMinutes: row?.room_minutes ?? 0, bookings: row?.bookings ?? 0 };
    }),
  };
}
