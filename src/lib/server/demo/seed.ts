import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { territoryVintage } from '../territory/index.ts';

/**
 * Demo data, idempotent. The territory itself is reference data loaded at start-up; each domain adds
 * its demo records here (places, accounts, bookings) so that `npm run demo` shows a living network.
 */
export async function seedDemo(db: Db): Promise<string> {
  const vintage = await territoryVintage(db);
  const [row] = await queryRows<{ communes: number; epcis: number }>(
    db,
    sql`select (select count(*) from communes)::int as communes, (select count(*) from epcis)::int as epcis`,
  );
  return `demo data ready: ${row?.communes} communes and ${row?.epcis} EPCI (${vintage?.vintage ?? 'no territory'})`;
}
