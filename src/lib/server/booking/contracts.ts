import * as z from 'zod';
import { decimalParam, integerParam } from '../params.ts';
import { dayPeriods, offerKinds, resourceKinds } from './schema.ts';
import { minuteOf } from './time.ts';

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

export const paymentChoices = ['auto', 'carnet', 'plan', 'on-site'] as const;

export const BookingInput = z
  .object({
    resourceId: uuid,
    day: isoDay,
    /** Desks: the whole day, the morning or the afternoon. */
    period: optional(z.enum(dayPeriods, { error: 'booking_period_invalid' })),
    /** Rooms: start and end, on quarter hours. */
    start: optional(clock),
    end: optional(clock),
    /** `auto`: a plan if one covers the day, else a carnet unit, else on site. */
    payment: z.enum(paymentChoices, { error: 'booking_payment_invalid' }).default('auto'),
    entitlementId: optional(uuid),
  })
  .meta({ id: 'BookingInput' });
export type BookingInput = z.output<typeof BookingInput>;

/** The Idempotency-Key header: a client-chosen token, unique per booking attempt. */
export const idempotencyKey = z
  .string({ error: 'booking_idempotency_key_invalid' })
  .trim()
  .min(8, { error: 'booking_idempotency_key_invalid', abort: true })
  .max(200, { error: 'booking_idempotency_key_invalid', abort: true })
  .regex(/^[\x21-\x7e]+$/, { error: 'booking_idempotency_key_invalid' });

/** Form fields arrive as text, JSON bodies as numbers: both are read the same way. */
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : value);
const decimal = (description: string) => z.preprocess(asText, decimalParam(description));
const integer = (description: string) => z.preprocess(asText, integerParam(description));

const euros = (key: string) =>
  decimal('Euros, VAT included').pipe(z.number().min(0, { error: key }).max(100_000, { error: key })).transform((value) => Math.round(value * 100));
const count = (key: string, max: number) => integer('A whole number').pipe(z.number().int().min(1, { error: key }).max(max, { error: key }));
const minutes = (key: string, min: number, max: number) => integer('Minutes').pipe(z.number().int().min(min, { error: key }).max(max, { error: key }));

export const ResourceInput = z.object({
  kind: z.enum(resourceKinds, { error: 'booking_resource_kind_invalid' }),
  name: z.string({ error: 'booking_name_invalid' }).trim().min(1, { error: 'booking_name_invalid' }).max(120, { error: 'booking_name_invalid' }),
  capacity: count('booking_capacity_invalid', 10_000),
  minMinutes: optional(minutes('booking_minutes_invalid', 15, 1440)),
  maxMinutes: optional(minutes('booking_minutes_invalid', 15, 1440)),
  bufferMinutes: optional(minutes('booking_minutes_invalid', 0, 240)),
  openingHours: optional(z.string().trim().max(1000, { error: 'place_opening_hours_invalid' })),
});

export const OfferInput = z.object({
  kind: z.enum(offerKinds, { error: 'booking_offer_kind_invalid' }),
  name: z.string({ error: 'booking_name_invalid' }).trim().min(1, { error: 'booking_name_invalid' }).max(120, { error: 'booking_name_invalid' }),
  price: euros('booking_price_invalid'),
  memberPrice: optional(euros('booking_price_invalid')),
  /** Percent (20, 10, 5.5, 2.1, 0). */
  vatRate: optional(decimal('VAT rate, percent').pipe(z.number().min(0, { error: 'booking_vat_invalid' }).max(100, { error: 'booking_vat_invalid' }))),
  units: optional(count('booking_units_invalid', 366)),
  validityDays: optional(count('booking_validity_invalid', 1830)),
  resourceId: optional(uuid),
});

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

export const CheckInInput = z.object({ code: optional(z.string().trim().regex(/^\d{6}$/, { error: 'booking_check_in_code_invalid' })) });
