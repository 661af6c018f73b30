/*
 * Wall-clock time in a zone, for any IANA zone (events keep the zone of their place). A series is expanded
 * in local time (a weekly 19:00 stays 19:00 across daylight-saving changes), then each local time becomes an
 * instant here. RFC 5545 §3.3.5: a local time that does not exist (the spring gap) is read with the offset
 * before the change (02:30 → 03:30 summer time); one that happens twice (the autumn fold), the first.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** The local wall-clock reading of an instant, as `YYYY-MM-DDTHH:MM`. */
export function localOf(instant: Date, zone: string): string {
  const parts = Object.fromEntries(formatter(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The zone's offset read by Intl (slow): minutes ahead of UTC. */
const intlOffset = (at: Date, zone: string) => Math.round((Date.parse(`${localOf(at, zone)}:00Z`) - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);

/**
 * Offsets by zone and UTC day, as [at the start, at the end]: equal on all but the days of a change, when the
 * instant itself is read by Intl. Calendars expand thousands of occurrences: Intl once per day, not per time.
 */
const dayOffsets = new Map<string, [number, number]>();
const DAY = 86_400_000;

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: Date, zone: string): number {
  const day = Math.floor(instant.getTime() / DAY);
  const key = `${zone} ${day}`;
  let pair = dayOffsets.get(key);
  if (!pair) {
    pair = [intlOffset(new Date(day * DAY), zone), intlOffset(new Date((day + 1) * DAY - 60_000), zone)];
    if (dayOffsets.size > 50_000) dayOffsets.clear();
    dayOffsets.set(key, pair);
  }
  return pair[0] === pair[1] ? pair[0] : intlOffset(instant, zone);
}

/** The local `YYYY-MM-DDTHH:MM` of an instant from the zone's offset (the fast path of `localOf`). */
const localByOffset = (instant: Date, zone: string) => new Date(instant.getTime() + offsetMinutes(instant, zone) * 60_000).toISOString().slice(0, 16);

/** The instant of a local `YYYY-MM-DDTHH:MM` in a zone (gap: offset before the change; fold: the first). */
export function instantOfLocal(local: string, zone: string): Date {
  const wall = Date.parse(`${local}:00Z`);
  // The offsets just before and just after this wall time (a day apart covers any change).
  const before = offsetMinutes(new Date(wall - 86_400_000), zone);
  const after = offsetMinutes(new Date(wall + 86_400_000), zone);
  const candidates = [before, after].map((offset) => new Date(wall - offset * 60_000)).filter((c) => localByOffset(c, zone) === local);
  if (candidates.length) return candidates.sort((a, b) => a.getTime() - b.getTime())[0]!;
  return new Date(wall - before * 60_000);
}

/** `YYYY-MM-DDTHH:MM` as a floating Date (its UTC fields are the wall clock), for rrule. */
export const floating = (local: string) => new Date(`${local}:00Z`);
/** A floating Date back to `YYYY-MM-DDTHH:MM`. */
export const localOfFloating = (date: Date) => date.toISOString().slice(0, 16);

/** `20260319T180000Z`: an instant in the compact UTC form of RFC 5545, the second half of an occurrence id. */
export const compactUtc = (instant: Date) => instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** The instant of a compact UTC form, or null. */
export function parseCompactUtc(text: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) || compactUtc(date) !== text ? null : date;
}

