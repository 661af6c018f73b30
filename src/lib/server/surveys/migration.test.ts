import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { createPlace, getPlace } from '../places/index.ts';
import { CCVLV_2016 } from './template.ts';
import { journal, rollBack } from '../../../../tests/setup/migrations.ts';
import type { Actor } from '../accounts/index.ts';
import { teamResults } from './index.ts';

// The surveys migrations applied to a database holding data at the level before them.

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
    // Back to the level before surveys: the tallies (a later migration) undone first, then the surveys' tables;
    // the migrations between them and after them stay applied.
    await db.execute(sql`drop table survey_tallies`);
    await db.execute(sql`alter table surveys drop column tallied`);
    const tallies = await rollBack(database, 'survey_tallies');
    await db.execute(sql`drop table survey_contacts, survey_one_time_codes, survey_responses, survey_versions, surveys`);
    const surveys = await rollBack(database, 'surveys');
    expect(await migrationLevel(db)).toBe(surveys.previous);

    expect(await surveys.reapply()).toMatch(/_surveys$/);
    expect(await tallies.reapply()).toMatch(/_survey_tallies$/);
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

describe('migration survey_tallies', () => {
  it('keeps the answers stored before it, counted on the first reading of the results', async () => {
    const db = database.db;
    await db.execute(sql`insert into organization (id, name, slug, kind, scope_level, scope_code) values ('org-lot', 'CC Lot', 'cc-lot', 'territory', 'epci', '200023737')`);
    const { previous, reapply } = await rollBack(database, 'survey_tallies');
    await db.execute(sql`drop table survey_tallies`);
    await db.execute(sql`alter table surveys drop column tallied`);
    expect(await migrationLevel(db)).toBe(previous);
    const id = '00000000-0000-4000-8000-000000000002';
    await db.execute(sql`insert into surveys (id, organization_id, status) values (${id}, 'org-lot', 'published')`);
    await db.execute(sql`insert into survey_versions (survey_id, version, definition) values (${id}, 1, ${JSON.stringify(CCVLV_2016)}::jsonb)`);
    for (let i = 0; i < 7; i++)
      await db.execute(sql`insert into survey_responses (survey_id, version, submitted_on, answers, path)
        values (${id}, 1, '2026-11-20', ${JSON.stringify({ answers: { respondent: 'company', aware: i < 5, network: true }, others: {} })}::jsonb, 'company')`);

    expect(await reapply()).toMatch(/_survey_tallies$/);
    const [survey] = await queryRows<{ tallied: boolean }>(db, sql`select tallied from surveys where id = ${id}`);
    expect(survey!.tallied).toBe(false);
    const admin: Actor = { kind: 'user', userId: 'admin', name: 'Admin', email: 'admin@example.org', emailVerified: true, platformRole: 'admin', memberships: [] };
    const { results } = await teamResults({ db, actor: admin }, id, {}, 'fr');
    expect(results.respondents).toEqual({ kind: 'count', value: 7 });
    // 5 yes and 2 no: the 2 is "< 5", and the 5 is hidden with it (n = 7 is shown).
    const aware = results.questions.find((q) => q.code === 'aware')!;
    expect([aware.n, ...aware.items.map((i) => i.count)]).toEqual([{ kind: 'count', value: 7 }, { kind: 'hidden' }, { kind: 'small' }]);
    const [after] = await queryRows<{ tallied: boolean; n: number }>(
      db,
      sql`select tallied, (select sum(count) from survey_tallies where survey_id = ${id} and question = '' and code = 'answers')::int as n from surveys where id = ${id}`,
    );
    expect(after).toEqual({ tallied: true, n: 7 });
  });
});
