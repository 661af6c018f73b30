import { sql, type SQL } from 'drizzle-orm';
import { UUID_PATTERN } from './contracts.ts';

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
