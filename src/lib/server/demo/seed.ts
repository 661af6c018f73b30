import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { seedDemoPlaces } from '../places/index.ts';
import { territoryVintage } from '../territory/index.ts';

/**
 * Demo data, idempotent. The territory itself is reference data loaded at start-up; each domain adds
 * its demo records here (places, accounts, bookings) so that `npm run demo` shows a living network.
 */
export async function seedDemo(db: Db): Promise<string> {
  const vintage = await territoryVintage(db);
  const places = await seedDemoPlaces(db);
  const [row] = await queryRows<{ communes: number; epcis: number; places: number }>(
    db,
    sql`select (select count(*) from communes)::int as communes, (select count(*) from epcis)::int as epcis,
               (select count(*) from places where not synthetic)::int as places`,
  );
  return (
    `demo data ready: ${row?.communes} communes and ${row?.epcis} EPCI (${vintage?.vintage ?? 'no territory'}); ` +
    `${row?.places} places (demo: ${places.created} created, ${places.updated} updated, ${places.unchanged} unchanged)`
  );
}
