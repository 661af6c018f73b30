import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { roundedKm, greatCircleMeters } from '../geo/index.ts';
import { weekdaysOfMask } from './opening-hours.ts';
import { PLACE_COLUMNS, type PlaceRecord } from './queries.ts';
import { planSearch, searchOrder, type PlaceSearch, type ResolvedNear } from './search.ts';

// What the open-data exports (GeoJSON, CSV) read: every place of a search, in search order.

/** `openDays` of each bit mask, looked up by the database when it writes JSON. */
const OPEN_DAYS_JSON = JSON.stringify(Array.from({ length: 128 }, (_, mask) => weekdaysOfMask(mask)));

/**
 * Every place matching the filters (page and perPage ignored), in search order, as the JSON text of a
 * GeoJSON `features` array: built by the database in one value, since reading 20,000 rows one by one
 * through PGlite costs more than a second.
 */
export async function placeFeaturesJson(db: Db, search: PlaceSearch = {}): Promise<{ json: string; count: number; near: ResolvedNear | null }> {
  const plan = await planSearch(db, { ...search, page: undefined, perPage: undefined });
  const distance = plan.near ? sql`, 'distanceKm', ${roundedKm(greatCircleMeters(plan.near))}` : sql``;
  const [row] = await queryRows<{ features: string | null; count: number | string }>(
    db,
    sql`select json_agg(json_build_object(
              'type', 'Feature',
              'id', p.id,
              'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(p.lon, p.lat)),
              'properties', json_build_object(
                'id', p.id, 'slug', p.slug, 'name', p.name, 'kind', p.kind, 'communeCode', p.commune_code,
                'communeName', c.name, 'lat', p.lat, 'lon', p.lon, 'coordinatesExact', p.coordinates_exact,
                'desks', p.desks, 'services', p.services, 'dayPrice', p.day_price_cents::float8 / 100, 'status', p.status,
                'openDays', ${OPEN_DAYS_JSON}::jsonb -> p.open_days::int ${distance}))
            order by ${searchOrder(plan.near)})::text as features,
            count(*) as count
        from places p join communes c on c.code = p.commune_code
        where ${plan.where}`,
  );
  return { json: row?.features ?? '[]', count: Number(row?.count ?? 0), near: plan.near };
}

/** Every place matching the filters, with all its columns and commune: for the CSV export. */
export async function listPlaceRecords(
  db: Db,
  search: PlaceSearch = {},
): Promise<{ record: PlaceRecord; commune: { name: string; postalCodes: string[] } }[]> {
  const plan = await planSearch(db, { ...search, page: undefined, perPage: undefined });
  const rows = await queryRows<PlaceRecord & { commune_name: string; commune_postal_codes: string[] | null }>(
    db,
    sql`select ${PLACE_COLUMNS}, c.name as commune_name, c.postal_codes as commune_postal_codes
        from places p join communes c on c.code = p.commune_code where ${plan.where} order by ${searchOrder(plan.near)}`,
  );
  return rows.map((row) => ({ record: row, commune: { name: row.commune_name, postalCodes: row.commune_postal_codes ?? [] } }));
}

