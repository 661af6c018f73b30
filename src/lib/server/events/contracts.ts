import * as z from 'zod';
import { DEFAULT_RADIUS_KM, locationParam, radiusParam } from '../geo/index.ts';
import { decimalParam, integerParam } from '../params.ts';
import { eventAudiences, eventKinds, registrationStatuses } from './vocabulary.ts';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const eventId = z.string({ error: 'events_not_found' }).regex(UUID, { error: 'events_not_found' });
/** A series id, or an occurrence id (`{series}_{YYYYMMDDTHHMMSSZ}`). */
export const occurrenceRef = z
  .string({ error: 'events_not_found' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(_\d{8}T\d{6}Z)?$/i, { error: 'events_not_found' });

/** Empty form fields mean "none". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'boolean' ? String(value) : value);
const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

const localDateTime = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: key, abort: true })
    .refine((value) => {
      const date = new Date(`${value}:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, { error: key })
    .meta({ description: 'Local date and time, YYYY-MM-DDTHH:MM', example: '2026-03-19T19:00' });

const text = (key: string, max: number) => z.string({ error: key }).trim().max(max, { error: key });

/** An event as its organizers write it (form or JSON). */
export const EventInput = z
  .object({
    organizationId: z.string({ error: 'events_organization_invalid' }).min(1, { error: 'events_organization_invalid' }),
    placeId: optional(z.string().regex(UUID, { error: 'events_place_invalid' })),
    onlineUrl: optional(z.url({ protocol: /^https?$/, error: 'events_online_url_invalid' }).max(500, { error: 'events_online_url_invalid' })),
    kind: z.enum(eventKinds, { error: 'events_kind_invalid' }),
    audience: z.enum(eventAudiences, { error: 'events_audience_invalid' }).default('public'),
    title: text('events_title_invalid', 160).min(3, { error: 'events_title_invalid' }),
    description: text('events_description_invalid', 5000).default(''),
    start: localDateTime('events_start_invalid'),
    end: localDateTime('events_end_invalid'),
    rrule: optional(text('events_rrule_invalid', 300)),
    /** Local dates (`YYYY-MM-DD`, separated by commas, spaces or lines) on which the series does not happen. */
    exdates: optional(
      z
        .string({ error: 'events_exdates_invalid' })
        .transform((value) => value.split(/[\s,;]+/).filter(Boolean))
        .pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'events_exdates_invalid' })).max(500, { error: 'events_exdates_invalid' })),
    ),
    capacity: optional(z.preprocess(asText, integerParam('Seats per occurrence').pipe(z.number().int().min(1, { error: 'events_capacity_invalid' }).max(100_000, { error: 'events_capacity_invalid' })))),
    waitlist: checkbox.default(false),
    registrationRequired: checkbox.default(false),
    price: optional(z.preprocess(asText, decimalParam('Euros, paid on site').pipe(z.number().min(0, { error: 'events_price_invalid' }).max(100_000, { error: 'events_price_invalid' })))),
  })
  .meta({ id: 'EventInput' });
export type EventInput = z.output<typeof EventInput>;

/** Moving one occurrence: its new local start and end. */
export const MoveInput = z.object({ start: localDateTime('events_start_invalid'), end: localDateTime('events_end_invalid') });

/** The Idempotency-Key header: a client-chosen token, unique per registration attempt. */
export const idempotencyKey = z
  .string({ error: 'events_idempotency_key_invalid' })
  .trim()
  .min(8, { error: 'events_idempotency_key_invalid', abort: true })
  .max(200, { error: 'events_idempotency_key_invalid', abort: true })
  .regex(/^[\x21-\x7e]+$/, { error: 'events_idempotency_key_invalid' });

const isoDay = z
  .string({ error: 'events_day_invalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'events_day_invalid', abort: true })
  .refine((value) => new Date(`${value}T12:00:00Z`).toISOString().startsWith(value), { error: 'events_day_invalid' })
  .meta({ description: 'A local date, YYYY-MM-DD', example: '2026-12-01' });

/** `epci:200023414`, `departement:46`, `commune:46182`, `region:76`. */
const territory = z
  .string({ error: 'events_territory_invalid' })
  .regex(/^(commune|epci|departement|region):[0-9AB]{2,9}$/i, { error: 'events_territory_invalid' })
  .transform((value) => {
    const [kind, code] = value.split(':') as ['commune' | 'epci' | 'departement' | 'region', string];
    return { kind, code: code.toUpperCase() };
  })
  .meta({ description: 'A territory: commune:INSEE, epci:SIREN, departement:code or region:code', example: 'departement:46' });

/** The calendar's filters (GET /api/v1/events and the /evenements page). */
export const EventsQuery = z
  .object({
    near: optional(locationParam('A commune (INSEE code) or LAT,LON')),
    radiusKm: optional(radiusParam(200)).meta({ description: `Radius around near, km (default ${DEFAULT_RADIUS_KM}, at most 200)` }),
    territory: optional(territory),
    place: optional(z.string().trim().max(120)),
    kind: optional(z.enum(eventKinds, { error: 'events_kind_invalid' })),
    from: optional(isoDay),
    to: optional(isoDay),
  })
  .refine((query) => !query.from || !query.to || query.to >= query.from, { error: 'events_range_invalid', path: ['to'] })
  .meta({ id: 'EventsQuery' });
export type EventsQuery = z.output<typeof EventsQuery>;

export const OccurrenceJson = z
  .object({
    id: z.string(),
    eventId: z.string(),
    title: z.string(),
    kind: z.enum(eventKinds),
    start: z.string().meta({ description: 'Instant, ISO 8601 with offset' }),
    end: z.string(),
    localStart: z.string().meta({ description: 'Local wall-clock time in timeZone, YYYY-MM-DDTHH:MM' }),
    timeZone: z.string(),
    cancelled: z.boolean(),
    moved: z.boolean(),
    place: z.object({ id: z.string(), slug: z.string(), name: z.string(), communeName: z.string().nullable(), lat: z.number(), lon: z.number() }).nullable(),
    onlineUrl: z.string().nullable(),
    organization: z.string(),
    priceEuros: z.number().nullable(),
    capacity: z.number().nullable(),
    registrationRequired: z.boolean(),
    distanceKm: z.number().optional(),
    url: z.string(),
  })
  .meta({ id: 'EventOccurrence' });

export const RegistrationJson = z
  .object({ id: z.string(), occurrenceId: z.string(), status: z.enum(registrationStatuses), position: z.number().nullable() })
  .meta({ id: 'EventRegistration' });

