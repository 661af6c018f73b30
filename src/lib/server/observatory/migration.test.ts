import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { journal, rollBack } from '../../../../tests/setup/migrations.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { createPlace, getPlace } from '../places/index.ts';

// The observatory's migrations, each applied to a database holding data at the level before it: the flows
// and scenarios tables to a database with places and organizations; contours and sets to one with flows,
// an import record and a saved scenario, which they keep.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const count = async (table: string) => Number((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);

describe('observatory migrations', () => {
  it('observatory: adds flows and scenarios to a database with places and organizations, keeping them', async () => {
    const db = database.db;
    const place = await createPlace(db, { name: 'Quai Luzech', kind: 'tiers-lieu', communeCode: '46182', desks: 6 });
    await db.execute(sql`insert into organization (id, name, slug, kind, scope_level, scope_code) values ('org-obs', 'CC', 'cc-obs', 'territory', 'epci', '200023737')`);
    await db.execute(sql`drop table commune_contours, commune_sets`);
    const contoursLevel = await rollBack(database, 'observatory_contours_sets');
    await db.execute(sql`drop table commuting_flows, commuting_flow_imports, siting_scenarios`);
    const rolledBack = await rollBack(database, 'observatory');
    expect(await migrationLevel(db)).toBe(rolledBack.previous);

    expect(await rolledBack.reapply()).toMatch(/_observatory$/);
    expect(await getPlace(db, place.id)).toEqual(place);
    await db.execute(sql`insert into commuting_flows (home_code, work_code, workers, fragile) values ('46182', '46042', 120, true)`);
    await expect(db.execute(sql`insert into commuting_flows (home_code, work_code, workers, fragile) values ('46182', '46102', -1, true)`)).rejects.toThrow();
    await db.execute(sql`insert into siting_scenarios (organization_id, name, request, result, created_by) values ('org-obs', 'Avant', '{}', '{}', 'u1')`);
    expect(await contoursLevel.reapply()).toMatch(/_observatory_contours_sets$/);
    expect(await migrationLevel(db)).toBe(journal.entries.at(-1)!.tag);
    await db.execute(sql`delete from commuting_flows`);
    await db.execute(sql`delete from siting_scenarios`);
  });

  it('observatory_contours_sets: keeps the flows, the import record and the scenarios; contours need a known commune', async () => {
    const db = database.db;
    await db.execute(sql`insert into commuting_flows (home_code, work_code, workers, fragile) values ('46182', '46042', 250, false), ('46182', 'BE540', 3, true)`);
    await db.execute(sql`insert into commuting_flow_imports (vintage, file_name, rows, digest) values (2021, 'flux.csv', 2, 'abc')`);
    await db.execute(sql`insert into siting_scenarios (organization_id, name, request, result, created_by) values ('org-obs', 'Avant les contours', '{"k":1}', '{"objective":12}', 'u1')`);
    await db.execute(sql`drop table commune_contours, commune_sets`);
    const rolledBack = await rollBack(database, 'observatory_contours_sets');
    expect(await migrationLevel(db)).toBe(rolledBack.previous);

    expect(await rolledBack.reapply()).toMatch(/_observatory_contours_sets$/);
    expect(await count('commuting_flows')).toBe(2);
    expect(await count('commuting_flow_imports')).toBe(1);
    const [scenario] = await queryRows<{ name: string; result: unknown }>(db, sql`select name, result from siting_scenarios`);
    expect(scenario).toMatchObject({ name: 'Avant les contours' });
    await db.execute(sql`insert into commune_contours (code, geometry, source) values ('46182', '{"type":"Polygon","coordinates":[]}', 'x')`);
    await expect(db.execute(sql`insert into commune_contours (code, geometry, source) values ('99999', '{}', 'x')`)).rejects.toThrow();
    const [set] = await queryRows<{ id: number }>(db, sql`insert into commune_sets (name, organization_id, commune_codes, created_by) values ('Vallée', 'org-obs', array['46182','46042'], 'u1') returning id`);
    expect(set!.id).toBe(1);
  });
});
