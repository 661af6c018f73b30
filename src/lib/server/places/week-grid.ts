import type { FieldIssue } from '../errors.ts';
import { weekdays, type Weekday } from './schema.ts';

/**
 * The week grid of the place form: each day closed, or open in up to two ranges, and public holidays closed
 * or as usual. It writes the `opening_hours` value (OpenStreetMap syntax) that the rest of the directory
 * reads; a value the grid cannot show (seasons, school holidays, odd weeks) stays in the advanced field.
 *
 * Form fields: `hours-<day>-closed` (checkbox), `hours-<day>-<n>-from` / `-to` (HH:MM, n = 1..2),
 * `hours-ph` (`closed` | `usual`), `hours-mode` (`grid` | `advanced`); the advanced value is `openingHours`.
 */

export const GRID_RANGES = 2;
export type HoursMode = 'grid' | 'advanced';

export interface TimeRange {
  from: string;
  to: string;
}

export interface WeekGrid {
  days: Record<Weekday, TimeRange[]>;
  publicHolidaysClosed: boolean;
}

const OSM_DAY: Record<Weekday, string> = { mo: 'Mo', tu: 'Tu', we: 'We', th: 'Th', fr: 'Fr', sa: 'Sa', su: 'Su' };
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const fieldOf = (day: Weekday, n: number, end: 'from' | 'to') => `hours-${day}-${n}-${end}`;
export const dayField = (day: Weekday) => `hours-${day}`;

/** `9:00` or `0900` or `9h` → `09:00`; anything else unchanged, for the check to refuse. */
function normaliseTime(text: string): string {
  const match = /^(\d{1,2})(?:[:hH.]?(\d{2}))?[hH]?$/.exec(text.trim());
  if (!match) return text.trim();
  return `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}`;
}

/** Days with the same ranges, consecutive ones joined: `Mo-Fr`, `Mo,We`, `Sa`. */
function daySelector(days: Weekday[]): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= days.length; i += 1) {
    const consecutive = i < days.length && weekdays.indexOf(days[i]!) === weekdays.indexOf(days[i - 1]!) + 1;
    if (consecutive) continue;
    const run = days.slice(start, i);
    parts.push(run.length >= 3 ? `${OSM_DAY[run[0]!]}-${OSM_DAY[run.at(-1)!]}` : run.map((d) => OSM_DAY[d]).join(','));
    start = i;
  }
  return parts.join(',');
}

/** The `opening_hours` value of a grid; null when every day is closed and holidays say nothing. */
export function openingHoursOfGrid(grid: WeekGrid): string | null {
  const groups = new Map<string, Weekday[]>();
  for (const day of weekdays) {
    const ranges = grid.days[day];
    if (ranges.length === 0) continue;
    const key = ranges.map((r) => `${r.from}-${r.to}`).join(',');
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  if (groups.size === 0) return null;
  const rules = [...groups].map(([ranges, days]) => `${daySelector(days)} ${ranges}`);
  if (grid.publicHolidaysClosed) rules.push('PH off');
  return rules.join('; ');
}

const DAY_TOKEN = /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$/;
const RANGE = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;
const fromOsm = (token: string) => weekdays.find((d) => OSM_DAY[d] === token)!;

/**
 * The grid of a value written in the grid's own subset of the syntax (day selectors, at most two ranges,
 * `off`, `PH off`); null when the value says more than a grid can show, which then stays advanced.
 */
export function gridOfOpeningHours(value: string | null): WeekGrid | null {
  const grid: WeekGrid = { days: { mo: [], tu: [], we: [], th: [], fr: [], sa: [], su: [] }, publicHolidaysClosed: false };
  if (value === null || value.trim() === '') return grid;
  for (const rule of value.split(';').map((r) => r.trim()).filter(Boolean)) {
    if (/^PH\s+(off|closed)$/.test(rule)) {
      grid.publicHolidaysClosed = true;
      continue;
    }
    const match = /^(\S+)\s+(.+)$/.exec(rule);
    if (!match) return null;
    const days: Weekday[] = [];
    for (const token of match[1]!.split(',')) {
      const selector = DAY_TOKEN.exec(token);
      if (!selector) return null;
      const first = weekdays.indexOf(fromOsm(selector[1]!));
      const last = selector[2] ? weekdays.indexOf(fromOsm(selector[2])) : first;
      if (last < first) return null;
      days.push(...weekdays.slice(first, last + 1));
    }
    const ranges: TimeRange[] = [];
    if (!/^(off|closed)$/.test(match[2]!)) {
      for (const part of match[2]!.split(',')) {
        const range = RANGE.exec(part.trim());
        if (!range || !TIME.test(range[1]!) || !TIME.test(range[2]!)) return null;
        ranges.push({ from: range[1]!, to: range[2]! });
      }
      if (ranges.length > GRID_RANGES || rangeIssue(ranges)) return null;
    }
    // A later rule for a day replaces the earlier one, as in the syntax itself.
    for (const day of days) grid.days[day] = ranges;
  }
  return grid;
}

/** What is wrong with a day's ranges: a time that is not one, a close before the open, an overlap. */
function rangeIssue(ranges: TimeRange[]): string | null {
  for (const range of ranges) {
    if (!TIME.test(range.from) || !TIME.test(range.to)) return 'place_hours_time_invalid';
    if (minutes(range.to) <= minutes(range.from)) return 'place_hours_close_before_open';
  }
  for (let i = 1; i < ranges.length; i += 1) if (minutes(ranges[i]!.from) < minutes(ranges[i - 1]!.to)) return 'place_hours_ranges_overlap';
  return null;
}

/** The grid's form fields for a value, and whether the form opens on the grid or on the advanced field. */
export function weekGridFormValues(value: string | null): Record<string, string> {
  const grid = gridOfOpeningHours(value);
  const values: Record<string, string> = { 'hours-mode': grid ? 'grid' : 'advanced' };
  const shown = grid ?? gridOfOpeningHours(null)!;
  for (const day of weekdays) {
    const ranges = shown.days[day];
    if (ranges.length === 0) values[`${dayField(day)}-closed`] = 'on';
    ranges.forEach((range, index) => {
      values[fieldOf(day, index + 1, 'from')] = range.from;
      values[fieldOf(day, index + 1, 'to')] = range.to;
    });
  }
  values['hours-ph'] = shown.publicHolidaysClosed ? 'closed' : 'usual';
  return values;
}

/**
 * The `opening_hours` value the form asks for: the advanced field when chosen, else the grid's value, with
 * an issue on each day whose ranges cannot be (a close before the open, a half-filled range, an overlap).
 */
export function openingHoursOfForm(values: Record<string, string>): { value: string | null; issues: FieldIssue[] } {
  if (values['hours-mode'] === 'advanced') {
    const advanced = (values.openingHours ?? '').trim();
    return { value: advanced === '' ? null : advanced, issues: [] };
  }
  const grid = gridOfOpeningHours(null)!;
  const issues: FieldIssue[] = [];
  for (const day of weekdays) {
    if (values[`${dayField(day)}-closed`] !== undefined) continue;
    const ranges: TimeRange[] = [];
    let issue: string | null = null;
    for (let n = 1; n <= GRID_RANGES; n += 1) {
      const from = normaliseTime(values[fieldOf(day, n, 'from')] ?? '');
      const to = normaliseTime(values[fieldOf(day, n, 'to')] ?? '');
      if (from === '' && to === '') continue;
      if (from === '' || to === '') issue ??= 'place_hours_range_incomplete';
      else ranges.push({ from, to });
    }
    issue ??= rangeIssue(ranges);
    if (issue) issues.push({ path: dayField(day), message: issue });
    else grid.days[day] = ranges;
  }
  grid.publicHolidaysClosed = values['hours-ph'] === 'closed';
  return { value: issues.length > 0 ? null : openingHoursOfGrid(grid), issues };
}
