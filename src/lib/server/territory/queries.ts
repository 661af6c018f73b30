import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { CoordinatesSource, CommuneKind } from './schema.ts';

export interface Commune {
  code: string;
  name: string;
  kind: CommuneKind;
  parentCode: string | null;
  postalCodes: string[];
  population: number;
  departement: string;
  region: string;
  epci: { code: string; name: string } | null;
  lat: number;
  lon: number;
  coordinatesSource: CoordinatesSource;
  /** Only for searches around a point. */
  distanceKm?: number;
}

interface CommuneRecord {
  code: string;
  name: string;
  kind: CommuneKind;
  parent_code: string | null;
  postal_codes: string[] | null;
  population: number;
  departement_code: string;
  region_code: string;
  epci_siren: string | null;
  epci_name: string | null;
  lat: number;
  lon: number;
  coordinates_source: CoordinatesSource;
  distance_km?: number | string | null;
}

function toCommune(r: CommuneRecord): Commune {
  const commune: Commune = {
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentCode: r.parent_code,
    postalCodes: r.postal_codes ?? [],
    population: Number(r.population),
    departement: r.departement_code,
    region: r.region_code,
    epci: r.epci_siren ? { code: r.epci_siren, name: r.epci_name ?? '' } : null,
    lat: Number(r.lat),
    lon: Number(r.lon),
    coordinatesSource: r.coordinates_source,
  };
  if (r.distance_km != null) commune.distanceKm = Number(r.distance_km);
  return commune;
}

/**
 * Selects communes in the order given by `ranked`, a query returning `code` and `rank`
 * (the ranking runs on narrow index scans; details are joined for the few rows kept).
 */
export async function selectCommunes(db: Db, ranked: SQL, extra: SQL = sql``): Promise<Commune[]> {
  const rows = await queryRows<CommuneRecord>(
    db,
    sql`
    with ranked as (${ranked})
    select c.code, c.name, c.kind, c.parent_code, c.population, c.departement_code, c.region_code,
           c.epci_siren, e.name as epci_name, c.lat, c.lon, c.coordinates_source, c.postal_codes
           ${extra}
    from ranked r
    join communes c on c.code = r.code
    left join epcis e on e.siren = c.epci_siren
    order by r.rank`);
  return rows.map(toCommune);
}
