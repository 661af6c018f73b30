import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { invalid, notFound } from '../errors.ts';
import { checkPoint, greatCircleMeters, nearestFirst, roundedKm, type LatLon, type Location } from '../geo/index.ts';
import { selectCommunes, type Commune } from './queries.ts';
import { departements, epcis, regions } from './schema.ts';
import { foldName, searchPrefixes } from './search-name.ts';

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;
export const MAX_QUERY_LENGTH = 100;

/** Communes whose name starts with the query, largest first; an exact name comes before longer ones. */
export async function searchCommunesByName(db: Db, query: string, limit = DEFAULT_LIMIT): Promise<Commune[]> {
  const prefixes = searchPrefixes(query);
  if (prefixes.length === 0) return [];
  // Folded names hold only letters, digits and spaces, so no LIKE wildcard can slip in.
  const matches = sql.join(
    prefixes.map((prefix) => sql`search_name like ${`${prefix}%`}`),
    sql` or `,
  );
  const exact = foldName(query);
  // Two index-friendly parts: the exact name (equality), then the largest others, ranked from the
  // covering name index (see schema.ts) without reading the table.
  return selectCommunes(
    db,
    sql`select code, row_number() over (order by exact desc, population desc, code) as rank from (
          (select code, population, true as exact from communes where search_name = ${exact}
            order by population desc, code limit ${limit})
          union all
          (select code, population, false from communes where (${matches}) and search_name <> ${exact}
            order by population desc nulls last, code limit ${limit})
        ) candidates
        order by rank limit ${limit}`,
  );
}

/** Every commune (and arrondissement) served by a postal code, largest first. */
export async function searchCommunesByPostalCode(db: Db, postalCode: string, limit = MAX_LIMIT): Promise<Commune[]> {
  return selectCommunes(
    db,
    sql`select c.code, row_number() over (order by c.kind, c.population desc, c.code) as rank
        from commune_postal_codes p join communes c on c.code = p.commune_code
        where p.postal_code = ${postalCode}
        order by rank limit ${limit}`,
  );
}

/** Communes nearest to a point, with their distance (great circle, km). */
export async function nearestCommunes(
  db: Db,
  point: LatLon,
  limit = DEFAULT_LIMIT,
  options: { excludeCode?: string } = {},
): Promise<Commune[]> {
  return selectCommunes(
    db,
    sql`select code, row_number() over (order by distance, population desc, code) as rank from (
          select code, population, ${nearestFirst(point, sql`lat`, sql`lon`)} as distance from communes
          where code <> ${options.excludeCode ?? ''} and kind = 'commune'
          order by distance limit ${limit}) nearest`,
    sql`, ${roundedKm(greatCircleMeters(point, sql`c.lat`, sql`c.lon`))} as distance_km`,
  );
}

/** A location as a point: a commune's own, or the point given. */
export interface ResolvedLocation extends LatLon {
  /** When the location was a commune. */
  commune: Commune | null;
}

/**
 * The one resolution of a location (see `geo/location.ts`) for every domain: an unknown commune is
 * `location_commune_unknown` (on `field` when given, for a form), a point out of range `near_out_of_range`.
 */
export async function resolveLocation(db: Db, location: Location, field?: string): Promise<ResolvedLocation> {
  if (!('code' in location)) {
    checkPoint(location);
    return { lat: location.lat, lon: location.lon, commune: null };
  }
  const code = location.code.toUpperCase();
  const commune = await findCommune(db, code);
  if (!commune) {
    const params = { code: code.slice(0, 10) };
    throw invalid('location_commune_unknown', params, field ? [{ path: field, message: 'location_commune_unknown', params }] : undefined);
  }
  return { lat: commune.lat, lon: commune.lon, commune };
}

export async function findCommune(db: Db, code: string): Promise<Commune | null> {
  const [commune] = await selectCommunes(db, sql`select code, 1 as rank from communes where code = ${code}`);
  return commune ?? null;
}

export async function getCommune(db: Db, code: string): Promise<Commune> {
  const commune = await findCommune(db, code);
  if (!commune) throw notFound('commune_not_found', { code });
  return commune;
}

export interface Epci {
  code: string;
  name: string;
  kind: string;
  /** Total population of the member communes (INSEE), as summed here. */
  population: number;
  members: Commune[];
}

export async function getEpci(db: Db, siren: string): Promise<Epci> {
  const [epci] = await db.select().from(epcis).where(eq(epcis.siren, siren));
  if (!epci) throw notFound('epci_not_found', { code: siren });
  const members = await communesOf(db, { epci: siren });
  return {
    code: epci.siren,
    name: epci.name,
    kind: epci.kind,
    population: members.reduce((sum, c) => sum + c.population, 0),
    members,
  };
}

/** The communes of an EPCI, a département or a région, largest first (arrondissements left out). */
export async function communesOf(
  db: Db,
  area: { epci: string } | { departement: string } | { region: string },
): Promise<Commune[]> {
  const where =
    'epci' in area
      ? sql`epci_siren = ${area.epci}`
      : 'departement' in area
        ? sql`departement_code = ${area.departement}`
        : sql`region_code = ${area.region}`;
  return selectCommunes(
    db,
    sql`select code, row_number() over (order by population desc, code) as rank
        from communes where kind = 'commune' and ${where}`,
  );
}

export async function getDepartement(db: Db, code: string) {
  const [row] = await db.select().from(departements).where(eq(departements.code, code));
  if (!row) throw notFound('departement_not_found', { code });
  return row;
}

export async function getRegion(db: Db, code: string) {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  if (!row) throw notFound('region_not_found', { code });
  return row;
}

export type CommuneSearch =
  | { q: string; limit?: number }
  | { postalCode: string; limit?: number }
  | { near: Location; limit?: number };

/** One entry point for the three kinds of search the API and the search box offer. */
export async function searchCommunes(db: Db, search: CommuneSearch): Promise<Commune[]> {
  // A postal code serves a few communes at most (46 for the largest): list them all.
  const limit = search.limit ?? ('postalCode' in search ? MAX_LIMIT : DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid('limit_out_of_range', { max: MAX_LIMIT });
  if ('q' in search) return searchCommunesByName(db, search.q, limit);
  if ('postalCode' in search) return searchCommunesByPostalCode(db, search.postalCode, limit);
  return nearestCommunes(db, await resolveLocation(db, search.near), limit);
}

/** How a commune is shown in a picker, and read back: `Luzech (46140)`. */
export function communeLabel(commune: Commune): string {
  return commune.postalCodes[0] ? `${commune.name} (${commune.postalCodes[0]})` : commune.name;
}

export interface CommuneChoice {
  /** The commune the text designates, when it designates exactly one. */
  selected: Commune | null;
  /** Otherwise the communes it may designate (several communes share most postal codes). */
  candidates: Commune[];
}

/**
 * Reads what a person typed in a commune field: a postal code (then the commune among those it serves),
 * a name, or a label given back by the picker (`Luzech (46140)`).
 */
export async function resolveCommuneText(db: Db, text: string, limit = 10): Promise<CommuneChoice> {
  const trimmed = text.trim().slice(0, MAX_QUERY_LENGTH);
  const one = (communes: Commune[]): CommuneChoice =>
    communes.length === 1 ? { selected: communes[0]!, candidates: [] } : { selected: null, candidates: communes };
  if (!trimmed) return { selected: null, candidates: [] };
  const label = /^(.*\S)\s*\((\d{5})\)$/.exec(trimmed);
  if (label) {
    const folded = foldName(label[1]!);
    const served = await searchCommunesByPostalCode(db, label[2]!);
    const named = served.filter((c) => foldName(c.name) === folded);
    return named.length > 0 ? one(named) : one(served);
  }
  if (/^\d{5}$/.test(trimmed)) {
    const served = (await searchCommunesByPostalCode(db, trimmed)).filter((c) => c.kind === 'commune');
    if (served.length > 0) return one(served);
  }
  if (/^(\d{2}|2A|2B)\d{3}$/i.test(trimmed)) {
    const commune = await findCommune(db, trimmed.toUpperCase());
    if (commune) return one([commune]);
  }
  const named = await searchCommunesByName(db, trimmed, limit);
  const exact = named.filter((c) => foldName(c.name) === foldName(trimmed));
  return exact.length === 1 ? one(exact) : one(named);
}

/**
 * A commune field of a form: the code chosen earlier stands while the text still designates it
 * (its label, name or one of its postal codes); otherwise the text is read again.
 */
export async function resolveCommuneField(db: Db, code: string, text: string): Promise<CommuneChoice> {
  const commune = /^(\d{2}|2A|2B)\d{3}$/i.test(code) ? await findCommune(db, code.toUpperCase()) : null;
  const typed = text.trim();
  if (
    commune &&
    (typed === '' ||
      typed === communeLabel(commune) ||
      commune.postalCodes.includes(typed) ||
      foldName(typed) === foldName(commune.name))
  ) {
    return { selected: commune, candidates: [] };
  }
  return resolveCommuneText(db, typed);
}

/**
 * A commune field that must name one commune or be left empty (a person's home commune): the commune, null
 * when empty, or a refusal on `path` when the text names none or several (a postal code serving several
 * communes is never settled silently: the person chooses).
 */
export async function chosenCommune(db: Db, code: string, text: string, path: string): Promise<Commune | null> {
  if (text.trim() === '' && code.trim() === '') return null;
  const choice = await resolveCommuneField(db, code, text);
  if (choice.selected) return choice.selected;
  const query = text.trim().slice(0, MAX_QUERY_LENGTH);
  const issue =
    choice.candidates.length > 0
      ? { path, message: 'commune_choose_one', params: { query } }
      : { path, message: 'commune_no_match', params: { query } };
  throw invalid('invalid_input', { count: 1 }, [issue]);
}
