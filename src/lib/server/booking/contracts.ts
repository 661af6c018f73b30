import * as z from 'zod';
import { toCents, toEuros } from '../../money.ts';
import { DEFAULT_RADIUS_KM, locationParam } from '../geo/index.ts';
import { plainName } from '../names.ts';
import { decimalParam, integerParam } from '../params.ts';
import { bookingStatuses, dayPeriods, offerKinds, paymentChoices, paymentMethods, resourceKinds, type Booking, type BookingRequest, type PlaceAvailability, type ResourcePrice } from './model.ts';
import { clockOf, minuteOf } from './time.ts';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const uuid = z.string({ error: 'booking_id_invalid' }).regex(UUID_PATTERN, { error: 'booking_id_invalid' });

export const isoDay = z
  .string({ error: 'booking_day_invalid' })
  // abort: a malformed date is said once, not again by the calendar check.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'booking_day_invalid', abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value), {
    error: 'booking_day_invalid',
  })
  .meta({ description: 'A local date, YYYY-MM-DD', example: '2026-12-01' });

const clock = z
  .string({ error: 'booking_time_invalid' })
  .refine((value) => minuteOf(value) !== null, { error: 'booking_time_invalid' })
  .transform((value) => minuteOf(value)!)
  .meta({ description: 'Local time HH:MM', example: '14:00' });

/** Empty form fields mean "none". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/** Form fields arrive as text, JSON bodies as numbers: both are read the same way. */
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : value);
const decimal = (description: string) => z.preprocess(asText, decimalParam(description)).meta({ override: { type: ['number', 'string'] } });
const integer = (description: string) => z.preprocess(asText, integerParam(description)).meta({ override: { type: ['integer', 'string'] } });

/** The longest office rental booked at once. */
export const MAX_OFFICE_MONTHS = 12;

export const BookingInput = z
  .object({
    resourceId: uuid,
    day: isoDay,
    /** Desks: the whole day, the morning or the afternoon. */
    period: optional(z.enum(dayPeriods, { error: 'booking_period_invalid' })),
    /** Rooms: start and end, on quarter hours. */
    start: optional(clock),
    end: optional(clock),
    /** Offices: how many months from `day` (1 by default, at most 12). */
    months: optional(
      integer('Offices: months from day, 1 to 12; default 1').pipe(
        z.number().int().min(1, { error: 'booking_months_invalid' }).max(MAX_OFFICE_MONTHS, { error: 'booking_months_invalid' }),
      ),
    ),
    /** `auto`: a plan if one covers the day, else a carnet unit, else on site. */
    payment: z.enum(paymentChoices, { error: 'booking_payment_invalid' }).default('auto'),
    entitlementId: optional(uuid),
  })
  .meta({ id: 'BookingInput' }) satisfies z.ZodType<BookingRequest, unknown>;
export type BookingInput = z.output<typeof BookingInput>;

/** The Idempotency-Key header: a client-chosen token, unique per booking attempt. */
export const idempotencyKey = z
  .string({ error: 'booking_idempotency_key_invalid' })
  .trim()
  .min(8, { error: 'booking_idempotency_key_invalid', abort: true })
  .max(200, { error: 'booking_idempotency_key_invalid', abort: true })
  .regex(/^[\x21-\x7e]+$/, { error: 'booking_idempotency_key_invalid' });

const euros = (key: string) =>
  decimal('Euros, VAT included').pipe(z.number().min(0, { error: key }).max(100_000, { error: key })).transform((value) => toCents(value));
const count = (key: string, max: number) => integer('A whole number').pipe(z.number().int().min(1, { error: key }).max(max, { error: key }));
const minutes = (key: string, min: number, max: number) => integer('Minutes').pipe(z.number().int().min(min, { error: key }).max(max, { error: key }));

/** The name of a resource or an offer, as people read it in the console and on the place's page. */
const name = plainName(z.string({ error: 'booking_name_invalid' }).trim().min(1, { error: 'booking_name_invalid' }).max(120, { error: 'booking_name_invalid' }), 'booking_name_invalid');

export const ResourceInput = z.object({
  kind: z.enum(resourceKinds, { error: 'booking_resource_kind_invalid' }),
  name,
  capacity: count('booking_capacity_invalid', 10_000),
  minMinutes: optional(minutes('booking_minutes_invalid', 15, 1440)),
  maxMinutes: optional(minutes('booking_minutes_invalid', 15, 1440)),
  bufferMinutes: optional(minutes('booking_minutes_invalid', 0, 240)),
  openingHours: optional(z.string().trim().max(1000, { error: 'place_opening_hours_invalid' })),
  /** Booked at no charge; otherwise it waits for an offer that prices it. A form's checkbox sends `on`. */
  free: optional(
    z
      .preprocess((value) => (value === 'on' || value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value), z.boolean({ error: 'booking_free_invalid' }))
      .meta({ description: 'Booked at no charge (no offer needed); default false: not bookable until an offer prices it', override: { type: ['boolean', 'string'] } }),
  ),
}).meta({
  id: 'ResourceInput',
  // Numbers come as JSON numbers or as the text of form fields; the capacity is required either way.
  override: ({ jsonSchema }: { jsonSchema: { required?: string[] } }) => {
    jsonSchema.required = ['kind', 'name', 'capacity'];
  },
});

export const OfferInput = z.object({
  kind: z.enum(offerKinds, { error: 'booking_offer_kind_invalid' }),
  name,
  price: euros('booking_price_invalid'),
  memberPrice: optional(euros('booking_price_invalid')),
  /** Percent (20, 10, 5.5, 2.1, 0). */
  vatRate: optional(decimal('VAT rate, percent').pipe(z.number().min(0, { error: 'booking_vat_invalid' }).max(100, { error: 'booking_vat_invalid' }))),
  units: optional(count('booking_units_invalid', 366)),
  validityDays: optional(count('booking_validity_invalid', 1830)),
  resourceId: optional(uuid),
});

/**
 * What may change in an offer once made: its name and what it costs. Its kind and terms stay, since plans
 * and carnets already held were sold on them; other terms are a new offer.
 */
export const OfferChange = OfferInput.pick({ name: true, price: true, memberPrice: true, vatRate: true });

export const SettingsInput = z.object({
  cancelNoticeHours: integer('Hours').pipe(z.number().int().min(0, { error: 'booking_notice_invalid' }).max(720, { error: 'booking_notice_invalid' })),
  /** Where the morning ends: from 01:00 to 23:00. */
  halfDaySplit: clock.pipe(z.number().min(60, { error: 'booking_split_invalid' }).max(1380, { error: 'booking_split_invalid' })),
});

export const ClosureInput = z
  .object({ resourceId: uuid, startsOn: isoDay, endsOn: isoDay, reason: optional(z.string().trim().max(200, { error: 'booking_name_invalid' })) })
  .refine((value) => value.endsOn >= value.startsOn, { error: 'booking_closure_range_invalid', path: ['endsOn'] });

export const GrantInput = z.object({
  email: z.string({ error: 'invalid_email' }).trim().toLowerCase().max(254, { error: 'invalid_email' }).pipe(z.email({ error: 'invalid_email' })),
  offerId: uuid,
  startsOn: optional(isoDay),
});

export const CheckInInput = z
  .object({
    code: optional(z.string().trim().regex(/^\d{6}$/, { error: 'booking_check_in_code_invalid' })).meta({
      description: "The booker: the code of the day shown at the place's desk. The place's team: none",
    }),
  })
  .meta({ id: 'CheckInInput' });

// ————— Query strings —————

/** How many days from `date` an availability request covers; its range is the domain's rule (its message names it). */
const daysParam = integerParam('Days from date, 1 to 7 (a week); default 1').optional();

/** GET /places/{idOrSlug}/availability */
export const AvailabilityQuery = z.object({ date: isoDay, days: daysParam }).meta({ id: 'AvailabilityQuery' });

/** GET /availability: the range of the radius is the domain's rule (its message names the limit). */
export const NearbyAvailabilityQuery = z
  .object({
    // A missing `near` gets the message that says what to write, like a malformed one.
    near: z.preprocess((value) => value ?? '', locationParam('Around')).meta({ param: { required: true } }),
    radiusKm: decimalParam(`Radius around near, km; default ${DEFAULT_RADIUS_KM}`).optional(),
    date: isoDay,
    days: daysParam,
  })
  .meta({ id: 'NearbyAvailabilityQuery' });

/** GET /bookings */
export const MyBookingsQuery = z
  .object({ from: isoDay.optional().meta({ description: 'First day listed (default: today, in Paris time)' }) })
  .meta({ id: 'MyBookingsQuery' });

// ————— Outputs —————

const clockText = z.string().meta({ description: 'Local time HH:MM (Paris time)', example: '09:30' });
const dayText = z.string().meta({ description: 'Local date YYYY-MM-DD', example: '2026-12-01' });
const interval = z.object({ from: clockText, to: clockText });
const seats = z
  .object({ full: z.number().int(), am: z.number().int(), pm: z.number().int() })
  .meta({ description: 'Free seats for the whole day, the morning and the afternoon (0 when closed or over)' });

export const BookingOutput = z
  .object({
    id: z.uuid(),
    resourceId: z.uuid(),
    resourceName: z.string(),
    resourceKind: z.enum(resourceKinds),
    placeId: z.uuid(),
    placeName: z.string(),
    placeSlug: z.string(),
    day: dayText.meta({ description: 'The day booked; an office rental’s first day' }),
    endsOn: dayText.nullable().meta({ description: 'Offices: the rental’s last day; null for desks and rooms' }),
    period: z.enum(dayPeriods).nullable().meta({ description: 'Desks: full, am or pm; rooms and offices: null' }),
    start: clockText,
    end: clockText,
    status: z.enum(bookingStatuses),
    payment: z.enum(paymentMethods),
    entitlementId: z.uuid().nullable().meta({ description: 'The carnet or plan used, if any' }),
    price: z.number().meta({ description: 'Euros, VAT included, paid on site (0 with a carnet or a plan)' }),
    vatRate: z.number().meta({ description: 'VAT rate, percent' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Booking' });

export const BookingList = z.object({ items: z.array(BookingOutput) }).meta({ id: 'BookingList' });

/** A resource's price, from the place's offers (euros, VAT included). */
export const ResourcePriceOutput = z
  .object({
    free: z.boolean().meta({ description: 'Booked at no charge' }),
    bookable: z.boolean().meta({ description: 'Free, or priced by an offer: anyone may book it. false: not bookable yet, except with a plan or a carnet held there' }),
    rates: z
      .array(
        z.object({
          unit: z.enum(['day', 'half-day', 'hour', 'month']),
          price: z.number().meta({ description: 'Euros, VAT included' }),
          memberPrice: z.number().nullable().meta({ description: 'For holders of a plan or a carnet at the place; null: the same price' }),
        }),
      )
      .meta({ description: 'Desks: a day and a half-day; rooms: an hour; offices: a month' }),
  })
  .meta({ id: 'ResourcePrice' });

export const DeskAvailabilityOutput = z
  .object({ resourceId: z.uuid(), kind: z.literal('desk-pool'), name: z.string(), capacity: z.number().int(), free: seats, open: z.boolean(), price: ResourcePriceOutput })
  .meta({ id: 'DeskAvailability' });

export const RoomAvailabilityOutput = z
  .object({
    resourceId: z.uuid(),
    kind: z.literal('room'),
    name: z.string(),
    capacity: z.number().int().meta({ description: 'People it holds' }),
    minMinutes: z.number().int(),
    maxMinutes: z.number().int(),
    opening: z.array(interval),
    busy: z.array(interval).meta({ description: 'Booked stretches, with the time kept free after each' }),
    freeStarts: z.array(clockText).meta({ description: 'Quarter hours at which a booking of the shortest duration can start' }),
    price: ResourcePriceOutput,
  })
  .meta({ id: 'RoomAvailability' });

export const OfficeAvailabilityOutput = z
  .object({
    resourceId: z.uuid(),
    kind: z.literal('office'),
    name: z.string(),
    capacity: z.number().int().meta({ description: 'People it seats' }),
    open: z.boolean().meta({ description: 'false on a day one of its closures covers' }),
    rentedUntil: dayText.nullable().meta({ description: 'The last day of the rental covering the day; null when free' }),
    freeUntil: dayText.nullable().meta({ description: 'When free: the day before the next rental starts; null when none is planned' }),
    price: ResourcePriceOutput,
  })
  .meta({ id: 'OfficeAvailability' });

const resourcesOfDay = z.array(z.discriminatedUnion('kind', [DeskAvailabilityOutput, RoomAvailabilityOutput, OfficeAvailabilityOutput]));

export const PlaceAvailabilityOutput = z
  .object({
    placeId: z.uuid(),
    slug: z.string(),
    name: z.string(),
    day: dayText.meta({ description: 'The first day asked (date)' }),
    resources: resourcesOfDay.meta({ description: 'What is free on the first day' }),
    days: z.array(z.object({ day: dayText, resources: resourcesOfDay })).meta({ description: 'Each day asked, from date' }),
  })
  .meta({ id: 'PlaceAvailability' });

export const NearbyAvailabilityOutput = z
  .object({
    day: dayText,
    radiusKm: z.number(),
    items: z.array(
      z.object({
        placeId: z.uuid(),
        slug: z.string(),
        name: z.string(),
        communeCode: z.string(),
        distanceKm: z.number(),
        capacity: z.number().int().meta({ description: 'Desk seats over the place’s desk pools' }),
        free: seats.meta({ description: 'Free seats on the first day asked (date)' }),
        days: z.array(z.object({ day: dayText, free: seats })).meta({ description: 'Free seats on each day asked, from date' }),
      }),
    ),
  })
  .meta({ id: 'NearbyAvailability' });

export const ResourceOutput = z
  .object({
    id: z.uuid(),
    placeId: z.uuid(),
    kind: z.enum(resourceKinds),
    name: z.string(),
    capacity: z.number().int(),
    minMinutes: z.number().int(),
    maxMinutes: z.number().int(),
    bufferMinutes: z.number().int(),
    openingHours: z.string().nullable().meta({ description: "Its own hours (OpenStreetMap syntax); null: the place's" }),
    active: z.boolean(),
    free: z.boolean().meta({ description: 'Booked at no charge; otherwise bookable once an offer prices it' }),
  })
  .meta({ id: 'BookingResource' });

/** Minutes past midnight as the API writes them; a buffer running past midnight shows as 24:00. */
const clockText24 = (minute: number) => clockOf(Math.min(minute, 1440));
const intervals = (list: { from: number; to: number }[]) => list.map((i) => ({ from: clockText24(i.from), to: clockText24(i.to) }));

export function bookingJson(booking: Booking): z.input<typeof BookingOutput> {
  const { startMinute, endMinute, priceCents, vatRateBasisPoints, createdAt, userId: _userId, ...rest } = booking;
  return {
    ...rest,
    start: clockText24(startMinute),
    end: clockText24(endMinute),
    price: toEuros(priceCents),
    vatRate: vatRateBasisPoints / 100,
    createdAt: createdAt.toISOString(),
  };
}

const priceJson = (price: ResourcePrice): z.input<typeof ResourcePriceOutput> => ({
  free: price.free,
  bookable: price.free || price.rates.length > 0,
  rates: price.rates.map((r) => ({ unit: r.unit, price: toEuros(r.priceCents), memberPrice: toEuros(r.memberPriceCents) })),
});

const resourcesJson = (resources: PlaceAvailability['resources']) =>
  resources.map((r) =>
    r.kind !== 'room'
      ? { ...r, price: priceJson(r.price) }
      : { ...r, opening: intervals(r.opening), busy: intervals(r.busy), freeStarts: r.freeStarts.map(clockText24), price: priceJson(r.price) },
  );

export function placeAvailabilityJson(availability: PlaceAvailability): z.input<typeof PlaceAvailabilityOutput> {
  return {
    ...availability,
    resources: resourcesJson(availability.resources),
    days: availability.days.map((d) => ({ day: d.day, resources: resourcesJson(d.resources) })),
  };
}

export function resourceJson(resource: {
  id: string;
  placeId: string;
  kind: (typeof resourceKinds)[number];
  name: string;
  capacity: number;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  openingHours: string | null;
  active: boolean;
  free: boolean;
}): z.input<typeof ResourceOutput> {
  const { id, placeId, kind, name, capacity, minMinutes, maxMinutes, bufferMinutes, openingHours, active, free } = resource;
  return { id, placeId, kind, name, capacity, minMinutes, maxMinutes, bufferMinutes, openingHours, active, free };
}
