import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { migrateDatabase, migrationLevel, queryRows, type Database } from '../db/index.ts';
import { getPlace } from './service.ts';
import { createPlace } from './writes.ts';

// The migrations that make a place's offers its one price list (a resource may be free; every indicative price
// becomes an offer, and the directory's figures are read from the offers), applied to a database at the level
// before them, holding places with indicative prices, some already selling offers that disagree.
const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { tag: string; when: number }[] };
const index = journal.entries.findIndex((entry) => entry.tag.endsWith('_booking_resource_free'));
const first = journal.entries[index]!;
const previous = journal.entries[index - 1]!;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

interface OfferRow {
  kind: string;
  name: string;
  price_cents: number;
  units: number | null;
  validity_days: number | null;
  active: number;
}

describe('migrations booking_resource_free and one_price_list', () => {
  it('keeps every indicative price as an offer, and sets the directory’s figures from the offers', async () => {
    const db = database.db;
    const [listed, selling, bare] = await Promise.all([
      createPlace(db, { name: 'Le Lavoir', kind: 'coworking', communeCode: '46182' }, { changedBy: 'system' }),
      createPlace(db, { name: 'La Forge', kind: 'coworking', communeCode: '46182' }, { changedBy: 'system' }),
      createPlace(db, { name: 'Le Moulin', kind: 'tiers-lieu', communeCode: '46182' }, { changedBy: 'system' }),
    ]);
    // Back to the previous level: no `free` on resources, the migrations forgotten, prices typed into places.
    await db.execute(sql`alter table booking_resources drop column free`);
    await db.execute(sql`drop table survey_contacts, survey_one_time_codes, survey_responses, survey_versions, surveys`);
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${first.when}`);
    expect(await migrationLevel(db)).toBe(previous.tag);
    expect(journal.entries.slice(index).map((entry) => entry.tag.replace(/^\d+_/, ''))).toEqual(['booking_resource_free', 'one_price_list', 'surveys']);
    // A directory-only place with its four prices; a place whose console sells a day at 20 € while its page says
    // 22 €, with a carnet of 5 days only and a withdrawn half-day; a place with no price at all.
    await db.execute(sql`update places set day_price_cents = 1500, half_day_price_cents = 900, month_price_cents = 18000, carnet10_price_cents = 13000
                         where id = ${listed.id}::uuid`);
    await db.execute(sql`update places set day_price_cents = 2200, half_day_price_cents = 1200, carnet10_price_cents = 18000 where id = ${selling.id}::uuid`);
    await db.execute(sql`insert into offers (place_id, kind, name, price_cents, units, validity_days, active) values
      (${selling.id}::uuid, 'day-pass', 'Pass journée', 2000, null, null, 1),
      (${selling.id}::uuid, 'carnet', 'Carnet 5 jours', 9000, 5, 365, 1),
      (${selling.id}::uuid, 'half-day-pass', 'Ancienne demi-journée', 1000, null, null, 0),
      (${selling.id}::uuid, 'monthly-plan', 'Abonnement', 25000, null, null, 1)`);
    await db.execute(sql`insert into booking_resources (place_id, kind, name, capacity) values (${selling.id}::uuid, 'desk-pool', 'Plateau', 6)`);

    expect(await migrateDatabase(database)).toBe(journal.entries.at(-1)!.tag);

    const offersOf = (placeId: string) =>
      queryRows<OfferRow>(
        db,
        sql`select kind, name, price_cents, units, validity_days, active from offers where place_id = ${placeId}::uuid order by kind, active desc, price_cents`,
      );
    expect(await offersOf(listed.id)).toEqual([
      { kind: 'carnet', name: 'Carnet de 10 jours', price_cents: 13000, units: 10, validity_days: 365, active: 1 },
      { kind: 'day-pass', name: 'Journée', price_cents: 1500, units: null, validity_days: null, active: 1 },
      { kind: 'half-day-pass', name: 'Demi-journée', price_cents: 900, units: null, validity_days: null, active: 1 },
      { kind: 'monthly-plan', name: 'Abonnement mensuel', price_cents: 18000, units: null, validity_days: null, active: 1 },
    ]);
    // What the console already sold stays the price; what it did not sell becomes an offer.
    expect(await offersOf(selling.id)).toEqual([
      { kind: 'carnet', name: 'Carnet 5 jours', price_cents: 9000, units: 5, validity_days: 365, active: 1 },
      { kind: 'carnet', name: 'Carnet de 10 jours', price_cents: 18000, units: 10, validity_days: 365, active: 1 },
      { kind: 'day-pass', name: 'Pass journée', price_cents: 2000, units: null, validity_days: null, active: 1 },
      { kind: 'half-day-pass', name: 'Demi-journée', price_cents: 1200, units: null, validity_days: null, active: 1 },
      { kind: 'half-day-pass', name: 'Ancienne demi-journée', price_cents: 1000, units: null, validity_days: null, active: 0 },
      { kind: 'monthly-plan', name: 'Abonnement', price_cents: 25000, units: null, validity_days: null, active: 1 },
    ]);
    expect(await offersOf(bare.id)).toEqual([]);

    const figures = async (id: string) => {
      const { dayPrice, halfDayPrice, carnet10Price, monthPrice } = await getPlace(db, id);
      return { dayPrice, halfDayPrice, carnet10Price, monthPrice };
    };
    expect(await figures(listed.id)).toEqual({ dayPrice: 15, halfDayPrice: 9, carnet10Price: 130, monthPrice: 180 });
    expect(await figures(selling.id)).toEqual({ dayPrice: 20, halfDayPrice: 12, carnet10Price: 180, monthPrice: 250 });
    expect(await figures(bare.id)).toEqual({ dayPrice: null, halfDayPrice: null, carnet10Price: null, monthPrice: null });
    // Resources that existed are not free: they are booked at the offers' prices.
    const [resource] = await queryRows<{ free: boolean }>(db, sql`select free from booking_resources where place_id = ${selling.id}::uuid`);
    expect(resource!.free).toBe(false);
  });
});
