import { createHash } from 'node:crypto';
import { invalid } from '../errors.ts';
import type { MinuteInterval } from '../places/index.ts';
import { MAX_DAYS_AHEAD, daysBetween, localNow } from './time.ts';
import type { DayPeriod, EntitlementKind, OfferKind, PaymentChoice, ResourceKind, BookingStatus, PaymentMethod } from './vocabulary.ts';

// The booking domain's vocabulary, shapes and pure rules: no database, no framework. Schema, contracts,
// services and views all read from here, and this file from none of them.

export * from './vocabulary.ts';

export interface Booking {
  id: string;
  resourceId: string;
  resourceName: string;
  resourceKind: ResourceKind;
  placeId: string;
  placeName: string;
  placeSlug: string;
  userId: string;
  day: string;
  /** Offices: the rental's last day. */
  endsOn: string | null;
  period: DayPeriod | null;
  startMinute: number;
  endMinute: number;
  status: BookingStatus;
  payment: PaymentMethod;
  entitlementId: string | null;
  priceCents: number;
  vatRateBasisPoints: number;
  createdAt: Date;
}

/** A resource with what booking rules need: its place's hours, région, operator and settings. */
export interface ResourceContext {
  id: string;
  placeId: string;
  placeName: string;
  placeSlug: string;
  placeStatus: string;
  operatorOrganizationId: string | null;
  kind: ResourceKind;
  name: string;
  capacity: number;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  openingHours: string;
  region: string | null;
  cancelNoticeHours: number;
  halfDaySplitMinute: number;
  active: boolean;
  /** Booked at no charge (no offer needed). */
  free: boolean;
}

/** A booking request as the API and the forms send it (parsed by `BookingInput`). */
export interface BookingRequest {
  resourceId: string;
  day: string;
  period?: DayPeriod | undefined;
  start?: number | undefined;
  end?: number | undefined;
  months?: number | undefined;
  payment: PaymentChoice;
  entitlementId?: string | undefined;
}

/**
 * What an Idempotency-Key stands for: a digest of the request with what it leaves out filled in as the
 * resource's kind reads it (a desk's whole day, an office's one month). A retry must send the same request.
 */
export function requestDigest(request: BookingRequest, kind: ResourceKind): string {
  const normalised = [
    request.resourceId.toLowerCase(),
    request.day,
    kind === 'desk-pool' ? (request.period ?? 'full') : (request.period ?? null),
    request.start ?? null,
    request.end ?? null,
    kind === 'office' ? (request.months ?? 1) : (request.months ?? null),
    request.payment,
    request.entitlementId?.toLowerCase() ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(normalised)).digest('base64url');
}

/** Days from today (local time) to `day`; the past, and days beyond `MAX_DAYS_AHEAD`, cannot be booked. */
export function daysAhead(day: string, now?: Date): number {
  const ahead = daysBetween(localNow(now).day, day);
  if (ahead < 0) throw invalid('booking_day_past');
  if (ahead > MAX_DAYS_AHEAD) throw invalid('booking_day_too_far', { days: MAX_DAYS_AHEAD });
  return ahead;
}

export interface DeskAvailability {
  resourceId: string;
  kind: 'desk-pool';
  name: string;
  capacity: number;
  /** Seats still free for the whole day, the morning, the afternoon (0 when closed). */
  free: Record<DayPeriod, number>;
  open: boolean;
  price: ResourcePrice;
}

export interface RoomAvailability {
  resourceId: string;
  kind: 'room';
  name: string;
  capacity: number;
  minMinutes: number;
  maxMinutes: number;
  opening: MinuteInterval[];
  /** Taken stretches (bookings with their buffer). */
  busy: MinuteInterval[];
  /** Quarter hours at which a booking of the shortest duration can start. */
  freeStarts: number[];
  price: ResourcePrice;
}

export interface OfficeAvailability {
  resourceId: string;
  kind: 'office';
  name: string;
  capacity: number;
  /** Closed that day (one of its closures). */
  open: boolean;
  /** The last day of the rental that covers the day, or null when it is free. */
  rentedUntil: string | null;
  /** When free: the last day before the next rental starts (null: none planned). */
  freeUntil: string | null;
  price: ResourcePrice;
}

/** What is free at a place on one day. */
export interface DayAvailability {
  day: string;
  resources: (DeskAvailability | RoomAvailability | OfficeAvailability)[];
}

/** What is free at a place on a run of days; `day` and `resources` are the first day's. */
export interface PlaceAvailability extends DayAvailability {
  placeId: string;
  slug: string;
  name: string;
  days: DayAvailability[];
}

/** When the place opens if it says nothing: Monday to Friday, 9:00 to 18:00. */
export const DEFAULT_OPENING_HOURS = 'Mo-Fr 09:00-18:00';
/** Room bookings start and end on quarter hours. */
export const SLOT_MINUTES = 15;

/** The span a desk booking covers on a day with these opening intervals, or null when closed then. */
export function deskSpan(intervals: MinuteInterval[], period: DayPeriod, split: number): MinuteInterval | null {
  if (intervals.length === 0) return null;
  const opens = intervals[0]!.from;
  const closes = intervals[intervals.length - 1]!.to;
  const span =
    period === 'full' ? { from: opens, to: closes } : period === 'am' ? { from: opens, to: Math.min(split, closes) } : { from: Math.max(split, opens), to: closes };
  return span.to > span.from ? span : null;
}

/** Whether [from, to) lies within one opening interval. */
export function withinOpening(intervals: MinuteInterval[], from: number, to: number): boolean {
  return intervals.some((interval) => interval.from <= from && to <= interval.to);
}

/** Seats taken in the morning and in the afternoon by desk bookings (a full day takes both). */
export function seatsTaken(periods: DayPeriod[]): { am: number; pm: number } {
  let am = 0;
  let pm = 0;
  for (const period of periods) {
    if (period !== 'pm') am++;
    if (period !== 'am') pm++;
  }
  return { am, pm };
}

/** Free seats for each period, given the capacity and what is taken. */
export function freeSeats(capacity: number, taken: { am: number; pm: number }): Record<DayPeriod, number> {
  const am = Math.max(0, capacity - taken.am);
  const pm = Math.max(0, capacity - taken.pm);
  return { am, pm, full: Math.min(am, pm) };
}

/**
 * The free start times of a room on a day, every quarter hour, for a booking of `minutes`: within an
 * opening interval, and clear of existing bookings (each blocks until its end plus the buffer, and a new
 * booking's own buffer must not run into the next one).
 */
export function freeRoomStarts(
  intervals: MinuteInterval[],
  taken: MinuteInterval[],
  minutes: number,
  buffer: number,
  notBefore = 0,
): number[] {
  const starts: number[] = [];
  for (const interval of intervals) {
    const first = Math.ceil(Math.max(interval.from, notBefore) / SLOT_MINUTES) * SLOT_MINUTES;
    for (let start = first; start + minutes <= interval.to; start += SLOT_MINUTES) {
      const blockedUntil = start + minutes + buffer;
      if (taken.every((t) => blockedUntil <= t.from || t.to <= start)) starts.push(start);
    }
  }
  return starts;
}

/** A short code staff show at the desk; the coworker types it to check in. Derived, so nothing is stored. */
export function dayCodeOf(digest: Buffer): string {
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Price including VAT → the VAT part, in cents (rounded to the cent). */
export function vatPart(priceCents: number, vatRateBasisPoints: number): number {
  return Math.round((priceCents * vatRateBasisPoints) / (10_000 + vatRateBasisPoints));
}

// ————— Prices —————

/** An active offer of a place that prices a booking: a day, a half-day, an hour of a room, a month of an office. */
export interface OfferPrice {
  kind: OfferKind;
  resourceId: string | null;
  priceCents: number;
  memberPriceCents: number | null;
  vatRateBasisPoints: number;
}

/** The offers that price bookings (carnets and plans are sold, then used). */
export const PRICING_OFFER_KINDS: readonly OfferKind[] = ['day-pass', 'half-day-pass', 'hourly-room', 'office-month'];

export type RateUnit = 'day' | 'half-day' | 'hour' | 'month';

/** What one unit of a resource costs on site: the public price, and the price for members (a plan or carnet held there). */
export interface Rate {
  unit: RateUnit;
  priceCents: number;
  memberPriceCents: number | null;
  vatRateBasisPoints: number;
}

/** The units a resource is priced by. */
export const RATE_UNITS: Record<ResourceKind, RateUnit[]> = { 'desk-pool': ['day', 'half-day'], room: ['hour'], office: ['month'] };

/** The offer of `kind` that prices the resource: one for this very resource before one for the place, the cheapest first. */
function applicableOffer(offers: readonly OfferPrice[], kind: OfferKind, resourceId: string): OfferPrice | undefined {
  const perResource = kind === 'hourly-room' || kind === 'office-month';
  return offers
    .filter((o) => o.kind === kind && (o.resourceId === null || (perResource && o.resourceId === resourceId)))
    .sort((a, b) => Number(a.resourceId === null) - Number(b.resourceId === null) || a.priceCents - b.priceCents)[0];
}

const rateFrom = (unit: RateUnit, offer: OfferPrice | undefined, times = 1): Rate | null =>
  offer
    ? {
        unit,
        priceCents: offer.priceCents * times,
        memberPriceCents: offer.memberPriceCents === null ? null : offer.memberPriceCents * times,
        vatRateBasisPoints: offer.vatRateBasisPoints,
      }
    : null;

/**
 * The rate of one unit of a resource from the place's offers, or null when none prices it: a desk's day is its
 * day pass (else two half-days), its half-day the half-day pass (else the day pass); a room's hour and an
 * office's month, the offer for it or for every room or office of the place.
 */
/** The offers that price a desk pool, by the day or the half-day; a desk pass is place-wide (it names no resource). */
export const DESK_PASS_KINDS: readonly OfferKind[] = ['day-pass', 'half-day-pass'];

export function rateOf(offers: readonly OfferPrice[], resource: { id: string; kind: ResourceKind }, unit: RateUnit): Rate | null {
  const best = (kind: OfferKind) => applicableOffer(offers, kind, resource.id);
  if (resource.kind === 'desk-pool') {
    if (unit === 'day') return rateFrom('day', best('day-pass')) ?? rateFrom('day', best('half-day-pass'), 2);
    if (unit === 'half-day') return rateFrom('half-day', best('half-day-pass')) ?? rateFrom('half-day', best('day-pass'));
    return null;
  }
  if (resource.kind === 'room') return unit === 'hour' ? rateFrom('hour', best('hourly-room')) : null;
  return unit === 'month' ? rateFrom('month', best('office-month')) : null;
}

/** Every rate of a resource (none: only a plan or a carnet, or its being free, lets one book it). */
export const ratesOf = (offers: readonly OfferPrice[], resource: { id: string; kind: ResourceKind }): Rate[] =>
  RATE_UNITS[resource.kind].flatMap((unit) => rateOf(offers, resource, unit) ?? []);

/** A resource's price as availability tells it: free, or its rates (none: not bookable yet without a plan or a carnet). */
export interface ResourcePrice {
  free: boolean;
  rates: Rate[];
}
