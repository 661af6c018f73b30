import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { journal, rollBack } from '../../../../tests/setup/migrations.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { createPlace, getPlace } from '../places/index.ts';

// The surveys migration applied to a database holding data at the level before it (the later migrations
// stay applied: rollBack sets their records aside).

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('migration surveys', () => {
  it('adds the survey tables to a database with places and organizations, keeping them', async () => {
    const db = database.db;
    const place = await createPlace(db, { name: 'La Halle', kind: 'coworking', communeCode: '46182', desks: 5 }, { changedBy: 'system' });
    await db.execute(sql`insert into organization (id, name, slug, kind, scope_level, scope_code) values ('org-cc', 'CC', 'cc', 'territory', 'epci', '200023737')`);
    await db.execute(sql`drop table survey_contacts, survey_one_time_codes, survey_responses, survey_versions, surveys`);
    const rolledBack = await rollBack(database, 'surveys');
    expect(await migrationLevel(db)).toBe(rolledBack.previous);

    expect(await rolledBack.reapply()).toMatch(/_surveys$/);
    expect(await migrationLevel(db)).toBe(journal.entries.at(-1)!.tag);
    expect(await getPlace(db, place.id)).toEqual(place);
    await db.execute(sql`insert into surveys (id, organization_id) values ('00000000-0000-4000-8000-000000000001', 'org-cc')`);
    const [survey] = await queryRows<{ status: string; current_version: number }>(db, sql`select status, current_version from surveys`);
    expect(survey).toEqual({ status: 'draft', current_version: 1 });
    // A survey goes with its organization; a day before its opening cannot close it.
    await expect(db.execute(sql`update surveys set opens_on = '2026-12-10', closes_on = '2026-12-01'`)).rejects.toThrow();
    await db.execute(sql`delete from organization where id = 'org-cc'`);
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from surveys`);
    expect(left!.n).toBe(0);
  });
});
