import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { journal, rollBack } from '../../../../tests/setup/migrations.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { createOrganization, type Accounts } from '../accounts/index.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import { createOffer, createResource } from './manage.ts';
import { createBooking } from './service.ts';

// The migration that makes a desk booking one statement (desk_pool_day_seats counts a day under its lock),
// applied to a database at the level before it, holding bookings made then: they are counted, and the seats
// they hold stay taken.

/** Tuesday 1 December 2026, 9:00 in Paris. */
const NOW = new Date('2026-12-01T08:00:00Z');

let database: Database;
let accounts: Accounts;
beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
});
afterAll(() => database?.close());

describe('migration desk_pool_day_seats', () => {
  it('counts the bookings made before it: the seats they hold stay taken', async () => {
    const db = accounts.db;
    let owner = await signedUpPerson(accounts);
    const organization = await createOrganization(owner.ctx, { name: `Coopérative ${Date.now()}`, kind: 'operator' });
    owner = await refreshed(accounts, owner);
    const team = { db, actor: owner.ctx.actor, now: NOW };
    const place = await createPlace(db, { name: 'La Filature', kind: 'coworking', communeCode: '46182', openingHours: 'Mo-Fr 08:30-19:00', operatorOrganizationId: organization.id });
    const desks = (await createResource(team, place.id, { kind: 'desk-pool', name: 'Plateau', capacity: '3' })).id;
    await createOffer(team, place.id, { kind: 'day-pass', name: 'Journée', price: '12' });
    const [early, late, third, fourth] = await Promise.all([1, 2, 3, 4].map(() => signedUpPerson(accounts)));
    const as = (person: SignedIn | undefined) => ({ db, actor: person!.ctx.actor, now: NOW });

    // Back to the previous level: a morning booked as it was then, the function and its migration forgotten.
    await db.execute(sql`drop function desk_pool_day_seats(uuid, date, text, text, text)`);
    const rolledBack = await rollBack(database, 'desk_pool_day_seats', 'desk_pool_day_seats');
    expect(await migrationLevel(db)).toBe(rolledBack.previous);
    await db.execute(sql`insert into desk_pool_days (resource_id, day) values (${desks}::uuid, '2026-12-02')`);
    await db.execute(sql`insert into bookings (resource_id, place_id, user_id, day, period, start_minute, end_minute, blocked_until_minute, payment, price_cents)
                         values (${desks}::uuid, ${place.id}::uuid, ${early!.userId}, '2026-12-02', 'am', 510, 810, 810, 'on-site', 800)`);

    expect(await rolledBack.reapply()).toMatch(/_desk_pool_day_seats$/);
    expect(await migrationLevel(db)).toBe(journal.entries.at(-1)!.tag);

    const [seats] = await queryRows<{ made: boolean; am: number; pm: number; mine: boolean }>(
      db,
      sql`select * from desk_pool_day_seats(${desks}::uuid, '2026-12-02', ${early!.userId}, null, 'pm')`,
    );
    expect(seats).toEqual({ made: false, am: 1, pm: 0, mine: false });
    // The morning booked before counts: its booker cannot book it twice, and the third morning fills the pool.
    await createBooking(as(late), { resourceId: desks, day: '2026-12-02' });
    expect(await domainRejection(createBooking(as(early), { resourceId: desks, day: '2026-12-02', period: 'am' }))).toMatchObject({ code: 'booking_already_booked' });
    await createBooking(as(third), { resourceId: desks, day: '2026-12-02', period: 'am' });
    expect(await domainRejection(createBooking(as(fourth), { resourceId: desks, day: '2026-12-02' }))).toMatchObject({ code: 'booking_full' });
    await createBooking(as(fourth), { resourceId: desks, day: '2026-12-02', period: 'pm' });
    const [held] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bookings where resource_id = ${desks}::uuid and day = '2026-12-02'`);
    expect(held!.n).toBe(4);
  });
});
