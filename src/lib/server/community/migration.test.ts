import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { rollBack } from '../../../../tests/setup/migrations.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { createPlace, getPlace } from '../places/index.ts';

// The community migration applied to a database holding people and places at the level before it.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('migration community', () => {
  it('adds the community tables to a database with people and places, keeping them', async () => {
    const db = database.db;
    const place = await createPlace(db, { name: 'La Halle', kind: 'coworking', communeCode: '46182', desks: 5 }, { changedBy: 'system' });
    await db.execute(sql`insert into "user" (id, name, email, email_verified, created_at, updated_at) values ('u1', 'Une', 'u1@example.org', true, now(), now())`);
    await db.execute(sql`drop table community_reports, community_blocks, community_messages, community_conversations, community_profile_places, community_profiles`);
    const { previous, reapply } = await rollBack(database, 'community');
    expect(await migrationLevel(db)).toBe(previous);

    expect(await reapply()).toMatch(/_community$/);
    expect(await getPlace(db, place.id)).toEqual(place);
    await db.execute(sql`insert into community_profiles (user_id, public_name) values ('u1', 'Une')`);
    await db.execute(sql`insert into community_profile_places (user_id, place_id) values ('u1', ${place.id})`);
    const [profile] = await queryRows<{ visibility: string; skill_keys: string[] }>(db, sql`select visibility, skill_keys from community_profiles`);
    // Private until the person chooses otherwise.
    expect(profile).toEqual({ visibility: 'private', skill_keys: [] });
    await expect(db.execute(sql`update community_profiles set visibility = 'everyone'`)).rejects.toThrow();
    // A commune without its point (or the reverse) is refused: distance searches read the point.
    await expect(db.execute(sql`update community_profiles set commune_code = '46182'`)).rejects.toThrow();
    await db.execute(sql`delete from places where id = ${place.id}`);
    expect(await queryRows(db, sql`select 1 from community_profile_places`)).toEqual([]);
  });
});
