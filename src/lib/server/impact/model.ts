/*
 * The impact figures, pure: rows in, protected figures out. The service reads the rows (one row per place,
 * member and month, summed in SQL) and what a place opens; everything else is here, so that tests recompute
 * it by hand.
 */
import { invalid } from '../errors.ts';
import { maillageSavings, type CommuteMode } from '../simulator/index.ts';
import { isSmall, shownCount, type Shown } from '../small-counts.ts';
import type { AlternativeKind } from './vocabulary.ts';

/** Days, both included, in the place's local calendar (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

/** A report covers at most five years. */
export const MAX_PERIOD_YEARS = 5;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (day: string) => DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/** Checks a period: real days, not ending before it starts, at most five years. */
export function checkPeriod(from: string, to: string): Period {
  if (!validDay(from)) throw invalid('impact_period_day_invalid', { field: 'from' });
  if (!validDay(to)) throw invalid('impact_period_day_invalid', { field: 'to' });
  if (to < from) throw invalid('impact_period_reversed');
  const limit = new Date(`${from}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_PERIOD_YEARS);
  if (new Date(`${to}T00:00:00Z`) >= limit) throw invalid('impact_period_too_long', { years: MAX_PERIOD_YEARS });
  return { from, to };
}

/** The twelve whole months before `today`'s month. */
export function lastTwelveMonths(today: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m - 1, 0));
  const start = new Date(Date.UTC(y - 1, m - 1, 1));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** The months a period touches, in order (YYYY-MM). */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

export const revenueKinds = ['passes', 'rooms', 'offices', 'carnets', 'plans'] as const;
export type RevenueKind = (typeof revenueKinds)[number];

/** What one member did at one place in one month (the SQL sums it from bookings and entitlements). */
export interface MemberMonth {
  placeId: string;
  userId: string;
  month: string;
  /** Desk half-days booked and not cancelled (a whole day is two), no-shows included. */
  deskHalfDays: number;
  /** Desk bookings kept (confirmed or checked in): each is a day the member came, one round trip. */
  deskDaysCame: number;
  roomMinutes: number;
  /** Desk and room bookings not cancelled. */
  bookings: number;
  checkedIn: number;
  noShows: number;
  /** Euro cents, by what was sold: passes and rooms paid on site, office rents, carnets and plans bought. */
  revenue: Record<RevenueKind, number>;
}

/** A member's trip figures for one day at the place instead of their stated alternative (negative: a trip added). */
export interface DayTrip {
  km: number;
  co2eKg: number;
  hours: number;
  /** Euros. */
  money: number;
}

/** How a member's day counts: their trip, or why it does not. */
export type MemberTrip = { kind: 'counted'; trip: DayTrip } | { kind: 'none' } | { kind: 'other' };

export interface StatedAlternative {
  kind: AlternativeKind;
  mode: CommuteMode | null;
  /** Straight-line km from home to the usual workplace (`commute`). */
  homeToWorkKm: number | null;
}

const dayOf = (workKm: number, placeKm: number | null, mode: CommuteMode, rebound: boolean) =>
  maillageSavings({ homeToWorkKm: workKm, homeToPlaceKm: placeKm, mode, daysPerWeek: 1, workingWeeks: 1, rebound, currency: 'EUR' });

/**
 * One day at the place instead of the stated alternative, with the simulator (one day = one week of one day:
 * two one-way trips). A trip avoided takes the simulator's rebound (25 % of the CO₂e comes back as other trips);
 * a trip added (the place farther than work, or a member who would have stayed home) counts in full, negative.
 * No statement, no home commune, or a trip the simulator refuses: not counted.
 */
export function memberTrip(alternative: StatedAlternative | null, homeToPlaceKm: number | null): MemberTrip {
  if (!alternative || homeToPlaceKm === null) return { kind: 'none' };
  if (alternative.kind === 'other' || !alternative.mode) return { kind: 'other' };
  const mode = alternative.mode;
  try {
    if (alternative.kind === 'home') return { kind: 'counted', trip: negative(dayOf(homeToPlaceKm, null, mode, false)) };
    if (alternative.homeToWorkKm === null) return { kind: 'none' };
    if (homeToPlaceKm <= alternative.homeToWorkKm) {
      const day = dayOf(alternative.homeToWorkKm, homeToPlaceKm, mode, true);
      return { kind: 'counted', trip: { km: day.kmAvoided, co2eKg: day.co2eKgAvoided, hours: day.hoursSaved, money: day.moneySaved } };
    }
    return { kind: 'counted', trip: negative(dayOf(homeToPlaceKm, alternative.homeToWorkKm, mode, false)) };
  } catch {
    return { kind: 'none' };
  }
}

const negative = (day: ReturnType<typeof maillageSavings>): DayTrip => ({ km: -day.kmAvoided, co2eKg: -day.co2eKgAvoided, hours: -day.hoursSaved, money: -day.moneySaved });

/** The raw sums of a group of member-months (a place, a month, a territory). */
export interface Totals {
  members: number;
  newMembers: number;
  deskHalfDays: number;
  openHalfDays: number;
  roomMinutes: number;
  bookings: number;
  checkedIn: number;
  noShows: number;
  revenue: Record<RevenueKind, number>;
  /** Sum over months of the members of each month: what "spent per member per month" divides by. */
  memberMonths: number;
  commuting: {
    members: number;
    membersWithout: number;
    membersOther: number;
    days: number;
    km: number;
    co2eKg: number;
    hours: number;
    money: number;
  };
}

const zeroRevenue = (): Record<RevenueKind, number> => ({ passes: 0, rooms: 0, offices: 0, carnets: 0, plans: 0 });

/**
 * Sums member-months into totals. `firstDays`: each member's first day at each place (`placeId userId`),
 * to tell new members from returning ones; `trips`: each member's day at each place; `openHalfDays`: the desk
 * half-days the places of the group opened in the period.
 */
export function totalsOf(
  rows: MemberMonth[],
  period: Period,
  openHalfDays: number,
  firstDays: Map<string, string>,
  trips: Map<string, MemberTrip>,
): Totals {
  const members = new Set<string>();
  const newMembers = new Set<string>();
  const monthMembers = new Set<string>();
  const commuters = new Set<string>();
  const without = new Set<string>();
  const other = new Set<string>();
  const totals: Totals = {
    members: 0,
    newMembers: 0,
    deskHalfDays: 0,
    openHalfDays,
    roomMinutes: 0,
    bookings: 0,
    checkedIn: 0,
    noShows: 0,
    revenue: zeroRevenue(),
    memberMonths: 0,
    commuting: { members: 0, membersWithout: 0, membersOther: 0, days: 0, km: 0, co2eKg: 0, hours: 0, money: 0 },
  };
  for (const row of rows) {
    members.add(row.userId);
    monthMembers.add(`${row.month} ${row.userId}`);
    const key = `${row.placeId} ${row.userId}`;
    const first = firstDays.get(key);
    if (first !== undefined && first >= period.from) newMembers.add(row.userId);
    totals.deskHalfDays += row.deskHalfDays;
    totals.roomMinutes += row.roomMinutes;
    totals.bookings += row.bookings;
    totals.checkedIn += row.checkedIn;
    totals.noShows += row.noShows;
    for (const kind of revenueKinds) totals.revenue[kind] += row.revenue[kind];
    if (row.deskDaysCame > 0) {
      const trip = trips.get(key) ?? { kind: 'none' };
      if (trip.kind === 'counted') {
        commuters.add(row.userId);
        const c = totals.commuting;
        c.days += row.deskDaysCame;
        c.km += trip.trip.km * row.deskDaysCame;
        c.co2eKg += trip.trip.co2eKg * row.deskDaysCame;
        c.hours += trip.trip.hours * row.deskDaysCame;
        c.money += trip.trip.money * row.deskDaysCame;
      } else (trip.kind === 'other' ? other : without).add(row.userId);
    }
  }
  totals.members = members.size;
  // A member counted at one place and not at another (a territory) is counted once, where they count.
  for (const id of commuters) {
    without.delete(id);
    other.delete(id);
  }
  for (const id of other) without.delete(id);
  totals.newMembers = [...newMembers].filter((id) => members.has(id)).length;
  totals.memberMonths = monthMembers.size;
  totals.commuting.members = commuters.size;
  totals.commuting.membersWithout = without.size;
  totals.commuting.membersOther = other.size;
  return totals;
}

export const revenueTotal = (revenue: Record<RevenueKind, number>) => revenueKinds.reduce((sum, kind) => sum + revenue[kind], 0);

/**
 * Figures as shown: a group of 1 to 4 people shows "< 5" and no figure drawn from them (their days, their
 * money, their trips); commuting needs none or at least 5 members with a stated alternative. Rounded: km, kg and hours to the
 * tenth, money to the cent.
 */
export interface ShownFigures {
  /** The group is 1 to 4 people: nothing but "< 5". */
  small: boolean;
  members: Shown;
  newMembers: Shown;
  returningMembers: Shown;
  deskDays: number | null;
  deskHalfDays: number | null;
  openHalfDays: number;
  /** 0–1, null without open half-days or for a small group. */
  occupancy: number | null;
  roomHours: number | null;
  bookings: number | null;
  checkInRate: number | null;
  noShows: number | null;
  revenueCents: Record<RevenueKind, number> | null;
  revenueTotalCents: number | null;
  spendPerMemberMonthCents: number | null;
  commuting: {
    /** 1 to 4 members with a stated alternative: no trip figure. */
    small: boolean;
    members: Shown;
    membersWithout: Shown;
    membersOther: Shown;
    days: number | null;
    km: number | null;
    co2eKg: number | null;
    hours: number | null;
    moneyCents: number | null;
  };
}

export const tenth = (value: number) => Math.round(value * 10) / 10;

export function shownFigures(t: Totals): ShownFigures {
  const small = isSmall(t.members);
  const show = <T>(value: T): T | null => (small ? null : value);
  const c = t.commuting;
  const tripsSmall = small || isSmall(c.members);
  const trip = (value: number) => (tripsSmall ? null : value);
  const revenue = revenueTotal(t.revenue);
  return {
    small,
    members: shownCount(t.members),
    newMembers: small ? shownCount(t.members) : shownCount(t.newMembers),
    returningMembers: small ? shownCount(t.members) : shownCount(t.members - t.newMembers),
    deskDays: show(t.deskHalfDays / 2),
    deskHalfDays: show(t.deskHalfDays),
    openHalfDays: t.openHalfDays,
    occupancy: small || t.openHalfDays === 0 ? null : t.deskHalfDays / t.openHalfDays,
    roomHours: show(tenth(t.roomMinutes / 60)),
    bookings: show(t.bookings),
    checkInRate: small || t.bookings === 0 ? null : t.checkedIn / t.bookings,
    noShows: show(t.noShows),
    revenueCents: show({ ...t.revenue }),
    revenueTotalCents: show(revenue),
    spendPerMemberMonthCents: small || t.memberMonths === 0 ? null : Math.round(revenue / t.memberMonths),
    commuting: {
      small: tripsSmall,
      members: small ? shownCount(t.members) : shownCount(c.members),
      membersWithout: small ? shownCount(t.members) : shownCount(c.membersWithout),
      membersOther: small ? shownCount(t.members) : shownCount(c.membersOther),
      days: trip(c.days),
      km: trip(tenth(c.km)),
      co2eKg: trip(tenth(c.co2eKg)),
      hours: trip(tenth(c.hours)),
      moneyCents: trip(Math.round(c.money * 100)),
    },
  };
}

/** A place's finances, for its break-even. */
export interface BreakEvenInput {
  /** Yearly costs, euro cents. */
  yearlyCostsCents: number;
  subsidies: { amountCents: number; startsOn: string; endsOn: string }[];
  /** What a desk-day brings at current prices (revenue ÷ desk-days of the period, or the day pass). */
  revenuePerDeskDayCents: number;
  /** Desk-days a month now (the period's average). */
  deskDaysPerMonth: number;
  today: string;
  /** "What if": prices and costs changed by these percentages (−90 to +500). */
  priceChangePercent?: number;
  costChangePercent?: number;
}

export interface BreakEven {
  monthlyCostsCents: number;
  /** Subsidies running today, per month. */
  monthlySubsidiesCents: number;
  revenuePerDeskDayCents: number;
  deskDaysPerMonth: number;
  /** Desk-days a month that pay the costs; null when a desk-day brings nothing. */
  withoutSubsidies: number | null;
  withSubsidies: number | null;
  /** The last month a subsidy runs (YYYY-MM); null for none from today. */
  subsidiesEnd: string | null;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
/** The average Gregorian month, in days. */
const MONTH_DAYS = 365.2425 / 12;

/**
 * Break-even in desk-days a month: monthly costs (yearly ÷ 12) ÷ what a desk-day brings, rounded up; with
 * subsidies, the subsidies running today spread over their own period (amount × 30.44 ÷ its days) come off
 * the costs first.
 */
export function breakEven(input: BreakEvenInput): BreakEven {
  const price = Math.round(input.revenuePerDeskDayCents * (1 + (input.priceChangePercent ?? 0) / 100));
  const monthlyCosts = Math.round((input.yearlyCostsCents * (1 + (input.costChangePercent ?? 0) / 100)) / 12);
  let monthlySubsidies = 0;
  let end: string | null = null;
  for (const s of input.subsidies) {
    if (s.endsOn < input.today) continue;
    if (s.startsOn <= input.today) monthlySubsidies += Math.round((s.amountCents * MONTH_DAYS) / daysBetween(s.startsOn, s.endsOn));
    if (!end || s.endsOn.slice(0, 7) > end) end = s.endsOn.slice(0, 7);
  }
  const needed = (cents: number) => (price <= 0 ? null : Math.max(0, Math.ceil(cents / price)));
  return {
    monthlyCostsCents: monthlyCosts,
    monthlySubsidiesCents: monthlySubsidies,
    revenuePerDeskDayCents: price,
    deskDaysPerMonth: tenth(input.deskDaysPerMonth),
    withoutSubsidies: needed(monthlyCosts),
    withSubsidies: needed(monthlyCosts - monthlySubsidies),
    subsidiesEnd: end,
  };
}
