import { describe, expect, it } from 'vitest';
import { expectInvalid } from '../../../../tests/setup/domain-error.ts';
import { availabilityDay } from './availability.ts';
import { startRuns, timeRange } from './view.ts';

/** Tuesday 1 December 2026, 9:00 in Paris. */
const NOW = new Date('2026-12-01T08:00:00Z');

describe('what pages show', () => {
  it('free room starts as runs of quarter hours', () => {
    expect(startRuns([])).toEqual([]);
    expect(startRuns([540, 555, 570, 840, 900, 915])).toEqual([
      { from: '09:00', to: '09:30' },
      { from: '14:00', to: '14:00' },
      { from: '15:00', to: '15:15' },
    ]);
    expect(timeRange(510, 1140)).toBe('08:30–19:00');
  });

  it('the day asked about: tomorrow by default, never past nor beyond a year, always a real date', () => {
    expect(availabilityDay(null, NOW)).toBe('2026-12-02');
    expect(availabilityDay('', NOW)).toBe('2026-12-02');
    expect(availabilityDay('2026-12-01', NOW)).toBe('2026-12-01');
    expect(availabilityDay('2027-12-01', NOW)).toBe('2027-12-01');
    expectInvalid(() => availabilityDay('2026-11-30', NOW), 'booking_day_past');
    expectInvalid(() => availabilityDay('2027-12-02', NOW), 'booking_day_too_far', { days: 365 });
    expectInvalid(() => availabilityDay('2026-02-30', NOW), 'invalid_input');
    expectInvalid(() => availabilityDay('demain', NOW), 'invalid_input');
  });
});
