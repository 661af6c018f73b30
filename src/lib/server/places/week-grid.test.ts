import { describe, expect, it } from 'vitest';
import { placeInputOfForm } from './form.ts';
import { openingHoursSummary } from './opening-hours.ts';
import { gridOfOpeningHours, openingHoursOfForm, openingHoursOfGrid, weekGridFormValues } from './week-grid.ts';

/** A form as the browser posts it: every day closed but those given. */
function form(days: Record<string, [string, string][]>, extra: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = { 'hours-ph': 'closed', ...extra };
  for (const day of ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']) {
    const ranges = days[day];
    if (!ranges) values[`hours-${day}-closed`] = 'on';
    ranges?.forEach(([from, to], index) => {
      values[`hours-${day}-${index + 1}-from`] = from;
      values[`hours-${day}-${index + 1}-to`] = to;
    });
  }
  return values;
}

describe('the week grid of the place form', () => {
  it('writes weekdays with a lunch break, a Saturday morning and closed public holidays', () => {
    const lunch: [string, string][] = [
      ['09:00', '12:30'],
      ['14:00', '18:00'],
    ];
    const { value, issues } = openingHoursOfForm(form({ mo: lunch, tu: lunch, we: lunch, th: lunch, fr: lunch, sa: [['10:00', '13:00']] }));
    expect(issues).toEqual([]);
    expect(value).toBe('Mo-Fr 09:00-12:30,14:00-18:00; Sa 10:00-13:00; PH off');
    const summary = openingHoursSummary(value!);
    expect(summary.days.find((d) => d.day === 'tu')!.intervals).toEqual([
      { from: '09:00', to: '12:30' },
      { from: '14:00', to: '18:00' },
    ]);
    expect(summary.days.find((d) => d.day === 'su')!.open).toBe(false);
    expect(summary.publicHolidaysClosed).toBe(true);
  });

  it('joins two consecutive days with a comma and keeps separate runs apart', () => {
    const day: [string, string][] = [['08:00', '20:00']];
    expect(openingHoursOfForm(form({ mo: day, tu: day, th: day, sa: day, su: day }, { 'hours-ph': 'usual' })).value).toBe('Mo,Tu,Th,Sa,Su 08:00-20:00');
  });

  it('reads hours typed as 9h or 0930', () => {
    expect(openingHoursOfForm(form({ mo: [['9h', '1730']] })).value).toBe('Mo 09:00-17:30; PH off');
  });

  it('refuses hours that close before they open, next to the day, and gives no value', () => {
    const result = openingHoursOfForm(form({ mo: [['09:00', '18:00']], we: [['18:00', '09:00']] }));
    expect(result.value).toBeNull();
    expect(result.issues).toEqual([{ path: 'hours-we', message: 'place_hours_close_before_open' }]);
  });

  it('refuses overlapping ranges, a half-filled range and a time that is not one', () => {
    const issues = openingHoursOfForm(
      form({
        mo: [
          ['09:00', '13:00'],
          ['12:00', '18:00'],
        ],
        tu: [['09:00', '']],
        we: [['25:00', '26:00']],
      }),
    ).issues;
    expect(issues).toEqual([
      { path: 'hours-mo', message: 'place_hours_ranges_overlap' },
      { path: 'hours-tu', message: 'place_hours_range_incomplete' },
      { path: 'hours-we', message: 'place_hours_time_invalid' },
    ]);
  });

  it('refuses the whole form when a day is wrong, so nothing is saved', () => {
    const { input, issues } = placeInputOfForm({ name: 'Lieu', ...form({ mo: [['18:00', '08:00']] }) });
    expect(issues.map((i) => i.path)).toContain('hours-mo');
    expect(input.openingHours).toBeNull();
  });

  it('takes the advanced value when chosen, as typed', () => {
    const value = 'Mo-Fr 09:00-18:00; Jul-Aug Mo-Fr 09:00-13:00; PH off';
    expect(openingHoursOfForm({ ...form({}), 'hours-mode': 'advanced', openingHours: ` ${value} ` })).toEqual({ value, issues: [] });
  });

  it('shows a grid value on the grid and keeps a richer value in the advanced field', () => {
    const values = weekGridFormValues('Mo-Fr 09:00-12:00,14:00-18:00; We off; PH off');
    expect(values['hours-mode']).toBe('grid');
    expect(values['hours-we-closed']).toBe('on');
    expect(values['hours-mo-2-from']).toBe('14:00');
    expect(values['hours-ph']).toBe('closed');
    expect(weekGridFormValues('Mo-Fr 09:00-18:00; SH off')['hours-mode']).toBe('advanced');
    expect(weekGridFormValues('Mo 08:00-09:00,10:00-11:00,12:00-13:00')['hours-mode']).toBe('advanced');
  });

  it('round-trips every value it writes', () => {
    const grid = gridOfOpeningHours('Mo,We-Fr 07:30-19:00; Tu 09:00-12:00,13:00-17:00; Su 10:00-12:00; PH off')!;
    expect(openingHoursOfGrid(grid)).toBe('Mo,We-Fr 07:30-19:00; Tu 09:00-12:00,13:00-17:00; Su 10:00-12:00; PH off');
    expect(openingHoursOfForm(weekGridFormValues(openingHoursOfGrid(grid))).value).toBe(openingHoursOfGrid(grid));
  });

  it('gives no value for a week closed every day', () => {
    expect(openingHoursOfForm(form({}, { 'hours-ph': 'usual' }))).toEqual({ value: null, issues: [] });
  });
});

describe('public holidays in the summary shown to visitors', () => {
  it('says closed only when the value closes them', () => {
    expect(openingHoursSummary('Mo-Fr 09:00-18:00; PH off').publicHolidaysClosed).toBe(true);
    expect(openingHoursSummary('Mo-Fr 09:00-18:00').publicHolidaysClosed).toBe(false);
  });
});
