import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile, signedUpPerson, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { queryRows } from '../db/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import { placeAvailability, type OfficeAvailability } from './availability.ts';
import { addClosure, createOffer, createResource, placeDay } from './manage.ts';
import type { BookingContext } from './context.ts';
import { cancelBooking, checkIn, createBooking, markNoShow, myBookings } from './service.ts';

// Private offices, rented by the month: never two rentals of one office on the same day.

const env = accountsForTestFile();
let owner: SignedIn;
let placeId: string;
let office: string;
let bareOffice: string;

/** Tuesday 1 December 2026, 9:00 in Paris. */
const NOW = new Date('2026-12-01T08:00:00Z');
const as = (person: SignedIn): BookingContext => ({ db: env.accounts.db, actor: person.ctx.actor, mailer: env.accounts.mailer, now: NOW });
const officeOn = async (day: string) =>
  (await placeAvailability(env.accounts.db, placeId, day, NOW)).resources.find((r): r is OfficeAvailability => r.resourceId === office)!;

beforeAll(async () => {
  const operator = await operatorWithPlace(env.accounts, { name: 'Les Bureaux du Causse', kind: 'coworking', communeCode: '46182' });
  owner = operator.owner;
  placeId = operator.place.id;
  office = (await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'office', name: 'Bureau du Lot', capacity: 2 })).id;
  bareOffice = (await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'office', name: 'Bureau sans loyer', capacity: 1 })).id;
  await createOffer({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'office-month', name: 'Bureau du Lot, au mois', price: 450, resourceId: office });
});

describe('renting an office', () => {
  it('rents it for whole months from any day, at the monthly rent, with an all-day calendar event', async () => {
    const tenant = await signedUpPerson(env.accounts);
    const { booking } = await createBooking(as(tenant), { resourceId: office, day: '2026-12-10', months: 2 });
    expect(booking).toMatchObject({ day: '2026-12-10', endsOn: '2027-02-09', period: null, payment: 'on-site', priceCents: 90_000, status: 'confirmed' });
    const [mail] = await env.accounts.db
      .select()
      .from(outboxMessage)
      .where(and(eq(outboxMessage.template, 'booking-confirmed'), eq(outboxMessage.recipient, tenant.email)));
    const ics = mail!.attachments[0]!.content;
    expect(ics).toContain('DTSTART;VALUE=DATE:20261210');
    expect(ics).toContain('DTEND;VALUE=DATE:20270210');
    expect(mail!.textBody).toContain('10 décembre 2026');
    expect(mail!.textBody).toContain('9 février 2027');

    // Before, during and after the rental.
    expect(await officeOn('2026-12-02')).toMatchObject({ rentedUntil: null, freeUntil: '2026-12-09', open: true });
    expect(await officeOn('2027-01-20')).toMatchObject({ rentedUntil: '2027-02-09', freeUntil: null });
    expect(await officeOn('2027-02-10')).toMatchObject({ rentedUntil: null, freeUntil: null });
    // The tenant sees it among their bookings while it runs, and the team in the day's view.
    expect((await myBookings({ ...as(tenant), now: new Date('2027-01-20T10:00:00Z') })).map((b) => b.id)).toEqual([booking.id]);
    expect((await placeDay({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, '2027-01-20')).bookings.map((b) => b.id)).toContain(booking.id);
  });

  it('refuses a rental that shares a single day with another, and takes the one right after', async () => {
    const [first, second] = await Promise.all([signedUpPerson(env.accounts), signedUpPerson(env.accounts)]);
    await createBooking(as(first!), { resourceId: office, day: '2027-03-01' });
    for (const day of ['2027-03-31', '2027-02-15', '2027-03-15']) {
      expect(await domainRejection(createBooking(as(second!), { resourceId: office, day })), day).toMatchObject({ kind: 'conflict', code: 'booking_office_taken' });
    }
    const next = await createBooking(as(second!), { resourceId: office, day: '2027-04-01', months: 3 });
    expect(next.booking.endsOn).toBe('2027-06-30');
  });

  it('gives an office to exactly one of many people asking for it at once', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => signedUpPerson(env.accounts)));
    const results = await Promise.allSettled(people.map((person) => createBooking(as(person), { resourceId: office, day: '2027-09-01' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === 'rejected' ? [r.reason.code] : []))).toEqual(Array(5).fill('booking_office_taken'));
    const [count] = await queryRows<{ n: number }>(
      env.accounts.db,
      sql`select count(*)::int as n from bookings where resource_id = ${office}::uuid and day <= '2027-09-30' and ends_on >= '2027-09-01' and status = 'confirmed'`,
    );
    expect(count!.n).toBe(1);
  });

  it('cancelling frees the office again', async () => {
    const tenant = await signedUpPerson(env.accounts);
    const { booking } = await createBooking(as(tenant), { resourceId: office, day: '2027-11-01' });
    expect(await officeOn('2027-11-15')).toMatchObject({ rentedUntil: '2027-11-30' });
    await cancelBooking(as(tenant), booking.id);
    expect(await officeOn('2027-11-15')).toMatchObject({ rentedUntil: null });
    await createBooking(as(await signedUpPerson(env.accounts)), { resourceId: office, day: '2027-11-15' });
  });
});

describe('what an office refuses', () => {
  it('half-days, times, months on a desk, a count out of range, the past, carnets and plans, a closure, no rent set', async () => {
    const person = await signedUpPerson(env.accounts);
    const desks = (await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'desk-pool', name: 'Plateau', capacity: 4, free: true })).id;
    const refusals: [Record<string, unknown>, string][] = [
      [{ resourceId: office, day: '2027-10-15', period: 'am' }, 'booking_office_by_month'],
      [{ resourceId: office, day: '2027-10-15', start: '09:00', end: '10:00' }, 'booking_office_by_month'],
      [{ resourceId: desks, day: '2026-12-02', months: 2 }, 'booking_months_for_offices'],
      [{ resourceId: office, day: '2027-10-15', months: 13 }, 'invalid_input'],
      [{ resourceId: office, day: '2027-10-15', months: 0 }, 'invalid_input'],
      [{ resourceId: office, day: '2027-10-15', months: -1 }, 'invalid_input'],
      [{ resourceId: office, day: '2026-11-30' }, 'booking_day_past'],
      [{ resourceId: office, day: '2027-10-01', payment: 'carnet' }, 'booking_carnet_unavailable'],
      [{ resourceId: office, day: '2027-10-01', payment: 'plan' }, 'booking_plan_unavailable'],
      [{ resourceId: bareOffice, day: '2027-10-01' }, 'booking_office_no_offer'],
    ];
    for (const [input, code] of refusals) expect(await domainRejection(createBooking(as(person), input)), JSON.stringify(input)).toMatchObject({ code });
    await addClosure({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { resourceId: office, startsOn: '2027-08-10', endsOn: '2027-08-20', reason: 'Peinture' });
    expect(await domainRejection(createBooking(as(person), { resourceId: office, day: '2027-07-15' }))).toMatchObject({ code: 'booking_closed' });
    expect(await officeOn('2027-08-12')).toMatchObject({ open: false });
    const [count] = await queryRows<{ n: number }>(env.accounts.db, sql`select count(*)::int as n from bookings where user_id = ${person.userId}`);
    expect(count!.n).toBe(0);
  });

  it('a monthly rent is set for an office, not for a room or a desk pool', async () => {
    const room = (await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'room', name: 'Salle', capacity: 6 })).id;
    expect(
      await domainRejection(createOffer({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'office-month', name: 'Loyer', price: 300, resourceId: room })),
    ).toMatchObject({ kind: 'invalid', code: 'booking_offer_resource_kind' });
    expect(
      await domainRejection(createOffer({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'hourly-room', name: 'Heure', price: 20, resourceId: office })),
    ).toMatchObject({ code: 'booking_offer_resource_kind' });
    const another = (await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'office', name: 'Bureau du fond', capacity: 1 })).id;
    const rent = await createOffer({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'office-month', name: 'Loyer', price: 300, resourceId: another });
    expect(rent).toMatchObject({ kind: 'office-month', priceCents: 30_000, resourceId: another });
  });

  it('is not checked in nor marked absent: a rental has no day of its own', async () => {
    const tenant = await signedUpPerson(env.accounts);
    const { booking } = await createBooking(as(tenant), { resourceId: office, day: '2027-10-01' });
    expect(await domainRejection(checkIn(as(owner), booking.id))).toMatchObject({ code: 'booking_not_checkable' });
    expect(await domainRejection(markNoShow(as(owner), booking.id))).toMatchObject({ code: 'booking_not_checkable' });
  });
});
