import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expandedStarts } from '../../../../tests/setup/ical-expansion.ts';
import { expand, localStarts, normaliseRrule } from './recurrence.ts';
import { instantOfLocal, localOf } from './time.ts';

const PARIS = 'Europe/Paris';
const series = (startLocal: string, rrule: string | null, exdates: string[] = []) => ({ startLocal, durationMinutes: 120, timeZone: PARIS, rrule, exdates });

describe('local time in Paris', () => {
  it('reads winter (UTC+1) and summer (UTC+2)', () => {
    expect(instantOfLocal('2026-01-15T19:00', PARIS).toISOString()).toBe('2026-01-15T18:00:00.000Z');
    expect(instantOfLocal('2026-07-15T19:00', PARIS).toISOString()).toBe('2026-07-15T17:00:00.000Z');
  });

  it('on the spring Sunday, a time in the gap is read with the offset before it (RFC 5545 §3.3.5)', () => {
    expect(instantOfLocal('2026-03-29T01:59', PARIS).toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(instantOfLocal('2026-03-29T02:30', PARIS).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localOf(instantOfLocal('2026-03-29T02:30', PARIS), PARIS)).toBe('2026-03-29T03:30');
    expect(instantOfLocal('2026-03-29T03:00', PARIS).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('on the autumn Sunday, a time that happens twice is the first', () => {
    expect(instantOfLocal('2026-10-25T02:30', PARIS).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOfLocal('2026-10-25T03:00', PARIS).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('a weekly 19:00 stays 19:00 across both changes', () => {
    const starts = expand('s', series('2026-03-22T19:00', 'FREQ=WEEKLY;COUNT=2')).concat(expand('s', series('2026-10-18T19:00', 'FREQ=WEEKLY;COUNT=2')));
    expect(starts.map((o) => localOf(o.start, PARIS))).toEqual(['2026-03-22T19:00', '2026-03-29T19:00', '2026-10-18T19:00', '2026-10-25T19:00']);
    expect(starts.map((o) => o.start.toISOString())).toEqual(['2026-03-22T18:00:00.000Z', '2026-03-29T17:00:00.000Z', '2026-10-18T17:00:00.000Z', '2026-10-25T18:00:00.000Z']);
  });

  it('a public holiday is a day like another (14 July, summer time; 25 December, winter time)', () => {
    const [bastille] = expand('s', series('2026-07-14T10:00', null));
    expect(bastille!.start.toISOString()).toBe('2026-07-14T08:00:00.000Z');
    const [christmas] = expand('s', series('2026-12-25T10:00', null));
    expect(christmas!.start.toISOString()).toBe('2026-12-25T09:00:00.000Z');
  });
});

describe('RRULE checks', () => {
  it('refuses what is not an RRULE Maillage accepts', () => {
    for (const bad of ['', 'FREQ=WEKLY', 'FREQ=HOURLY', 'FREQ=DAILY;FOO=1', 'FREQ=DAILY;COUNT=0', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=DAILY;COUNT=3;UNTIL=20260101T000000Z', 'COUNT=3', 'FREQ=DAILY;;'])
      expect(() => normaliseRrule(bad), bad).toThrowError(/events_rrule_invalid/);
  });

  it('refuses over 500 occurrences, accepts 500', () => {
    expect(() => localStarts(series('2026-01-01T10:00', 'FREQ=DAILY'))).toThrowError(/events_too_many_occurrences/);
    expect(() => localStarts(series('2026-01-01T10:00', 'FREQ=DAILY;COUNT=501'))).toThrowError(/events_too_many_occurrences/);
    expect(localStarts(series('2026-01-01T10:00', 'FREQ=DAILY;COUNT=500'))).toHaveLength(500);
  });

  it('keeps the id of a moved occurrence and drops an EXDATE', () => {
    const plain = expand('s', series('2026-03-12T19:00', 'FREQ=WEEKLY;COUNT=4', ['2026-03-19T19:00']));
    expect(plain).toHaveLength(3);
    const moved = expand('s', series('2026-03-12T19:00', 'FREQ=WEEKLY;COUNT=4'), [
      { originalStart: plain[1]!.originalStart, startsAt: new Date('2026-03-27T17:00:00Z'), endsAt: null, cancelled: false },
    ]);
    const same = moved.find((o) => o.id === plain[1]!.id)!;
    expect(same.start.toISOString()).toBe('2026-03-27T17:00:00.000Z');
    expect(same.end.toISOString()).toBe('2026-03-27T19:00:00.000Z');
  });
});

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A random series: a start (including times in and around the DST changes), a rule, some skipped starts. */
const arbitrarySeries = fc
  .record({
    year: fc.integer({ min: 2024, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45),
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 3 }),
    end: fc.oneof(fc.record({ count: fc.integer({ min: 1, max: 60 }) }), fc.record({ untilDays: fc.integer({ min: 0, max: 400 }) })),
    byDay: fc.subarray(DAYS, { minLength: 0, maxLength: 3 }),
    skip: fc.array(fc.nat({ max: 59 }), { maxLength: 4 }),
  })
  .map((r) => {
    const startLocal = `${r.year}-${pad(r.month)}-${pad(r.day)}T${pad(r.hour)}:${pad(r.minute)}`;
    const parts = [`FREQ=${r.freq}`];
    if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
    if (r.freq === 'WEEKLY' && r.byDay.length) parts.push(`BYDAY=${r.byDay.join(',')}`);
    if ('count' in r.end) parts.push(`COUNT=${r.end.count}`);
    else {
      const until = new Date(Date.parse(`${startLocal}:00Z`) + r.end.untilDays * 86_400_000);
      parts.push(`UNTIL=${until.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);
    }
    return { startLocal, rrule: parts.join(';'), skip: r.skip };
  });

describe('expansion against an independent implementation (ical.js)', () => {
  it('gives the same instants over 1,000 generated series', () => {
    fc.assert(
      fc.property(arbitrarySeries, ({ startLocal, rrule, skip }) => {
        let all: string[];
        try {
          all = localStarts(series(startLocal, rrule));
        } catch {
          return; // over 500 occurrences: refused, nothing to compare
        }
        const exdates = [...new Set(skip.filter((i) => i < all.length).map((i) => all[i]!))];
        const ours = expand('s', series(startLocal, rrule, exdates)).map((o) => o.start.toISOString());
        expect(ours).toEqual(expandedStarts(startLocal, rrule, exdates, 600).map((d) => d.toISOString()));
      }),
      { numRuns: 1000, seed: 16 },
    );
  });

  it('ical.js knows the zone it is given (not the system one)', () => {
    expect(ICAL.TimezoneService.has(PARIS)).toBe(true);
  });
});
