import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { migrateDatabase, migrationLevel, queryRows, type Database } from '../db/index.ts';
import { getPlace } from './service.ts';
import { createPlace } from './writes.ts';

// The migration that gives the place's operator one spelling, applied to a database at the level before it,
// holding a place run by an organization and the history that recorded it under the old name.
const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { tag: string; when: number }[] };
const index = journal.entries.findIndex((entry) => entry.tag.endsWith('_organization_spelling'));
const migration = journal.entries[index]!;
const previous = journal.entries[index - 1]!;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('migration organization_spelling', () => {
  it('renames the operator column, keeping its values, and the field in the recorded history', async () => {
    const db = database.db;
    const place = await createPlace(db, { name: 'La Grange', kind: 'coworking', communeCode: '46182', desks: 4 }, { changedBy: 'system' });
    await db.execute(sql`alter table places rename column operator_organization_id to operator_organisation_id`);
    // The migrations after it are forgotten too: what they add goes.
    await db.execute(sql`alter table booking_resources drop column free`);
    await db.execute(sql`drop table survey_contacts, survey_one_time_codes, survey_responses, survey_versions, surveys`);
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${migration.when}`);
    expect(await migrationLevel(db)).toBe(previous.tag);
    await db.execute(sql`update places set operator_organisation_id = 'org-lot' where id = ${place.id}`);
    await db.execute(sql`insert into place_history (place_id, changed_by, changes) values
      (${place.id}, 'before-the-migration', ${JSON.stringify({ operatorOrganisationId: { from: null, to: 'org-lot' }, desks: { from: 4, to: 6 } })}::jsonb),
      (${place.id}, 'before-the-migration', ${JSON.stringify({ name: { from: 'Grange', to: 'La Grange' } })}::jsonb)`);

    expect(await migrateDatabase(database)).toBe(journal.entries.at(-1)!.tag);
    expect((await getPlace(db, place.id))?.operatorOrganizationId).toBe('org-lot');
    const history = await queryRows<{ changes: Record<string, unknown> }>(
      db,
      sql`select changes from place_history where place_id = ${place.id} and changed_by = 'before-the-migration' order by changes::text`,
    );
    expect(history.map((row) => row.changes)).toEqual([
      { desks: { from: 4, to: 6 }, operatorOrganizationId: { from: null, to: 'org-lot' } },
      { name: { from: 'Grange', to: 'La Grange' } },
    ]);
  });
});
