import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { PlaceStatus } from './schema.ts';

/** What the observatory counts of a place: public directory fields only. */
export interface PlaceFact {
  slug: string;
  name: string;
  status: PlaceStatus;
  /** The commune (an arrondissement's commune for a place in Paris, Lyon or Marseille). */
  communeCode: string;
  desks: number | null;
  openedYear: number | null;
  lat: number;
  lon: number;
}

/** Every place of the public directory (synthetic ones left out), in one read: a few thousand rows at most. */
export async function placeFacts(db: Db): Promise<PlaceFact[]> {
  const rows = await queryRows<{
    slug: string;
    name: string;
    status: PlaceStatus;
    commune_code: string;
    desks: number | null;
    opened_year: number | string | null;
    lat: number;
    lon: number;
  }>(
    db,
    sql`select p.slug, p.name, p.status, coalesce(c.parent_code, c.code) as commune_code, p.desks,
               extract(year from p.opened_on)::int as opened_year, p.lat, p.lon
        from places p join communes c on c.code = p.commune_code
        where not p.synthetic
        order by p.slug`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    status: r.status,
    communeCode: r.commune_code,
    desks: r.desks == null ? null : Number(r.desks),
    openedYear: r.opened_year == null ? null : Number(r.opened_year),
    lat: Number(r.lat),
    lon: Number(r.lon),
  }));
}
