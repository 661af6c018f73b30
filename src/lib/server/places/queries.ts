import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { queryRows, type Db } from '../db/database.ts';
import { toCents, toEuros } from '../../money.ts';
import { columnOfField, PLACE_FIELD_NAMES, placeField, type PlaceFields } from './model.ts';
import { weekdaysOfMask } from './opening-hours.ts';
import { places, type PlaceKind, type PlaceService, type PlaceStatus, type Weekday } from './schema.ts';

/** What a place needs to know of its commune. */
export interface CommuneInfo {
  code: string;
  name: string;
  kind: 'commune' | 'arrondissement';
  parentCode: string | null;
  departement: string;
  region: string;
  regionName: string;
  epci: { code: string; name: string } | null;
  postalCodes: string[];
  lat: number;
  lon: number;
}

interface CommuneInfoRecord {
  code: string;
  name: string;
  kind: 'commune' | 'arrondissement';
  parent_code: string | null;
  departement_code: string;
  region_code: string;
  region_name: string;
  epci_siren: string | null;
  epci_name: string | null;
  postal_codes: string[] | null;
  lat: number;
  lon: number;
}

/** The communes of these codes (unknown codes are simply absent from the map). */
export async function loadCommunes(db: Db, codes: readonly string[]): Promise<Map<string, CommuneInfo>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<CommuneInfoRecord>(
    db,
    sql`select c.code, c.name, c.kind, c.parent_code, c.departement_code, c.region_code, r.name as region_name,
               c.epci_siren, e.name as epci_name, c.postal_codes, c.lat, c.lon
        from communes c
        join regions r on r.code = c.region_code
        left join epcis e on e.siren = c.epci_siren
        where c.code in (select value from json_array_elements_text(${JSON.stringify(unique)}::json))`,
  );
  return new Map(
    rows.map((r) => [
      r.code,
      {
        code: r.code,
        name: r.name,
        kind: r.kind,
        parentCode: r.parent_code,
        departement: r.departement_code,
        region: r.region_code,
        regionName: r.region_name,
        epci: r.epci_siren ? { code: r.epci_siren, name: r.epci_name ?? '' } : null,
        postalCodes: r.postal_codes ?? [],
        lat: Number(r.lat),
        lon: Number(r.lon),
      },
    ]),
  );
}

type PlaceRow = typeof places.$inferSelect;
type PlaceColumn = keyof PlaceRow;

/** The columns of `places` that are no field of a place: its id, what is derived from the fields, bookkeeping. */
export const NOT_FIELD_COLUMNS = ['id', 'openDays', 'synthetic', 'searchVector', 'sortName', 'createdAt', 'updatedAt'] as const satisfies readonly PlaceColumn[];
/** Derived for searching and sorting, never read back. */
const UNREAD_COLUMNS = ['searchVector', 'sortName'] as const satisfies readonly PlaceColumn[];
type ReadColumn = Exclude<PlaceColumn, (typeof UNREAD_COLUMNS)[number]>;

/** A column's name in the database: its key in snake_case, as the database is cased, unless it names itself (`surface_m2`). */
export function columnName(key: PlaceColumn): string {
  const column = places[key];
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

/** `descriptionFr` → `description_fr`, `surfaceM2` → `surface_m2`: `columnName` for types (a test checks they agree). */
type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}` ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}` : S;

/** Every column of `places` read by `PLACE_COLUMNS`, as the drivers return it (snake_case). */
export type PlaceRecord = { [K in ReadColumn as SnakeCase<K>]: PlaceRow[K] extends Date ? string | Date : PlaceRow[K] };

const isDate = (key: PlaceColumn) => places[key].getSQLType() === 'date';

/** Every column of the place, in the order of the table, for `select ${PLACE_COLUMNS} from places p`. */
export const PLACE_COLUMNS = sql.raw(
  (Object.keys(getTableColumns(places)) as PlaceColumn[])
    .filter((key) => !(UNREAD_COLUMNS as readonly PlaceColumn[]).includes(key))
    .map((key) => {
      const name = columnName(key);
      // As text: a date column would come back as a Date at midnight in the server's time zone (written back by `updateAssignments`).
      return isDate(key) ? `to_char(p.${name}, 'YYYY-MM-DD') as ${name}` : `p.${name}`;
    })
    .join(', '),
);

const num = (value: unknown): number | null => (value == null ? null : Number(value));

export const isoTime = (value: string | Date): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** A place's fields from its row: numbers as numbers whatever the driver, prices in euros. */
export function fieldsOfRecord(r: PlaceRecord): PlaceFields {
  const record: Record<string, unknown> = r;
  return Object.fromEntries(
    PLACE_FIELD_NAMES.map((field) => {
      const column = columnOfField(field);
      const value = record[columnName(column)];
      if (places[column].dataType !== 'number') return [field, value];
      return [field, placeField(field).cents ? toEuros(num(value)) : num(value)];
    }),
  ) as PlaceFields;
}

/** The values of the columns holding a place's fields, under Drizzle's keys. */
export type FieldColumns = Omit<typeof places.$inferInsert, (typeof NOT_FIELD_COLUMNS)[number]>;

/** A place's fields as the columns holding them, prices in cents. */
export function columnsOfFields(fields: PlaceFields): FieldColumns {
  return Object.fromEntries(
    PLACE_FIELD_NAMES.map((field) => [columnOfField(field), placeField(field).cents ? toCents(fields[field] as number | null) : fields[field]]),
  ) as FieldColumns;
}

/** `column = value, …` for a row of `places` (arrays as text[], dates from their text). */
export function updateAssignments(row: Partial<typeof places.$inferInsert>): SQL {
  return sql.join(
    (Object.entries(row) as [PlaceColumn, unknown][]).map(([key, value]) => {
      const column = sql.identifier(columnName(key));
      if (Array.isArray(value)) return sql`${column} = ${textArray(value as string[])}`;
      if (isDate(key)) return sql`${column} = ${value}::date`;
      return sql`${column} = ${value}`;
    }),
    sql`, `,
  );
}

/** A place in a list, on a map or in an export. */
export interface PlaceItem {
  id: string;
  slug: string;
  name: string;
  kind: PlaceKind;
  communeCode: string;
  communeName: string;
  lat: number;
  lon: number;
  /** false: the point is the commune's. */
  coordinatesExact: boolean;
  desks: number | null;
  services: PlaceService[];
  /** Euros. */
  dayPrice: number | null;
  status: PlaceStatus;
  /** Weekdays on which the place opens in a typical week. */
  openDays: Weekday[];
  /** Great-circle km to the point searched around, when there is one. */
  distanceKm?: number;
}

export interface PlaceItemRecord {
  id: string;
  slug: string;
  name: string;
  kind: PlaceKind;
  commune_code: string;
  commune_name: string;
  lat: number;
  lon: number;
  coordinates_exact: boolean;
  desks: number | null;
  services: PlaceService[] | null;
  day_price_cents: number | null;
  status: PlaceStatus;
  open_days: number;
  distance_km?: number | string | null;
}

export const ITEM_COLUMNS = sql`p.id, p.slug, p.name, p.kind, p.commune_code, c.name as commune_name, p.lat, p.lon,
  p.coordinates_exact, p.desks, p.services, p.day_price_cents, p.status, p.open_days`;

export function itemOfRecord(r: PlaceItemRecord): PlaceItem {
  const item: PlaceItem = {
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    lat: Number(r.lat),
    lon: Number(r.lon),
    coordinatesExact: r.coordinates_exact,
    desks: num(r.desks),
    services: r.services ?? [],
    dayPrice: toEuros(num(r.day_price_cents)),
    status: r.status,
    openDays: weekdaysOfMask(Number(r.open_days)),
  };
  if (r.distance_km != null) item.distanceKm = Number(r.distance_km);
  return item;
}



/** A literal text array from values checked against a vocabulary (no quoting needed, but parameters anyway). */
export const textArray = (values: readonly string[]): SQL =>
  values.length === 0 ? sql`'{}'::text[]` : sql`array[${sql.join(values.map((v) => sql`${v}::text`), sql`, `)}]`;
