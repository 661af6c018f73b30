import OpeningHours from 'opening_hours';
import { invalid } from '../errors.ts';
import { weekdays, type Weekday } from './schema.ts';

/**
 * Opening hours in OpenStreetMap `opening_hours` syntax (`Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off`),
 * parsed by the `opening_hours` package (LGPL-3.0).
 *
 * A value is read against a reference year (the 52 weeks from Monday 6 January 2025), for which the
 * package holds every French public holiday (`PH`) and every région's school holidays (`SH`): what we
 * derive from it (the typical week, the days the place opens) is then the same whenever it is computed.
 */

export const MAX_OPENING_HOURS_LENGTH = 1000;

/** The région names (COG spelling) whose school holidays the package knows; others use Île-de-France's. */
const KNOWN_REGIONS = new Set([
  'Auvergne-Rhône-Alpes',
  'Bourgogne-Franche-Comté',
  'Bretagne',
  'Centre-Val de Loire',
  'Corse',
  'Grand Est',
  'Guadeloupe',
  'Guyane',
  'Hauts-de-France',
  'Île-de-France',
  'La Réunion',
  'Martinique',
  'Mayotte',
  'Normandie',
  'Nouvelle-Aquitaine',
  'Occitanie',
  'Pays de la Loire',
  "Provence-Alpes-Côte d'Azur",
]);
const DEFAULT_REGION = 'Île-de-France';

/** Monday 6 January 2025, local time: the start of the reference year. */
const REFERENCE_MONDAY = [2025, 0, 6] as const;
const WEEKS = 52;
/** Weeks read when the hours change over the year: one in four, spread over the reference year. */
const SAMPLE_STEP = 4;

export interface OpeningHoursOptions {
  /** Name of the place's région (COG), for school holidays (`SH`). */
  region?: string | null;
}

export interface OpeningInterval {
  /** `HH:MM`, local time. */
  from: string;
  /** `HH:MM`; `24:00` for the midnight that ends the day. */
  to: string;
}

export interface WeekdayHours {
  day: Weekday;
  open: boolean;
  intervals: OpeningInterval[];
}

export interface OpeningHoursSummary {
  /** The value as stored. */
  value: string;
  /** The typical week: the most frequent week of the reference year, weeks with a public holiday left out. */
  days: WeekdayHours[];
  /** true when some weeks differ from the typical one (seasons, closures). */
  varies: boolean;
  /** The weekdays on which the place opens (see `openDaysOf`). */
  openDays: Weekday[];
  /** true when every public holiday of the reference year that falls on an open weekday is closed. */
  publicHolidaysClosed: boolean;
}

function construct(value: string, region: string): OpeningHours {
  return new OpeningHours(
    value,
    { lat: 46.6, lon: 1.9, address: { country_code: 'fr', state: region } },
    { mode: 0, tag_key: 'opening_hours', map_value: false, warnings_severity: 4, locale: 'fr' },
  );
}

const reasonOf = (error: unknown) =>
  String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);

/**
 * Parses an opening_hours value: returns it trimmed with the parsed object, or throws
 * `place_opening_hours_invalid` with the package's explanation in `reason`.
 */
export function parseOpeningHours(value: string, options: OpeningHoursOptions = {}): { value: string; hours: OpeningHours } {
  const trimmed = value.trim();
  if (trimmed === '') throw invalid('place_opening_hours_invalid', { reason: 'empty' });
  if (trimmed.length > MAX_OPENING_HOURS_LENGTH) throw invalid('place_opening_hours_invalid', { reason: 'too long' });
  const region = options.region && KNOWN_REGIONS.has(options.region) ? options.region : DEFAULT_REGION;
  try {
    return { value: trimmed, hours: construct(trimmed, region) };
  } catch (error) {
    throw invalid('place_opening_hours_invalid', { reason: reasonOf(error) });
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;

interface Day {
  weekday: Weekday;
  holiday: boolean;
  intervals: OpeningInterval[];
}

/** One week from `monday`, day by day: the intervals when the place is open for sure (`unknown` is not open). */
function weekOfDays(hours: OpeningHours, monday: Date): Day[] {
  const starts = Array.from(
    { length: 8 },
    (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i),
  );
  const days: Day[] = weekdays.map((weekday, i) => ({
    weekday,
    holiday: hours.getPublicHolidayContext(new Date(starts[i]!.getTime() + 12 * 3_600_000)).isHoliday,
    intervals: [],
  }));
  for (const [open, close, unknown] of hours.getOpenIntervals(starts[0]!, starts[7]!)) {
    if (unknown) continue;
    // An interval may run over several days (24/7, past midnight): clip it to each.
    for (let d = 0; d < 7; d++) {
      const from = open > starts[d]! ? open : starts[d]!;
      const to = close < starts[d + 1]! ? close : starts[d + 1]!;
      if (to > from) {
        days[d]!.intervals.push({ from: clock(from), to: to.getTime() === starts[d + 1]!.getTime() ? '24:00' : clock(to) });
      }
    }
  }
  return days;
}

function summarise(value: string, hours: OpeningHours): OpeningHoursSummary {
  const [year, month, day] = REFERENCE_MONDAY;
  const sampled = hours.isWeekStable() ? [0] : Array.from({ length: WEEKS / SAMPLE_STEP }, (_, i) => i * SAMPLE_STEP);
  let weeks: Day[][];
  try {
    weeks = sampled.map((w) => weekOfDays(hours, new Date(year, month, day + 7 * w)));
  } catch (error) {
    // Parsed, but the package cannot evaluate it (e.g. school holidays it has no dates for).
    throw invalid('place_opening_hours_invalid', { reason: reasonOf(error) });
  }
  const days = weeks.flat();
  // A weekday is open when the place opens at some time that day in at least half of the weeks,
  // public holidays left out.
  const openDays = weekdays.filter((weekday) => {
    const regular = days.filter((d) => d.weekday === weekday && !d.holiday);
    const open = regular.filter((d) => d.intervals.length > 0).length;
    return regular.length > 0 && open * 2 >= regular.length;
  });
  const patterns = new Map<string, { count: number; week: Day[] }>();
  for (const week of weeks) {
    if (week.some((d) => d.holiday) && weeks.length > 1) continue;
    const key = JSON.stringify(week.map((d) => d.intervals));
    const entry = patterns.get(key) ?? { count: 0, week };
    entry.count++;
    patterns.set(key, entry);
  }
  let typical: { count: number; week: Day[] } | undefined;
  for (const entry of patterns.values()) if (!typical || entry.count > typical.count) typical = entry;
  const week = typical?.week ?? weeks[0]!;
  const holidays = days.filter((d) => d.holiday && openDays.includes(d.weekday));
  return {
    value,
    days: week.map((d) => ({ day: d.weekday, open: d.intervals.length > 0, intervals: d.intervals })),
    varies: patterns.size > 1,
    openDays,
    publicHolidaysClosed: holidays.length > 0 && holidays.every((d) => d.intervals.length === 0),
  };
}

const summaryCache = new Map<string, OpeningHoursSummary>();
const MAX_CACHED = 5000;

function freeze(summary: OpeningHoursSummary): OpeningHoursSummary {
  for (const day of summary.days) {
    for (const interval of day.intervals) Object.freeze(interval);
    Object.freeze(day.intervals);
    Object.freeze(day);
  }
  Object.freeze(summary.days);
  Object.freeze(summary.openDays);
  return Object.freeze(summary);
}

/**
 * The typical week of an opening_hours value, for display; throws `place_opening_hours_invalid`.
 * Read against a fixed reference year, so the result depends on the value (and, for `SH`, the région)
 * alone: it is cached, and returned frozen.
 */
export function openingHoursSummary(value: string, options: OpeningHoursOptions = {}): OpeningHoursSummary {
  const region = /\bSH\b/.test(value) ? (options.region ?? '') : '';
  const key = `${region}\u0000${value}`;
  const cached = summaryCache.get(key);
  if (cached) return cached;
  const parsed = parseOpeningHours(value, options);
  const summary = freeze(summarise(parsed.value, parsed.hours));
  if (summaryCache.size >= MAX_CACHED) summaryCache.delete(summaryCache.keys().next().value!);
  summaryCache.set(key, summary);
  return summary;
}

/** Validates a value fully (parsed and evaluated over the reference year); throws `place_opening_hours_invalid`. */
export function validateOpeningHours(value: string, options: OpeningHoursOptions = {}): string {
  return openingHoursSummary(value, options).value;
}

/** true when the value parses and evaluates. */
export function isValidOpeningHours(value: string, options: OpeningHoursOptions = {}): boolean {
  try {
    validateOpeningHours(value, options);
    return true;
  } catch {
    return false;
  }
}

export function weekdayBit(day: Weekday): number {
  return 1 << weekdays.indexOf(day);
}

export function openDaysMask(days: readonly Weekday[]): number {
  return days.reduce((mask, day) => mask | weekdayBit(day), 0);
}

export function weekdaysOfMask(mask: number): Weekday[] {
  return weekdays.filter((day) => (mask & weekdayBit(day)) !== 0);
}

/**
 * The `openDays` bit mask of a value (0 when no hours are given): bit i set when the place opens at some
 * time on weekdays[i] in at least half of the weeks of the reference year, public holidays left out.
 * Throws `place_opening_hours_invalid` for a value that does not parse.
 */
export function openDaysOf(value: string | null | undefined, options: OpeningHoursOptions = {}): number {
  if (value == null || value.trim() === '') return 0;
  return openDaysMask(openingHoursSummary(value, options).openDays);
}

/** Open at some time on this weekday in a typical week without holidays. No hours given: false. */
export function isOpenOn(value: string | null | undefined, day: Weekday, options: OpeningHoursOptions = {}): boolean {
  return (openDaysOf(value, options) & weekdayBit(day)) !== 0;
}

/** Minutes from local midnight: [from, to). */
export interface MinuteInterval {
  from: number;
  to: number;
}

const parsedCache = new Map<string, OpeningHours>();

/**
 * When a place is open on one date (`YYYY-MM-DD`, its local time), as minute intervals; holidays and
 * closures written in the value (`PH off`, `Dec 24-26 off`) apply. Parsed values are cached: they are pure
 * functions of the value and the région, so every process may keep its own.
 */
export function openIntervalsOn(value: string, day: string, options: OpeningHoursOptions = {}): MinuteInterval[] {
  const region = options.region && KNOWN_REGIONS.has(options.region) ? options.region : DEFAULT_REGION;
  const key = `${region}\u0000${value}`;
  let hours = parsedCache.get(key);
  if (!hours) {
    hours = parseOpeningHours(value, { region }).hours;
    if (parsedCache.size >= MAX_CACHED) parsedCache.clear();
    parsedCache.set(key, hours);
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(y, m - 1, d);
  const end = new Date(y, m - 1, d + 1);
  const minuteOf = (date: Date) => (date.getTime() >= end.getTime() ? 1440 : date.getHours() * 60 + date.getMinutes());
  return hours
    .getOpenIntervals(start, end)
    .filter(([, , unknown]) => !unknown)
    .map(([open, close]) => ({ from: minuteOf(open < start ? start : open), to: minuteOf(close > end ? end : close) }))
    .filter((interval) => interval.to > interval.from);
}
