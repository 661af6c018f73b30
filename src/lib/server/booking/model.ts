import type { MinuteInterval } from '../places/index.ts';
import type { DayPeriod } from './schema.ts';

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
