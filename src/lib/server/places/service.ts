import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { DomainError, invalid, notFound, type FieldIssue } from '../errors.ts';
import { distanceKm } from '../territory/index.ts';
import {
  diffFields,
  foldText,
  invalidFields,
  MAX_KM_FROM_COMMUNE,
  MAX_KM_FROM_COMMUNE_GUYANE,
  normaliseLanguages,
  normaliseServices,
  parsePlaceInput,
  parsePlacePatch,
  searchQuery,
  searchVector,
  slugify,
  toCents,
  UUID_PATTERN,
  type ParsedPatch,
  type PlaceChanges,
  type PlaceFields,
} from './model.ts';
import { openDaysOf, openingHoursSummary, weekdayBit, weekdaysOfMask, type OpeningHoursSummary } from './opening-hours.ts';
import {
  earthPoint,
  fieldsOfRecord,
  isoTime,
  ITEM_COLUMNS,
  itemOfRecord,
  loadCommunes,
  PLACE_COLUMNS,
  textArray,
  type CommuneInfo,
  type PlaceItem,
  type PlaceItemRecord,
  type PlaceRecord,
} from './queries.ts';
import { placeHistory, placeKinds, places, placeServices, placeStatuses, weekdays, type PlaceKind, type PlaceService, type PlaceStatus, type Weekday } from './schema.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const DEFAULT_RADIUS_KM = 30;
export const MAX_RADIUS_KM = 500;
export const MAX_QUERY_LENGTH = 100;
export const DEFAULT_NEAREST = 5;
/** Statuses listed when the search names none: never closed places unless asked. */
export const DEFAULT_STATUSES: readonly PlaceStatus[] = ['open', 'project'];

/** A place as its page shows it. */
export interface Place extends PlaceFields {
  id: string;
  commune: {
    code: string;
    name: string;
    postalCodes: string[];
    departement: string;
    region: string;
    epci: { code: string; name: string } | null;
  };
  /** Weekdays on which it opens in a typical week (from `openingHours`). */
  openDays: Weekday[];
  /** The typical week of `openingHours`, for display; null when no hours are given. */
  openingHoursSummary: OpeningHoursSummary | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PlaceWriteOptions {
  /** Who makes the change (an account id later; `admin`, `import`, `demo` for now). */
  changedBy?: string;
  /** Optimistic check: the `updatedAt` the editor saw; a different one means someone saved in between. */
  expectedUpdatedAt?: string | Date;
}

// ————— Fields → row —————

/** The columns computed from the fields. */
export interface DerivedColumns {
  /** `tsvector` text of the words searched by `q`. */
  searchVector: string;
  sortName: string;
  openDays: number;
}

export function derivedColumns(fields: PlaceFields, commune: Pick<CommuneInfo, 'name' | 'regionName'>): DerivedColumns {
  return {
    searchVector: searchVector(fields.name, fields.operatorName ?? '', commune.name, fields.descriptionFr, fields.descriptionEn),
    sortName: foldText(fields.name),
    openDays: openDaysOf(fields.openingHours, { region: commune.regionName }),
  };
}

/** The row to write, without id and timestamps. */
export function rowOfFields(fields: PlaceFields, derived: DerivedColumns) {
  return {
    slug: fields.slug,
    name: fields.name,
    kind: fields.kind,
    descriptionFr: fields.descriptionFr,
    descriptionEn: fields.descriptionEn,
    communeCode: fields.communeCode,
    address: fields.address,
    lat: fields.lat,
    lon: fields.lon,
    coordinatesExact: fields.coordinatesExact,
    desks: fields.desks,
    surfaceM2: fields.surfaceM2,
    internetMbps: fields.internetMbps,
    services: fields.services,
    openingHours: fields.openingHours,
    openDays: derived.openDays,
    dayPriceCents: toCents(fields.dayPrice),
    halfDayPriceCents: toCents(fields.halfDayPrice),
    monthPriceCents: toCents(fields.monthPrice),
    carnet10PriceCents: toCents(fields.carnet10Price),
    operatorName: fields.operatorName,
    operatorKind: fields.operatorKind,
    operatorOrganisationId: fields.operatorOrganisationId,
    openedOn: fields.openedOn,
    status: fields.status,
    contactEmail: fields.contactEmail,
    contactPhone: fields.contactPhone,
    website: fields.website,
    languages: fields.languages,
    searchVector: derived.searchVector,
    sortName: derived.sortName,
  };
}

const EMPTY: Omit<PlaceFields, 'slug' | 'name' | 'kind' | 'communeCode' | 'lat' | 'lon'> = {
  descriptionFr: '',
  descriptionEn: '',
  address: null,
  coordinatesExact: false,
  desks: null,
  surfaceM2: null,
  internetMbps: null,
  services: [],
  openingHours: null,
  dayPrice: null,
  halfDayPrice: null,
  monthPrice: null,
  carnet10Price: null,
  operatorName: null,
  operatorKind: null,
  operatorOrganisationId: null,
  openedOn: null,
  status: 'open',
  contactEmail: null,
  contactPhone: null,
  website: null,
  languages: [],
};

/**
 * Applies a validated patch to a place's fields (or to empty ones for a new place), then checks what
 * needs the database: the commune exists, an exact point lies near it, the opening hours evaluate.
 * Coordinates: `coordinatesExact` false (or no point given) puts the place at its commune's point.
 */
/** Slugs that are pages of the directory (`/lieux/nouveau`): no place may take them. */
export const RESERVED_PLACE_SLUGS: ReadonlySet<string> = new Set(['nouveau']);

export function completeFields(
  base: PlaceFields | null,
  patch: ParsedPatch,
  commune: CommuneInfo | undefined,
  slug: string,
): { fields: PlaceFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as ParsedPatch;
  const start = base ?? ({ ...EMPTY, slug, name: '', kind: 'coworking', communeCode: '', lat: 0, lon: 0 } as PlaceFields);
  const merged = { ...start, ...defined } as PlaceFields;
  merged.slug = slug;
  // Whatever writes the place (the editing forms, the API, a CSV import, the demo), its page must be reachable.
  if (slug !== base?.slug && RESERVED_PLACE_SLUGS.has(slug)) issues.push({ path: 'slug', message: 'place_edit_slug_reserved', params: { slug } });

  const pointGiven = defined.lat != null || defined.lon != null;
  const pointCleared = patch.lat === null || patch.lon === null;
  // A place moved to another commune without a new point goes to that commune's point.
  const movedWithoutPoint = base !== null && defined.communeCode !== undefined && defined.communeCode !== base.communeCode;
  const exact =
    defined.coordinatesExact ?? (pointGiven ? true : pointCleared || movedWithoutPoint ? false : (base?.coordinatesExact ?? false));
  merged.coordinatesExact = exact;
  if (!commune) {
    issues.push({ path: 'communeCode', message: 'place_commune_unknown', params: { code: merged.communeCode } });
  } else if (!exact) {
    merged.lat = commune.lat;
    merged.lon = commune.lon;
  } else {
    const lat = defined.lat ?? (base?.coordinatesExact ? base.lat : null);
    const lon = defined.lon ?? (base?.coordinatesExact ? base.lon : null);
    if (lat == null || lon == null) {
      issues.push({ path: lat == null ? 'lat' : 'lon', message: 'place_coordinates_incomplete' });
    } else {
      merged.lat = lat;
      merged.lon = lon;
      const km = distanceKm(lat, lon, commune.lat, commune.lon);
      const max = commune.departement === '973' ? MAX_KM_FROM_COMMUNE_GUYANE : MAX_KM_FROM_COMMUNE;
      if (km > max) {
        issues.push({
          path: 'lat',
          message: 'place_coordinates_far_from_commune',
          params: { km: Math.round(km), max, commune: commune.name },
        });
      }
    }
  }
  merged.services = normaliseServices(merged.services);
  merged.languages = normaliseLanguages(merged.languages);
  if (merged.openingHours != null) {
    try {
      merged.openingHours = openingHoursSummary(merged.openingHours, { region: commune?.regionName }).value;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      issues.push({ path: 'openingHours', message: error.code, params: error.params });
    }
  }
  return { fields: merged, issues };
}

// ————— Slugs —————

/** Slugs in use that start with `base`. */
async function slugsLike(db: Db, base: string): Promise<Set<string>> {
  // A slug holds only [a-z0-9-]: no LIKE wildcard can slip in.
  const rows = await queryRows<{ slug: string }>(db, sql`select slug from places where slug like ${`${base}%`}`);
  return new Set(rows.map((r) => r.slug));
}

/** A free slug made from the name (then name and commune, then a number). `reserved`: slugs taken elsewhere (an import's rows). */
export async function freeSlug(db: Db, name: string, communeName: string, reserved: ReadonlySet<string> = new Set()): Promise<string> {
  const base = slugify(name);
  const withCommune = slugify(`${name} ${communeName}`);
  const taken = new Set([...(await slugsLike(db, base)), ...(await slugsLike(db, withCommune)), ...reserved, ...RESERVED_PLACE_SLUGS]);
  for (const candidate of [base, withCommune]) if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken.has(`${withCommune}-${n}`)) return `${withCommune}-${n}`;
}

async function slugOwner(db: Db, slug: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id from places where slug = ${slug}`);
  return row?.id ?? null;
}

// ————— Reading —————

async function findRecord(db: Db, idOrSlug: string, lock = false): Promise<PlaceRecord | null> {
  const key = idOrSlug.trim();
  const where = UUID_PATTERN.test(key) ? sql`p.id = ${key.toLowerCase()}::uuid` : sql`p.slug = ${key.toLowerCase()}`;
  const [row] = await queryRows<PlaceRecord>(db, sql`select ${PLACE_COLUMNS} from places p where ${where} ${lock ? sql`for update` : sql``}`);
  return row ?? null;
}

function placeOf(record: PlaceRecord, commune: CommuneInfo): Place {
  const fields = fieldsOfRecord(record);
  let summary: OpeningHoursSummary | null = null;
  if (fields.openingHours) {
    try {
      summary = openingHoursSummary(fields.openingHours, { region: commune.regionName });
    } catch {
      summary = null; // stored before a change of the package's rules: shown raw
    }
  }
  return {
    id: record.id,
    ...fields,
    commune: {
      code: commune.code,
      name: commune.name,
      postalCodes: commune.postalCodes,
      departement: commune.departement,
      region: commune.region,
      epci: commune.epci,
    },
    openDays: weekdaysOfMask(Number(record.open_days)),
    openingHoursSummary: summary,
    synthetic: record.synthetic,
    createdAt: isoTime(record.created_at),
    updatedAt: isoTime(record.updated_at),
  };
}

/** A place by id (UUID) or slug; `place_not_found` otherwise. */
export async function getPlace(db: Db, idOrSlug: string): Promise<Place> {
  const record = await findRecord(db, idOrSlug);
  if (!record) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
  const communes = await loadCommunes(db, [record.commune_code]);
  return placeOf(record, communes.get(record.commune_code)!);
}

export async function findPlace(db: Db, idOrSlug: string): Promise<Place | null> {
  try {
    return await getPlace(db, idOrSlug);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'place_not_found') return null;
    throw error;
  }
}

export interface PlaceHistoryEntry {
  id: string;
  changedAt: string;
  changedBy: string;
  changes: PlaceChanges;
}

/** The changes of a place, latest first. */
export async function placeHistoryOf(db: Db, idOrSlug: string, limit = 50): Promise<PlaceHistoryEntry[]> {
  const record = await findRecord(db, idOrSlug);
  if (!record) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
  const rows = await queryRows<{ id: string; changed_at: string | Date; changed_by: string; changes: PlaceChanges | string }>(
    db,
    sql`select id, changed_at, changed_by, changes from place_history where place_id = ${record.id}::uuid
        order by changed_at desc, id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    changedAt: isoTime(r.changed_at),
    changedBy: r.changed_by,
    changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as PlaceChanges) : r.changes,
  }));
}

// ————— Writing —————

async function recordHistory(db: Db, placeId: string, changedBy: string, changes: PlaceChanges): Promise<void> {
  await db.insert(placeHistory).values({ placeId, changedBy, changes: changes as Record<string, { from: unknown; to: unknown }> });
}

/**
 * Creates a place from an input (see `PlaceInput`): validated, its commune checked, its coordinates the
 * commune's unless an exact point is given, its slug made from the name unless given. Recorded in history.
 */
export async function createPlace(db: Db, input: unknown, options: PlaceWriteOptions = {}): Promise<Place> {
  const patch = parsePlaceInput(input);
  const communes = await loadCommunes(db, [patch.communeCode!]);
  const commune = communes.get(patch.communeCode!);
  const id = await db.transaction(async (tx) => {
    let slug: string;
    if (patch.slug) {
      if (await slugOwner(tx, patch.slug)) throw new DomainError('conflict', 'place_slug_taken', { slug: patch.slug });
      slug = patch.slug;
    } else {
      slug = await freeSlug(tx, patch.name!, commune?.name ?? '');
    }
    const { fields, issues } = completeFields(null, patch, commune, slug);
    if (issues.length > 0) throw invalidFields(issues);
    const [row] = await tx
      .insert(places)
      .values(rowOfFields(fields, derivedColumns(fields, commune!)))
      .returning({ id: places.id });
    await recordHistory(tx, row!.id, options.changedBy ?? 'system', diffFields(null, fields));
    return row!.id;
  });
  return getPlace(db, id);
}

/**
 * Changes the given fields of a place (null clears an optional one). Records the changed fields with
 * their values before and after; a patch that changes nothing writes nothing.
 */
export async function updatePlace(db: Db, idOrSlug: string, input: unknown, options: PlaceWriteOptions = {}): Promise<Place> {
  const patch = parsePlacePatch(input);
  const id = await db.transaction(async (tx) => {
    const record = await findRecord(tx, idOrSlug, true);
    if (!record) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
    if (options.expectedUpdatedAt !== undefined && isoTime(options.expectedUpdatedAt) !== isoTime(record.updated_at)) {
      throw new DomainError('conflict', 'place_update_conflict', { updatedAt: isoTime(record.updated_at) });
    }
    const before = fieldsOfRecord(record);
    const communeCode = patch.communeCode ?? before.communeCode;
    const commune = (await loadCommunes(tx, [communeCode])).get(communeCode);
    const slug = patch.slug ?? before.slug;
    if (slug !== before.slug) {
      const owner = await slugOwner(tx, slug);
      if (owner && owner !== record.id) throw new DomainError('conflict', 'place_slug_taken', { slug });
    }
    const { fields, issues } = completeFields(before, patch, commune, slug);
    if (issues.length > 0) throw invalidFields(issues);
    const changes = diffFields(before, fields);
    if (Object.keys(changes).length === 0) return record.id;
    await tx.execute(sql`update places set ${updateAssignments(rowOfFields(fields, derivedColumns(fields, commune!)))}, updated_at = now()
                         where id = ${record.id}::uuid`);
    await recordHistory(tx, record.id, options.changedBy ?? 'system', changes);
    return record.id;
  });
  return getPlace(db, id);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `column = value, …` for a row of `places` (arrays as text[]). */
export function updateAssignments(row: ReturnType<typeof rowOfFields>): SQL {
  return sql.join(
    Object.entries(row).map(([key, value]) => {
      const column = sql.identifier(snake(key));
      if (Array.isArray(value)) return sql`${column} = ${textArray(value as string[])}`;
      if (key === 'openedOn') return sql`${column} = ${value}::date`;
      return sql`${column} = ${value}`;
    }),
    sql`, `,
  );
}

// ————— Search —————

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
  near?: { lat: number; lon: number } | { code: string };
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

interface SearchPlan {
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

async function planSearch(db: Db, search: PlaceSearch): Promise<SearchPlan> {
  const page = search.page ?? 1;
  const perPage = search.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) throw invalid('place_page_invalid');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) throw invalid('place_per_page_invalid', { max: MAX_PER_PAGE });
  if (search.radiusKm !== undefined && !(Number.isFinite(search.radiusKm) && search.radiusKm > 0 && search.radiusKm <= MAX_RADIUS_KM)) {
    throw invalid('place_radius_invalid', { max: MAX_RADIUS_KM });
  }
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
    const radiusKm = search.radiusKm ?? DEFAULT_RADIUS_KM;
    if ('code' in search.near) {
      const code = search.near.code.toUpperCase();
      const commune = (await loadCommunes(db, [code])).get(code);
      if (!commune) throw invalid('place_near_commune_unknown', { code: code.slice(0, 10) });
      near = { lat: commune.lat, lon: commune.lon, radiusKm, commune: { code: commune.code, name: commune.name } };
    } else {
      const { lat, lon } = search.near;
      if (!(Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
        throw invalid('near_out_of_range');
      }
      near = { lat, lon, radiusKm, commune: null };
    }
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
  if (search.maxDayPrice !== undefined) conditions.push(sql`p.day_price_cents <= ${Math.round(search.maxDayPrice * 100)}`);
  if (search.openOn !== undefined) conditions.push(sql`(p.open_days & ${weekdayBit(search.openOn)}) <> 0`);
  // The box (a little larger than the circle) uses the GiST index; the great-circle distance, computed
  // from lat/lon with built-in functions (measured 6× cheaper than earth_distance on PGlite), trims its corners.
  if (near) conditions.push(sql`earth_box(${earthPoint(near)}, ${near.radiusKm * 1000 * 1.001}::float8) @> ll_to_earth(p.lat, p.lon)`);
  const whereInBox = sql.join(conditions, sql` and `);
  if (near) conditions.push(withinRadius(near, greatCircleMeters(near)));
  const selective = conditions.length > (search.includeSynthetic ? 1 : 2);
  return { where: sql.join(conditions, sql` and `), whereInBox, selective, near, page, perPage };
}

/** `meters` (SQL) at most the radius of `near`. */
const withinRadius = (near: ResolvedNear, meters: SQL): SQL => sql`${meters} <= ${near.radiusKm * 1000}::float8`;

/** Radius of the sphere of `earthdistance` (`earth()`), so that distances agree with its boxes. */
const EARTH_RADIUS_M = 6_378_168;

/** Great-circle metres from a point to the place (haversine), as SQL. */
function greatCircleMeters(point: { lat: number; lon: number }): SQL {
  const lat = sql`${point.lat}::float8`;
  const lon = sql`${point.lon}::float8`;
  return sql`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1::float8, sqrt(
    power(sin(radians(p.lat - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(p.lat)) * power(sin(radians(p.lon - ${lon}) / 2), 2)))))`;
}

/** `distanceKm` from metres, as SQL. */
const roundedKm = (meters: SQL): SQL => sql`round((${meters} / 1000)::numeric, 2)`;

/**
 * The order of a search and its exports: nearest first, by the great-circle distance that `distanceKm` shows
 * (computed from lat/lon: `ll_to_earth` per row costs about 7 µs on PGlite), then by name.
 */
function searchOrder(near: ResolvedNear | null): SQL {
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

/** Every place matching the filters (page and perPage ignored), in search order. */
export async function listPlaceItems(db: Db, search: PlaceSearch = {}): Promise<{ items: PlaceItem[]; near: ResolvedNear | null }> {
  const { json, near } = await placeFeaturesJson(db, search);
  return { items: (JSON.parse(json) as { properties: PlaceItem }[]).map((feature) => feature.properties), near };
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

/** The places nearest to a place (itself left out), nearest first, with their distance. */
export async function nearestPlaces(
  db: Db,
  idOrSlug: string,
  limit = DEFAULT_NEAREST,
  options: { includeSynthetic?: boolean; status?: readonly PlaceStatus[] } = {},
): Promise<PlaceItem[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PER_PAGE) throw invalid('limit_out_of_range', { max: MAX_PER_PAGE });
  const record = await findRecord(db, idOrSlug);
  if (!record) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
  const statuses = options.status ?? DEFAULT_STATUSES;
  const point = { lat: Number(record.lat), lon: Number(record.lon) };
  // Ordered by the distance of the position index (`<->`, the same order as the great circle's), which finds
  // the nearest without reading the others.
  const nearest = sql`ll_to_earth(p.lat, p.lon) <-> ${earthPoint(point)}, p.sort_name, p.id`;
  const rows = await queryRows<PlaceItemRecord>(
    db,
    sql`select ${ITEM_COLUMNS}, ${roundedKm(greatCircleMeters(point))} as distance_km
        from (select ${PAGE_COLUMNS} from places p
              where p.id <> ${record.id}::uuid and p.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})
                ${options.includeSynthetic ? sql`` : sql`and not p.synthetic`}
              order by ${nearest} limit ${limit}) p
        join communes c on c.code = p.commune_code
        order by ${nearest}`,
  );
  return rows.map(itemOfRecord);
}

// ————— Territory views —————

export type PlaceArea = { commune: string } | { epci: string } | { departement: string };

export interface AreaPlaces {
  area: { kind: 'commune' | 'epci' | 'departement'; code: string; name: string; population: number };
  /** Open places and projects (closed and synthetic ones left out), by name. */
  places: PlaceItem[];
  /** Desks of the open places (projects' planned desks are not seats yet). */
  desks: number;
  openPlaces: number;
  projects: number;
  /** Open places whose number of desks is not known (counted as 0). */
  openPlacesWithoutDesks: number;
  /** Desks per 10,000 inhabitants (INSEE population of the loaded COG edition); null for no population. */
  seatsPer10000: number | null;
  /**
   * For an EPCI or a département: its two most populated communes and the share of the area's desks
   * they hold (0–1; null when the area has no desks).
   */
  largestCommunes: {
    communes: { code: string; name: string; population: number; desks: number }[];
    desks: number;
    share: number | null;
  } | null;
}

/**
 * The places of a commune (with its arrondissements), an EPCI or a département, with their desks,
 * desks per 10,000 inhabitants and, for an EPCI or a département, the share held by its two largest communes.
 */
export async function placesOfArea(db: Db, area: PlaceArea): Promise<AreaPlaces> {
  let kind: AreaPlaces['area']['kind'];
  let code: string;
  let name: string;
  let population: number;
  let communeWhere: SQL;
  if ('commune' in area) {
    kind = 'commune';
    code = area.commune.toUpperCase();
    const [row] = await queryRows<{ name: string; population: number }>(db, sql`select name, population from communes where code = ${code}`);
    if (!row) throw notFound('commune_not_found', { code: code.slice(0, 10) });
    name = row.name;
    population = Number(row.population);
    communeWhere = sql`(c.code = ${code} or c.parent_code = ${code})`;
  } else {
    const isEpci = 'epci' in area;
    kind = isEpci ? 'epci' : 'departement';
    code = isEpci ? area.epci : area.departement.toUpperCase();
    const [row] = await queryRows<{ name: string }>(
      db,
      isEpci ? sql`select name from epcis where siren = ${code}` : sql`select name from departements where code = ${code}`,
    );
    if (!row) throw notFound(isEpci ? 'epci_not_found' : 'departement_not_found', { code: code.slice(0, 20) });
    name = row.name;
    communeWhere = isEpci ? sql`c.epci_siren = ${code}` : sql`c.departement_code = ${code}`;
    const [sum] = await queryRows<{ population: number | string | null }>(
      db,
      sql`select sum(c.population) as population from communes c where c.kind = 'commune' and ${communeWhere}`,
    );
    population = Number(sum?.population ?? 0);
  }

  const rows = await queryRows<PlaceItemRecord & { main_commune: string }>(
    db,
    sql`select ${ITEM_COLUMNS}, coalesce(c.parent_code, c.code) as main_commune
        from places p join communes c on c.code = p.commune_code
        where ${communeWhere} and p.status in ('open', 'project') and not p.synthetic
        order by p.sort_name, p.id`,
  );
  const items = rows.map(itemOfRecord);
  const open = items.filter((item) => item.status === 'open');
  const desks = open.reduce((sum, item) => sum + (item.desks ?? 0), 0);

  let largestCommunes: AreaPlaces['largestCommunes'] = null;
  if (kind !== 'commune') {
    const largest = await queryRows<{ code: string; name: string; population: number }>(
      db,
      sql`select c.code, c.name, c.population from communes c where c.kind = 'commune' and ${communeWhere}
          order by c.population desc, c.code limit 2`,
    );
    const desksOf = (communeCode: string) =>
      rows.reduce((sum, row, i) => (row.main_commune === communeCode && items[i]!.status === 'open' ? sum + (items[i]!.desks ?? 0) : sum), 0);
    const communes = largest.map((c) => ({ code: c.code, name: c.name, population: Number(c.population), desks: desksOf(c.code) }));
    const largestDesks = communes.reduce((sum, c) => sum + c.desks, 0);
    largestCommunes = { communes, desks: largestDesks, share: desks > 0 ? largestDesks / desks : null };
  }

  return {
    area: { kind, code, name, population },
    places: items,
    desks,
    openPlaces: open.length,
    projects: items.length - open.length,
    openPlacesWithoutDesks: open.filter((item) => item.desks == null).length,
    seatsPer10000: population > 0 ? Math.round((desks * 10_000 * 100) / population) / 100 : null,
    largestCommunes,
  };
}
