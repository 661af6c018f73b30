import { randomUUID } from 'node:crypto';
import { can, type Actor } from '../accounts/index.ts';
import { MAX_OFFICE_MONTHS } from './contracts.ts';
import type { BookerMeans } from './availability.ts';
import { SLOT_MINUTES, type Booking, type BookingStatus, type DayPeriod, type PaymentMethod, type PlaceAvailability, type RateUnit, type ResourceKind, type ResourcePrice } from './model.ts';
import { addDays, clockOf, MAX_DAYS_AHEAD } from './time.ts';

// Bookings and times as pages show them: plain data, local times as `HH:MM` text.

/** `08:30–18:30`. */
export const timeRange = (from: number, to: number) => `${clockOf(from)}–${clockOf(to)}`;

export interface BookingLine {
  id: string;
  placeName: string;
  placeSlug: string;
  resourceName: string;
  resourceKind: ResourceKind;
  day: string;
  /** Offices: the rental's last day (no time is shown). */
  endsOn: string | null;
  period: DayPeriod | null;
  time: string;
  status: BookingStatus;
  payment: PaymentMethod;
  priceCents: number;
}

export const bookingLine = (booking: Booking): BookingLine => ({
  id: booking.id,
  placeName: booking.placeName,
  placeSlug: booking.placeSlug,
  resourceName: booking.resourceName,
  resourceKind: booking.resourceKind,
  day: booking.day,
  endsOn: booking.endsOn,
  period: booking.period,
  time: timeRange(booking.startMinute, booking.endMinute),
  status: booking.status,
  payment: booking.payment,
  priceCents: booking.priceCents,
});

/** Free start times (quarter hours) as runs: [9:00, 9:15, 9:30, 14:00] → 09:00–09:30, 14:00–14:00. */
export function startRuns(starts: number[]): { from: string; to: string }[] {
  const runs: { from: number; to: number }[] = [];
  for (const start of starts) {
    const last = runs[runs.length - 1];
    if (last && start === last.to + SLOT_MINUTES) last.to = start;
    else runs.push({ from: start, to: start });
  }
  return runs.map((run) => ({ from: clockOf(run.from), to: clockOf(run.to) }));
}

/** What a booking of a resource will use for this person (`auto` payment), shown before they confirm. */
export type BookingUse =
  | { kind: 'free' }
  | { kind: 'plan'; daysLeft: number | null }
  | { kind: 'carnet'; daysLeft: number }
  | { kind: 'on-site'; unit: RateUnit; priceCents: number }
  /** No offer prices it and nothing held pays for it: not bookable yet. */
  | { kind: 'none' };

/** A card's price: its rates (public, and for members when it differs), whether it is free, and what a booking uses. */
export interface CardPrice {
  free: boolean;
  rates: { unit: RateUnit; priceCents: number; memberPriceCents: number | null }[];
  uses: BookingUse;
}

/**
 * The price of a resource as its card shows it, and what a booking would use for this person, in the order the
 * booking takes it: free; a plan (desks and rooms); a carnet day (desks); else payment on site at the rate of a
 * day (desks), an hour (rooms) or a month (offices), the member price for members.
 */
export function cardPrice(kind: ResourceKind, price: ResourcePrice, means: BookerMeans | null): CardPrice {
  const rates = price.rates.map((r) => ({ unit: r.unit, priceCents: r.priceCents, memberPriceCents: r.memberPriceCents === r.priceCents ? null : r.memberPriceCents }));
  const card = (uses: BookingUse): CardPrice => ({ free: price.free, rates, uses });
  if (price.free) return card({ kind: 'free' });
  if (means?.plan && kind !== 'office') return card({ kind: 'plan', daysLeft: means.plan.daysLeft });
  if (means?.carnet && kind === 'desk-pool') return card({ kind: 'carnet', daysLeft: means.carnet.daysLeft });
  const rate = price.rates[0];
  if (!rate) return card({ kind: 'none' });
  const member = means?.member === true && rate.memberPriceCents !== null;
  return card({ kind: 'on-site', unit: rate.unit, priceCents: member ? rate.memberPriceCents! : rate.priceCents });
}

/**
 * The booking section of a place page, from the place's availability over the days shown: what is free on the
 * first day, and an overview of each day (free desks, rooms with a free slot), each a link to that day.
 */
export function placeBookingSection(
  availability: PlaceAvailability,
  {
    actor,
    today,
    place,
    dateError = null,
    means = null,
  }: {
    actor: Actor;
    /** The person's plans and carnets at the place on the day (null: nobody signed in). */
    means?: BookerMeans | null;
    today: string;
    place: { id: string; status: string; operatorOrganizationId: string | null };
    /** A date asked for that cannot be shown (past, too far, malformed), with its message beside the date field. */
    dateError?: { value: string; message: string } | null;
  },
) {
  return {
    day: availability.day,
    dateError,
    today,
    lastDay: addDays(today, MAX_DAYS_AHEAD),
    open: place.status === 'open',
    signedIn: actor.kind === 'user',
    manage: can(actor, 'booking.manage', { type: 'place', id: place.id, operatorOrganizationId: place.operatorOrganizationId }),
    week: availability.days.map((d) => ({
      day: d.day,
      open: d.resources.some((r) => (r.kind === 'room' ? r.opening.length > 0 : r.kind === 'desk-pool' && r.open)),
      desks: d.resources.reduce((sum, r) => sum + (r.kind === 'desk-pool' ? r.free.full : 0), 0),
      rooms: d.resources.filter((r) => r.kind === 'room' && r.freeStarts.length > 0).length,
    })),
    // One key a displayed form: submitting it twice books once.
    idempotencyKey: randomUUID(),
    desks: availability.resources.flatMap((r) => (r.kind === 'desk-pool' ? [{ id: r.resourceId, name: r.name, capacity: r.capacity, free: r.free, open: r.open, price: cardPrice(r.kind, r.price, means) }] : [])),
    offices: availability.resources.flatMap((r) => (r.kind === 'office' ? [{ id: r.resourceId, name: r.name, capacity: r.capacity, open: r.open, rentedUntil: r.rentedUntil, freeUntil: r.freeUntil, price: cardPrice(r.kind, r.price, means) }] : [])),
    months: Array.from({ length: MAX_OFFICE_MONTHS }, (_, i) => i + 1),
    rooms: availability.resources.flatMap((r) =>
      r.kind === 'room'
        ? [
            {
              id: r.resourceId,
              name: r.name,
              capacity: r.capacity,
              minMinutes: r.minMinutes,
              maxMinutes: r.maxMinutes,
              open: r.opening.length > 0,
              starts: startRuns(r.freeStarts),
              // The form starts at the first free time, for the shortest booking.
              suggested: r.freeStarts[0] === undefined ? null : { start: clockOf(r.freeStarts[0]), end: clockOf(r.freeStarts[0] + r.minMinutes) },
              price: cardPrice(r.kind, r.price, means),
            },
          ]
        : [],
    ),
  };
}

export type BookingSection = ReturnType<typeof placeBookingSection>;
