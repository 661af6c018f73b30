import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../accounts/index.ts';
import { queryRows, type Db } from '../db/database.ts';
import { parse } from '../errors.ts';
import { distanceKm, DEFAULT_RADIUS_KM } from '../geo/index.ts';
import { resolveLocation } from '../territory/index.ts';
import { EventsQuery } from './contracts.ts';
import { countKey, findSeries, occurrencesOf, registrationCounts, type Series } from './queries.ts';
import type { Occurrence } from './recurrence.ts';
import { localOf } from './time.ts';
import { DEFAULT_TIME_ZONE } from './vocabulary.ts';

/** One occurrence in a calendar, with its series and the seats taken. */
export interface CalendarItem {
  series: Series;
  occurrence: Occurrence;
  confirmed: number;
  waiting: number;
  distanceKm?: number;
}

/** The local day (`YYYY-MM-DD`) of an instant in Paris. */
export const parisDay = (instant: Date) => localOf(instant, DEFAULT_TIME_ZONE).slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00+01:00`);
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** How far the calendar reads when no end is asked. */
export const DEFAULT_DAYS = 92;
/** At most this many occurrences in one answer. */
export const MAX_ITEMS = 1000;

/** SQL that keeps the series of a territory: at a place in it, or without a place and organized by its council. */
export function inTerritory(kind: 'commune' | 'epci' | 'departement' | 'region', code: string): SQL {
  const column = { commune: sql`c.code`, epci: sql`c.epci_siren`, departement: sql`c.departement_code`, region: sql`c.region_code` }[kind];
  return sql`(${column} = ${code} or (e.place_id is null and o.scope_level = ${kind} and o.scope_code = ${code}))`;
}

/**
 * The occurrences between two days (Paris), public ones for anyone and members' ones for people signed in,
 * across operators, filtered by territory, place (slug), kind and distance from a commune or point.
 */
export async function calendarOf(db: Db, actor: Actor, input: unknown, now: Date = new Date()) {
  const query = parse(EventsQuery, input);
  const from = query.from ?? parisDay(now);
  const to = query.to ?? addDays(from, DEFAULT_DAYS - 1);
  const windowStart = dayStart(from);
  const windowEnd = new Date(dayStart(addDays(to, 1)).getTime() + 3_600_000);
  const near = query.near ? await resolveLocation(db, query.near, 'near') : null;
  const radius = query.radiusKm ?? DEFAULT_RADIUS_KM;
  const filters: SQL[] = [sql`e.last_end > ${windowStart.toISOString()}::timestamptz and e.first_start < ${windowEnd.toISOString()}::timestamptz`];
  if (actor.kind !== 'user') filters.push(sql`e.audience = 'public'`);
  if (query.territory) filters.push(inTerritory(query.territory.kind, query.territory.code));
  if (query.place) filters.push(sql`p.slug = ${query.place}`);
  if (query.kind) filters.push(sql`e.kind = ${query.kind}`);
  if (near) {
    const dLat = radius / 111;
    const dLon = radius / (111 * Math.max(0.1, Math.cos((near.lat * Math.PI) / 180)));
    filters.push(sql`p.lat between ${near.lat - dLat} and ${near.lat + dLat} and p.lon between ${near.lon - dLon} and ${near.lon + dLon}`);
  }
  const list = await findSeries(db, sql.join(filters, sql` and `));
  const counts = await registrationCounts(db, list.map((s) => s.id));
  const items: CalendarItem[] = [];
  for (const series of list) {
    const distance = near && series.place ? distanceKm(near, series.place) : undefined;
    if (distance !== undefined && distance > radius) continue;
    for (const occurrence of occurrencesOf(series)) {
      if (occurrence.end <= windowStart || occurrence.start >= windowEnd) continue;
      const day = parisDay(occurrence.start);
      if (day < from || day > to) continue;
      const count = counts.get(countKey(series.id, occurrence.originalStart));
      items.push({ series, occurrence, confirmed: count?.confirmed ?? 0, waiting: count?.waiting ?? 0, ...(distance !== undefined ? { distanceKm: Math.round(distance * 10) / 10 } : {}) });
    }
  }
  items.sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime() || a.series.title.localeCompare(b.series.title));
  return { from, to, query, items: items.slice(0, MAX_ITEMS), truncated: items.length > MAX_ITEMS };
}

/** The places and territories that hold events still to come, for the calendar's filters. */
export async function calendarChoices(db: Db): Promise<{ places: { slug: string; name: string }[]; territories: { value: string; name: string }[] }> {
  const rows = await queryRows<{ slug: string; name: string; departement: string; departement_name: string; epci: string | null; epci_name: string | null }>(
    db,
    sql`select distinct p.slug, p.name, c.departement_code as departement, d.name as departement_name, c.epci_siren as epci, x.name as epci_name
        from events e join places p on p.id = e.place_id join communes c on c.code = p.commune_code
        join departements d on d.code = c.departement_code left join epcis x on x.siren = c.epci_siren
        where e.last_end > now() and e.audience = 'public' order by p.name`,
  );
  const territories = new Map<string, string>();
  for (const row of rows) territories.set(`departement:${row.departement}`, `${row.departement_name} (${row.departement})`);
  for (const row of rows) if (row.epci && row.epci_name) territories.set(`epci:${row.epci}`, row.epci_name);
  return {
    places: [...new Map(rows.map((r) => [r.slug, { slug: r.slug, name: r.name }])).values()],
    territories: [...territories].map(([value, name]) => ({ value, name })),
  };
}
