import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { expand, type Occurrence, type Override, type SeriesShape } from './recurrence.ts';
import type { EventAudience, EventKind } from './vocabulary.ts';

/** A series as the pages, the API and the feeds read it, with its place and its overrides. */
export interface Series extends SeriesShape {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: EventKind;
  audience: EventAudience;
  title: string;
  description: string;
  onlineUrl: string | null;
  capacity: number | null;
  waitlist: boolean;
  registrationRequired: boolean;
  priceCents: number | null;
  cancelledAt: Date | null;
  updatedAt: Date;
  /** Demo or benchmark data, said so on its page. */
  synthetic: boolean;
  place: SeriesPlace | null;
  overrides: Override[];
}

export interface SeriesPlace {
  id: string;
  slug: string;
  name: string;
  address: string | null;
  postalCode: string | null;
  communeName: string;
  lat: number;
  lon: number;
  /** The pin placed by the team (a commune's centre is never given as a location). */
  exact: boolean;
}

interface SeriesRow {
  id: string;
  organization_id: string;
  organization_name: string;
  kind: EventKind;
  audience: EventAudience;
  title: string;
  description: string;
  online_url: string | null;
  start_local: string;
  duration_minutes: number;
  time_zone: string;
  rrule: string | null;
  exdates: string[];
  capacity: number | null;
  waitlist: boolean;
  registration_required: boolean;
  price_cents: number | null;
  cancelled_at: string | Date | null;
  updated_at: string | Date;
  synthetic: boolean;
  place: SeriesPlace | null;
  overrides: { originalStart: string; startsAt: string | null; endsAt: string | null; cancelled: boolean }[];
}

const date = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/** The series matching `where` (SQL on `e` events, `p` places, `c` communes, `o` organization), by first start. */
export async function findSeries(db: Db, where: SQL, limit = 10_000): Promise<Series[]> {
  const rows = await queryRows<SeriesRow>(
    db,
    sql`select e.id, e.organization_id, o.name as organization_name, e.kind, e.audience, e.title, e.description, e.online_url,
               e.start_local, e.duration_minutes, e.time_zone, e.rrule, e.exdates, e.capacity, e.waitlist,
               e.registration_required, e.price_cents, e.cancelled_at, e.updated_at, e.synthetic,
               case when p.id is null then null else json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'address', p.address,
                 'postalCode', c.postal_codes[1], 'communeName', c.name, 'lat', p.lat, 'lon', p.lon, 'exact', p.coordinates_exact) end as place,
               coalesce((select json_agg(json_build_object('originalStart', x.original_start, 'startsAt', x.starts_at, 'endsAt', x.ends_at,
                                                           'cancelled', x.cancelled_at is not null))
                         from event_occurrences x where x.event_id = e.id and (x.starts_at is not null or x.cancelled_at is not null)), '[]') as overrides
        from events e
        join organization o on o.id = e.organization_id
        left join places p on p.id = e.place_id
        left join communes c on c.code = p.commune_code
        where ${where}
        order by e.first_start, e.id
        limit ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    kind: row.kind,
    audience: row.audience,
    title: row.title,
    description: row.description,
    onlineUrl: row.online_url,
    startLocal: row.start_local,
    durationMinutes: row.duration_minutes,
    timeZone: row.time_zone,
    rrule: row.rrule,
    exdates: row.exdates,
    capacity: row.capacity,
    waitlist: row.waitlist,
    registrationRequired: row.registration_required,
    priceCents: row.price_cents,
    cancelledAt: row.cancelled_at ? date(row.cancelled_at) : null,
    updatedAt: date(row.updated_at),
    synthetic: row.synthetic,
    place: row.place,
    overrides: row.overrides.map((o) => ({
      originalStart: new Date(o.originalStart),
      startsAt: o.startsAt ? new Date(o.startsAt) : null,
      endsAt: o.endsAt ? new Date(o.endsAt) : null,
      cancelled: o.cancelled,
    })),
  }));
}

/** A series' occurrences (a cancelled series: all cancelled). */
export function occurrencesOf(series: Series): Occurrence[] {
  const list = expand(series.id, series, series.overrides);
  return series.cancelledAt ? list.map((o) => ({ ...o, cancelled: true })) : list;
}

/** Confirmed and waiting registrations per occurrence (by original start, ms) of some series. */
export async function registrationCounts(db: Db, seriesIds: readonly string[]): Promise<Map<string, { confirmed: number; waiting: number }>> {
  if (!seriesIds.length) return new Map();
  const rows = await queryRows<{ event_id: string; original_start: string | Date; confirmed: number; waiting: number }>(
    db,
    sql`select event_id, original_start, count(*) filter (where status = 'confirmed')::int as confirmed,
               count(*) filter (where status = 'waiting')::int as waiting
        from event_registrations
        where event_id in (select x::uuid from json_array_elements_text(${JSON.stringify(seriesIds)}::json) as t(x)) and status <> 'cancelled'
        group by event_id, original_start`,
  );
  return new Map(rows.map((row) => [`${row.event_id}_${date(row.original_start).getTime()}`, { confirmed: row.confirmed, waiting: row.waiting }]));
}
export const countKey = (seriesId: string, originalStart: Date) => `${seriesId}_${originalStart.getTime()}`;
