import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { migrateDatabase, migrationLevel, queryRows, type Database } from '../db/index.ts';
import { getPlace } from './service.ts';
import { createPlace } from './writes.ts';

// The migration that adds place photos, and those after it (carnet invitations, the idempotency digest of a
// booking, sign-in disabled by an administrator, the one spelling of organization, a free resource and one price list), applied to a database holding places at the level before it.
const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { tag: string; when: number }[] };
const index = journal.entries.findIndex((entry) => entry.tag.endsWith('_place_photos'));
const photosMigration = journal.entries[index]!;
const previous = journal.entries[index - 1]!;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('migration place_photos and the ones after it', () => {
  it('adds the photo tables to a database with places, keeping them, and deletes photos with their place', async () => {
    const db = database.db;
    const place = await createPlace(db, { name: 'Le Fournil', kind: 'coworking', communeCode: '46182', desks: 6 }, { changedBy: 'system' });
    // Back to the previous level: what these migrations add dropped and the migrations forgotten, the place kept.
    await db.execute(sql`drop table place_photo_variants`);
    await db.execute(sql`drop table place_photos`);
    await db.execute(sql`drop table entitlement_invitations`);
    await db.execute(sql`alter table bookings drop column idempotency_request`);
    await db.execute(sql`alter table "user" drop column sign_in_disabled_at`);
    await db.execute(sql`alter table places rename column operator_organization_id to operator_organisation_id`);
    await db.execute(sql`alter table booking_resources drop column free`);
    await db.execute(sql`drop table survey_contacts, survey_one_time_codes, survey_responses, survey_versions, surveys`);
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${photosMigration.when}`);
    expect(await migrationLevel(db)).toBe(previous.tag);
    expect(journal.entries.slice(index).map((entry) => entry.tag.replace(/^\d+_/, ''))).toEqual([
      'place_photos',
      'booking_entitlement_invitations',
      'booking_idempotency_request',
      'user_sign_in_disabled',
      'organization_spelling',
      'booking_resource_free',
      'one_price_list',
      'surveys',
    ]);

    expect(await migrateDatabase(database)).toBe(journal.entries.at(-1)!.tag);
    expect(await getPlace(db, place.id)).toEqual(place);
    const [columns] = await queryRows<{ idempotency: number; disabled: number; invitations: number }>(
      db,
      sql`select (select count(*) from information_schema.columns where table_name = 'bookings' and column_name = 'idempotency_request')::int as idempotency,
                 (select count(*) from information_schema.columns where table_name = 'user' and column_name = 'sign_in_disabled_at')::int as disabled,
                 (select count(*) from information_schema.tables where table_name = 'entitlement_invitations')::int as invitations`,
    );
    expect(columns).toEqual({ idempotency: 1, disabled: 1, invitations: 1 });
    await db.execute(sql`insert into place_photos (place_id, position, alt_fr, width, height, created_by)
                         values (${place.id}, 0, 'Salle', 640, 480, 'system')`);
    const [photo] = await queryRows<{ id: string; alt_en: string }>(db, sql`select id, alt_en from place_photos where place_id = ${place.id}`);
    expect(photo!.alt_en).toBe('');
    await db.execute(sql`insert into place_photo_variants (photo_id, width, height, hash, bytes) values (${photo!.id}, 640, 480, 'abc', '\\x00ff'::bytea)`);
    await db.execute(sql`delete from places where id = ${place.id}`);
    const [left] = await queryRows<{ photos: number; variants: number }>(
      db,
      sql`select (select count(*) from place_photos)::int as photos, (select count(*) from place_photo_variants)::int as variants`,
    );
    expect(left).toEqual({ photos: 0, variants: 0 });
  });
});
