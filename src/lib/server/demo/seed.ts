import { sql } from 'drizzle-orm';
import type { Accounts } from '../accounts/index.ts';
import { seedDemoAccounts, type DemoAccountsReport } from '../accounts/demo.ts';
import { seedDemoBooking } from '../booking/demo.ts';
import { seedDemoEvents } from '../events/index.ts';
import { seedDemoObservatory } from '../observatory/demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../accounts/demo-accounts.ts';
import { queryRows } from '../db/database.ts';
import { DEMO_EDITOR, seedDemoPlaces, updatePlace } from '../places/index.ts';
import { territoryVintage } from '../territory/index.ts';
import { seedDemoSurvey } from '../surveys/index.ts';
import { seedDemoCommunity } from '../community/index.ts';
import { seedDemoImpact } from '../impact/index.ts';

/** The demo place the demo council runs: its own coworking project (a council runs a place like an operator). */
export const DEMO_COUNCIL_PLACE = 'coworking-vallee-du-lot-et-du-vignoble';

export interface DemoReport {
  /** What was loaded, in one line. */
  summary: string;
  accounts: DemoAccountsReport;
}

/** The demo accounts as a table to print: e-mail, password, role. */
export function demoCredentialsTable(): string {
  const rows = [['e-mail', 'password', 'role'], ...Object.values(DEMO_ACCOUNTS).map((a) => [a.email, DEMO_PASSWORD, a.role])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/**
 * Demo data, idempotent. The territory itself is reference data loaded at start-up; each domain adds
 * its demo records here (places, accounts, bookings) so that `npm run demo` shows a living network.
 */
export async function seedDemo(accounts: Accounts): Promise<DemoReport> {
  const { db } = accounts;
  const vintage = await territoryVintage(db);
  const places = await seedDemoPlaces(db);
  const people = await seedDemoAccounts(accounts);
  await updatePlace(db, DEMO_COUNCIL_PLACE, { operatorOrganizationId: people.councilOrganizationId }, { changedBy: DEMO_EDITOR });
  await seedDemoBooking(db);
  await seedDemoObservatory(db);
  await seedDemoSurvey(db, people.councilOrganizationId, people.people.council.id, people.councilEpci);
  await seedDemoCommunity(db, { id: people.people.coworker.id, name: DEMO_ACCOUNTS.coworker.name });
  await seedDemoEvents(db, {
    operatorOrganizationId: people.operatorOrganizationId,
    councilOrganizationId: people.councilOrganizationId,
    adminId: people.people.admin.id,
    coworkerId: people.people.coworker.id,
  });
  await seedDemoImpact(db, DEMO_COUNCIL_PLACE, people.councilOrganizationId, people.councilEpci);
  const [row] = await queryRows<{ communes: number; epcis: number; places: number }>(
    db,
    sql`select (select count(*) from communes)::int as communes, (select count(*) from epcis)::int as epcis,
               (select count(*) from places where not synthetic)::int as places`,
  );
  const created = Object.values(people.people).filter((p) => p.created).length;
  return {
    summary:
      `demo data ready: ${row?.communes} communes and ${row?.epcis} EPCI (${vintage?.vintage ?? 'no territory'}); ` +
      `${row?.places} places (demo: ${places.created} created, ${places.updated} updated, ${places.unchanged} unchanged${places.kept ? `, ${places.kept} kept as edited` : ''}); ` +
      `${Object.keys(people.people).length} demo accounts (${created} created)`,
    accounts: people,
  };
}
