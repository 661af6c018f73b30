import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { journal, rollBack } from '../../../../tests/setup/migrations.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { createPlace, getPlace } from '../places/index.ts';

// The impact migration applied to a database holding data at the level before it.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('migration impact', () => {
  it('adds the impact tables to a database with places, people and organizations, keeping them', async () => {
    const db = database.db;
    const place = await createPlace(db, { name: 'La Halle', kind: 'coworking', communeCode: '46182', desks: 5 }, { changedBy: 'system' });
    await db.execute(sql`insert into organization (id, name, slug, kind, scope_level, scope_code) values ('org-cc', 'CC', 'cc', 'territory', 'epci', '244600433')`);
    await db.execute(sql`insert into "user" (id, name, email) values ('u-1', 'Une personne', 'u1@example.org')`);
    await db.execute(sql`drop table impact_alternatives, impact_place_costs, impact_subsidies, impact_place_funders`);
    const rolledBack = await rollBack(database, 'impact');
    expect(await migrationLevel(db)).toBe(rolledBack.previous);

    expect(await rolledBack.reapply()).toMatch(/_impact$/);
    expect(await migrationLevel(db)).toBe(journal.entries.at(-1)!.tag);
    expect(await getPlace(db, place.id)).toEqual(place);
    // A subsidy needs a funder and an amount above 0; a cost is never negative; a statement has its shape.
    await expect(db.execute(sql`insert into impact_subsidies (place_id, funder_name, amount_cents, starts_on, ends_on, purpose) values (${place.id}, ' ', 100, '2026-01-01', '2026-12-31', 'x')`)).rejects.toThrow();
    await expect(db.execute(sql`insert into impact_place_costs (place_id, rent_cents) values (${place.id}, -1)`)).rejects.toThrow();
    await expect(db.execute(sql`insert into impact_alternatives (user_id, kind, mode) values ('u-1', 'commute', 'car')`)).rejects.toThrow();
    await db.execute(sql`insert into impact_alternatives (user_id, kind, workplace_commune_code, mode) values ('u-1', 'commute', '46042', 'car')`);
    await db.execute(sql`insert into impact_place_funders (place_id, organization_id) values (${place.id}, 'org-cc')`);
    // Funders go with their organization, statements with their person.
    await db.execute(sql`delete from organization where id = 'org-cc'`);
    await db.execute(sql`delete from "user" where id = 'u-1'`);
    const [left] = await queryRows<{ funders: number; alternatives: number }>(db, sql`select (select count(*)::int from impact_place_funders) as funders, (select count(*)::int from impact_alternatives) as alternatives`);
    expect(left).toEqual({ funders: 0, alternatives: 0 });
  });
});
