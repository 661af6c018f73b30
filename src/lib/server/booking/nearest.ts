import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { greatCircleMeters, nearestFirst, roundedKm, roundKm, type Location } from '../geo/index.ts';
import { resolveLocation } from '../territory/index.ts';
import { DESK_POOL_PRICED } from './queries.ts';

export interface NearestBookablePlace {
  placeId: string;
  slug: string;
  name: string;
  communeCode: string;
  communeName: string;
  distanceKm: number;
}

/** How many places a dead end offers. */
export const NEAREST_BOOKABLE_LIMIT = 3;

/**
 * The open places with desks to book (an active desk pool) nearest to a commune or point, whatever the
 * distance: what a search that found nothing within its radius offers instead of a dead end. The same places
 * `availabilityNear` lists, found by the position index in distance order without a radius.
 */
export async function nearestBookablePlaces(db: Db, near: Location, limit = NEAREST_BOOKABLE_LIMIT): Promise<NearestBookablePlace[]> {
  const point = await resolveLocation(db, near);
  const rows = await queryRows<{ id: string; slug: string; name: string; commune_code: string; commune_name: string; distance_km: string | number }>(
    db,
    sql`select p.id, p.slug, p.name, p.commune_code, c.name as commune_name, ${roundedKm(greatCircleMeters(point))} as distance_km
        from (select p.* from places p
              where p.status = 'open'
                and exists (select 1 from booking_resources r where r.place_id = p.id and r.kind = 'desk-pool' and r.active = 1 and ${DESK_POOL_PRICED})
              order by ${nearestFirst(point)}, p.id limit ${limit}) p
        join communes c on c.code = p.commune_code
        order by ${nearestFirst(point)}, p.id`,
  );
  return rows.map((r) => ({
    placeId: r.id,
    slug: r.slug,
    name: r.name,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    distanceKm: roundKm(Number(r.distance_km)),
  }));
}
