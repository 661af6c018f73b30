import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile } from '../../../../tests/factories/accounts.ts';
import { actorOfUser } from '../accounts/index.ts';
import { queryRows } from '../db/index.ts';
import { DEMO_COUNCIL_PLACE, seedDemo, type DemoReport } from '../demo/seed.ts';
import { placeFinances, placeReport, territoryReport } from './index.ts';

const env = accountsForTestFile();
let first: DemoReport;
beforeAll(async () => {
  first = await seedDemo(env.accounts);
}, 240_000);

const bookingCount = async () =>
  (await queryRows<{ n: number }>(env.accounts.db, sql`select count(*)::int as n from bookings where user_id like 'demo-impact-member-%'`))[0]!.n;

describe('impact demo', () => {
  it('gives the council’s open place a year of synthetic activity whose every section has content, and a Morez-like break-even', async () => {
    const ctx = { db: env.accounts.db, actor: await actorOfUser(env.accounts.db, first.accounts.people.council.id) };
    const report = await placeReport(ctx, DEMO_COUNCIL_PLACE);
    expect(report.full).toBe(true);
    expect(report.headline.members).toMatchObject({ kind: 'count' });
    expect((report.headline.members as { value: number }).value).toBeGreaterThanOrEqual(18);
    expect(report.headline.occupancy).toBeGreaterThan(0.1);
    expect(report.headline.commuting.km).toBeGreaterThan(0);
    expect(report.headline.commuting.members).toMatchObject({ kind: 'count' });
    expect(report.months.filter((m) => m.deskDays !== null && m.deskDays > 0).length).toBeGreaterThanOrEqual(11);
    const finances = await placeFinances(ctx, DEMO_COUNCIL_PLACE);
    expect(finances.costs.animatorCents).toBe(1_800_000);
    expect(finances.breakEven.withSubsidies!).toBeLessThan(finances.breakEven.withoutSubsidies!);
    // Without subsidies the place does not pay for itself: the break-even is above today's desk-days.
    expect(finances.breakEven.withoutSubsidies!).toBeGreaterThan(finances.breakEven.deskDaysPerMonth);
    const territory = await territoryReport(ctx, 'epci', first.accounts.councilEpci);
    expect(territory.places.map((p) => p.slug)).toContain(DEMO_COUNCIL_PLACE);
  });

  it('adds nothing when run again', async () => {
    const before = await bookingCount();
    expect(before).toBeGreaterThan(1000);
    await seedDemo(env.accounts);
    expect(await bookingCount()).toBe(before);
  });
});
