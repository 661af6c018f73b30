import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { journal, rollBack } from '../../../../tests/setup/migrations.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { createPlace, getPlace } from '../places/index.ts';

// The events migration applied to a database holding data at the level before it.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('migration events', () => {
  it('adds the event tables to a database with places and organizations, keeping them', async () => {
    const db = database.db;
    const place = await createPlace(db, { name: 'La Halle', kind: 'coworking', communeCode: '46182', desks: 5 }, { changedBy: 'system' });
    await db.execute(sql`insert into organization (id, name, slug, kind) values ('org-op', 'Op', 'op', 'operator')`);
    await db.execute(sql`drop table event_feed_cache, event_registrations, event_occurrences, events`);
    const rolledBack = await rollBack(database, 'events');
    expect(await migrationLevel(db)).toBe(rolledBack.previous);

    expect(await rolledBack.reapply()).toMatch(/_events$/);
    expect(await migrationLevel(db)).toBe(journal.entries.at(-1)!.tag);
    expect(await getPlace(db, place.id)).toEqual(place);
    const insert = (start: string, end: string) =>
      db.execute(sql`insert into events (organization_id, place_id, kind, title, start_local, duration_minutes, first_start, last_end)
                     values ('org-op', ${place.id}::uuid, 'meetup', 'Rencontre', '2026-12-10T19:00', 60, ${start}::timestamptz, ${end}::timestamptz)`);
    await insert('2026-12-10T18:00:00Z', '2026-12-10T19:00:00Z');
    // An event never ends before it starts, whatever writes it.
    await expect(insert('2026-12-10T18:00:00Z', '2026-12-10T17:00:00Z')).rejects.toThrow();
    const [row] = await queryRows<{ audience: string; waitlist: boolean; time_zone: string }>(db, sql`select audience, waitlist, time_zone from events`);
    expect(row).toEqual({ audience: 'public', waitlist: true, time_zone: 'Europe/Paris' });
    // Events go with their organization.
    await db.execute(sql`delete from organization where id = 'org-op'`);
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from events`);
    expect(left!.n).toBe(0);
  });
});
