// Impact: a territory of 10 places with 100,000 bookings over 12 months (bulk SQL): the territory's report as
// its page builds it (report + view, server time in process) p95 < 500 ms, its PDF < 5 s, its XLSX < 3 s; a
// place's month p95 < 100 ms. Runs on a prepared bench database (PGlite or PostgreSQL), which it fills.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/accounts/index.ts';
import { queryRows, type Database, type Db } from '../../src/lib/server/db/database.ts';
import { insertSyntheticBookings, placeReport, reportPdf, reportView, reportXlsx, territoryReport } from '../../src/lib/server/impact/index.ts';
import { timeRuns, type Summary } from './stats.ts';

export const IMPACT_TARGETS = { places: 10, bookings: 100_000, members: 2000, reportP95Ms: 500, pdfMs: 5000, xlsxMs: 3000, monthP95Ms: 100 };

/** A platform administrator reads every report, as the place's team or a funder would (`can` lets all three). */
const BENCH_ADMIN: Actor = { kind: 'user', userId: 'bench', name: 'Bench', email: 'bench@example.org', emailVerified: true, platformRole: 'admin', memberships: [] };

export interface ImpactBench {
  engine: string;
  insertMs: number;
  report: Summary;
  pdfMs: number;
  pdfBytes: number;
  xlsxMs: number;
  xlsxBytes: number;
  month: Summary;
}


export async function measureImpact(database: Database, progress: (line: string) => void): Promise<ImpactBench> {
  const db: Db = database.db;
  const t = IMPACT_TARGETS;
  const epci = '244600433';
  const communes = (await queryRows<{ code: string }>(db, sql`select code from communes where epci_siren = ${epci} and kind = 'commune' order by code`)).map((r) => r.code);
  progress(`impact (${database.engine}): ${t.places} places, ${t.members} members, ${t.bookings} bookings`);
  await db.execute(sql`insert into organization (id, name, slug, kind) values ('bench-impact-operator', 'Bench operator', 'bench-impact-operator', 'operator') on conflict do nothing`);
  const placeIds = (
    await queryRows<{ id: string }>(
      db,
      sql`insert into places (slug, name, kind, commune_code, lat, lon, opening_hours, open_days, status, operator_organization_id, synthetic, sort_name)
          select 'bench-impact-' || n, 'Bench impact ' || n, 'coworking', c.code, c.lat, c.lon, 'Mo-Fr 08:30-18:30', 31, 'open', 'bench-impact-operator', true, 'bench impact ' || lpad(n::text, 2, '0')
          from generate_series(1, ${t.places}) n join (select code, lat, lon, row_number() over (order by code) as r from communes where epci_siren = ${epci} and kind = 'commune') c on c.r = n
          returning id`,
    )
  ).map((r) => r.id);
  const resources = (
    await queryRows<{ id: string }>(
      db,
      sql`insert into booking_resources (place_id, kind, name, capacity) select value::uuid, 'desk-pool', 'Postes', 40 from json_array_elements_text(${JSON.stringify(placeIds)}::json) returning id`,
    )
  ).map((r) => r.id);
  await db.execute(sql`
    insert into "user" (id, name, email, email_verified, home_commune_code)
    select 'bench-impact-' || n, 'Bench ' || n, 'bench-impact-' || n || '@example.org', true, ${JSON.stringify(communes)}::json->>(n % ${communes.length})
    from generate_series(1, ${t.members}) n`);
  await db.execute(sql`
    insert into impact_alternatives (user_id, kind, workplace_commune_code, mode)
    select 'bench-impact-' || n, case when n % 6 = 0 then 'home' else 'commute' end, case when n % 6 = 0 then null else '46042' end, 'car'
    from generate_series(1, ${t.members}) n where n % 10 <> 0`);
  const insertStart = performance.now();
  await insertSyntheticBookings(db, {
    deskResourceIds: resources,
    userIds: Array.from({ length: t.members }, (_, i) => `bench-impact-${i + 1}`),
    from: '2025-01-01',
    to: '2025-12-31',
    count: t.bookings,
    seed: 15,
    dayPriceCents: 1500,
  });
  const insertMs = performance.now() - insertStart;
  await db.execute(sql`analyze bookings`);

  const ctx = { db, actor: BENCH_ADMIN, now: new Date('2026-01-15T10:00:00Z') };
  const year = { from: '2025-01-01', to: '2025-12-31' };
  progress(`impact (${database.engine}): territory report, PDF, XLSX, a place's month`);
  const first = await territoryReport(ctx, 'epci', epci, year); // warm-up
  const report = await timeRuns(10, async () => reportView(await territoryReport(ctx, 'epci', epci, year), 'fr'));
  let start = performance.now();
  const pdf = await reportPdf(await territoryReport(ctx, 'epci', epci, year), 'fr');
  const pdfMs = performance.now() - start;
  start = performance.now();
  const xlsx = await reportXlsx(await territoryReport(ctx, 'epci', epci, year), 'fr');
  const xlsxMs = performance.now() - start;
  let i = 0;
  const month = await timeRuns(30, () => {
    const m = String(1 + (i++ % 12)).padStart(2, '0');
    return placeReport(ctx, placeIds[i % placeIds.length]!, { from: `2025-${m}-01`, to: `2025-${m}-28` });
  });
  if (first.places.length !== t.places) throw new Error(`expected ${t.places} places in the territory, found ${first.places.length}`);
  return { engine: database.engine, insertMs, report, pdfMs, pdfBytes: pdf.length, xlsxMs, xlsxBytes: xlsx.length, month };
}
