import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  isOpenOn,
  isValidOpeningHours,
  openDaysMask,
  openDaysOf,
  openingHoursSummary,
  parseOpeningHours,
  validateOpeningHours,
  weekdaysOfMask,
} from './opening-hours.ts';

const errorOf = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('opening hours validation', () => {
  it('accepts OpenStreetMap syntax and keeps the value trimmed', () => {
    expect(validateOpeningHours('  Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off ')).toBe('Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off');
    for (const value of ['24/7', 'Mo-Fr 08:30-12:00,14:00-19:00', 'Tu-Sa 09:00-17:00; Jul-Aug off', 'Mo-Fr 09:00-17:00 open "sur rendez-vous"']) {
      expect(isValidOpeningHours(value), value).toBe(true);
    }
  });

  it('refuses what does not parse with place_opening_hours_invalid and the reason', () => {
    for (const value of ['garbage', 'Mo-Zz 09:00-18:00', '25:00-26:00', '', '   ', 'Mo-Fr 09:00-18:00 ; ;;; )(']) {
      const error = errorOf(() => parseOpeningHours(value));
      expect(error.code, value).toBe('place_opening_hours_invalid');
      expect(error.kind).toBe('invalid');
      expect(typeof error.params.reason).toBe('string');
    }
    expect(errorOf(() => parseOpeningHours('Mo '.repeat(400))).code).toBe('place_opening_hours_invalid');
  });

  it("reads school holidays of the place's région, and of Île-de-France for a région the package does not know", () => {
    expect(openingHoursSummary('Mo-Fr 09:00-18:00; SH off', { region: "Provence-Alpes-Côte d'Azur" }).openDays).toEqual(['mo', 'tu', 'we', 'th', 'fr']);
    expect(openingHoursSummary('Mo-Fr 09:00-18:00; SH off', { region: 'Nowhere' }).openDays).toEqual(['mo', 'tu', 'we', 'th', 'fr']);
  });
});

describe('open on a weekday', () => {
  it('says which weekdays a place opens in a typical week', () => {
    const hours = 'Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off';
    expect(isOpenOn(hours, 'mo')).toBe(true);
    expect(isOpenOn(hours, 'sa')).toBe(true);
    expect(isOpenOn(hours, 'su')).toBe(false);
    expect(weekdaysOfMask(openDaysOf('Tu,Th 14:00-18:00'))).toEqual(['tu', 'th']);
    expect(weekdaysOfMask(openDaysOf('24/7'))).toEqual(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']);
  });

  it('counts the day an evening runs into', () => {
    expect(weekdaysOfMask(openDaysOf('Fr 20:00-02:00'))).toEqual(['fr', 'sa']);
  });

  it('ignores public holidays and short seasons, keeps long ones', () => {
    // Open on Saturdays in July and August only: not a typical Saturday.
    expect(isOpenOn('Mo-Fr 09:00-17:00; Jul-Aug Sa 10:00-12:00', 'sa')).toBe(false);
    // Closed in August only: still open on Mondays.
    expect(isOpenOn('Mo-Fr 09:00-17:00; Aug off', 'mo')).toBe(true);
    // Open on Saturdays from March to October: eight months out of twelve.
    expect(isOpenOn('Mo-Fr 09:00-17:00; Mar-Oct Sa 09:00-12:00', 'sa')).toBe(true);
    // A Monday holiday (Easter Monday, Whit Monday) does not make Monday closed.
    expect(isOpenOn('Mo 09:00-12:00; PH off', 'mo')).toBe(true);
  });

  it('does not count an unknown state as open, but counts `open` with a comment', () => {
    expect(isOpenOn('Mo-Fr 09:00-17:00 "sur rendez-vous"', 'mo')).toBe(false);
    expect(isOpenOn('Mo-Fr 09:00-17:00 open "sur rendez-vous"', 'mo')).toBe(true);
    expect(isOpenOn('Sa unknown', 'sa')).toBe(false);
  });

  it('is false without hours and throws for hours that do not parse', () => {
    expect(isOpenOn(null, 'mo')).toBe(false);
    expect(isOpenOn('', 'mo')).toBe(false);
    expect(openDaysOf(undefined)).toBe(0);
    expect(() => isOpenOn('nonsense', 'mo')).toThrow(DomainError);
  });

  it('maps weekdays to bits and back', () => {
    expect(openDaysMask(['mo'])).toBe(1);
    expect(openDaysMask(['su'])).toBe(64);
    expect(openDaysMask(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'])).toBe(127);
    expect(weekdaysOfMask(0b0100001)).toEqual(['mo', 'sa']);
  });
});

describe('summary for display', () => {
  it('lists each weekday with its intervals', () => {
    const summary = openingHoursSummary('Mo-Fr 08:30-12:00,14:00-19:00; Sa 09:00-12:00; PH off');
    expect(summary.days.map((d) => d.day)).toEqual(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']);
    expect(summary.days[0]).toEqual({
      day: 'mo',
      open: true,
      intervals: [
        { from: '08:30', to: '12:00' },
        { from: '14:00', to: '19:00' },
      ],
    });
    expect(summary.days[5]!.intervals).toEqual([{ from: '09:00', to: '12:00' }]);
    expect(summary.days[6]).toEqual({ day: 'su', open: false, intervals: [] });
    expect(summary.varies).toBe(false);
  });

  it('shows a whole day as 00:00–24:00 and splits intervals at midnight', () => {
    expect(openingHoursSummary('24/7').days[2]!.intervals).toEqual([{ from: '00:00', to: '24:00' }]);
    const late = openingHoursSummary('Fr 20:00-02:00');
    expect(late.days[4]!.intervals).toEqual([{ from: '20:00', to: '24:00' }]);
    expect(late.days[5]!.intervals).toEqual([{ from: '00:00', to: '02:00' }]);
  });

  it('says when weeks differ over the year, and shows the most frequent one', () => {
    const summary = openingHoursSummary('Mo-Fr 09:00-18:00; Aug off');
    expect(summary.varies).toBe(true);
    expect(summary.days[0]!.intervals).toEqual([{ from: '09:00', to: '18:00' }]);
  });
});
