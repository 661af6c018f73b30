import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, notFound } from '../errors.ts';
import {
  checkRadius,
  DEFAULT_RADIUS_KM,
  greatCircleMeters,
  inEarthBox,
  MAX_RADIUS_KM,
  NEARBY_PLACES_KM,
  nearestFirst,
  roundedKm,
  type LatLon,
  type Location,
} from '../geo/index.ts';
import { toCents } from '../../money.ts';
import { resolveLocation } from '../territory/index.ts';
import { searchQuery } from './model.ts';
import { weekdayBit } from './opening-hours.ts';
import { ITEM_COLUMNS, itemOfRecord, textArray, type PlaceItem, type PlaceItemRecord } from './queries.ts';
import { placeKinds, placeServices, placeStatuses, weekdays, type PlaceKind, type PlaceService, type PlaceStatus, type Weekday } from './schema.ts';
import { findRecord } from './service.ts';

// Searching places: the plan of a search (its checks and SQL conditions), a page of results, the nearest.

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_QUERY_LENGTH = 100;
export const DEFAULT_NEAREST = 5;
/** Statuses listed when the search names none: never closed places unless asked. */
export const DEFAULT_STATUSES: readonly PlaceStatus[] = ['open', 'project'];

export interface PlaceSearch {
  /** Full text over name, operator, descriptions and commune: every word, the last one as a prefix. */
  q?: string;
  /** INSEE code: the commune (with its arrondissements for Paris, Lyon, Marseille). */
  commune?: string;
  postalCode?: string;
  /** SIREN of an EPCI. */
  epci?: string;
  departement?: string;
  /** Around a point, or a commune's point. */
  near?: Location;
  /** With `near`: default 30, more than 0 and at most 500. */
  radiusKm?: number;
  kind?: PlaceKind | readonly PlaceKind[];
  /** Places offering every one of these. */
  services?: readonly PlaceService[];
  /** Euros: places whose day price is known and at most this. */
  maxDayPrice?: number;
  /** Open at some time on this weekday in a typical week. */
  openOn?: Weekday;
  /** Default: open and project places. */
  status?: PlaceStatus | readonly PlaceStatus[];
  /** Synthetic (benchmark) places are left out unless asked for. */
  includeSynthetic?: boolean;
  page?: number;
  perPage?: number;
}

export interface ResolvedNear {
  lat: number;
  lon: number;
  radiusKm: number;
  /** When `near` was a commune. */
  commune: { code: string; name: string } | null;
}

export interface PlaceSearchResult {
  items: PlaceItem[];
  total: number;
  page: number;
  perPage: number;
  /** The point searched around, when there is one. */
  near: ResolvedNear | null;
}

const asList = <T>(value: T | readonly T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? [...(value as T[])] : [value as T]);

export interface SearchPlan {
  /** Every condition of the search. */
  where: SQL;
  /** The same but the exact distance to `near`: its box only. */
  whereInBox: SQL;
  /** A filter other than status and synthetic (text, area, attributes, radius): matches are a subset of unknown shape. */
  selective: boolean;
  near: ResolvedNear | null;
  page: number;
  perPage: number;
}

/** The `tsquery` text of a search: every folded word as a prefix (`'cowork':* & 'cabr':*`); null for none. */
export function textQuery(q: string): string | null {
  return searchQuery(q);
}

/** Checks a search and turns it into SQL conditions (shared with the exports). */
export async function planSearch(db: Db, search: PlaceSearch): Promise<SearchPlan> {
  const page = search.page ?? 1;
  const perPage = search.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) throw invalid('place_page_invalid');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) throw invalid('place_per_page_invalid', { max: MAX_PER_PAGE });
  if (search.radiusKm !== undefined) checkRadius(search.radiusKm, MAX_RADIUS_KM);
  if (search.maxDayPrice !== undefined && !(Number.isFinite(search.maxDayPrice) && search.maxDayPrice >= 0)) {
    throw invalid('place_max_day_price_invalid');
  }
  if (search.q !== undefined && search.q.length > MAX_QUERY_LENGTH) throw invalid('query_too_long', { max: MAX_QUERY_LENGTH });
  const kinds = asList(search.kind);
  if (kinds.some((kind) => !placeKinds.includes(kind))) throw invalid('place_kind_invalid');
  const services = asList(search.services);
  if (services.some((service) => !placeServices.includes(service))) throw invalid('place_service_unknown');
  const statuses = search.status === undefined ? [...DEFAULT_STATUSES] : asList(search.status);
  if (statuses.length === 0 || statuses.some((status) => !placeStatuses.includes(status))) throw invalid('place_status_invalid');
  if (search.openOn !== undefined && !weekdays.includes(search.openOn)) throw invalid('place_weekday_invalid');

  let near: ResolvedNear | null = null;
  if (search.near) {
    const { lat, lon, commune } = await resolveLocation(db, search.near);
    near = { lat, lon, radiusKm: search.radiusKm ?? DEFAULT_RADIUS_KM, commune: commune && { code: commune.code, name: commune.name } };
  }

  // Every condition reads `places` alone (communes through semi-joins): counting needs no join.
  const conditions: SQL[] = [sql`p.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})`];
  if (!search.includeSynthetic) conditions.push(sql`not p.synthetic`);
  const tsquery = search.q === undefined ? null : textQuery(search.q);
  // Lexemes are our folded words: the query is cast, not parsed, so both sides read words the same way.
  if (tsquery) conditions.push(sql`p.search_vector @@ ${tsquery}::tsquery`);
  if (search.commune !== undefined) {
    const code = search.commune.toUpperCase();
    conditions.push(sql`p.commune_code in (select code from communes where code = ${code} or parent_code = ${code})`);
  }
  if (search.postalCode !== undefined) {
    conditions.push(sql`p.commune_code in (select commune_code from commune_postal_codes where postal_code = ${search.postalCode})`);
  }
  if (search.epci !== undefined) conditions.push(sql`p.commune_code in (select code from communes where epci_siren = ${search.epci})`);
  if (search.departement !== undefined) {
    conditions.push(sql`p.commune_code in (select code from communes where departement_code = ${search.departement.toUpperCase()})`);
  }
  if (kinds.length > 0) conditions.push(sql`p.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`);
  if (services.length > 0) conditions.push(sql`p.services @> ${textArray(services)}`);
  if (search.maxDayPrice !== undefined) conditions.push(sql`p.day_price_cents <= ${toCents(search.maxDayPrice)}`);
  if (search.openOn !== undefined) conditions.push(sql`(p.open_days & ${weekdayBit(search.openOn)}) <> 0`);
  // The box (a little larger than the circle) uses the GiST index; the great-circle distance trims its corners.
  if (near) conditions.push(inEarthBox(near, near.radiusKm));
  const whereInBox = sql.join(conditions, sql` and `);
  if (near) conditions.push(withinRadius(near, greatCircleMeters(near)));
  const selective = conditions.length > (search.includeSynthetic ? 1 : 2);
  return { where: sql.join(conditions, sql` and `), whereInBox, selective, near, page, perPage };
}

/** `meters` (SQL) at most the radius of `near`. */
const withinRadius = (near: ResolvedNear, meters: SQL): SQL => sql`${meters} <= ${near.radiusKm * 1000}::float8`;

/**
 * The order of a search and its exports: nearest first, by the great-circle distance that `distanceKm` shows
 * (computed from lat/lon: `ll_to_earth` per row costs about 7 µs on PGlite), then by name.
 */
export function searchOrder(near: ResolvedNear | null): SQL {
  return near ? sql`${greatCircleMeters(near)}, p.sort_name, p.id` : sql`p.sort_name, p.id`;
}

const PAGE_COLUMNS = sql`p.id, p.slug, p.name, p.kind, p.commune_code, p.lat, p.lon, p.coordinates_exact, p.desks, p.services,
  p.day_price_cents, p.status, p.open_days, p.sort_name`;

/**
 * Searches places: every filter given must hold. Sorted by distance when `near` is given (with
 * `distanceKm`), else by name. Paginated: `total` counts every match.
 */
export async function searchPlaces(db: Db, search: PlaceSearch = {}): Promise<PlaceSearchResult> {
  const plan = await planSearch(db, search);
  const offset = (plan.page - 1) * plan.perPage;
  const result = (items: PlaceItemRecord[], total: number): PlaceSearchResult => ({
    items: items.map(itemOfRecord),
    total,
    page: plan.page,
    perPage: plan.perPage,
    near: plan.near,
  });
  if (plan.selective) {
    // The matches are collected once (by an index: full text, area, the box around a point), then counted and a
    // page of them sorted, in one statement. Walking the name index instead can read most of the table when the
    // matches all sort late; a count then a page would find the matches twice. Around a point, each match's
    // distance is computed once, here, and orders the page.
    const near = plan.near;
    const rows = await queryRows<PlaceItemRecord & { total: number | string }>(
      db,
      // `offset 0` keeps the radius test out of the scan, where the planner would compute the distance twice.
      sql`with matches as materialized (
                 select * from (select p.id, p.sort_name, ${near ? greatCircleMeters(near) : sql`null::float8`} as meters
                                from places p where ${plan.whereInBox} offset 0) candidates
                 ${near ? sql`where ${withinRadius(near, sql`meters`)}` : sql``}),
               page as (select * from matches order by meters, sort_name, id limit ${plan.perPage} offset ${offset})
          select t.total, ${ITEM_COLUMNS} ${near ? sql`, ${roundedKm(sql`page.meters`)} as distance_km` : sql``}
          from (select count(*) as total from matches) t
          left join page on true
          left join places p on p.id = page.id
          left join communes c on c.code = p.commune_code
          order by page.meters, p.sort_name, p.id`,
    );
    return result(
      rows.filter((row) => row.id != null),
      Number(rows[0]?.total ?? 0),
    );
  }
  const [counted] = await queryRows<{ total: number | string }>(db, sql`select count(*) as total from places p where ${plan.where}`);
  const total = Number(counted?.total ?? 0);
  const rows =
    total === 0 || offset >= total
      ? []
      : await queryRows<PlaceItemRecord>(
          db,
          // No filter but status: the page is the first rows of the name index, then joined to its communes' names.
          sql`select ${ITEM_COLUMNS}
              from (select ${PAGE_COLUMNS} from places p where ${plan.where} order by p.sort_name, p.id
                    limit ${plan.perPage} offset ${offset}) p
              join communes c on c.code = p.commune_code
              order by p.sort_name, p.id`,
        );
  return result(rows, total);
}


/**
 * The places nearest to a place (itself left out) within `withinKm` (default 100 km: "other places nearby"
 * never lists places hundreds of km away), nearest first, with their distance.
 */
export async function nearestPlaces(
  db: Db,
  idOrSlug: string,
  limit = DEFAULT_NEAREST,
  options: { includeSynthetic?: boolean; status?: readonly PlaceStatus[]; withinKm?: number } = {},
): Promise<PlaceItem[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PER_PAGE) throw invalid('limit_out_of_range', { max: MAX_PER_PAGE });
  const record = await findRecord(db, idOrSlug);
  if (!record) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
  const statuses = options.status ?? DEFAULT_STATUSES;
  const point: LatLon = { lat: Number(record.lat), lon: Number(record.lon) };
  const withinKm = checkRadius(options.withinKm ?? NEARBY_PLACES_KM);
  const nearest = sql`${nearestFirst(point)}, p.sort_name, p.id`;
  const rows = await queryRows<PlaceItemRecord>(
    db,
    sql`select ${ITEM_COLUMNS}, ${roundedKm(greatCircleMeters(point))} as distance_km
        from (select ${PAGE_COLUMNS} from places p
              where p.id <> ${record.id}::uuid and p.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})
                ${options.includeSynthetic ? sql`` : sql`and not p.synthetic`}
                and ${inEarthBox(point, withinKm)} and ${greatCircleMeters(point)} <= ${withinKm * 1000}::float8
              order by ${nearest} limit ${limit}) p
        join communes c on c.code = p.commune_code
        order by ${nearest}`,
  );
  return rows.map(itemOfRecord);
}

