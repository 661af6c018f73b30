import { and, eq, sql } from 'drizzle-orm';
import { assertCan, can, organization, user, type Actor } from '../accounts/index.ts';
import { addDays, bookingResources, bookings, DEFAULT_OPENING_HOURS, entitlements, instantOf, localNow, resourceClosures } from '../booking/index.ts';
import { collaborationCountsByPlace } from '../community/index.ts';
import { shownCount, type Shown } from '../small-counts.ts';
import { queryRows, type Db } from '../db/database.ts';
import { distanceKm } from '../geo/index.ts';
import { conflict, invalid, notFound, parse } from '../errors.ts';
import { openIntervalsOn, places } from '../places/index.ts';
import { communeCentres, territoryCommunes, type TerritoryKind } from '../territory/index.ts';
import { toCents } from '../../money.ts';
import { AlternativeInput, CostsInput, FunderInput, PeriodQuery, SubsidyInput, WhatIfQuery } from './contracts.ts';
import {
  breakEven,
  checkPeriod,
  lastTwelveMonths,
  memberTrip,
  monthsOf,
  revenueKinds,
  shownFigures,
  totalsOf,
  type BreakEven,
  type MemberMonth,
  type MemberTrip,
  type Period,
  type ShownFigures,
} from './model.ts';
import { impactAlternatives, impactPlaceCosts, impactPlaceFunders, impactSubsidies } from './schema.ts';
import type { AlternativeKind, FunderStatus, SubsidyNature } from './vocabulary.ts';
import type { CommuteMode } from '../simulator/index.ts';

/** The domains' calling convention: the database, who acts, and "now" (tests move it). */
export interface ImpactContext {
  db: Db;
  actor: Actor;
  now?: Date;
}

const todayOf = (ctx: ImpactContext) => localNow(ctx.now ?? new Date()).day;

/** A period from a query string: the last twelve whole months by default. */
export function periodOf(ctx: ImpactContext, query: unknown): Period {
  const { from, to } = parse(PeriodQuery, query);
  const fallback = lastTwelveMonths(todayOf(ctx));
  return checkPeriod(from ?? (to ? addMonthsBack(to) : fallback.from), to ?? (from ? addDays(addYear(from), -1) : fallback.to));
}
const addYear = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`.replace(/-02-29$/, '-02-28');
const addMonthsBack = (day: string) => addDays(`${Number(day.slice(0, 4)) - 1}${day.slice(4)}`.replace(/-02-29$/, '-02-28'), 1);

interface PlaceRow {
  id: string;
  slug: string;
  name: string;
  operatorOrganizationId: string | null;
  communeCode: string;
  lat: number;
  lon: number;
  openingHours: string | null;
  dayPriceCents: number | null;
}

const placeColumns = {
  id: places.id,
  slug: places.slug,
  name: places.name,
  operatorOrganizationId: places.operatorOrganizationId,
  communeCode: places.communeCode,
  lat: places.lat,
  lon: places.lon,
  openingHours: places.openingHours,
  dayPriceCents: places.dayPriceCents,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findPlaceRow(db: Db, idOrSlug: string): Promise<PlaceRow> {
  const key = idOrSlug.trim().toLowerCase();
  // A slug is lowercase words joined by hyphens: anything else (a NUL byte, a path) is no place, asked of nobody.
  const known = UUID.test(key) || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(key);
  const [row] = known ? await db.select(placeColumns).from(places).where(UUID.test(key) ? eq(places.id, key) : eq(places.slug, key)) : [];
  if (!row) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
  return row;
}

async function acceptedFunders(db: Db, placeIds: string[]): Promise<Map<string, string[]>> {
  const funders = new Map<string, string[]>();
  if (!placeIds.length) return funders;
  const rows = await queryRows<{ place_id: string; organization_id: string }>(
    db,
    sql`select place_id, organization_id from ${impactPlaceFunders}
        where status = 'accepted' and place_id in (select value::uuid from json_array_elements_text(${JSON.stringify(placeIds)}::json))`,
  );
  for (const row of rows) funders.set(row.place_id, [...(funders.get(row.place_id) ?? []), row.organization_id]);
  return funders;
}

const fundedPlace = (place: PlaceRow, funders: string[]) => ({ type: 'funded-place' as const, id: place.id, operatorOrganizationId: place.operatorOrganizationId, funderOrganizationIds: funders });

/** The place, if the actor runs or funds it (401 signed out, 403 otherwise). */
async function readablePlace(ctx: ImpactContext, idOrSlug: string): Promise<PlaceRow> {
  const place = await findPlaceRow(ctx.db, idOrSlug);
  const funders = (await acceptedFunders(ctx.db, [place.id])).get(place.id) ?? [];
  assertCan(ctx.actor, 'impact.read-report', fundedPlace(place, funders));
  return place;
}

/** The place, if the actor is on its team. */
async function managedPlace(ctx: ImpactContext, idOrSlug: string): Promise<PlaceRow> {
  const place = await findPlaceRow(ctx.db, idOrSlug);
  assertCan(ctx.actor, 'impact.manage-finances', fundedPlace(place, []));
  return place;
}

const idList = (ids: string[]) => sql`(select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`;

/** One row per place, member and month: bookings not cancelled, and carnets and plans bought in the period. */
async function memberMonths(db: Db, placeIds: string[], period: Period): Promise<MemberMonth[]> {
  const b = bookings;
  const r = bookingResources;
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`select b.place_id, b.user_id, to_char(b.day, 'YYYY-MM') as month,
          coalesce(sum(case when r.kind = 'desk-pool' then case when b.period = 'full' then 2 else 1 end end), 0)::int as desk_half_days,
          count(distinct b.day) filter (where r.kind = 'desk-pool' and b.status in ('confirmed', 'checked-in'))::int as desk_days_came,
          coalesce(sum(b.end_minute - b.start_minute) filter (where r.kind = 'room'), 0)::int as room_minutes,
          count(*) filter (where r.kind <> 'office')::int as bookings,
          count(*) filter (where r.kind <> 'office' and b.status = 'checked-in')::int as checked_in,
          count(*) filter (where r.kind <> 'office' and b.status = 'no-show')::int as no_shows,
          coalesce(sum(b.price_cents) filter (where b.payment = 'on-site' and r.kind = 'desk-pool'), 0)::int as passes,
          coalesce(sum(b.price_cents) filter (where b.payment = 'on-site' and r.kind = 'room'), 0)::int as rooms,
          coalesce(sum(b.price_cents) filter (where r.kind = 'office'), 0)::int as offices,
          0 as carnets, 0 as plans
        from ${b} b join ${r} r on r.id = b.resource_id
        where b.place_id in ${idList(placeIds)} and b.day between ${period.from}::date and ${period.to}::date and b.status <> 'cancelled'
        group by 1, 2, 3
        union all
        select e.place_id, e.user_id, to_char(e.starts_on, 'YYYY-MM'), 0, 0, 0, 0, 0, 0, 0, 0, 0,
          coalesce(sum(e.price_paid_cents) filter (where e.kind = 'carnet'), 0)::int,
          coalesce(sum(e.price_paid_cents) filter (where e.kind = 'plan'), 0)::int
        from ${entitlements} e
        where e.place_id in ${idList(placeIds)} and e.starts_on between ${period.from}::date and ${period.to}::date
        group by 1, 2, 3`,
  );
  const merged = new Map<string, MemberMonth>();
  for (const row of rows) {
    const key = `${row.place_id} ${row.user_id} ${row.month}`;
    const target =
      merged.get(key) ??
      merged
        .set(key, {
          placeId: String(row.place_id),
          userId: String(row.user_id),
          month: String(row.month),
          deskHalfDays: 0,
          deskDaysCame: 0,
          roomMinutes: 0,
          bookings: 0,
          checkedIn: 0,
          noShows: 0,
          revenue: { passes: 0, rooms: 0, offices: 0, carnets: 0, plans: 0 },
        })
        .get(key)!;
    target.deskHalfDays += Number(row.desk_half_days);
    target.deskDaysCame += Number(row.desk_days_came);
    target.roomMinutes += Number(row.room_minutes);
    target.bookings += Number(row.bookings);
    target.checkedIn += Number(row.checked_in);
    target.noShows += Number(row.no_shows);
    for (const kind of revenueKinds) target.revenue[kind] += Number(row[kind]);
  }
  return [...merged.values()];
}

/** Each member's first day at each place (a booking kept or a carnet or plan), to tell new members from returning ones. */
async function firstDays(db: Db, placeIds: string[], to: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ place_id: string; user_id: string; first: string }>(
    db,
    sql`select place_id, user_id, to_char(min(day), 'YYYY-MM-DD') as first from (
          select place_id, user_id, min(day) as day from ${bookings} where place_id in ${idList(placeIds)} and status <> 'cancelled' and day <= ${to}::date group by 1, 2
          union all
          select place_id, user_id, min(starts_on) from ${entitlements} where place_id in ${idList(placeIds)} and starts_on <= ${to}::date group by 1, 2
        ) firsts group by 1, 2`,
  );
  return new Map(rows.map((r) => [`${r.place_id} ${r.user_id}`, r.first]));
}

/** Desk half-days each place opened, by month: seats × 2 on each day its desk pool is open and not closed. */
async function openHalfDays(db: Db, placeRows: PlaceRow[], period: Period): Promise<Map<string, Map<string, number>>> {
  const ids = placeRows.map((p) => p.id);
  const [resources, closures] = await Promise.all([
    queryRows<{ id: string; place_id: string; capacity: number; opening_hours: string | null }>(
      db,
      sql`select id, place_id, capacity, opening_hours from ${bookingResources} where place_id in ${idList(ids)} and kind = 'desk-pool' and active = 1`,
    ),
    queryRows<{ resource_id: string; starts_on: string; ends_on: string }>(
      db,
      sql`select c.resource_id, to_char(c.starts_on, 'YYYY-MM-DD') as starts_on, to_char(c.ends_on, 'YYYY-MM-DD') as ends_on
          from ${resourceClosures} c join ${bookingResources} r on r.id = c.resource_id
          where r.place_id in ${idList(ids)} and c.ends_on >= ${period.from}::date and c.starts_on <= ${period.to}::date`,
    ),
  ]);
  const hoursOf = new Map(placeRows.map((p) => [p.id, p.openingHours]));
  const result = new Map<string, Map<string, number>>();
  const openCache = new Map<string, boolean>();
  for (const resource of resources) {
    const hours = resource.opening_hours ?? hoursOf.get(resource.place_id) ?? DEFAULT_OPENING_HOURS;
    const closed = closures.filter((c) => c.resource_id === resource.id);
    const byMonth = result.get(resource.place_id) ?? result.set(resource.place_id, new Map()).get(resource.place_id)!;
    for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
      if (closed.some((c) => c.starts_on <= day && day <= c.ends_on)) continue;
      const key = `${hours}\u0000${day}`;
      let open = openCache.get(key);
      if (open === undefined) openCache.set(key, (open = openIntervalsOn(hours, day).length > 0));
      if (open) byMonth.set(day.slice(0, 7), (byMonth.get(day.slice(0, 7)) ?? 0) + Number(resource.capacity) * 2);
    }
  }
  return result;
}

/** Each member's day at each place, from their stated alternative and their home commune. */
async function trips(db: Db, placeRows: PlaceRow[], rows: MemberMonth[]): Promise<Map<string, MemberTrip>> {
  const userIds = [...new Set(rows.filter((r) => r.deskDaysCame > 0).map((r) => r.userId))];
  const result = new Map<string, MemberTrip>();
  if (!userIds.length) return result;
  const people = await queryRows<{ id: string; home: string | null; kind: AlternativeKind | null; workplace: string | null; mode: CommuteMode | null }>(
    db,
    sql`select u.id, u.home_commune_code as home, a.kind, a.workplace_commune_code as workplace, a.mode
        from ${user} u left join ${impactAlternatives} a on a.user_id = u.id
        where u.id in (select value from json_array_elements_text(${JSON.stringify(userIds)}::json))`,
  );
  const codes = [...new Set(people.flatMap((p) => [p.home, p.workplace]).filter((c): c is string => !!c))];
  const centres = await communeCentres(db, codes);
  const placeById = new Map(placeRows.map((p) => [p.id, p]));
  const person = new Map(people.map((p) => [p.id, p]));
  for (const row of rows) {
    const key = `${row.placeId} ${row.userId}`;
    if (result.has(key) || row.deskDaysCame === 0) continue;
    const p = person.get(row.userId);
    const place = placeById.get(row.placeId)!;
    const home = p?.home ? centres.get(p.home) : undefined;
    const work = p?.workplace ? centres.get(p.workplace) : undefined;
    result.set(
      key,
      memberTrip(
        p?.kind ? { kind: p.kind, mode: p.mode, homeToWorkKm: home && work ? distanceKm(home, work) : null } : null,
        home ? distanceKm(home, { lat: place.lat, lon: place.lon }) : null,
      ),
    );
  }
  return result;
}

/** A figure's formula (the catalogue's `impact_formula_<key>`) and the rows behind it. */
export interface Formula {
  key: 'members' | 'deskDays' | 'occupancy' | 'revenue' | 'commuting';
  /** How many rows the figure is drawn from. */
  rows: number;
}

export interface ReportPlace extends ShownFigures {
  slug: string;
  name: string;
  /** The reader may open this place's full report. */
  full: boolean;
}

export interface Report {
  scope: { kind: 'place' | TerritoryKind; code: string; name: string };
  period: Period;
  /** Revenue and finances included: the reader runs or funds the place. */
  full: boolean;
  headline: ShownFigures;
  months: (ShownFigures & { month: string })[];
  places: ReportPlace[];
  formulas: Formula[];
  finances: Finances | null;
  /** Collaborations between members that both confirmed in the period (the community domain), counted only. */
  collaborations: Shown;
}

/** Revenue is the place's own business: hidden from a reader who neither runs nor funds it. */
const publicFigures = (figures: ShownFigures): ShownFigures => ({ ...figures, revenueCents: null, revenueTotalCents: null, spendPerMemberMonthCents: null });

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

async function buildReport(ctx: ImpactContext, placeRows: PlaceRow[], period: Period, scope: Report['scope'], fullFor: (place: PlaceRow) => boolean, withFinances: PlaceRow | null): Promise<Report> {
  const { db } = ctx;
  const ids = placeRows.map((p) => p.id);
  const [rows, firsts, open, collaborations] = ids.length
    ? await Promise.all([
        memberMonths(db, ids, period),
        firstDays(db, ids, period.to),
        openHalfDays(db, placeRows, period),
        collaborationCountsByPlace(db, { from: instantOf(period.from, 0), to: instantOf(addDays(period.to, 1), 0) }, ids),
      ])
    : [[], new Map<string, string>(), new Map<string, Map<string, number>>(), { total: 0 }];
  const tripOf = await trips(db, placeRows, rows);
  const openOf = (placeId: string | null, month: string | null) => {
    let sum = 0;
    for (const [id, months] of open) if (placeId === null || id === placeId) for (const [m, n] of months) if (month === null || m === month) sum += n;
    return sum;
  };
  const headlineTotals = totalsOf(rows, period, openOf(null, null), firsts, tripOf);
  const full = placeRows.length > 0 && placeRows.every(fullFor);
  const view = (figures: ShownFigures) => (full ? figures : publicFigures(figures));
  // Grouped once: each month's and each place's totals read only their own rows.
  const byMonth = groupBy(rows, (r) => r.month);
  const byPlace = groupBy(rows, (r) => r.placeId);
  const months = monthsOf(period).map((month) => ({
    month,
    ...view(shownFigures(totalsOf(byMonth.get(month) ?? [], period, openOf(null, month), firsts, tripOf))),
  }));
  const reportPlaces = placeRows.map((place) => {
    const own = fullFor(place);
    const figures = shownFigures(totalsOf(byPlace.get(place.id) ?? [], period, openOf(place.id, null), firsts, tripOf));
    return { slug: place.slug, name: place.name, full: own, ...(own ? figures : publicFigures(figures)) };
  });
  const deskRows = rows.filter((r) => r.deskHalfDays > 0).length;
  const formulas: Formula[] = [
    { key: 'members', rows: rows.length },
    { key: 'deskDays', rows: deskRows },
    { key: 'occupancy', rows: deskRows },
    { key: 'revenue', rows: rows.length },
    { key: 'commuting', rows: headlineTotals.commuting.days },
  ];
  return {
    scope,
    period,
    full,
    headline: view(shownFigures(headlineTotals)),
    months,
    places: reportPlaces,
    formulas,
    finances: withFinances ? await financesOf(ctx, withFinances, headlineTotals.deskHalfDays / 2, headlineTotals.revenue, monthsOf(period).length, {}) : null,
    collaborations: shownCount(collaborations.total),
  };
}

/** A place's report for its team and its funders (others: 403). */
export async function placeReport(ctx: ImpactContext, idOrSlug: string, query: unknown = {}): Promise<Report> {
  const period = periodOf(ctx, query);
  const place = await readablePlace(ctx, idOrSlug);
  return buildReport(ctx, [place], period, { kind: 'place', code: place.slug, name: place.name }, () => true, place);
}

export const territoryKinds = ['commune', 'epci', 'departement', 'region'] as const satisfies readonly TerritoryKind[];

/**
 * A territory's report: the places in it that take bookings on Maillage, summed; public aggregates for
 * everyone, each place's revenue only for those who run or fund it.
 */
export async function territoryReport(ctx: ImpactContext, kind: string, code: string, query: unknown = {}): Promise<Report> {
  if (!(territoryKinds as readonly string[]).includes(kind)) throw notFound('impact_territory_kind_unknown');
  const period = periodOf(ctx, query);
  const territory = await territoryCommunes(ctx.db, kind as TerritoryKind, code);
  const codes = territory.communes.map((c) => c.code);
  const placeRows = codes.length
    ? await ctx.db
        .select(placeColumns)
        .from(places)
        .where(
          and(
            sql`${places.communeCode} in (select value from json_array_elements_text(${JSON.stringify(codes)}::json))`,
            sql`exists (select 1 from ${bookingResources} r where r.place_id = ${places.id})`,
          ),
        )
        .orderBy(places.sortName)
    : [];
  const funders = await acceptedFunders(ctx.db, placeRows.map((p) => p.id));
  const fullFor = (place: PlaceRow) => can(ctx.actor, 'impact.read-report', fundedPlace(place, funders.get(place.id) ?? []));
  return buildReport(ctx, placeRows, period, { kind: territory.kind, code: territory.code, name: territory.name }, fullFor, null);
}

// ---------------------------------------------------------------------------------------------------------------
// Finances
// ---------------------------------------------------------------------------------------------------------------

export interface Subsidy {
  id: string;
  funderName: string;
  funderId: string | null;
  amountCents: number;
  startsOn: string;
  endsOn: string;
  purpose: string;
  decisionReference: string | null;
  conventionDate: string | null;
  nature: SubsidyNature;
}

export interface Finances {
  costs: { rentCents: number; animatorCents: number; energyCents: number; otherCents: number; totalCents: number };
  subsidies: Subsidy[];
  breakEven: BreakEven;
  whatIf: { priceChangePercent: number; costChangePercent: number };
}

async function subsidiesOf(db: Db, placeId: string): Promise<Subsidy[]> {
  return db
    .select({
      id: impactSubsidies.id,
      funderName: impactSubsidies.funderName,
      funderId: impactSubsidies.funderId,
      amountCents: impactSubsidies.amountCents,
      startsOn: impactSubsidies.startsOn,
      endsOn: impactSubsidies.endsOn,
      purpose: impactSubsidies.purpose,
      decisionReference: impactSubsidies.decisionReference,
      conventionDate: impactSubsidies.conventionDate,
      nature: impactSubsidies.nature,
    })
    .from(impactSubsidies)
    .where(eq(impactSubsidies.placeId, placeId))
    .orderBy(impactSubsidies.startsOn, impactSubsidies.createdAt);
}

async function financesOf(
  ctx: ImpactContext,
  place: PlaceRow,
  deskDays: number,
  revenue: Record<string, number>,
  months: number,
  whatIf: { prix?: number; couts?: number },
): Promise<Finances> {
  const [[costs], subsidies] = await Promise.all([ctx.db.select().from(impactPlaceCosts).where(eq(impactPlaceCosts.placeId, place.id)), subsidiesOf(ctx.db, place.id)]);
  const c = { rentCents: costs?.rentCents ?? 0, animatorCents: costs?.animatorCents ?? 0, energyCents: costs?.energyCents ?? 0, otherCents: costs?.otherCents ?? 0 };
  const totalCents = c.rentCents + c.animatorCents + c.energyCents + c.otherCents;
  const revenueTotal = Object.values(revenue).reduce((a, b) => a + b, 0);
  return {
    costs: { ...c, totalCents },
    subsidies,
    breakEven: breakEven({
      yearlyCostsCents: totalCents,
      subsidies,
      revenuePerDeskDayCents: deskDays > 0 ? Math.round(revenueTotal / deskDays) : (place.dayPriceCents ?? 0),
      deskDaysPerMonth: deskDays / months,
      today: todayOf(ctx),
      priceChangePercent: whatIf.prix,
      costChangePercent: whatIf.couts,
    }),
    whatIf: { priceChangePercent: whatIf.prix ?? 0, costChangePercent: whatIf.couts ?? 0 },
  };
}

/** A place's finances for its team, over the last twelve months, with the "what if" asked. */
export async function placeFinances(ctx: ImpactContext, idOrSlug: string, query: unknown = {}): Promise<Finances & { place: { slug: string; name: string } }> {
  const whatIf = parse(WhatIfQuery, query);
  const place = await managedPlace(ctx, idOrSlug);
  const period = lastTwelveMonths(todayOf(ctx));
  const rows = await memberMonths(ctx.db, [place.id], period);
  const deskDays = rows.reduce((sum, r) => sum + r.deskHalfDays, 0) / 2;
  const revenue = { passes: 0, rooms: 0, offices: 0, carnets: 0, plans: 0 };
  for (const r of rows) for (const k of revenueKinds) revenue[k] += r.revenue[k];
  return { place: { slug: place.slug, name: place.name }, ...(await financesOf(ctx, place, deskDays, revenue, 12, whatIf)) };
}

export async function setCosts(ctx: ImpactContext, idOrSlug: string, input: unknown): Promise<void> {
  const place = await managedPlace(ctx, idOrSlug);
  const body = parse(CostsInput, input);
  const values = { rentCents: toCents(body.rent), animatorCents: toCents(body.animator), energyCents: toCents(body.energy), otherCents: toCents(body.other), updatedAt: new Date() };
  await ctx.db
    .insert(impactPlaceCosts)
    .values({ placeId: place.id, ...values })
    .onConflictDoUpdate({ target: impactPlaceCosts.placeId, set: values });
}

export async function addSubsidy(ctx: ImpactContext, idOrSlug: string, input: unknown): Promise<Subsidy> {
  const place = await managedPlace(ctx, idOrSlug);
  const body = parse(SubsidyInput, input);
  const [row] = await ctx.db
    .insert(impactSubsidies)
    .values({
      placeId: place.id,
      funderName: body.funderName,
      funderId: body.funderId ?? null,
      amountCents: toCents(body.amount),
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      purpose: body.purpose,
      decisionReference: body.decisionReference || null,
      conventionDate: body.conventionDate ?? null,
      nature: body.nature ?? 'aide en numéraire',
    })
    .returning({ id: impactSubsidies.id });
  return (await subsidiesOf(ctx.db, place.id)).find((s) => s.id === row!.id)!;
}

export async function deleteSubsidy(ctx: ImpactContext, idOrSlug: string, subsidyId: string): Promise<void> {
  const place = await managedPlace(ctx, idOrSlug);
  if (!UUID.test(subsidyId)) throw notFound('impact_subsidy_not_found');
  const deleted = await ctx.db
    .delete(impactSubsidies)
    .where(and(eq(impactSubsidies.id, subsidyId), eq(impactSubsidies.placeId, place.id)))
    .returning({ id: impactSubsidies.id });
  if (!deleted.length) throw notFound('impact_subsidy_not_found');
}

/** A place's subsidies, for the SCDL export: its team and its funders. */
export async function placeSubsidies(ctx: ImpactContext, idOrSlug: string): Promise<{ place: { id: string; slug: string; name: string }; subsidies: Subsidy[] }> {
  const place = await readablePlace(ctx, idOrSlug);
  return { place: { id: place.id, slug: place.slug, name: place.name }, subsidies: await subsidiesOf(ctx.db, place.id) };
}

// ---------------------------------------------------------------------------------------------------------------
// Funders
// ---------------------------------------------------------------------------------------------------------------

export interface FunderView {
  organizationId: string;
  name: string;
  status: FunderStatus;
}

/** The territory organizations whose scope holds the place, and those already asked or accepted. */
export async function placeFunders(ctx: ImpactContext, idOrSlug: string): Promise<{ funders: FunderView[]; candidates: { id: string; name: string }[] }> {
  const place = await managedPlace(ctx, idOrSlug);
  const funders = await queryRows<{ organization_id: string; name: string; status: FunderStatus }>(
    ctx.db,
    sql`select f.organization_id, o.name, f.status from ${impactPlaceFunders} f join ${organization} o on o.id = f.organization_id
        where f.place_id = ${place.id} order by o.name`,
  );
  const candidates = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select o.id, o.name from ${organization} o, communes c
        where o.kind = 'territory' and c.code = ${place.communeCode}
          and ((o.scope_level = 'commune' and o.scope_code = c.code) or (o.scope_level = 'epci' and o.scope_code = c.epci_siren)
            or (o.scope_level = 'departement' and o.scope_code = c.departement_code) or (o.scope_level = 'region' and o.scope_code = c.region_code))
        order by o.name`,
  );
  const asked = new Set(funders.map((f) => f.organization_id));
  return {
    funders: funders.map((f) => ({ organizationId: f.organization_id, name: f.name, status: f.status })),
    candidates: candidates.filter((c) => !asked.has(c.id)),
  };
}

/** The place's team names a territory organization of its territory as a funder; the organization accepts later. */
export async function requestFunder(ctx: ImpactContext, idOrSlug: string, input: unknown): Promise<void> {
  const { organizationId } = parse(FunderInput, input);
  const { candidates } = await placeFunders(ctx, idOrSlug);
  if (!candidates.some((c) => c.id === organizationId)) throw invalid('impact_funder_unknown');
  const place = await findPlaceRow(ctx.db, idOrSlug);
  await ctx.db.insert(impactPlaceFunders).values({ placeId: place.id, organizationId }).onConflictDoNothing();
}

export interface FundingRequest {
  placeId: string;
  placeSlug: string;
  placeName: string;
  organizationId: string;
  organizationName: string;
  status: FunderStatus;
}

/** The places naming the actor's territory organizations as funders, asked or accepted. */
export async function myFundedPlaces(ctx: ImpactContext): Promise<FundingRequest[]> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return [];
  const orgs = actor.memberships.filter((m) => m.organizationKind === 'territory').map((m) => m.organizationId);
  if (!orgs.length) return [];
  const rows = await queryRows<{ place_id: string; slug: string; place_name: string; organization_id: string; organization_name: string; status: FunderStatus }>(
    ctx.db,
    sql`select f.place_id, p.slug, p.name as place_name, f.organization_id, o.name as organization_name, f.status
        from ${impactPlaceFunders} f join ${places} p on p.id = f.place_id join ${organization} o on o.id = f.organization_id
        where f.organization_id in (select value from json_array_elements_text(${JSON.stringify(orgs)}::json)) order by p.sort_name`,
  );
  return rows.map((r) => ({ placeId: r.place_id, placeSlug: r.slug, placeName: r.place_name, organizationId: r.organization_id, organizationName: r.organization_name, status: r.status }));
}

/** A territory organization's admin accepts to be named as the place's funder. */
export async function acceptFunding(ctx: ImpactContext, placeId: string, organizationId: string): Promise<void> {
  if (!UUID.test(placeId)) throw notFound('impact_funding_not_found');
  const [org] = await ctx.db.select({ id: organization.id, kind: organization.kind }).from(organization).where(eq(organization.id, organizationId));
  if (!org) throw notFound('impact_funding_not_found');
  assertCan(ctx.actor, 'impact.accept-funding', { type: 'organization', id: org.id, kind: org.kind });
  const updated = await ctx.db
    .update(impactPlaceFunders)
    .set({ status: 'accepted', acceptedAt: new Date() })
    .where(and(eq(impactPlaceFunders.placeId, placeId), eq(impactPlaceFunders.organizationId, organizationId), eq(impactPlaceFunders.status, 'pending')))
    .returning({ placeId: impactPlaceFunders.placeId });
  if (!updated.length) throw conflict('impact_funding_not_pending');
}

// ---------------------------------------------------------------------------------------------------------------
// A member's stated alternative
// ---------------------------------------------------------------------------------------------------------------

export interface StatedAlternativeView {
  kind: AlternativeKind;
  workplaceCommuneCode: string | null;
  mode: CommuteMode | null;
}

export async function myAlternative(ctx: ImpactContext): Promise<StatedAlternativeView | null> {
  if (ctx.actor.kind !== 'user') return null;
  const [row] = await ctx.db
    .select({ kind: impactAlternatives.kind, workplaceCommuneCode: impactAlternatives.workplaceCommuneCode, mode: impactAlternatives.mode })
    .from(impactAlternatives)
    .where(eq(impactAlternatives.userId, ctx.actor.userId));
  // The column holds one of the simulator's modes: the contract let no other in.
  return row ? { ...row, mode: row.mode as CommuteMode | null } : null;
}

/** States (or, with `none`, withdraws) what the member would do on a day they come to a place. */
export async function setAlternative(ctx: ImpactContext, input: unknown): Promise<void> {
  const actor = assertCan(ctx.actor, 'user.update', { type: 'user', id: ctx.actor.kind === 'user' ? ctx.actor.userId : '' });
  const body = parse(AlternativeInput, input);
  if (body.kind === 'none') {
    await ctx.db.delete(impactAlternatives).where(eq(impactAlternatives.userId, actor.userId));
    return;
  }
  if (body.kind === 'commute' && !(await communeCentres(ctx.db, [body.workplaceCommuneCode!])).size) throw invalid('location_commune_unknown', { code: body.workplaceCommuneCode! });
  const values = {
    kind: body.kind,
    workplaceCommuneCode: body.kind === 'commute' ? body.workplaceCommuneCode! : null,
    mode: body.kind === 'other' ? null : body.mode!,
    updatedAt: new Date(),
  };
  await ctx.db
    .insert(impactAlternatives)
    .values({ userId: actor.userId, ...values })
    .onConflictDoUpdate({ target: impactAlternatives.userId, set: values });
}
