import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { DomainError, notFound, type FieldIssue } from '../errors.ts';
import { distanceKm } from '../geo/index.ts';
import { toEuros } from '../../money.ts';
import { inFrance } from '../../france.ts';
import {
  columnOfField,
  diffFields,
  foldText,
  invalidFields,
  MAX_KM_FROM_COMMUNE,
  MAX_KM_FROM_COMMUNE_GUYANE,
  normaliseLanguages,
  normaliseServices,
  parsePlaceInput,
  parsePlacePatch,
  PLACE_FIELD_NAMES,
  searchVector,
  slugify,
  type ParsedPatch,
  type PlaceChanges,
  type PlaceFields,
} from './model.ts';
import { openDaysOf, openingHoursSummary } from './opening-hours.ts';
import { columnsOfFields, fieldsOfRecord, isoTime, loadCommunes, updateAssignments, type CommuneInfo } from './queries.ts';
import { placeHistory, places } from './schema.ts';
import { findRecord, getPlace, type Place } from './service.ts';

// Creating and changing places: fields to row, slugs, history.

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
  return { ...columnsOfFields(fields), ...derived };
}

/** A new place's fields before its input: each column's default, an empty list, or null. */
const EMPTY = Object.fromEntries<unknown>(
  PLACE_FIELD_NAMES.map((field) => {
    const column = places[columnOfField(field)];
    return [field, column.dataType === 'array' ? [] : (column.default ?? null)];
  }),
) as PlaceFields;

/** Slugs that are pages of the directory (`/lieux/nouveau`): no place may take them. */
export const RESERVED_PLACE_SLUGS: ReadonlySet<string> = new Set(['nouveau']);

/**
 * Applies a validated patch to a place's fields (or to empty ones for a new place), then checks what
 * needs the database: the commune exists, an exact point lies near it, the opening hours evaluate.
 * Coordinates: `coordinatesExact` false (or no point given) puts the place at its commune's point.
 */
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
      const km = distanceKm({ lat, lon }, commune);
      const max = commune.departement === '973' ? MAX_KM_FROM_COMMUNE_GUYANE : MAX_KM_FROM_COMMUNE;
      // Outside France first (a swapped LAT,LON, a point abroad), then too far from the commune (a typo).
      if (!inFrance(lat, lon)) {
        issues.push({ path: 'lat', message: 'place_coordinates_outside_france', params: { commune: commune.name } });
      } else if (km > max) {
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


// ————— Prices —————

/** The directory's figures of a place, in cents: each the lowest public price of the place's active offers of its kind. */
export interface PlacePriceFigures {
  dayPriceCents: number | null;
  halfDayPriceCents: number | null;
  monthPriceCents: number | null;
  carnet10PriceCents: number | null;
}

/**
 * Writes the directory's price figures of a place, a copy of its offers kept in the place's row so that
 * searching and sorting read one table. Only the booking domain calls it, in the transaction that changes
 * an offer (nobody types these figures). A change is recorded in the place's history, as any other.
 */
export async function setPlacePrices(db: Db, placeId: string, figures: PlacePriceFigures, changedBy = 'system'): Promise<void> {
  const record = await findRecord(db, placeId, true);
  if (!record) throw notFound('place_not_found', { id: placeId.slice(0, 100) });
  const before = fieldsOfRecord(record);
  const after: PlaceFields = {
    ...before,
    dayPrice: toEuros(figures.dayPriceCents),
    halfDayPrice: toEuros(figures.halfDayPriceCents),
    monthPrice: toEuros(figures.monthPriceCents),
    carnet10Price: toEuros(figures.carnet10PriceCents),
  };
  const changes = diffFields(before, after);
  if (Object.keys(changes).length === 0) return;
  await db.execute(sql`update places set day_price_cents = ${figures.dayPriceCents}, half_day_price_cents = ${figures.halfDayPriceCents},
                         month_price_cents = ${figures.monthPriceCents}, carnet10_price_cents = ${figures.carnet10PriceCents}, updated_at = now()
                       where id = ${record.id}::uuid`);
  await recordHistory(db, record.id, changedBy, changes);
}
