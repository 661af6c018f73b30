import { randomUUID } from 'node:crypto';
import { can, type Actor } from '../accounts/index.ts';
import { MAX_OFFICE_MONTHS } from './contracts.ts';
import { SLOT_MINUTES, type Booking, type BookingStatus, type DayPeriod, type PaymentMethod, type PlaceAvailability, type ResourceKind } from './model.ts';
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
  }: {
    actor: Actor;
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
    desks: availability.resources.flatMap((r) => (r.kind === 'desk-pool' ? [{ id: r.resourceId, name: r.name, capacity: r.capacity, free: r.free, open: r.open }] : [])),
    offices: availability.resources.flatMap((r) => (r.kind === 'office' ? [{ id: r.resourceId, name: r.name, capacity: r.capacity, open: r.open, rentedUntil: r.rentedUntil, freeUntil: r.freeUntil }] : [])),
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
            },
          ]
        : [],
    ),
  };
}

export type BookingSection = ReturnType<typeof placeBookingSection>;
