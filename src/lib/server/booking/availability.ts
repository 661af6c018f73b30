import { sql } from 'drizzle-orm';
import type { Actor } from '../accounts/index.ts';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, notFound, parse } from '../errors.ts';
import { openIntervalsOn, type MinuteInterval } from '../places/index.ts';
import { checkRadius, distanceKm, inEarthBox, roundKm, type Location } from '../geo/index.ts';
import { resolveLocation } from '../territory/index.ts';
import { DEFAULT_OPENING_HOURS, PRICING_OFFER_KINDS, ratesOf, type OfferKind, type OfferPrice, type ResourcePrice, daysAhead, deskSpan, freeRoomStarts, freeSeats, seatsTaken, type DayAvailability, type DayPeriod, type DeskAvailability, type OfficeAvailability, type PlaceAvailability, type ResourceKind, type RoomAvailability } from './model.ts';
import { DESK_POOL_PRICED, placeKeyCondition, RESOURCES_WITH_RULES } from './queries.ts';
import { isoDay } from './contracts.ts';
import { addDays, localNow } from './time.ts';

export type { DayAvailability, DeskAvailability, OfficeAvailability, PlaceAvailability, RoomAvailability } from './model.ts';

/** Days one availability request may cover: a week. */
export const MAX_AVAILABILITY_DAYS = 7;

interface ResourceRow {
  resource_id: string;
  kind: ResourceKind;
  name: string;
  capacity: number;
  min_minutes: number;
  max_minutes: number;
  buffer_minutes: number;
  hours: string | null;
  region: string | null;
  split: number | null;
  /** Closure ranges of the resource overlapping the days asked, as `[startsOn, endsOn]` pairs. */
  closures: [string, string][] | null;
  free?: boolean;
}

const dayCache = new Map<string, MinuteInterval[]>();
/** Opening intervals of a day, cached by value, région and day: many places share the same hours. */
function intervalsOn(hours: string | null, day: string, region: string | null): MinuteInterval[] {
  const value = hours ?? DEFAULT_OPENING_HOURS;
  const key = `${value}\u0000${region ?? ''}\u0000${day}`;
  let intervals = dayCache.get(key);
  if (!intervals) {
    try {
      intervals = openIntervalsOn(value, day, { region });
    } catch {
      // Hours that no longer parse close the resource rather than break the page.
      intervals = [];
    }
    if (dayCache.size > 20_000) dayCache.clear();
    dayCache.set(key, intervals);
  }
  return intervals;
}

/** Whether one of these closure ranges covers the day. */
const closedOn = (closures: [string, string][] | null, day: string) => !!closures?.some(([from, to]) => from <= day && day <= to);

/** Opening intervals of a resource on a day: none on a day one of its closures covers. */
function openingOn(row: { hours: string | null; region: string | null; closures: [string, string][] | null }, day: string): MinuteInterval[] {
  return closedOn(row.closures, day) ? [] : intervalsOn(row.hours, day, row.region);
}

/** The day someone asks what is free: tomorrow when none is given; a malformed, past or too distant one is refused. */
export function availabilityDay(value: string | null | undefined, now = new Date()): string {
  if (!value) return addDays(localNow(now).day, 1);
  const day = parse(isoDay, value);
  daysAhead(day, now);
  return day;
}

/** `count` days from `first`. */
function dayRun(first: string, count: number): string[] {
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_AVAILABILITY_DAYS)) throw invalid('booking_days_invalid', { max: MAX_AVAILABILITY_DAYS });
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** From which minute of `day` nothing can be booked any more: all of it in the past, none of it in the future. */
function notBeforeOn(day: string, now: Date): number {
  const today = localNow(now);
  return day === today.day ? today.minute : day < today.day ? 1440 : 0;
}

const PERIODS = ['full', 'am', 'pm'] as const;

/** Which periods of a day can still be booked with these opening intervals: within the hours, and not over. */
function bookablePeriods(opening: MinuteInterval[], split: number | null, notBefore: number): Record<DayPeriod, boolean> {
  const bookable = (period: DayPeriod) => {
    const span = deskSpan(opening, period, split ?? 780);
    return span !== null && span.to > notBefore;
  };
  return { full: bookable('full'), am: bookable('am'), pm: bookable('pm') };
}

/** Free seats of a desk pool for each period of a day: none in a period that cannot be booked. */
function deskFree(capacity: number, taken: { am: number; pm: number }, bookable: Record<DayPeriod, boolean>) {
  const free = freeSeats(capacity, taken);
  for (const period of PERIODS) if (!bookable[period]) free[period] = 0;
  return free;
}

/** Closure ranges of resource `r` overlapping [first, last], for `openingOn`. */
const closuresOf = (first: string, last: string) =>
  sql`(select json_agg(json_build_array(k.starts_on::text, k.ends_on::text)) from resource_closures k
       where k.resource_id = r.id and k.starts_on <= ${last}::date and k.ends_on >= ${first}::date)`;

/** An office on a day: rented (until when) or free (until when), closed by one of its closures. */
function officeOn(r: ResourceRow, rentals: { resource_id: string; day: string; ends_on: string }[], date: string, price: ResourcePrice): OfficeAvailability {
  const mine = rentals.filter((t) => t.resource_id === r.resource_id);
  const current = mine.find((t) => t.day <= date && date <= t.ends_on);
  const next = mine.find((t) => t.day > date);
  return {
    resourceId: r.resource_id,
    kind: 'office',
    name: r.name,
    capacity: r.capacity,
    open: !closedOn(r.closures, date),
    rentedUntil: current?.ends_on ?? null,
    freeUntil: current || !next ? null : addDays(next.day, -1),
    price,
  };
}

/**
 * What can be booked at one place on `days` days from `day`: free seats of each desk pool, free times of each
 * room, offices free or rented; each with its price (free, or its rates from the place's offers).
 */
export async function placeAvailability(db: Db, placeIdOrSlug: string, day: string, now = new Date(), days = 1): Promise<PlaceAvailability> {
  const run = dayRun(day, days);
  const last = run[run.length - 1]!;
  const [place] = await queryRows<{ id: string; slug: string; name: string }>(
    db,
    sql`select p.id, p.slug, p.name from places p where ${placeKeyCondition(placeIdOrSlug)}`,
  );
  if (!place) throw notFound('place_not_found');
  const resources = await queryRows<ResourceRow>(
    db,
    sql`select r.id as resource_id, r.kind, r.name, r.capacity, r.min_minutes, r.max_minutes, r.buffer_minutes,
               coalesce(r.opening_hours, p.opening_hours) as hours, reg.name as region, s.half_day_split_minute as split,
               ${closuresOf(day, last)} as closures, r.free
        from ${RESOURCES_WITH_RULES}
        where r.place_id = ${place.id}::uuid and r.active = 1 and p.status = 'open'
        order by r.kind, r.name`,
  );
  const offers = await placeOffers(db, place.id);
  const prices = new Map(
    resources.map((r) => [r.resource_id, { free: r.free === true, rates: r.free ? [] : ratesOf(offers, { id: r.resource_id, kind: r.kind }) }]),
  );
  // Office rentals still running on the first day, or later (they tell when an office is free until).
  const rentals = await queryRows<{ resource_id: string; day: string; ends_on: string }>(
    db,
    sql`select resource_id, day::text as day, ends_on::text as ends_on from bookings
        where place_id = ${place.id}::uuid and ends_on >= ${day}::date and status in ('confirmed', 'checked-in') order by day`,
  );
  const taken = await queryRows<{ resource_id: string; day: string; period: DayPeriod | null; start_minute: number; blocked_until_minute: number }>(
    db,
    sql`select resource_id, day::text as day, period, start_minute, blocked_until_minute from bookings
        where place_id = ${place.id}::uuid and day between ${day}::date and ${last}::date and ends_on is null and status in ('confirmed', 'checked-in')`,
  );
  const perDay = run.map((date) => {
    const notBefore = notBeforeOn(date, now);
    return {
      day: date,
      resources: resources.map((r): DeskAvailability | RoomAvailability | OfficeAvailability => {
        const price = prices.get(r.resource_id)!;
        if (r.kind === 'office') return officeOn(r, rentals, date, price);
        const opening = openingOn(r, date);
        const mine = taken.filter((t) => t.resource_id === r.resource_id && t.day === date);
        if (r.kind === 'desk-pool') {
          const free = deskFree(r.capacity, seatsTaken(mine.map((t) => t.period!)), bookablePeriods(opening, r.split, notBefore));
          return { resourceId: r.resource_id, kind: 'desk-pool', name: r.name, capacity: r.capacity, free, open: opening.length > 0, price };
        }
        const busy = mine.map((t) => ({ from: Number(t.start_minute), to: Number(t.blocked_until_minute) })).sort((a, b) => a.from - b.from);
        return {
          resourceId: r.resource_id,
          kind: 'room',
          name: r.name,
          capacity: r.capacity,
          minMinutes: r.min_minutes,
          maxMinutes: r.max_minutes,
          opening,
          busy,
          freeStarts: freeRoomStarts(opening, busy, r.min_minutes, r.buffer_minutes, notBefore),
          price,
        };
      }),
    };
  });
  return { placeId: place.id, slug: place.slug, name: place.name, ...perDay[0]!, days: perDay };
}

/** A place's active offers that price bookings (a day, a half-day, an hour of a room, a month of an office). */
export async function placeOffers(db: Db, placeId: string): Promise<OfferPrice[]> {
  const rows = await queryRows<{ kind: OfferKind; resource_id: string | null; price_cents: number; member_price_cents: number | null; vat_rate_basis_points: number }>(
    db,
    sql`select kind, resource_id, price_cents, member_price_cents, vat_rate_basis_points from offers
        where place_id = ${placeId}::uuid and active = 1 and kind in (${sql.join(PRICING_OFFER_KINDS.map((kind) => sql`${kind}`), sql`, `)})`,
  );
  return rows.map((o) => ({ kind: o.kind, resourceId: o.resource_id, priceCents: o.price_cents, memberPriceCents: o.member_price_cents, vatRateBasisPoints: o.vat_rate_basis_points }));
}

export interface NearbyDeskAvailability {
  placeId: string;
  slug: string;
  name: string;
  communeCode: string;
  distanceKm: number;
  /** Free desk seats over the place's desk pools, on the first day asked. */
  free: Record<DayPeriod, number>;
  /** The same for each day asked. */
  days: { day: string; free: Record<DayPeriod, number> }[];
  capacity: number;
}

export const MAX_NEARBY_RADIUS_KM = 200;


/**
 * Free desks on `days` days from `day` at every open place within `radiusKm` of a commune or point, nearest
 * first, places with no free seat included (with 0). One query: the desk pools of the places in the box around
 * the circle (a GiST index on their position), each with the seats taken on each day, counted from the day's
 * desk bookings (an index on (day, resource, period) read without the table) and joined by pool: counting a
 * day's bookings at once costs 1 ms where 2,000 index probes, pool by pool, took 20 (2,000 places, 1,000,000
 * bookings, `npm run bench`). Distances, the circle and the order are computed here:
 * `ll_to_earth` and `earth_distance` on each row cost more than the rest of the query.
 */
export async function availabilityNear(db: Db, near: Location, radiusKm: number, day: string, now = new Date(), days = 1): Promise<NearbyDeskAvailability[]> {
  checkRadius(radiusKm, MAX_NEARBY_RADIUS_KM);
  const run = dayRun(day, days);
  const last = run[run.length - 1]!;
  const point = await resolveLocation(db, near);
  // Seats of a pool taken in one half of each day asked: bookings of the whole day and of that half.
  const takenEachDay = (half: 'am' | 'pm') =>
    sql.join(
      run.map((date) => sql`count(*) filter (where b.day = ${date}::date and b.period in ('full', ${half}))::int`),
      sql`, `,
    );
  const pools = await queryRows<{
    place_id: string;
    slug: string;
    name: string;
    commune_code: string;
    lat: number;
    lon: number;
    capacity: number;
    hours: string | null;
    region: string | null;
    split: number | null;
    closures: [string, string][] | null;
    /** Seats taken the morning and the afternoon of each day asked (null: none taken). */
    am: number[] | null;
    pm: number[] | null;
  }>(
    db,
    sql`select p.id as place_id, p.slug, p.name, p.commune_code, p.lat, p.lon, r.capacity,
               coalesce(r.opening_hours, p.opening_hours) as hours, reg.name as region, s.half_day_split_minute as split,
               k.closures, t.am, t.pm
        from ${RESOURCES_WITH_RULES}
        left join (select k.resource_id, json_agg(json_build_array(k.starts_on::text, k.ends_on::text)) as closures
                   from resource_closures k where k.starts_on <= ${last}::date and k.ends_on >= ${day}::date
                   group by k.resource_id) k on k.resource_id = r.id
        left join (select b.resource_id, array[${takenEachDay('am')}] as am, array[${takenEachDay('pm')}] as pm
                   from bookings b
                   where b.day between ${day}::date and ${last}::date and b.period is not null and b.status in ('confirmed', 'checked-in')
                   group by b.resource_id) t on t.resource_id = r.id
        where r.kind = 'desk-pool' and r.active = 1 and p.status = 'open' and ${DESK_POOL_PRICED}
          and ${inEarthBox(point, radiusKm)}`,
  );
  const within = pools
    .map((pool) => ({ pool, km: distanceKm(point, { lat: Number(pool.lat), lon: Number(pool.lon) }) }))
    .filter(({ km }) => km <= radiusKm)
    .sort((a, b) => a.km - b.km || (a.pool.place_id < b.pool.place_id ? -1 : a.pool.place_id > b.pool.place_id ? 1 : 0));
  const nothingTaken = { am: 0, pm: 0 };
  // What each day lets one book, worked out once for each set of hours, région and half-day split: most
  // places share them (measured: a week around Cahors among 2,000 places took 33 ms of JavaScript without).
  const notBefore = run.map((date) => notBeforeOn(date, now));
  const bookableByHours = new Map<string, Record<DayPeriod, boolean>[]>();
  const byPlace = new Map<string, NearbyDeskAvailability>();
  for (const { pool, km } of within) {
    const hoursKey = `${pool.hours}\u0000${pool.region}\u0000${pool.split}`;
    let bookable = bookableByHours.get(hoursKey);
    if (!bookable) {
      bookable = run.map((date, i) => bookablePeriods(intervalsOn(pool.hours, date, pool.region), pool.split, notBefore[i]!));
      bookableByHours.set(hoursKey, bookable);
    }
    const perDay = run.map((date, i) => ({
      day: date,
      free: closedOn(pool.closures, date)
        ? { full: 0, am: 0, pm: 0 }
        : deskFree(pool.capacity, pool.am ? { am: pool.am[i]!, pm: pool.pm![i]! } : nothingTaken, bookable[i]!),
    }));
    const entry = byPlace.get(pool.place_id);
    if (entry) {
      entry.days.forEach((sum, i) => {
        for (const period of PERIODS) sum.free[period] += perDay[i]!.free[period];
      });
      entry.capacity += pool.capacity;
    } else {
      byPlace.set(pool.place_id, {
        placeId: pool.place_id,
        slug: pool.slug,
        name: pool.name,
        communeCode: pool.commune_code,
        distanceKm: roundKm(km),
        free: perDay[0]!.free,
        days: perDay,
        capacity: pool.capacity,
      });
    }
  }
  return [...byPlace.values()];
}

/** What a person holds at a place on a day: what their booking there would use before paying on site. */
export interface BookerMeans {
  /** Holds a plan or a carnet there (member prices apply). */
  member: boolean;
  /** A plan covering the day with days left this month (null days: unlimited). */
  plan: { daysLeft: number | null } | null;
  /** Days left on their carnets valid that day. */
  carnet: { daysLeft: number } | null;
}

/** The signed-in person's plans and carnets at a place on a day (nobody signed in: none). */
export async function bookerMeans(ctx: { db: Db; actor: Actor }, placeId: string, day: string): Promise<BookerMeans | null> {
  if (ctx.actor.kind !== 'user') return null;
  const rows = await queryRows<{ kind: 'carnet' | 'plan'; units: number | null; units_used: number; used_this_month: number }>(
    ctx.db,
    sql`select e.kind, e.units, e.units_used,
               (select count(*) from bookings b where b.entitlement_id = e.id and b.status in ('confirmed', 'checked-in')
                  and b.day >= date_trunc('month', ${day}::date) and b.day < date_trunc('month', ${day}::date) + interval '1 month')::int as used_this_month
        from entitlements e
        where e.user_id = ${ctx.actor.userId} and e.place_id = ${placeId}::uuid and e.starts_on <= ${day}::date and e.ends_on >= ${day}::date`,
  );
  const plan = rows.find((e) => e.kind === 'plan' && (e.units === null || e.used_this_month < e.units));
  const carnetDays = rows.filter((e) => e.kind === 'carnet').reduce((sum, e) => sum + Math.max(0, (e.units ?? 0) - e.units_used), 0);
  return {
    member: rows.length > 0,
    plan: plan ? { daysLeft: plan.units === null ? null : plan.units - plan.used_this_month } : null,
    carnet: carnetDays > 0 ? { daysLeft: carnetDays } : null,
  };
}
