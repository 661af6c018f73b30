import * as z from 'zod';
import { DomainError, invalid, type FieldIssue } from '../errors.ts';
import { plainName } from '../names.ts';
import { slugify as slugifyWords } from '../slug.ts';
import { MAX_OPENING_HOURS_LENGTH, validateOpeningHours } from './opening-hours.ts';
import { operatorKinds, placeKinds, placeServices, placeStatuses, type places, type PlaceService } from './schema.ts';
import { foldWords } from '../territory/index.ts';
import { isWholeCents } from '../../money.ts';

// The fields of a place as editors and the API see them (prices in euros), their validation, and the
// derived columns (search text, sort name). Error messages are catalogue keys (`error_<key>`).

export const LIMITS = {
  name: 150,
  description: 5000,
  address: 300,
  operatorName: 200,
  operatorOrganizationId: 100,
  email: 254,
  website: 500,
  slug: 80,
  desks: 100_000,
  surfaceM2: 1_000_000,
  internetMbps: 100_000,
  /** Euros. */
  price: 1_000_000,
  languages: 20,
} as const;

/** A place's exact point may lie this far from its commune's point at most (a swapped LAT,LON is thousands of km off). */
export const MAX_KM_FROM_COMMUNE = 60;
/** Guyane's communes are as large as départements. */
export const MAX_KM_FROM_COMMUNE_GUYANE = 250;

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// C0 control characters other than tab, line feed and carriage return: PostgreSQL refuses NUL in text,
// and none of them belongs in a description.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const text = (max: number, key: string) =>
  z
    .string({ error: key })
    .trim()
    .max(max, { error: key })
    .refine((value) => !CONTROL.test(value), { error: 'place_text_invalid' });

/** An optional text: absent, null or blank all mean none (null). */
const optionalText = (max: number, key: string) =>
  text(max, key)
    .transform((value) => (value === '' ? null : value))
    .nullable();

const count = (max: number, key: string) =>
  z.number({ error: key }).int({ error: key }).min(0, { error: key }).max(max, { error: key }).nullable();

/** Euros with at most two decimals. */
const price = z
  .number({ error: 'place_price_invalid' })
  .min(0, { error: 'place_price_invalid' })
  .max(LIMITS.price, { error: 'place_price_invalid' })
  .refine(isWholeCents, { error: 'place_price_invalid' })
  .nullable();

const isoDate = z
  .string({ error: 'place_opened_on_invalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'place_opened_on_invalid' })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      const year = Number(value.slice(0, 4));
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && year >= 1900 && year <= 2100;
    },
    { error: 'place_opened_on_invalid' },
  )
  .nullable();

/** How the edit form reads a field (`form.ts`). */
export type PlaceFormInput =
  /** a text input (trimmed) */
  | 'text'
  /** a select, read as text */
  | 'choice'
  /** a number input (`12,5` or `12.5`) */
  | 'number'
  /** a text input of values separated by commas or spaces */
  | 'list'
  /** one checkbox per service (`service-<code>`) */
  | 'services';

/** What a place's field is, wherever it goes: one entry of `PLACE_FIELDS`. */
export interface PlaceFieldDescriptor {
  /** How a value sent is checked (API, form, CSV import); null: nobody sends it. */
  contract: z.ZodType | null;
  /** Its value in the API's answers, in history and in exports: `PlaceFields` is made of these. */
  api: z.ZodType;
  /** The `places` column holding it, when not named as the field. */
  column?: keyof typeof places.$inferSelect;
  /** Euros in the field, whole cents in the column. */
  cents?: true;
  /** How the edit form reads it; null: no input of its own (the prices come from the offers; see each entry). */
  form: PlaceFormInput | null;
  /** A blank input or CSV cell clears it (null) instead of giving empty text. */
  blankClears?: true;
  /** Its CSV column (`docs/places-csv.md`); null: not exported. */
  csv: string | null;
}

const nullableText = z.string().nullable();
/** A directory price: read from the place's offers, never sent. */
const fromOffers = (what: string) =>
  z.number().nullable().meta({ description: `Euros, VAT included: the lowest public price of the place's active offers of ${what} (read-only; null: none)` });

/**
 * Every field of a place, declared once with its column in `schema.ts`: the contract, the API's answers, the
 * row read and written, the edit form and the CSV columns are derived from it. The order is the API's.
 */
export const PLACE_FIELDS = {
  slug: {
    contract: z
      .string({ error: 'place_slug_invalid' })
      .trim()
      .toLowerCase()
      .max(LIMITS.slug, { error: 'place_slug_invalid' })
      .regex(SLUG_PATTERN, { error: 'place_slug_invalid' })
      .refine((slug) => !UUID_PATTERN.test(slug), { error: 'place_slug_invalid' })
      .nullable()
      .meta({ description: 'Lower-case letters, digits and hyphens; made from the name when absent' }),
    api: z.string(),
    form: 'text',
    // Blank: made from the name (a new place), or kept.
    blankClears: true,
    csv: 'slug',
  },
  name: {
    contract: plainName(
      z.string({ error: 'place_name_required' }).trim().min(1, { error: 'place_name_required' }).max(LIMITS.name, { error: 'place_name_invalid' }),
      'place_text_invalid',
    ),
    api: z.string(),
    form: 'text',
    csv: 'nom',
  },
  kind: { contract: z.enum(placeKinds, { error: 'place_kind_invalid' }), api: z.enum(placeKinds), form: 'choice', csv: 'typologie' },
  descriptionFr: {
    contract: text(LIMITS.description, 'place_description_invalid').meta({ description: 'Plain text (any markup is kept as text)' }),
    api: z.string().meta({ description: 'Plain text: render it escaped' }),
    form: 'text',
    csv: 'presentation_resume',
  },
  descriptionEn: { contract: text(LIMITS.description, 'place_description_invalid'), api: z.string(), form: 'text', csv: 'presentation_resume_en' },
  communeCode: {
    contract: z
      .string({ error: 'commune_code_format' })
      .trim()
      .regex(/^(\d{2}|2A|2B)\d{3}$/i, { error: 'commune_code_format' })
      .transform((code) => code.toUpperCase())
      .meta({ description: 'INSEE code of the commune (or arrondissement)', example: '13019' }),
    api: z.string(),
    form: 'text',
    csv: 'code_insee',
  },
  address: { contract: optionalText(LIMITS.address, 'place_address_invalid'), api: nullableText, form: 'text', blankClears: true, csv: 'adresse' },
  lat: {
    contract: z
      .number({ error: 'place_coordinates_invalid' })
      .min(-90, { error: 'place_coordinates_invalid' })
      .max(90, { error: 'place_coordinates_invalid' })
      .nullable()
      .meta({
        description:
          "Decimal degrees, the place's pin: it must lie in France (metropolitan France, Corsica or an overseas département: place_coordinates_outside_france) and within 60 km of the commune's point, 250 km in Guyane (place_coordinates_far_from_commune)",
      }),
    api: z.number(),
    form: 'number',
    csv: 'latitude',
  },
  lon: {
    contract: z.number({ error: 'place_coordinates_invalid' }).min(-180, { error: 'place_coordinates_invalid' }).max(180, { error: 'place_coordinates_invalid' }).nullable(),
    api: z.number(),
    form: 'number',
    csv: 'longitude',
  },
  coordinatesExact: {
    contract: z.boolean({ error: 'place_coordinates_invalid' }).meta({
      description: "false: the place is shown at its commune's point (lat/lon ignored, the pin removed); default: true when lat/lon are given",
    }),
    api: z.boolean(),
    // The form's box "put the place at the centre of its commune" (`coordinatesCommune`) says false.
    form: null,
    csv: 'coordonnees_exactes',
  },
  desks: { contract: count(LIMITS.desks, 'place_desks_invalid'), api: z.number().int().nullable(), form: 'number', csv: 'postes' },
  surfaceM2: { contract: count(LIMITS.surfaceM2, 'place_surface_invalid'), api: z.number().int().nullable(), form: 'number', csv: 'surface_m2' },
  internetMbps: {
    contract: count(LIMITS.internetMbps, 'place_internet_invalid').meta({ description: 'Measured download speed, Mbit/s' }),
    api: z.number().int().nullable(),
    form: 'number',
    csv: 'debit_mbps',
  },
  services: {
    contract: z
      .array(z.enum(placeServices, { error: 'place_service_unknown' }), { error: 'place_service_unknown' })
      .max(placeServices.length * 2, { error: 'place_service_unknown' }),
    api: z.array(z.enum(placeServices)),
    form: 'services',
    csv: 'services',
  },
  openingHours: {
    contract: optionalText(MAX_OPENING_HOURS_LENGTH, 'place_opening_hours_invalid')
      .superRefine((value, ctx) => {
        if (value === null) return;
        try {
          validateOpeningHours(value);
        } catch (error) {
          const reason = error instanceof DomainError ? String(error.params.reason ?? '') : '';
          ctx.addIssue({ code: 'custom', message: 'place_opening_hours_invalid', params: { reason } });
        }
      })
      .meta({
        description: 'OpenStreetMap opening_hours syntax, e.g. `Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off`',
      }),
    api: nullableText.meta({ description: 'OpenStreetMap opening_hours syntax' }),
    // The advanced field; the week grid (`week-grid.ts`) writes it unless that field is chosen.
    form: 'text',
    blankClears: true,
    csv: 'horaires',
  },
  dayPrice: { contract: null, api: fromOffers('a day pass'), column: 'dayPriceCents', cents: true, form: null, csv: 'prix_jour' },
  halfDayPrice: { contract: null, api: fromOffers('a half-day pass'), column: 'halfDayPriceCents', cents: true, form: null, csv: 'prix_demi_journee' },
  monthPrice: { contract: null, api: fromOffers('a monthly plan'), column: 'monthPriceCents', cents: true, form: null, csv: 'prix_mois' },
  carnet10Price: { contract: null, api: fromOffers('a carnet of 10 days'), column: 'carnet10PriceCents', cents: true, form: null, csv: 'prix_carnet_10' },
  operatorName: {
    contract: optionalText(LIMITS.operatorName, 'place_operator_name_invalid'),
    api: nullableText,
    form: 'text',
    blankClears: true,
    csv: 'nom_operateur',
  },
  operatorKind: {
    contract: z.enum(operatorKinds, { error: 'place_operator_kind_invalid' }).nullable(),
    api: z.enum(operatorKinds).nullable(),
    form: 'choice',
    blankClears: true,
    csv: 'type_operateur',
  },
  operatorOrganizationId: {
    contract: optionalText(LIMITS.operatorOrganizationId, 'place_operator_organization_invalid'),
    api: nullableText,
    form: 'choice',
    blankClears: true,
    // An account's organization, which means nothing outside this instance: an import keeps the place's.
    csv: null,
  },
  openedOn: { contract: isoDate.meta({ description: 'YYYY-MM-DD' }), api: nullableText.meta({ description: 'YYYY-MM-DD' }), form: 'text', blankClears: true, csv: 'date_ouverture' },
  status: { contract: z.enum(placeStatuses, { error: 'place_status_invalid' }), api: z.enum(placeStatuses), form: 'choice', csv: 'statut' },
  contactEmail: {
    contract: z
      .union([z.literal(''), z.email({ error: 'place_email_invalid' }).max(LIMITS.email, { error: 'place_email_invalid' })], {
        error: 'place_email_invalid',
      })
      .transform((value) => (value === '' ? null : value))
      .nullable(),
    api: nullableText,
    form: 'text',
    blankClears: true,
    csv: 'courriels',
  },
  contactPhone: {
    contract: z
      .string({ error: 'place_phone_invalid' })
      .trim()
      .refine((value) => value === '' || /^\+?[0-9(][0-9 .()/-]{5,28}$/.test(value), { error: 'place_phone_invalid' })
      .transform((value) => (value === '' ? null : value))
      .nullable(),
    api: nullableText,
    form: 'text',
    blankClears: true,
    csv: 'telephone',
  },
  website: {
    contract: z
      .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'place_website_invalid' }).max(LIMITS.website, { error: 'place_website_invalid' })], {
        error: 'place_website_invalid',
      })
      .transform((value) => (value === '' ? null : value))
      .nullable(),
    api: nullableText,
    form: 'text',
    blankClears: true,
    csv: 'site_web',
  },
  languages: {
    contract: z
      .array(
        z
          .string({ error: 'place_language_invalid' })
          .trim()
          .toLowerCase()
          .regex(/^[a-z]{2}$/, { error: 'place_language_invalid' }),
        { error: 'place_language_invalid' },
      )
      .max(LIMITS.languages, { error: 'place_language_invalid' })
      .meta({ description: 'ISO 639-1 codes, e.g. fr, en' }),
    api: z.array(z.string()),
    form: 'list',
    csv: 'langues',
  },
} as const satisfies Record<string, PlaceFieldDescriptor>;

export type PlaceFieldName = keyof typeof PLACE_FIELDS;
export const PLACE_FIELD_NAMES = Object.keys(PLACE_FIELDS) as PlaceFieldName[];

/** A place's editable fields, complete and normalised: what is compared, recorded in history and exported. */
export type PlaceFields = { -readonly [K in PlaceFieldName]: z.output<(typeof PLACE_FIELDS)[K]['api']> };

/** A field's descriptor, read through the shape every entry shares. */
export const placeField = (field: PlaceFieldName): PlaceFieldDescriptor => PLACE_FIELDS[field];
/** The `places` column holding a field. */
export const columnOfField = (field: PlaceFieldName) => (placeField(field).column ?? field) as keyof typeof places.$inferSelect;

type Sent<K extends PlaceFieldName> = (typeof PLACE_FIELDS)[K]['contract'];
/** The fields anyone may send, each with its check. */
type FieldsShape = { [K in PlaceFieldName as Sent<K> extends null ? never : K]: NonNullable<Sent<K>> };
const fieldsShape = Object.fromEntries(
  PLACE_FIELD_NAMES.flatMap((field) => (PLACE_FIELDS[field].contract === null ? [] : [[field, PLACE_FIELDS[field].contract]])),
) as FieldsShape;

/**
 * The directory's four prices (a day, a half-day, a carnet of 10 days, a month) are the fields nobody sends:
 * they are read from the place's offers, which its team sets in the booking console (`setPlacePrices`).
 */
export type PriceField = Exclude<PlaceFieldName, keyof FieldsShape>;
export const PRICE_FIELDS = PLACE_FIELD_NAMES.filter((field) => PLACE_FIELDS[field].contract === null) as PriceField[];

/** A price in euros as a CSV import reads it (the import turns it into an offer). */
export const PriceValue = price;

const Fields = z.object(fieldsShape);

/** A new place: name, kind and commune are required; the rest defaults to empty. */
export const PlaceInput = Fields.partial()
  .extend({ name: fieldsShape.name, kind: fieldsShape.kind, communeCode: fieldsShape.communeCode })
  .strict()
  .meta({ id: 'PlaceInput' });
export type PlaceInput = z.input<typeof PlaceInput>;

/** Changes to a place: only the fields given change; null clears an optional field. */
export const PlacePatch = Fields.partial().strict().meta({ id: 'PlacePatch' });
export type PlacePatch = z.input<typeof PlacePatch>;

export type ParsedPatch = z.output<typeof PlacePatch>;

export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = issue.code === 'custom' ? (issue.params as Record<string, string | number> | undefined) : undefined;
    return {
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      message: issue.message,
      ...(params ? { params } : {}),
    };
  });
}

/** One issue: its own code (`place_price_invalid`); several: `invalid_input` listing them, as the HTTP layer does. */
export function invalidFields(issues: FieldIssue[]) {
  if (issues.length === 1) return invalid(issues[0]!.message, issues[0]!.params ?? {}, issues);
  return invalid('invalid_input', { count: issues.length }, issues);
}

/**
 * A price given to a place is refused with its own issue (the offers are the prices), reported together with
 * what else is wrong; the other fields are checked as if it had not been given.
 */
export function withoutPrices(input: unknown): { rest: unknown; issues: FieldIssue[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { rest: input, issues: [] };
  const given = PRICE_FIELDS.filter((field) => field in input);
  if (given.length === 0) return { rest: input, issues: [] };
  const rest = Object.fromEntries(Object.entries(input).filter(([key]) => !(PRICE_FIELDS as readonly string[]).includes(key)));
  return { rest, issues: given.map((field) => ({ path: field, message: 'place_prices_from_offers' })) };
}

function parseWith(schema: typeof PlaceInput | typeof PlacePatch, input: unknown): ParsedPatch {
  const { rest, issues } = withoutPrices(input);
  const result = schema.safeParse(rest);
  const all = [...issues, ...(result.success ? [] : zodIssues(result.error))];
  if (all.length > 0) throw invalidFields(all);
  return result.data!;
}

export const parsePlaceInput = (input: unknown): ParsedPatch => parseWith(PlaceInput, input);

export const parsePlacePatch = (input: unknown): ParsedPatch => parseWith(PlacePatch, input);

/** Folds text for search and sorting: no accents or case, ligatures spelt out, words separated by one space. */
export function foldText(value: string): string {
  return foldWords(value).join(' ');
}

/** Longest word kept in the search vector (PostgreSQL allows 2 KB; no real word is this long). */
const MAX_LEXEME_LENGTH = 100;

/**
 * The text form of a `tsvector` holding each folded word once: `'cabries' 'coworking'`. Folded words hold
 * only letters and digits, so quoting them is enough.
 */
export function searchVector(...texts: string[]): string {
  const words = new Set(
    foldText(texts.join(' '))
      .split(' ')
      .filter(Boolean)
      .map((word) => word.slice(0, MAX_LEXEME_LENGTH)),
  );
  return [...words].map((word) => `'${word}'`).join(' ');
}

/** A `tsquery` text matching every folded word of `q` as a prefix, or null when `q` has no word. */
export function searchQuery(q: string, maxWords = 12): string | null {
  const words = foldText(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, maxWords)
    .map((word) => word.slice(0, MAX_LEXEME_LENGTH));
  return words.length === 0 ? null : words.map((word) => `'${word}':*`).join(' & ');
}

/** A place's slug from its name: at most 80 characters with room for a `-NN` suffix; `lieu` when no word is left. */
export function slugify(value: string): string {
  return slugifyWords(value, LIMITS.slug - 4) || 'lieu';
}

/** Services in vocabulary order, each once: the order of entry does not make a change. */
export function normaliseServices(services: readonly PlaceService[]): PlaceService[] {
  const set = new Set(services);
  return placeServices.filter((service) => set.has(service));
}

/** Languages each once, in the order given. */
export function normaliseLanguages(languages: readonly string[]): string[] {
  return [...new Set(languages)];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => value === b[i]);
  return a === b;
}

export type PlaceChanges = Partial<Record<keyof PlaceFields, { from: unknown; to: unknown }>>;

/** The fields whose value differs, with both values. */
export function diffFields(before: PlaceFields | null, after: PlaceFields): PlaceChanges {
  const changes: PlaceChanges = {};
  for (const field of PLACE_FIELD_NAMES) {
    const from = before ? before[field] : null;
    const to = after[field];
    if (before === null && (to === null || to === '' || (Array.isArray(to) && to.length === 0))) continue;
    if (!sameValue(from, to)) changes[field] = { from, to };
  }
  return changes;
}
