import * as z from 'zod';
import { locationParam, radiusParam } from '../geo/index.ts';
import { booleanParam, decimalParam, integerParam, pageParam } from '../params.ts';
import { inseeCode, postalCode, sirenCode } from '../territory/index.ts';
import { PLACE_FIELD_NAMES, PLACE_FIELDS, PlaceInput, PlacePatch, type PlaceFieldName } from './model.ts';
import { placeKinds, placeServices, placeStatuses, weekdays, type PlaceKind, type PlaceService, type PlaceStatus } from './schema.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_QUERY_LENGTH, type PlaceSearch } from './search.ts';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

export { PlaceInput, PlacePatch };

/** One value or the same parameter repeated (`service=kitchen&service=printer`), read as a list. */
const repeated = <T extends z.ZodType<string>>(item: T, key: string) =>
  z.union([item, z.array(item)], { error: key }).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

export const departementCode = z
  .string()
  .trim()
  .regex(/^(\d{2}|2A|2B|97\d)$/i, { error: 'departement_code_format' })
  .transform((code) => code.toUpperCase())
  .meta({ description: 'Code of a département (2 characters, 2A/2B, or 3 digits overseas)', example: '13' });

export const weekday = z.enum(weekdays, { error: 'place_weekday_invalid' }).meta({ description: 'mo, tu, we, th, fr, sa or su' });

const searchShape = {
  q: z
    .string()
    .trim()
    .max(MAX_QUERY_LENGTH, { error: 'query_too_long' })
    .optional()
    .meta({ description: 'Words of the name, operator, description or commune; accents and case do not matter; the last word may be unfinished' }),
  commune: inseeCode.optional().meta({ description: 'Places of this commune (with its arrondissements for Paris, Lyon, Marseille)' }),
  postalCode: postalCode.optional().meta({ description: 'Places of the communes served by this postal code' }),
  epci: sirenCode.optional().meta({ description: 'Places of the communes of this EPCI' }),
  departement: departementCode.optional(),
  near: locationParam('Around').optional().meta({ description: 'Around an INSEE commune code or a point LAT,LON: results sorted by distance, with distanceKm' }),
  radiusKm: radiusParam().optional(),
  kind: repeated(z.enum(placeKinds, { error: 'place_kind_invalid' }), 'place_kind_invalid')
    .optional()
    .meta({ description: `Kind of place, repeatable: ${placeKinds.join(', ')}` }),
  service: repeated(z.enum(placeServices, { error: 'place_service_unknown' }), 'place_service_unknown')
    .optional()
    .meta({ description: `A service every result offers, repeatable: ${placeServices.join(', ')}` }),
  maxDayPrice: decimalParam('Highest price of a day, euros (places without a known day price are left out)')
    .pipe(z.number().min(0, { error: 'place_max_day_price_invalid' }))
    .optional(),
  openOn: weekday.optional().meta({ description: 'Open at some time on this weekday in a typical week' }),
  status: repeated(z.enum(placeStatuses, { error: 'place_status_invalid' }), 'place_status_invalid')
    .optional()
    .meta({ description: 'project, open or closed, repeatable; default open and project' }),
  includeSynthetic: booleanParam('Include the synthetic places generated for load tests (default false)').optional(),
  page: pageParam().optional(),
  perPage: integerParam(`Results per page, 1 to ${MAX_PER_PAGE}; default ${DEFAULT_PER_PAGE}`)
    .pipe(z.number().min(1, { error: 'place_per_page_invalid' }).max(MAX_PER_PAGE, { error: 'place_per_page_invalid' }))
    .optional(),
};

/** The query string of GET /places. */
export const PlaceSearchQuery = z.object(searchShape).meta({ id: 'PlaceSearchQuery' });
export type PlaceSearchQuery = z.output<typeof PlaceSearchQuery>;

/** The query string of the exports: the same filters, every page. */
export const PlaceExportQuery = z.object(searchShape).omit({ page: true, perPage: true }).meta({ id: 'PlaceExportQuery' });

/** Parsed query → the domain's search. */
export function toPlaceSearch(query: Partial<PlaceSearchQuery>): PlaceSearch {
  const search: PlaceSearch = {};
  if (query.q !== undefined && query.q !== '') search.q = query.q;
  if (query.commune !== undefined) search.commune = query.commune;
  if (query.postalCode !== undefined) search.postalCode = query.postalCode;
  if (query.epci !== undefined) search.epci = query.epci;
  if (query.departement !== undefined) search.departement = query.departement;
  if (query.near !== undefined) search.near = query.near;
  if (query.radiusKm !== undefined) search.radiusKm = query.radiusKm;
  if (query.kind !== undefined) search.kind = query.kind as PlaceKind[];
  if (query.service !== undefined) search.services = query.service as PlaceService[];
  if (query.maxDayPrice !== undefined) search.maxDayPrice = query.maxDayPrice;
  if (query.openOn !== undefined) search.openOn = query.openOn;
  if (query.status !== undefined) search.status = query.status as PlaceStatus[];
  if (query.includeSynthetic !== undefined) search.includeSynthetic = query.includeSynthetic;
  if (query.page !== undefined) search.page = query.page;
  if (query.perPage !== undefined) search.perPage = query.perPage;
  return search;
}

/** A query-string object without its empty values (a GET form sends every field, filled or not). */
export function withoutEmptyValues(query: Record<string, string | string[]>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    const kept = Array.isArray(value) ? value.filter((v) => v.trim() !== '') : value.trim() === '' ? [] : [value];
    if (kept.length === 1) result[key] = kept[0]!;
    else if (kept.length > 1) result[key] = kept;
  }
  return result;
}

export const idOrSlug = z
  .string()
  .trim()
  .min(1, { error: 'place_not_found' })
  .max(100, { error: 'place_not_found' })
  .meta({ description: 'The id (UUID) or slug of a place', example: 'ocowork-cabries' });

// ————— Outputs —————

export const PlaceItem = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(placeKinds),
    communeCode: z.string(),
    communeName: z.string(),
    lat: z.number(),
    lon: z.number(),
    coordinatesExact: z.boolean().meta({ description: "false: the point is the commune's, not the place's" }),
    desks: z.number().int().nullable(),
    services: z.array(z.enum(placeServices)),
    dayPrice: z.number().nullable().meta({ description: "Price of a day, euros: the lowest of the place's day-pass offers" }),
    status: z.enum(placeStatuses),
    openDays: z.array(z.enum(weekdays)).meta({ description: 'Weekdays on which the place opens in a typical week' }),
    distanceKm: z.number().optional().meta({ description: 'Great-circle km to `near`, when given' }),
  })
  .meta({ id: 'PlaceItem' });

export const PlaceList = z
  .object({
    items: z.array(PlaceItem),
    total: z.number().int().meta({ description: 'Every match, all pages' }),
    page: z.number().int(),
    perPage: z.number().int(),
    near: z
      .object({
        lat: z.number(),
        lon: z.number(),
        radiusKm: z.number(),
        commune: z.object({ code: z.string(), name: z.string() }).nullable(),
      })
      .nullable()
      .meta({ description: 'The point searched around, when near is given' }),
  })
  .meta({ id: 'PlaceList' });

export const OpeningHoursSummary = z
  .object({
    value: z.string(),
    days: z.array(
      z.object({
        day: z.enum(weekdays),
        open: z.boolean(),
        intervals: z.array(z.object({ from: z.string(), to: z.string() })),
      }),
    ),
    varies: z.boolean().meta({ description: 'Some weeks differ from the typical one (seasons, closures)' }),
    openDays: z.array(z.enum(weekdays)),
    publicHolidaysClosed: z.boolean().meta({ description: 'Closed on the public holidays that fall on open days' }),
  })
  .meta({ id: 'OpeningHoursSummary' });

/** What a place's answer reads from one of its fields, given right after that field. */
const readFromCommuneCode = {
  commune: z.object({
    code: z.string(),
    name: z.string(),
    postalCodes: z.array(z.string()),
    departement: z.string(),
    region: z.string(),
    epci: z.object({ code: z.string(), name: z.string() }).nullable(),
  }),
};
const readFromOpeningHours = { openingHoursSummary: OpeningHoursSummary.nullable(), openDays: z.array(z.enum(weekdays)) };
const READ_FROM: Partial<Record<PlaceFieldName, z.ZodRawShape>> = { communeCode: readFromCommuneCode, openingHours: readFromOpeningHours };

type FieldAnswers = { [K in PlaceFieldName]: (typeof PLACE_FIELDS)[K]['api'] } & typeof readFromCommuneCode & typeof readFromOpeningHours;
const fieldAnswers = Object.fromEntries(
  PLACE_FIELD_NAMES.flatMap((field) => [[field, PLACE_FIELDS[field].api], ...Object.entries(READ_FROM[field] ?? {})]),
) as FieldAnswers;

export const Place = z
  .object({ id: z.uuid(), ...fieldAnswers, synthetic: z.boolean(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Place' });

export const PlacePhoto = z
  .object({
    id: z.uuid(),
    position: z.number().int().meta({ description: '0 first: the photo of the place card' }),
    altFr: z.string().meta({ description: 'What the photo shows, in French (its alt text)' }),
    altEn: z.string().meta({ description: 'The same in English; empty when not given' }),
    width: z.number().int(),
    height: z.number().int(),
    variants: z
      .array(z.object({ width: z.number().int(), height: z.number().int(), url: z.string().meta({ description: 'Immutable (named by the hash of its bytes), WebP, cached for a year' }) }))
      .meta({ description: 'The same photo at 320, 640 and 1280 px wide (never enlarged), narrowest first' }),
  })
  .meta({ id: 'PlacePhoto' });

/** A place as GET /places/{idOrSlug} gives it: with its photos. */
export const PlaceWithPhotos = Place.extend({ photos: z.array(PlacePhoto).meta({ description: 'In their order' }) }).meta({ id: 'PlaceWithPhotos' });

export const PhotoUploadQuery = z
  .object({
    altFr: z.string().meta({ description: 'What the photo shows, in French (required, 250 characters at most)' }),
    altEn: z.string().optional().meta({ description: 'The same in English (optional)' }),
  })
  .meta({ id: 'PhotoUploadQuery' });

export const PlaceHistoryEntry = z
  .object({
    id: z.uuid(),
    changedAt: z.string(),
    changedBy: z.string(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .meta({ id: 'PlaceHistoryEntry' });

export const PlaceFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    metadata: z.object({
      title: z.string(),
      licence: z.string().meta({ example: 'Licence Ouverte 2.0 (Etalab)' }),
      licenceUrl: z.string(),
      source: z.string(),
      generatedAt: z.string(),
      count: z.number().int(),
      note: z.string(),
    }),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).meta({ description: '[lon, lat]' }) }),
        properties: PlaceItem,
      }),
    ),
  })
  .meta({ id: 'PlaceFeatureCollection' });

export const AreaPlaces = z
  .object({
    area: z.object({ kind: z.enum(['commune', 'epci', 'departement']), code: z.string(), name: z.string(), population: z.number().int() }),
    places: z.array(PlaceItem),
    desks: z.number().int().meta({ description: 'Desks of the open places' }),
    openPlaces: z.number().int(),
    projects: z.number().int(),
    openPlacesWithoutDesks: z.number().int(),
    seatsPer10000: z.number().nullable(),
    largestCommunes: z
      .object({
        communes: z.array(z.object({ code: z.string(), name: z.string(), population: z.number().int(), desks: z.number().int() })),
        desks: z.number().int(),
        share: z.number().nullable().meta({ description: '0–1' }),
      })
      .nullable(),
  })
  .meta({ id: 'AreaPlaces' });
