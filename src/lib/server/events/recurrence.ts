import * as rruleModule from 'rrule';
import { invalid } from '../errors.ts';
import { compactUtc, floating, instantOfLocal, localOf, localOfFloating } from './time.ts';
import { MAX_OCCURRENCES } from './vocabulary.ts';

// rrule ships CommonJS to Node (its named exports under `default`) and ES modules to bundlers: take either.
const { RRule } = ((rruleModule as { default?: typeof rruleModule }).default ?? rruleModule) as typeof rruleModule;

/*
 * Recurrence (RFC 5545 RRULE), pure. A series is its first start in local time, a duration, a zone, an
 * optional RRULE, EXDATEs (local starts that do not happen) and overrides (an occurrence moved or cancelled).
 * An occurrence is known by its series and its ORIGINAL start instant, so it keeps its id when it is moved,
 * and its registrations and override rows keep pointing at it.
 */

/** The parts of an RRULE value Maillage accepts, each with the form of its value. */
const PARTS: Record<string, RegExp> = {
  FREQ: /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^[1-9]\d{0,2}$/,
  COUNT: /^[1-9]\d{0,3}$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYDAY: /^([+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*$/,
  BYMONTHDAY: /^-?([1-9]|[12]\d|3[01])(,-?([1-9]|[12]\d|3[01]))*$/,
  BYMONTH: /^([1-9]|1[0-2])(,([1-9]|1[0-2]))*$/,
  BYSETPOS: /^-?([1-9]|[1-9]\d|[12]\d\d|3[0-5]\d|36[0-6])(,-?([1-9]|[1-9]\d|[12]\d\d|3[0-5]\d|36[0-6]))*$/,
  WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
};

/** An RRULE value (with or without the `RRULE:` prefix) checked part by part; refused with `events_rrule_invalid`. */
export function normaliseRrule(text: string): string {
  const value = text.trim().replace(/^RRULE:/i, '').toUpperCase();
  const seen = new Set<string>();
  for (const part of value.split(';')) {
    const [key, val, ...rest] = part.split('=');
    if (!key || val === undefined || rest.length || !PARTS[key] || !PARTS[key].test(val) || seen.has(key)) throw invalid('events_rrule_invalid');
    seen.add(key);
  }
  if (!seen.has('FREQ') || (seen.has('COUNT') && seen.has('UNTIL'))) throw invalid('events_rrule_invalid');
  return value;
}

/** What a series is made of, as stored. */
export interface SeriesShape {
  /** First start, local `YYYY-MM-DDTHH:MM`. */
  startLocal: string;
  durationMinutes: number;
  timeZone: string;
  rrule: string | null;
  /** Local starts (`YYYY-MM-DDTHH:MM`) that do not happen. */
  exdates: readonly string[];
}

/** An occurrence moved or cancelled, by its original start. */
export interface Override {
  originalStart: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  cancelled: boolean;
}

export interface Occurrence {
  /** `{series id}_{original start, compact UTC}`: stable through moves and edits of other occurrences. */
  id: string;
  originalStart: Date;
  start: Date;
  end: Date;
  moved: boolean;
  cancelled: boolean;
}

/** An UNTIL as a floating local time (rrule compares it with the floating starts). */
function untilOf(value: string, zone: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value)!;
  if (!m[4]) return new Date(`${m[1]}-${m[2]}-${m[3]}T23:59:59Z`);
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  // A UTC UNTIL is an instant: its wall-clock reading in the zone bounds the floating expansion.
  return m[7] ? new Date(`${localOf(new Date(iso), zone)}:${m[6]}Z`) : new Date(iso);
}

/**
 * The local starts of a series (EXDATEs removed), in order; over MAX_OCCURRENCES is refused with
 * `events_too_many_occurrences`, an RRULE rrule cannot read with `events_rrule_invalid`.
 */
export function localStarts(shape: SeriesShape): string[] {
  if (!shape.rrule) return shape.exdates.includes(shape.startLocal) ? [] : [shape.startLocal];
  const value = normaliseRrule(shape.rrule);
  let options;
  try {
    options = RRule.parseString(value.replace(/;?UNTIL=[^;]*/, ''));
  } catch {
    throw invalid('events_rrule_invalid');
  }
  const until = /UNTIL=([^;]*)/.exec(value)?.[1];
  const rule = new RRule({ ...options, dtstart: floating(shape.startLocal), ...(until ? { until: untilOf(until, shape.timeZone) } : {}) });
  const dates = rule.all((_, index) => index <= MAX_OCCURRENCES);
  if (dates.length > MAX_OCCURRENCES) throw invalid('events_too_many_occurrences', { max: MAX_OCCURRENCES });
  const skipped = new Set(shape.exdates);
  return dates.map(localOfFloating).filter((local) => !skipped.has(local));
}

export const occurrenceId = (seriesId: string, originalStart: Date) => `${seriesId}_${compactUtc(originalStart)}`;

/** Every occurrence of a series, with its overrides applied (a moved one keeps its id), in start order. */
export function expand(seriesId: string, shape: SeriesShape, overrides: readonly Override[] = []): Occurrence[] {
  const byStart = new Map(overrides.map((o) => [o.originalStart.getTime(), o]));
  return localStarts(shape)
    .map((local) => {
      const originalStart = instantOfLocal(local, shape.timeZone);
      // The duration is elapsed time: a night event across a clock change lasts what it says.
      const plannedEnd = new Date(originalStart.getTime() + shape.durationMinutes * 60_000);
      const override = byStart.get(originalStart.getTime());
      const start = override?.startsAt ?? originalStart;
      const end = override?.endsAt ?? (override?.startsAt ? new Date(override.startsAt.getTime() + (plannedEnd.getTime() - originalStart.getTime())) : plannedEnd);
      return {
        id: occurrenceId(seriesId, originalStart),
        originalStart,
        start,
        end,
        moved: !!override?.startsAt,
        cancelled: !!override?.cancelled,
      };
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
