import { describe, expect, it } from 'vitest';
import { expectInvalid } from '../../../../tests/setup/domain-error.ts';
import { breakEven, checkPeriod, lastTwelveMonths, memberTrip, monthsOf, shownFigures, totalsOf, type MemberMonth, type MemberTrip, type RevenueKind } from './model.ts';

const revenue = (r: Partial<Record<RevenueKind, number>> = {}) => ({ passes: 0, rooms: 0, offices: 0, carnets: 0, plans: 0, ...r });
const row = (userId: string, fields: Partial<MemberMonth>): MemberMonth => ({
  placeId: 'P',
  userId,
  month: '2026-03',
  deskHalfDays: 0,
  deskDaysCame: 0,
  roomMinutes: 0,
  bookings: 0,
  checkedIn: 0,
  noShows: 0,
  revenue: revenue(),
  ...fields,
});

describe('periods', () => {
  it('refuses a period ending before it starts, longer than 5 years, or with a day that does not exist', () => {
    expectInvalid(() => checkPeriod('2026-03-01', '2026-02-28'), 'impact_period_reversed');
    expectInvalid(() => checkPeriod('2020-01-01', '2025-01-01'), 'impact_period_too_long', { years: 5 });
    expectInvalid(() => checkPeriod('2026-02-30', '2026-03-01'), 'impact_period_day_invalid', { field: 'from' });
    expect(checkPeriod('2020-01-01', '2024-12-31')).toEqual({ from: '2020-01-01', to: '2024-12-31' });
  });

  it('defaults to the twelve whole months before today, and lists the months a period touches', () => {
    expect(lastTwelveMonths('2026-01-15')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

/*
 * A month computed by hand: March 2026 at a place with one desk pool of 3 seats open Monday to Friday
 * (22 weekdays): 3 × 2 × 22 = 132 desk half-days open. Distances are straight-line km, × 1.3 on the road;
 * a day is a round trip (× 2). Cars: barème 5 CV, middle bracket 0.357 €/km; 50 km/h; trains 50 km/h.
 *
 *   member  stated alternative                 home→work  home→place  bookings             paid
 *   A       car to work                        20         5           4 whole days         4 day passes 15 € = 60 €
 *   B       car to work                        10         2           2 mornings, 2 days   2 half-day passes 8 € = 16 €
 *   C       work from home, car to the place   —          3           3 whole days         a plan 150 €
 *   D       nothing said                       —          4           2 whole days         2 day passes = 30 €
 *   E       train to work                      30         4           1 whole day          a carnet 135 €
 *   F       car to work, place farther         8          12          1 whole day          1 day pass = 15 €
 *
 * Desk half-days: 8 + 2 + 6 + 4 + 2 + 2 = 24 → 12 desk-days; occupancy 24 ÷ 132.
 * Revenue: passes 60 + 16 + 30 + 15 = 121 €, carnets 135 €, plans 150 € → 406.00 €.
 * Km avoided per day: A (26 − 6.5) × 2 = 39 → × 4 = 156; B (13 − 2.6) × 2 = 20.8 → × 2 = 41.6;
 * C −3.9 × 2 = −7.8 → × 3 = −23.4; E (39 − 5.2) × 2 = 67.6; F −(15.6 − 10.4) × 2 = −10.4.
 * Total 156 + 41.6 − 23.4 + 67.6 − 10.4 = 231.4 km. D is not counted (1 member without a statement).
 * Money: cars only, 0.357 €/km × (156 + 41.6 − 23.4 − 10.4) = 58.4766 → 58.48 €.
 * Hours: 231.4 km ÷ 50 km/h = 4.628 → 4.6 h.
 * CO₂e: car 0.16970802… kg/passenger-km × 1.6 = 0.27153284 kg/km; TER 0.02769 kg/km; the 25 % rebound only on
 * avoided trips: 0.75 × (156 + 41.6) × 0.27153284 + 0.75 × 67.6 × 0.02769 − (23.4 + 10.4) × 0.27153284 = 32.467 → 32.5 kg.
 */
describe('a month computed by hand', () => {
  const car = 'car' as const;
  const trips = new Map<string, MemberTrip>([
    ['P A', memberTrip({ kind: 'commute', mode: car, homeToWorkKm: 20 }, 5)],
    ['P B', memberTrip({ kind: 'commute', mode: car, homeToWorkKm: 10 }, 2)],
    ['P C', memberTrip({ kind: 'home', mode: car, homeToWorkKm: null }, 3)],
    ['P D', memberTrip(null, 4)],
    ['P E', memberTrip({ kind: 'commute', mode: 'train', homeToWorkKm: 30 }, 4)],
    ['P F', memberTrip({ kind: 'commute', mode: car, homeToWorkKm: 8 }, 12)],
  ]);
  const rows = [
    row('A', { deskHalfDays: 8, deskDaysCame: 4, bookings: 4, checkedIn: 3, revenue: revenue({ passes: 6000 }) }),
    row('B', { deskHalfDays: 2, deskDaysCame: 2, bookings: 2, checkedIn: 2, revenue: revenue({ passes: 1600 }) }),
    row('C', { deskHalfDays: 6, deskDaysCame: 3, bookings: 3, checkedIn: 3, revenue: revenue({ plans: 15000 }) }),
    row('D', { deskHalfDays: 4, deskDaysCame: 2, bookings: 2, checkedIn: 0, revenue: revenue({ passes: 3000 }) }),
    row('E', { deskHalfDays: 2, deskDaysCame: 1, bookings: 1, checkedIn: 1, revenue: revenue({ carnets: 13500 }) }),
    row('F', { deskHalfDays: 2, deskDaysCame: 1, bookings: 1, checkedIn: 1, revenue: revenue({ passes: 1500 }) }),
  ];
  const firsts = new Map([['P A', '2025-06-02'], ['P B', '2026-03-02']]);
  const figures = shownFigures(totalsOf(rows, { from: '2026-03-01', to: '2026-03-31' }, 132, firsts, trips));

  it('gives the activity and the revenue to the cent', () => {
    expect(figures.members).toEqual({ kind: 'count', value: 6 });
    expect(figures.deskDays).toBe(12);
    expect(figures.occupancy).toBeCloseTo(24 / 132, 12);
    expect(figures.revenueTotalCents).toBe(40600);
    expect(figures.revenueCents).toEqual({ passes: 12100, rooms: 0, offices: 0, carnets: 13500, plans: 15000 });
    expect(figures.spendPerMemberMonthCents).toBe(Math.round(40600 / 6));
    expect(figures.checkInRate).toBeCloseTo(10 / 13, 12);
  });

  it('gives km, kg CO₂e, hours and euros avoided to the tenth and the cent, and counts apart who said nothing', () => {
    expect(figures.commuting.km).toBe(231.4);
    expect(figures.commuting.moneyCents).toBe(5848);
    expect(figures.commuting.hours).toBe(4.6);
    expect(figures.commuting.co2eKg).toBe(32.5);
    expect(figures.commuting.days).toBe(11);
    expect(figures.commuting.members).toEqual({ kind: 'count', value: 5 });
    // D alone said nothing: a count of one shows "< 5".
    expect(figures.commuting.membersWithout).toEqual({ kind: 'small' });
  });

  it('shows nothing drawn from fewer than 5 people', () => {
    const few = shownFigures(totalsOf(rows.slice(0, 3), { from: '2026-03-01', to: '2026-03-31' }, 132, firsts, trips));
    expect(few.small).toBe(true);
    expect(few.members).toEqual({ kind: 'small' });
    expect([few.deskDays, few.occupancy, few.revenueTotalCents, few.commuting.km, few.commuting.moneyCents]).toEqual([null, null, null, null, null]);
    // Five members, four of them with a statement: the trips stay hidden.
    const fourCounted = shownFigures(totalsOf(rows.slice(0, 5), { from: '2026-03-01', to: '2026-03-31' }, 132, firsts, trips));
    expect(fourCounted.deskDays).not.toBeNull();
    expect(fourCounted.commuting.small).toBe(true);
    expect(fourCounted.commuting.km).toBeNull();
  });
});

describe('break-even', () => {
  it('divides monthly costs by what a desk-day brings, with and without the subsidies running today', () => {
    // A Morez-like place: 31,200 € a year (half-time animator 18,000 €), 12 € a desk-day, a 12,000 € subsidy over 2026.
    const result = breakEven({
      yearlyCostsCents: 3_120_000,
      subsidies: [{ amountCents: 1_200_000, startsOn: '2026-01-01', endsOn: '2026-12-31' }],
      revenuePerDeskDayCents: 1200,
      deskDaysPerMonth: 130,
      today: '2026-06-15',
    });
    expect(result.monthlyCostsCents).toBe(260_000);
    expect(result.withoutSubsidies).toBe(217); // 2,600 € ÷ 12 € = 216.7 → 217
    expect(result.monthlySubsidiesCents).toBe(Math.round((1_200_000 * 365.2425) / 12 / 365));
    expect(result.withSubsidies).toBe(Math.ceil((260_000 - result.monthlySubsidiesCents) / 1200));
    expect(result.subsidiesEnd).toBe('2026-12');
    const dearer = breakEven({ yearlyCostsCents: 3_120_000, subsidies: [], revenuePerDeskDayCents: 1200, deskDaysPerMonth: 130, today: '2026-06-15', priceChangePercent: 25, costChangePercent: -10 });
    expect(dearer.withoutSubsidies).toBe(Math.ceil(234_000 / 1500));
    expect(dearer.subsidiesEnd).toBeNull();
  });
});
