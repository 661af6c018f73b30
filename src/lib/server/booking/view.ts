import type { BookingStatus, DayPeriod, PaymentMethod, ResourceKind } from './schema.ts';
import type { Booking } from './service.ts';
import { SLOT_MINUTES } from './model.ts';
import { clockOf } from './time.ts';

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
