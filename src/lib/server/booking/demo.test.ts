import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAccounts } from '../../../../tests/factories/accounts.ts';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { actorOfUser, can, type Accounts } from '../accounts/index.ts';
import { queryRows, type Database } from '../db/index.ts';
import { seedDemo, type DemoReport } from '../demo/seed.ts';
import { DEMO_PLACES, getPlace } from '../places/index.ts';
import { placeAvailability, placeOffers } from './availability.ts';
import { ratesOf } from './model.ts';
import { priceFiguresOf } from './pricing.ts';
import { toCents } from '../../money.ts';
import { DEMO_BOOKING_PLACE, seedDemoBooking } from './demo.ts';
import { myEntitlements } from './manage.ts';
import { createBooking } from './service.ts';
import { addDays } from './time.ts';

let database: Database;
let accounts: Accounts;
let seeded: DemoReport;
beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  seeded = await seedDemo(accounts);
});
afterAll(() => database?.close());

/** Every row the booking seed writes, to compare two runs. */
async function snapshot() {
  const [row] = await queryRows<Record<string, unknown>>(
    accounts.db,
    sql`select
      (select json_agg(r order by r.id) from booking_resources r) as resources,
      (select json_agg(o order by o.id) from offers o) as offers,
      (select json_agg(e order by e.id) from entitlements e) as entitlements,
      (select json_agg(p order by p.slug) from (select slug, operator_organization_id, updated_at from places) p) as places`,
  );
  return row!;
}

describe('booking demo data', () => {
  it('gives each open demo place a desk pool sized from its desks, a room where it has a meeting room, an office where it has private offices, and their offers', async () => {
    const resources = await queryRows<{ slug: string; kind: string; capacity: number; min_minutes: number; max_minutes: number; buffer_minutes: number }>(
      accounts.db,
      sql`select p.slug, r.kind, r.capacity, r.min_minutes, r.max_minutes, r.buffer_minutes from booking_resources r join places p on p.id = r.place_id order by p.slug, r.kind`,
    );
    const open = DEMO_PLACES.filter((p) => p.status === 'open');
    expect(open.length).toBeGreaterThan(2);
    for (const place of open) {
      const mine = resources.filter((r) => r.slug === place.slug);
      expect(mine.find((r) => r.kind === 'desk-pool')?.capacity, place.slug).toBe(place.desks);
      const room = mine.find((r) => r.kind === 'room');
      if (place.services?.includes('meeting-room')) expect(room, place.slug).toMatchObject({ min_minutes: 60, max_minutes: 240, buffer_minutes: 15 });
      else expect(room, place.slug).toBeUndefined();
      const office = mine.find((r) => r.kind === 'office');
      if (place.services?.includes('private-offices')) expect(office, place.slug).toMatchObject({ capacity: 2 });
      else expect(office, place.slug).toBeUndefined();
    }
    const offers = await queryRows<{ kind: string; price_cents: number; member_price_cents: number | null; units: number | null; validity_days: number | null }>(
      accounts.db,
      sql`select o.kind, o.price_cents, o.member_price_cents, o.units, o.validity_days from offers o join places p on p.id = o.place_id where p.slug = ${DEMO_BOOKING_PLACE} order by o.kind`,
    );
    expect(offers.map((o) => o.kind)).toEqual(['carnet', 'day-pass', 'half-day-pass', 'hourly-room', 'monthly-plan', 'office-month']);
    const place = await getPlace(accounts.db, DEMO_BOOKING_PLACE);
    const day = offers.find((o) => o.kind === 'day-pass')!;
    expect(day.price_cents).toBe(place.dayPrice! * 100);
    expect(day.member_price_cents).toBeLessThan(day.price_cents);
    expect(offers.find((o) => o.kind === 'carnet')).toMatchObject({ price_cents: place.carnet10Price! * 100, units: 10, validity_days: 365 });
    expect(offers.find((o) => o.kind === 'monthly-plan')!.price_cents).toBe(place.monthPrice! * 100);
    expect(offers.find((o) => o.kind === 'office-month')!.price_cents).toBe(Math.round((place.monthPrice! * 1.6) / 10) * 1000);
  });

  it('every demo place shows its offers as its prices, and every demo resource is priced by an offer or free', async () => {
    for (const demo of DEMO_PLACES) {
      const place = await getPlace(accounts.db, demo.slug);
      const figures = await priceFiguresOf(accounts.db, place.id);
      expect({ dayPriceCents: toCents(place.dayPrice), halfDayPriceCents: toCents(place.halfDayPrice), monthPriceCents: toCents(place.monthPrice), carnet10PriceCents: toCents(place.carnet10Price) }, demo.slug).toEqual(figures);
      if (demo.prices) expect(place, demo.slug).toMatchObject({ dayPrice: demo.prices.day, halfDayPrice: demo.prices.halfDay ?? null, monthPrice: demo.prices.month ?? null });
    }
    const resources = await queryRows<{ id: string; place_id: string; kind: 'desk-pool' | 'room' | 'office'; free: boolean }>(
      accounts.db,
      sql`select id, place_id, kind, free from booking_resources`,
    );
    expect(resources.length).toBeGreaterThan(3);
    for (const resource of resources) {
      const rates = ratesOf(await placeOffers(accounts.db, resource.place_id), { id: resource.id, kind: resource.kind });
      expect(resource.free || rates.length > 0, `${resource.kind} ${resource.id}`).toBe(true);
    }
  });

  it('the demo operator runs the booking place, the council its own (a project, with resources); the coworker holds a 10-day carnet there and books with it', async () => {
    const { people, operatorOrganizationId } = seeded.accounts;
    const place = await getPlace(accounts.db, DEMO_BOOKING_PLACE);
    expect(place.status).toBe('open');
    expect(place.operatorOrganizationId).toBe(operatorOrganizationId);
    const operator = await actorOfUser(accounts.db, people.operator.id);
    expect(can(operator, 'booking.manage', { type: 'place', id: place.id, operatorOrganizationId: place.operatorOrganizationId })).toBe(true);
    const [own] = await queryRows<{ n: number }>(
      accounts.db,
      sql`select count(*)::int as n from booking_resources r join places p on p.id = r.place_id where p.slug = 'coworking-vallee-du-lot-et-du-vignoble'`,
    );
    expect(own!.n).toBe(2);

    const coworker = await actorOfUser(accounts.db, people.coworker.id);
    const [carnet] = await myEntitlements({ db: accounts.db, actor: coworker });
    expect(carnet).toMatchObject({ placeSlug: DEMO_BOOKING_PLACE, kind: 'carnet', units: 10, unitsUsed: 0 });
    const desks = (await placeAvailability(accounts.db, DEMO_BOOKING_PLACE, carnet!.startsOn)).resources.find((r) => r.kind === 'desk-pool')!;
    // The first day from the day after tomorrow the place opens (weekends and public holidays are closed).
    let booked = null;
    for (let ahead = 2; !booked && ahead < 12; ahead++) {
      booked = await createBooking({ db: accounts.db, actor: coworker }, { resourceId: desks.resourceId, day: addDays(carnet!.startsOn, ahead), payment: 'carnet' }).catch((error) => {
        if (error.code !== 'booking_closed') throw error;
        return null;
      });
    }
    expect(booked?.booking).toMatchObject({ payment: 'carnet', priceCents: 0 });
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    expect(await seedDemoBooking(accounts.db)).toEqual({ resources: 0, offers: 0, carnets: 0 });
    await seedDemo(accounts);
    expect(await snapshot()).toEqual(before);
  });
});
