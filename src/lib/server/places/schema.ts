import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  primaryKey,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { communes } from '../territory/schema.ts';

/** What a place is. `tiers-lieu`: a social or cultural third place. */
export const placeKinds = ['coworking', 'telecentre', 'fablab', 'tiers-lieu', 'public-workspace'] as const;
export type PlaceKind = (typeof placeKinds)[number];

/** Who runs it. `public-private`: a council and a private operator together (e.g. a public service delegation). */
export const operatorKinds = ['independent', 'large-operator', 'public-private', 'council', 'association'] as const;
export type OperatorKind = (typeof operatorKinds)[number];

/** `project`: announced, not open yet (its desks are planned ones). */
export const placeStatuses = ['project', 'open', 'closed'] as const;
export type PlaceStatus = (typeof placeStatuses)[number];

/**
 * The fixed vocabulary of services (the measured internet speed is a column of its own, `internetMbps`):
 *
 * | code | meaning |
 * |---|---|
 * | `meeting-room` | a meeting room that can be booked |
 * | `private-offices` | closed offices rented by the month |
 * | `domiciliation` | registered business address (*domiciliation d'entreprise*) |
 * | `reception` | staffed reception hours |
 * | `kitchen` | a kitchen or a place to eat |
 * | `printer` | printer and scanner |
 * | `phone-booth` | a closed booth for calls |
 * | `videoconference` | equipment for video calls in a room |
 * | `car-parking` | car parking nearby for users |
 * | `bike-parking` | bicycle parking |
 * | `reduced-mobility-access` | accessible to people with reduced mobility |
 * | `event-space` | a space for events, workshops and training |
 * | `fablab-tools` | machines and tools (3D printer, laser cutter, workshop) |
 * | `childcare` | childcare on site or arranged |
 */
export const placeServices = [
  'meeting-room',
  'private-offices',
  'domiciliation',
  'reception',
  'kitchen',
  'printer',
  'phone-booth',
  'videoconference',
  'car-parking',
  'bike-parking',
  'reduced-mobility-access',
  'event-space',
  'fablab-tools',
  'childcare',
] as const;
export type PlaceService = (typeof placeServices)[number];

/** Days of the week as in OpenStreetMap `opening_hours`; bit `i` of `open_days` is `weekdays[i]`. */
export const weekdays = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Weekday = (typeof weekdays)[number];

/** A `tsvector` written as its text form (`'word' 'other'`): lexemes we fold ourselves, taken literally. */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const places = pgTable(
  'places',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    kind: text({ enum: placeKinds }).notNull(),
    descriptionFr: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    communeCode: text()
      .notNull()
      .references(() => communes.code),
    address: text(),
    lat: doublePrecision().notNull(),
    lon: doublePrecision().notNull(),
    /** false: the point is the commune's, not the place's (shown as approximate). */
    coordinatesExact: boolean().notNull().default(false),
    desks: integer(),
    surfaceM2: integer('surface_m2'),
    /** Measured download speed, Mbit/s. */
    internetMbps: integer(),
    services: text().array().notNull().default(sql`'{}'::text[]`),
    /** OpenStreetMap `opening_hours` syntax, as given. */
    openingHours: text(),
    /** Derived from `openingHours` at write time: bit i set when open on weekdays[i] in a typical week. */
    openDays: smallint().notNull().default(0),
    dayPriceCents: integer(),
    halfDayPriceCents: integer(),
    monthPriceCents: integer(),
    carnet10PriceCents: integer('carnet10_price_cents'),
    operatorName: text(),
    operatorKind: text({ enum: operatorKinds }),
    /** The operator's organization once accounts exist. */
    operatorOrganizationId: text(),
    openedOn: date({ mode: 'string' }),
    status: text({ enum: placeStatuses }).notNull().default('open'),
    contactEmail: text(),
    contactPhone: text(),
    website: text(),
    /** ISO 639-1 codes. */
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    /** Generated for benchmarks and load tests; never listed unless asked for. */
    synthetic: boolean().notNull().default(false),
    /**
     * The words of the name, operator, commune and descriptions, folded (no accents or case) by the app and
     * stored as lexemes: full-text search matches them as prefixes, the same way on PGlite and PostgreSQL
     * (neither loads `unaccent`), and a search that matches most rows reads them instead of re-parsing text.
     */
    searchVector: tsvector().notNull().default(sql`''::tsvector`),
    /** Name folded for sorting the same way on every engine and collation. */
    sortName: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('places_position_idx').using('gist', sql`ll_to_earth(${table.lat}, ${table.lon})`),
    index('places_commune_idx').on(table.communeCode),
    index('places_status_idx').on(table.status),
    index('places_sort_name_idx').on(table.sortName, table.id),
    // A small pending list (64 kB, the least allowed; the default is 4 MB): every search reads the whole list, and
    // the planner, counting its pages, took the index for a slow one and scanned the table instead. PGlite has no
    // autovacuum to empty it; the list is merged into the index each time it fills, in one cheap batch.
    index('places_search_vector_idx').using('gin', table.searchVector).with({ gin_pending_list_limit: 64 }),
    check('places_kind_check', sql`${table.kind} in (${inList(placeKinds)})`),
    check('places_status_check', sql`${table.status} in (${inList(placeStatuses)})`),
    check('places_operator_kind_check', sql`${table.operatorKind} is null or ${table.operatorKind} in (${inList(operatorKinds)})`),
    check('places_services_check', sql`${table.services} <@ array[${inList(placeServices)}]::text[]`),
    check('places_languages_check', sql`array_to_string(${table.languages}, ',') ~ '^([a-z]{2}(,[a-z]{2})*)?$'`),
    check('places_slug_check', sql`${table.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('places_lat_check', sql`${table.lat} between -90 and 90`),
    check('places_lon_check', sql`${table.lon} between -180 and 180`),
    check('places_open_days_check', sql`${table.openDays} between 0 and 127`),
    check(
      'places_non_negative_check',
      sql`coalesce(${table.desks}, 0) >= 0 and coalesce(${table.surfaceM2}, 0) >= 0
        and coalesce(${table.internetMbps}, 0) >= 0 and coalesce(${table.dayPriceCents}, 0) >= 0
        and coalesce(${table.halfDayPriceCents}, 0) >= 0 and coalesce(${table.monthPriceCents}, 0) >= 0
        and coalesce(${table.carnet10PriceCents}, 0) >= 0`,
    ),
  ],
);

/** One edit of a place: each changed field with its value before and after. */
export const placeHistory = pgTable(
  'place_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    changedBy: text().notNull(),
    changes: jsonb().$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (table) => [index('place_history_place_idx').on(table.placeId, table.changedAt)],
);

/** Binary data (`bytea`), as a Node Buffer on both drivers. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A photo of a place, in the order the place shows them (`position` 0 first: the card's photo). The bytes are
 * in `place_photo_variants`, so listing photos reads none of them. Deleted with the place.
 */
export const placePhotos = pgTable(
  'place_photos',
  {
    id: uuid().primaryKey().defaultRandom(),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    altFr: text().notNull(),
    altEn: text().notNull().default(''),
    /** The size of the largest variant, upright (EXIF orientation applied). */
    width: integer().notNull(),
    height: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: text().notNull(),
  },
  (table) => [
    index('place_photos_place_idx').on(table.placeId, table.position),
    check('place_photos_position_check', sql`${table.position} >= 0`),
    check('place_photos_size_check', sql`${table.width} > 0 and ${table.height} > 0`),
  ],
);

/** One width of a photo, re-encoded as WebP without metadata; `hash` (SHA-256, hex) names it in its URL. */
export const placePhotoVariants = pgTable(
  'place_photo_variants',
  {
    photoId: uuid()
      .notNull()
      .references(() => placePhotos.id, { onDelete: 'cascade' }),
    width: integer().notNull(),
    height: integer().notNull(),
    hash: text().notNull(),
    bytes: bytea().notNull(),
  },
  (table) => [primaryKey({ columns: [table.photoId, table.width] })],
);
