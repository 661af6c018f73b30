import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, notFound, parse } from '../errors.ts';
import { openIntervalsOn, type MinuteInterval } from '../places/index.ts';
import type { Location } from '../params.ts';
import { findCommune } from '../territory/index.ts';
import { DEFAULT_OPENING_HOURS, deskSpan, freeRoomStarts, freeSeats } from './model.ts';
import { placeKeyCondition } from './queries.ts';
import type { DayPeriod, ResourceKind } from './schema.ts';
import { isoDay } from './contracts.ts';
import { daysAhead } from './service.ts';
import { addDays, localNow } from './time.ts';

export interface DeskAvailability {
  resourceId: string;
  kind: 'desk-pool';
  name: string;
  capacity: number;
  /** Seats still free for the whole day, the morning, the afternoon (0 when closed). */
  free: Record<DayPeriod, number>;
  open: boolean;
}

export interface RoomAvailability {
  resourceId: string;
  kind: 'room';
  name: string;
  capacity: number;
  minMinutes: number;
  maxMinutes: number;
  opening: MinuteInterval[];
  /** Taken stretches (bookings with their buffer). */
  busy: MinuteInterval[];
  /** Quarter hours at which a booking of the shortest duration can start. */
  freeStarts: number[];
}

export interface PlaceAvailability {
  placeId: string;
  slug: string;
  name: string;
  day: string;
  resources: (DeskAvailability | RoomAvailability)[];
}

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
  closed: boolean;
  split: number | null;
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

/** The day someone asks what is free: tomorrow when none is given; a malformed, past or too distant one is refused. */
export function availabilityDay(value: string | null | undefined, now = new Date()): string {
  if (!value) return addDays(localNow(now).day, 1);
  const day = parse(isoDay, value);
  daysAhead(day, now);
  return day;
}

/** What can be booked at one place on one day: free seats of each desk pool, free times of each room. */
export async function placeAvailability(db: Db, placeIdOrSlug: string, day: string, now = new Date()): Promise<PlaceAvailability> {
  const [place] = await queryRows<{ id: string; slug: string; name: string }>(
    db,
    sql`select p.id, p.slug, p.name from places p where ${placeKeyCondition(placeIdOrSlug)}`,
  );
  if (!place) throw notFound('place_not_found');
  const resources = await queryRows<ResourceRow>(
    db,
    sql`select r.id as resource_id, r.kind, r.name, r.capacity, r.min_minutes, r.max_minutes, r.buffer_minutes,
               coalesce(r.opening_hours, p.opening_hours) as hours, reg.name as region, s.half_day_split_minute as split,
               exists (select 1 from resource_closures k where k.resource_id = r.id and k.starts_on <= ${day}::date and k.ends_on >= ${day}::date) as closed
        from booking_resources r join places p on p.id = r.place_id
        left join communes c on c.code = p.commune_code left join regions reg on reg.code = c.region_code
        left join place_booking_settings s on s.place_id = p.id
        where r.place_id = ${place.id}::uuid and r.active = 1 and r.kind <> 'office' and p.status = 'open'
        order by r.kind, r.name`,
  );
  const taken = await queryRows<{ resource_id: string; period: DayPeriod | null; start_minute: number; blocked_until_minute: number }>(
    db,
    sql`select resource_id, period, start_minute, blocked_until_minute from bookings
        where place_id = ${place.id}::uuid and day = ${day}::date and status in ('confirmed', 'checked-in')`,
  );
  const today = localNow(now);
  const notBefore = day === today.day ? today.minute : day < today.day ? 1440 : 0;
  return {
    placeId: place.id,
    slug: place.slug,
    name: place.name,
    day,
    resources: resources.map((r) => {
      const opening = r.closed ? [] : intervalsOn(r.hours, day, r.region);
      const mine = taken.filter((t) => t.resource_id === r.resource_id);
      if (r.kind === 'desk-pool') {
        const split = r.split ?? 780;
        const periods = mine.map((t) => t.period!);
        const free = freeSeats(r.capacity, { am: periods.filter((p) => p !== 'pm').length, pm: periods.filter((p) => p !== 'am').length });
        // A period already over today, or outside the hours, has no free seat.
        for (const period of ['full', 'am', 'pm'] as const) {
          const span = deskSpan(opening, period, split);
          if (!span || span.to <= notBefore) free[period] = 0;
        }
        return { resourceId: r.resource_id, kind: 'desk-pool' as const, name: r.name, capacity: r.capacity, free, open: opening.length > 0 };
      }
      const busy = mine.map((t) => ({ from: Number(t.start_minute), to: Number(t.blocked_until_minute) }));
      return {
        resourceId: r.resource_id,
        kind: 'room' as const,
        name: r.name,
        capacity: r.capacity,
        minMinutes: r.min_minutes,
        maxMinutes: r.max_minutes,
        opening,
        busy,
        freeStarts: freeRoomStarts(opening, busy, r.min_minutes, r.buffer_minutes, notBefore),
      };
    }),
  };
}

export interface NearbyDeskAvailability {
  placeId: string;
  slug: string;
  name: string;
  communeCode: string;
  distanceKm: number;
  /** Free desk seats over the place's desk pools. */
  free: Record<DayPeriod, number>;
  capacity: number;
}

export const MAX_NEARBY_RADIUS_KM = 200;

/** Radius of the sphere of `earthdistance` (`earth()`), so that distances agree with its boxes. */
const EARTH_RADIUS_KM = 6378.168;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle km between two points (haversine). */
function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const h = Math.sin(radians(b.lat - a.lat) / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(radians(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Free desks on one day at every open place within `radiusKm` of a commune or point, nearest first, places
 * with no free seat included (with 0). One query: the places in the box around the circle by a GiST index on
 * their position, each desk pool's bookings of the day counted once by the partial (resource, day) index.
 * Distances, the circle and the order are computed here: `ll_to_earth` and `earth_distance` on each row cost
 * more than the rest of the query (measured: 45 ms instead of 21 for 2,000 places, `npm run bench`).
 */
export async function availabilityNear(db: Db, near: Location, radiusKm: number, day: string, now = new Date()): Promise<NearbyDeskAvailability[]> {
  if (!(radiusKm > 0 && radiusKm <= MAX_NEARBY_RADIUS_KM)) throw invalid('booking_radius_invalid', { max: MAX_NEARBY_RADIUS_KM });
  let point: { lat: number; lon: number };
  if ('code' in near) {
    const commune = await findCommune(db, near.code);
    if (!commune) throw invalid('place_near_commune_unknown', { code: near.code });
    point = { lat: commune.lat, lon: commune.lon };
  } else point = near;
  const rows = await queryRows<{
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
    closed: boolean;
    am: number;
    pm: number;
  }>(
    db,
    sql`select p.id as place_id, p.slug, p.name, p.commune_code, p.lat, p.lon, r.capacity,
               coalesce(r.opening_hours, p.opening_hours) as hours, reg.name as region, s.half_day_split_minute as split,
               exists (select 1 from resource_closures k where k.resource_id = r.id and k.starts_on <= ${day}::date and k.ends_on >= ${day}::date) as closed,
               t.am, t.pm
        from places p
        join booking_resources r on r.place_id = p.id and r.kind = 'desk-pool' and r.active = 1
        cross join lateral (select count(*) filter (where b.period <> 'pm')::int as am, count(*) filter (where b.period <> 'am')::int as pm
                            from bookings b where b.resource_id = r.id and b.day = ${day}::date and b.status in ('confirmed', 'checked-in')) t
        left join communes c on c.code = p.commune_code left join regions reg on reg.code = c.region_code
        left join place_booking_settings s on s.place_id = p.id
        where earth_box(ll_to_earth(${point.lat}, ${point.lon}), ${radiusKm * 1000}) @> ll_to_earth(p.lat, p.lon) and p.status = 'open'`,
  );
  const distances = new Map<string, number>();
  for (const row of rows) if (!distances.has(row.place_id)) distances.set(row.place_id, greatCircleKm(point, { lat: Number(row.lat), lon: Number(row.lon) }));
  const within = rows
    .filter((row) => distances.get(row.place_id)! <= radiusKm)
    .sort((a, b) => distances.get(a.place_id)! - distances.get(b.place_id)! || (a.place_id < b.place_id ? -1 : a.place_id > b.place_id ? 1 : 0));
  const today = localNow(now);
  const notBefore = day === today.day ? today.minute : day < today.day ? 1440 : 0;
  const byPlace = new Map<string, NearbyDeskAvailability>();
  for (const row of within) {
    const opening = row.closed ? [] : intervalsOn(row.hours, day, row.region);
    const free = freeSeats(row.capacity, { am: row.am, pm: row.pm });
    for (const period of ['full', 'am', 'pm'] as const) {
      const span = deskSpan(opening, period, row.split ?? 780);
      if (!span || span.to <= notBefore) free[period] = 0;
    }
    const entry = byPlace.get(row.place_id);
    if (entry) {
      for (const period of ['full', 'am', 'pm'] as const) entry.free[period] += free[period];
      entry.capacity += row.capacity;
    } else {
      byPlace.set(row.place_id, {
        placeId: row.place_id,
        slug: row.slug,
        name: row.name,
        communeCode: row.commune_code,
        distanceKm: Math.round(distances.get(row.place_id)! * 10) / 10,
        free,
        capacity: row.capacity,
      });
    }
  }
  return [...byPlace.values()];
}
