import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { toEuros } from '../../money.ts';
import type { PlaceFields } from './model.ts';
import { weekdaysOfMask } from './opening-hours.ts';
import type { OperatorKind, PlaceKind, PlaceService, PlaceStatus, Weekday } from './schema.ts';

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

/** Every column of `places`, as the drivers return it (snake_case). */
export interface PlaceRecord {
  id: string;
  slug: string;
  name: string;
  kind: PlaceKind;
  description_fr: string;
  description_en: string;
  commune_code: string;
  address: string | null;
  lat: number;
  lon: number;
  coordinates_exact: boolean;
  desks: number | null;
  surface_m2: number | null;
  internet_mbps: number | null;
  services: PlaceService[] | null;
  opening_hours: string | null;
  open_days: number;
  day_price_cents: number | null;
  half_day_price_cents: number | null;
  month_price_cents: number | null;
  carnet10_price_cents: number | null;
  operator_name: string | null;
  operator_kind: OperatorKind | null;
  operator_organization_id: string | null;
  opened_on: string | Date | null;
  status: PlaceStatus;
  contact_email: string | null;
  contact_phone: string | null;
  website: string | null;
  languages: string[] | null;
  synthetic: boolean;
  created_at: string | Date;
  updated_at: string | Date;
}

/** Every column of the place, in the order of the table, for `select ${PLACE_COLUMNS} from places p`. */
export const PLACE_COLUMNS = sql.raw(
  [
    'id',
    'slug',
    'name',
    'kind',
    'description_fr',
    'description_en',
    'commune_code',
    'address',
    'lat',
    'lon',
    'coordinates_exact',
    'desks',
    'surface_m2',
    'internet_mbps',
    'services',
    'opening_hours',
    'open_days',
    'day_price_cents',
    'half_day_price_cents',
    'month_price_cents',
    'carnet10_price_cents',
    'operator_name',
    'operator_kind',
    'operator_organization_id',
    // As text: a date column would come back as a Date at midnight in the server's time zone.
    "to_char(p.opened_on, 'YYYY-MM-DD') as opened_on",
    'status',
    'contact_email',
    'contact_phone',
    'website',
    'languages',
    'synthetic',
    'created_at',
    'updated_at',
  ]
    .map((column) => (column.includes(' ') ? column : `p.${column}`))
    .join(', '),
);

const num = (value: number | string | null): number | null => (value == null ? null : Number(value));

export const isoTime = (value: string | Date): string => (value instanceof Date ? value : new Date(value)).toISOString();

export function fieldsOfRecord(r: PlaceRecord): PlaceFields {
  return {
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    descriptionFr: r.description_fr,
    descriptionEn: r.description_en,
    communeCode: r.commune_code,
    address: r.address,
    lat: Number(r.lat),
    lon: Number(r.lon),
    coordinatesExact: r.coordinates_exact,
    desks: num(r.desks),
    surfaceM2: num(r.surface_m2),
    internetMbps: num(r.internet_mbps),
    services: r.services ?? [],
    openingHours: r.opening_hours,
    dayPrice: toEuros(num(r.day_price_cents)),
    halfDayPrice: toEuros(num(r.half_day_price_cents)),
    monthPrice: toEuros(num(r.month_price_cents)),
    carnet10Price: toEuros(num(r.carnet10_price_cents)),
    operatorName: r.operator_name,
    operatorKind: r.operator_kind,
    operatorOrganizationId: r.operator_organization_id,
    openedOn: r.opened_on == null ? null : typeof r.opened_on === 'string' ? r.opened_on : r.opened_on.toISOString().slice(0, 10),
    status: r.status,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    website: r.website,
    languages: r.languages ?? [],
  };
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
