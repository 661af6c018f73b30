import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { UUID_PATTERN } from './contracts.ts';
import { DEFAULT_OPENING_HOURS, DESK_PASS_KINDS, type Booking, type BookingStatus, type DayPeriod, type PaymentMethod, type ResourceContext, type ResourceKind } from './model.ts';

// SQL shapes the booking use cases share, and the mapping of their rows (snake_case) to the model (camelCase).

/**
 * The place `p` named by an id or a slug, as the directory reads it (a slug in any case). Only a well-formed
 * UUID is cast: anything else is looked up as a slug, so a malformed key is a 404, never a database error.
 */
export function placeKeyCondition(idOrSlug: string): SQL {
  const key = idOrSlug.trim().toLowerCase();
  return UUID_PATTERN.test(key) ? sql`p.id = ${key}::uuid` : sql`p.slug = ${key}`;
}

/**
 * Resources `r` with what their booking rules read: their place `p`, its région `reg` (public holidays in
 * opening hours) and its booking settings `s`. Every query that applies those rules starts from here.
 */
export const RESOURCES_WITH_RULES = sql`booking_resources r join places p on p.id = r.place_id
  left join communes c on c.code = p.commune_code left join regions reg on reg.code = c.region_code
  left join place_booking_settings s on s.place_id = r.place_id`;

/**
 * A desk pool `r` someone can book today: free, or priced by a day or half-day pass of its place (passes are
 * the place's, never one resource's: `rateOf` in model.ts). The searches list no pool that would only answer
 * `booking_no_price`.
 */
export const DESK_POOL_PRICED = sql`(r.free or exists (select 1 from offers o where o.place_id = r.place_id and o.active = 1
  and o.kind in (${sql.join(DESK_PASS_KINDS.map((kind) => sql`${kind}`), sql`, `)}) and o.resource_id is null))`;

/** The columns of a `ResourceContext`, read from `RESOURCES_WITH_RULES`. */
export const RESOURCE_COLUMNS = sql`r.id, r.place_id, p.name as place_name, p.slug as place_slug, p.status as place_status,
  p.operator_organization_id, r.kind, r.name, r.capacity, r.min_minutes, r.max_minutes, r.buffer_minutes,
  r.opening_hours, p.opening_hours as place_opening_hours, reg.name as region,
  s.cancel_notice_hours, s.half_day_split_minute, r.active, r.free`;

export interface ResourceRow {
  id: string;
  place_id: string;
  place_name: string;
  place_slug: string;
  place_status: string;
  operator_organization_id: string | null;
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
  free: boolean;
}

export const resourceOf = (row: ResourceRow): ResourceContext => ({
  id: row.id,
  placeId: row.place_id,
  placeName: row.place_name,
  placeSlug: row.place_slug,
  placeStatus: row.place_status,
  operatorOrganizationId: row.operator_organization_id,
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
  free: row.free,
});

export async function resourceContext(db: Db, resourceId: string): Promise<ResourceContext> {
  const [row] = await queryRows<ResourceRow>(db, sql`select ${RESOURCE_COLUMNS} from ${RESOURCES_WITH_RULES} where r.id = ${resourceId}::uuid`);
  if (!row) throw notFound('booking_resource_not_found');
  return resourceOf(row);
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

/** Bookings `b` matching `where` (their resource is `r`, their place `p`), in the order of the day. */
export async function findBookings(db: Db, where: SQL): Promise<Booking[]> {
  const rows = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings b join booking_resources r on r.id = b.resource_id join places p on p.id = b.place_id
        where ${where} order by b.day, b.start_minute, b.created_at`,
  );
  return rows.map(bookingOf);
}

/** One booking with its place's operator (what `can` decides on); 404 when there is none. */
export async function bookingById(db: Db, id: string): Promise<Booking & { operatorOrganizationId: string | null }> {
  const [found] = await queryRows<BookingRow & { operator_organization_id: string | null }>(
    db,
    sql`select ${BOOKING_COLUMNS}, p.operator_organization_id from bookings b join booking_resources r on r.id = b.resource_id
        join places p on p.id = b.place_id where b.id = ${id}::uuid`,
  );
  if (!found) throw notFound('booking_not_found');
  return { ...bookingOf(found), operatorOrganizationId: found.operator_organization_id };
}
