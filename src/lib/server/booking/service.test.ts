import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { heldEntitlement } from '../../../../tests/factories/booking.ts';
import { ANONYMOUS, createOrganization, type Accounts } from '../accounts/index.ts';
import { queryRows, type Database } from '../db/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import { createPlace } from '../places/index.ts';
import { calendarFeed, calendarToken } from './calendar.ts';
import { addClosure, createOffer, createResource, managedPlace, placeDay } from './manage.ts';
import { entitlements } from './schema.ts';
import type { BookingContext } from './context.ts';
import { CHECK_IN_ATTEMPTS, cancelBooking, checkIn, createBooking, dayCode, markNoShow } from './service.ts';
import { placeAvailability } from './availability.ts';

let database: Database;
let accounts: Accounts;
let owner: SignedIn;
let placeId: string;
let desks: string;
let room: string;

/** Tuesday 1 December 2026, 9:00 in Paris: the tests' "now". */
const NOW = new Date('2026-12-01T08:00:00Z');
const TOMORROW = '2026-12-02';

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  owner = await signedUpPerson(accounts);
  const organization = await createOrganization(owner.ctx, { name: `Coopérative ${Date.now()}`, kind: 'operator' });
  owner = await refreshed(accounts, owner);
  const place = await createPlace(accounts.db, {
    name: 'Le Quai des Possibles',
    kind: 'coworking',
    communeCode: '46182',
    openingHours: 'Mo-Fr 08:30-19:00; Sa 09:00-12:30',
    operatorOrganizationId: organization.id,
  });
  placeId = place.id;
  desks = (await createResource(as(owner), placeId, { kind: 'desk-pool', name: 'Open space', capacity: '3' })).id;
  room = (await createResource(as(owner), placeId, { kind: 'room', name: 'Salle du Lot', capacity: '8', minMinutes: '60', maxMinutes: '240', bufferMinutes: '15' })).id;
  // The place's prices: a day (a half-day costs the same with no half-day pass) and an hour of any room.
  await createOffer(as(owner), placeId, { kind: 'day-pass', name: 'Journée', price: '15' });
  await createOffer(as(owner), placeId, { kind: 'hourly-room', name: 'Salle à l’heure', price: '10' });
});
afterAll(() => database?.close());

const as = (person: SignedIn): BookingContext => ({ db: accounts.db, actor: person.ctx.actor, mailer: accounts.mailer, now: NOW });

describe('desk pools', () => {
  it('books a desk for tomorrow at the place’s price, e-mails a confirmation with its .ics, and fills up exactly at capacity', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => signedUpPerson(accounts)));
    const first = await createBooking(as(people[0]!), { resourceId: desks, day: TOMORROW });
    expect(first.booking).toMatchObject({ day: TOMORROW, period: 'full', startMinute: 510, endMinute: 1140, status: 'confirmed', payment: 'on-site', priceCents: 1500 });
    const [mail] = await accounts.db.select().from(outboxMessage).where(eq(outboxMessage.template, 'booking-confirmed')).limit(1);
    expect(mail!.attachments[0]!.filename).toBe('reservation.ics');
    expect(mail!.attachments[0]!.content).toContain('DTSTART:20261202T073000Z');
    await createBooking(as(people[1]!), { resourceId: desks, day: TOMORROW, period: 'am' });
    await createBooking(as(people[2]!), { resourceId: desks, day: TOMORROW, period: 'am' });
    // Morning full (3 of 3), one seat left in the afternoon.
    expect(await domainRejection(createBooking(as(people[3]!), { resourceId: desks, day: TOMORROW, period: 'am' }))).toMatchObject({ kind: 'conflict', code: 'booking_full' });
    expect(await domainRejection(createBooking(as(people[3]!), { resourceId: desks, day: TOMORROW }))).toMatchObject({ code: 'booking_full' });
    await createBooking(as(people[3]!), { resourceId: desks, day: TOMORROW, period: 'pm' });
    const availability = await placeAvailability(accounts.db, placeId, TOMORROW, NOW);
    expect(availability.resources.find((r) => r.resourceId === desks)).toMatchObject({ free: { am: 0, pm: 1, full: 0 } });
  });

  it('never gives more seats than the capacity, whatever the concurrency', async () => {
    const day = '2026-12-03';
    const people = await Promise.all(Array.from({ length: 8 }, () => signedUpPerson(accounts)));
    const results = await Promise.allSettled(people.map((person) => createBooking(as(person), { resourceId: desks, day })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refusals.map((r) => r.reason.code)).toEqual(Array(5).fill('booking_full'));
    const [count] = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from bookings where resource_id = ${desks}::uuid and day = ${day}`);
    expect(count!.n).toBe(3);
  });

  it('refuses the past, closed days, closures, periods on rooms and a second booking of the same person', async () => {
    const person = await signedUpPerson(accounts);
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-11-30' }))).toMatchObject({ kind: 'invalid', code: 'booking_day_past' });
    // Sunday: closed.
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-12-06' }))).toMatchObject({ kind: 'conflict', code: 'booking_closed' });
    // Saturday: open only in the morning.
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-12-05', period: 'pm' }))).toMatchObject({ code: 'booking_closed' });
    await addClosure(as(owner), placeId, { resourceId: desks, startsOn: '2026-12-24', endsOn: '2026-12-26', reason: 'Noël' });
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-12-24' }))).toMatchObject({ code: 'booking_closed' });
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2027-12-31' }))).toMatchObject({ code: 'booking_day_too_far' });
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-02-30' }))).toMatchObject({ code: 'invalid_input' });
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: TOMORROW, start: '10:00', end: '11:00' }))).toMatchObject({ code: 'booking_desk_by_period' });
    expect(await domainRejection(createBooking(as(person), { resourceId: '6c1f9a3e-0000-4000-8000-000000000000', day: TOMORROW }))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(createBooking({ db: accounts.db, actor: ANONYMOUS, now: NOW }, { resourceId: desks, day: TOMORROW }))).toMatchObject({ kind: 'unauthenticated' });
    await createBooking(as(person), { resourceId: desks, day: '2026-12-04', period: 'am' });
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-12-04' }))).toMatchObject({ code: 'booking_already_booked' });
  });
});

describe('rooms', () => {
  it('are never double-booked, buffer included, even by concurrent requests', async () => {
    const people = await Promise.all([1, 2, 3].map(() => signedUpPerson(accounts)));
    const day = '2026-12-07';
    await createBooking(as(people[0]!), { resourceId: room, day, start: '10:00', end: '11:00' });
    expect(await domainRejection(createBooking(as(people[1]!), { resourceId: room, day, start: '10:30', end: '11:30' }))).toMatchObject({ kind: 'conflict', code: 'booking_room_taken' });
    // 11:00 is inside the 15-minute buffer; 11:15 is free.
    expect(await domainRejection(createBooking(as(people[1]!), { resourceId: room, day, start: '11:00', end: '12:00' }))).toMatchObject({ code: 'booking_room_taken' });
    await createBooking(as(people[1]!), { resourceId: room, day, start: '11:15', end: '12:15' });
    const racers = await Promise.allSettled(people.map((person) => createBooking(as(person), { resourceId: room, day, start: '14:00', end: '15:00' })));
    expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(racers.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['booking_room_taken', 'booking_room_taken']);
    const availability = await placeAvailability(accounts.db, placeId, day, NOW);
    const free = availability.resources.find((r) => r.resourceId === room);
    expect(free && 'freeStarts' in free && free.freeStarts.includes(9 * 60)).toBe(false);
    expect(free && 'freeStarts' in free && free.freeStarts.includes(12 * 60 + 30)).toBe(true);
  });

  it('refuses times off the quarter hour, too short or too long, outside the hours', async () => {
    const person = await signedUpPerson(accounts);
    const day = '2026-12-08';
    for (const [start, end, code] of [
      ['10:10', '11:10', 'booking_times_invalid'],
      ['10:00', '10:30', 'booking_duration_invalid'],
      ['09:00', '14:00', 'booking_duration_invalid'],
      ['18:30', '19:30', 'booking_outside_hours'],
      ['11:00', '10:00', 'booking_times_invalid'],
      ['25:00', '26:00', 'invalid_input'],
    ] as const) {
      expect((await domainRejection(createBooking(as(person), { resourceId: room, day, start, end }))).code, `${start}-${end}`).toBe(code);
    }
    expect((await domainRejection(createBooking(as(person), { resourceId: room, day }))).code).toBe('booking_times_required');
  });
});

describe('idempotency', () => {
  it('a retried request returns the booking it made, even concurrently; the same key for another request is refused', async () => {
    const person = await signedUpPerson(accounts);
    const request = { resourceId: desks, day: '2026-12-09' };
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createBooking(as(person), request, 'retry-key-0001')));
    expect(new Set([a!.booking.id, b!.booking.id, c!.booking.id]).size).toBe(1);
    expect([a, b, c].filter((r) => !r!.replayed)).toHaveLength(1);
    const [count] = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from bookings where user_id = ${person.userId}`);
    expect(count!.n).toBe(1);
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-12-10' }, 'retry-key-0001'))).toMatchObject({ code: 'booking_idempotency_key_reused' });
    expect(await domainRejection(createBooking(as(person), request, 'short'))).toMatchObject({ code: 'invalid_input' });
  });

  it('a retry with the same key must ask for the same thing: another period, room time, payment or carnet is a 409, a request that says the default is the same', async () => {
    const person = await signedUpPerson(accounts);
    const made = await createBooking(as(person), { resourceId: desks, day: '2026-12-11', payment: 'on-site' }, 'whole-request-key-1');
    for (const other of [
      { resourceId: desks, day: '2026-12-11', period: 'am', payment: 'on-site' },
      { resourceId: desks, day: '2026-12-11', payment: 'auto' },
      { resourceId: desks, day: '2026-12-11', payment: 'on-site', entitlementId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      expect(await domainRejection(createBooking(as(person), other, 'whole-request-key-1')), JSON.stringify(other)).toMatchObject({ kind: 'conflict', code: 'booking_idempotency_key_reused' });
    }
    const again = await createBooking(as(person), { resourceId: desks.toUpperCase(), day: '2026-12-11', period: 'full', payment: 'on-site' }, 'whole-request-key-1');
    expect(again).toMatchObject({ replayed: true, booking: { id: made.booking.id } });
    const room1 = await createBooking(as(person), { resourceId: room, day: '2026-12-11', start: '09:00', end: '10:00' }, 'whole-request-key-2');
    expect(await domainRejection(createBooking(as(person), { resourceId: room, day: '2026-12-11', start: '09:00', end: '11:00' }, 'whole-request-key-2'))).toMatchObject({
      code: 'booking_idempotency_key_reused',
    });
    expect((await createBooking(as(person), { resourceId: room, day: '2026-12-11', start: '09:00', end: '10:00' }, 'whole-request-key-2')).booking.id).toBe(room1.booking.id);
  });

  it('a booking made before requests were recorded (no digest) is replayed for the same resource and day, as then', async () => {
    const person = await signedUpPerson(accounts);
    const made = await createBooking(as(person), { resourceId: desks, day: '2026-12-16', period: 'am' }, 'legacy-request-key');
    await accounts.db.execute(sql`update bookings set idempotency_request = null where id = ${made.booking.id}::uuid`);
    expect(await createBooking(as(person), { resourceId: desks, day: '2026-12-16', period: 'am' }, 'legacy-request-key')).toMatchObject({ replayed: true, booking: { id: made.booking.id } });
    expect(await domainRejection(createBooking(as(person), { resourceId: desks, day: '2026-12-17', period: 'am' }, 'legacy-request-key'))).toMatchObject({ code: 'booking_idempotency_key_reused' });
  });

  it('concurrent retries of a room booking return the one booking made, not a taken slot', async () => {
    const person = await signedUpPerson(accounts);
    const request = { resourceId: room, day: '2026-12-10', start: '09:00', end: '10:00' };
    const results = await Promise.all([1, 2, 3, 4].map(() => createBooking(as(person), request, 'room-retry-key-01')));
    expect(new Set(results.map((r) => r.booking.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });
});

describe('the confirmation e-mail', () => {
  /** Runs `body` while every outbox insert of `template` fails as on a full disk (SQLSTATE 53100). */
  async function whileTheOutboxRefuses(template: string, body: () => Promise<unknown>) {
    await accounts.db.execute(sql`create function refuse_mail() returns trigger language plpgsql as $$
      begin
        if new.template = ${sql.raw(`'${template}'`)} then raise exception 'could not extend file' using errcode = '53100'; end if;
        return new;
      end $$`);
    await accounts.db.execute(sql`create trigger refuse_mail before insert on outbox_message for each row execute function refuse_mail()`);
    try {
      await body();
    } finally {
      await accounts.db.execute(sql`drop trigger refuse_mail on outbox_message`);
      await accounts.db.execute(sql`drop function refuse_mail()`);
    }
  }

  it('is written in the booking’s transaction: when the outbox refuses it (a full disk), no booking is left behind', async () => {
    const person = await signedUpPerson(accounts);
    await whileTheOutboxRefuses('booking-confirmed', async () => {
      for (const request of [
        { resourceId: desks, day: '2026-12-14' },
        { resourceId: room, day: '2026-12-14', start: '14:00', end: '15:00' },
      ]) {
        const refused = await createBooking(as(person), request).then(
          () => null,
          (error: unknown) => error,
        );
        expect(refused, JSON.stringify(request)).toBeInstanceOf(Error);
      }
    });
    const [count] = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from bookings where user_id = ${person.userId}`);
    expect(count!.n).toBe(0);
    // The seat was given back with the transaction: the same person books it once the outbox works again.
    const { booking } = await createBooking(as(person), { resourceId: desks, day: '2026-12-14' });
    const mails = await accounts.db.select().from(outboxMessage).where(eq(outboxMessage.recipient, person.email.toLowerCase()));
    expect(mails.filter((mail) => mail.template === 'booking-confirmed')).toHaveLength(1);
    expect(booking.status).toBe('confirmed');
  });

  it('of a cancellation is written with it: when the outbox refuses it, the booking stays confirmed', async () => {
    const person = await signedUpPerson(accounts);
    const { booking } = await createBooking(as(person), { resourceId: desks, day: '2026-12-15' });
    await whileTheOutboxRefuses('booking-cancelled', () => expect(cancelBooking(as(person), booking.id)).rejects.toThrow());
    const [row] = await queryRows<{ status: string }>(accounts.db, sql`select status from bookings where id = ${booking.id}::uuid`);
    expect(row!.status).toBe('confirmed');
  });
});

describe('carnets', () => {
  it('consume one unit a booking, give it back once on cancellation, and cannot be used by someone else', async () => {
    const carnet = await createOffer(as(owner), placeId, { kind: 'carnet', name: 'Carnet 2 jours', price: '25', units: '2' });
    const coworker = await signedUpPerson(accounts);
    const other = await signedUpPerson(accounts);
    const held = await heldEntitlement(accounts.db, owner.ctx.actor, coworker.ctx.actor, placeId, { offerId: carnet.id, startsOn: '2026-12-01' }, NOW);
    expect(held).toMatchObject({ kind: 'carnet', units: 2, unitsUsed: 0, endsOn: '2027-11-30' });
    const units = async () => (await accounts.db.select().from(entitlements).where(eq(entitlements.id, held.id)))[0]!.unitsUsed;

    const one = await createBooking(as(coworker), { resourceId: desks, day: '2026-12-14', payment: 'carnet' });
    expect(one.booking).toMatchObject({ payment: 'carnet', entitlementId: held.id, priceCents: 0 });
    await createBooking(as(coworker), { resourceId: desks, day: '2026-12-15' }); // auto: the carnet
    expect(await units()).toBe(2);
    expect(await domainRejection(createBooking(as(coworker), { resourceId: desks, day: '2026-12-16', payment: 'carnet' }))).toMatchObject({ code: 'booking_carnet_unavailable' });
    expect(await domainRejection(createBooking(as(other), { resourceId: desks, day: '2026-12-16', entitlementId: held.id }))).toMatchObject({ code: 'booking_carnet_unavailable' });

    await cancelBooking(as(coworker), one.booking.id);
    expect(await units()).toBe(1);
    expect(await domainRejection(cancelBooking(as(coworker), one.booking.id))).toMatchObject({ code: 'booking_not_cancellable' });
    // Concurrent cancellations of one booking give back one unit.
    const two = await createBooking(as(coworker), { resourceId: desks, day: '2026-12-16' });
    expect(await units()).toBe(2);
    const cancels = await Promise.allSettled([1, 2, 3].map(() => cancelBooking(as(coworker), two.booking.id)));
    expect(cancels.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await units()).toBe(1);
    // Someone else's booking is not theirs to see.
    expect(await domainRejection(cancelBooking(as(other), two.booking.id))).toMatchObject({ kind: 'not_found' });
  });

  it('an expired carnet is not used; the price is then paid on site', async () => {
    const carnet = await createOffer(as(owner), placeId, { kind: 'carnet', name: 'Carnet court', price: '25', units: '5', validityDays: '3' });
    const coworker = await signedUpPerson(accounts);
    await heldEntitlement(accounts.db, owner.ctx.actor, coworker.ctx.actor, placeId, { offerId: carnet.id, startsOn: '2026-12-01' }, NOW);
    expect(await domainRejection(createBooking(as(coworker), { resourceId: desks, day: '2026-12-17', payment: 'carnet' }))).toMatchObject({ code: 'booking_carnet_unavailable' });
    expect((await createBooking(as(coworker), { resourceId: desks, day: '2026-12-17' })).booking).toMatchObject({ payment: 'on-site', priceCents: 1500 });
  });

  it('refuses bad offers: negative price, zero units', async () => {
    expect(await domainRejection(createOffer(as(owner), placeId, { kind: 'carnet', name: 'X', price: '-5' }))).toMatchObject({ code: 'invalid_input' });
    expect(await domainRejection(createOffer(as(owner), placeId, { kind: 'carnet', name: 'X', price: '5', units: '-2' }))).toMatchObject({ code: 'invalid_input' });
    expect(await domainRejection(createResource(as(owner), placeId, { kind: 'desk-pool', name: 'X', capacity: '-1' }))).toMatchObject({ code: 'invalid_input' });
  });
});

describe('cancellation rule, check-in and the day view', () => {
  it('the booker cancels only until the notice; the team checks in, or the booker with the code of the day', async () => {
    const coworker = await signedUpPerson(accounts);
    const today = '2026-12-01';
    const booking = (await createBooking(as(coworker), { resourceId: desks, day: today, period: 'pm' })).booking;
    expect(await domainRejection(cancelBooking(as(coworker), booking.id))).toMatchObject({ code: 'booking_cancel_too_late', params: { hours: 24 } });
    const place = await managedPlace(as(owner), placeId);
    const code = await dayCode(as(owner), place, today);
    expect(await domainRejection(dayCode(as(coworker), place, today))).toMatchObject({ kind: 'forbidden' });
    expect(await domainRejection(checkIn(as(coworker), booking.id, { code: code === '000000' ? '111111' : '000000' }))).toMatchObject({ kind: 'forbidden' });
    const checked = await checkIn(as(coworker), booking.id, { code });
    expect(checked.status).toBe('checked-in');
    expect(await domainRejection(checkIn(as(owner), booking.id))).toMatchObject({ code: 'booking_not_checkable' });

    const late = (await createBooking(as(coworker), { resourceId: room, day: today, start: '16:00', end: '17:00' })).booking;
    const stranger = await signedUpPerson(accounts);
    expect(await domainRejection(markNoShow(as(stranger), late.id))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(markNoShow(as(coworker), late.id))).toMatchObject({ kind: 'forbidden' });
    expect((await markNoShow(as(owner), late.id)).status).toBe('no-show');

    const view = await placeDay(as(owner), placeId, today);
    expect(view.bookings.map((b) => [b.bookerEmail, b.status])).toEqual(
      expect.arrayContaining([
        [coworker.email, 'checked-in'],
        [coworker.email, 'no-show'],
      ]),
    );
    expect(await domainRejection(placeDay(as(coworker), placeId, today))).toMatchObject({ kind: 'forbidden' });
  });

  it('a booker tries a limited number of codes, counted atomically: past it, 429 even with the right code; the team still checks in', async () => {
    const coworker = await signedUpPerson(accounts);
    const today = '2026-12-01';
    const booking = (await createBooking(as(coworker), { resourceId: room, day: today, start: '18:00', end: '19:00' })).booking;
    const code = await dayCode(as(owner), await managedPlace(as(owner), placeId), today);
    const wrong = code === '000000' ? '111111' : '000000';
    const attempts = CHECK_IN_ATTEMPTS.perBooking + 5;
    const refusals = await Promise.all(Array.from({ length: attempts }, () => domainRejection(checkIn(as(coworker), booking.id, { code: wrong }))));
    expect(refusals.filter((e) => e.code === 'booking_check_in_code_invalid')).toHaveLength(CHECK_IN_ATTEMPTS.perBooking);
    expect(refusals.filter((e) => e.kind === 'rate_limited' && e.code === 'booking_check_in_attempts')).toHaveLength(5);
    expect(await domainRejection(checkIn(as(coworker), booking.id, { code }))).toMatchObject({ kind: 'rate_limited', code: 'booking_check_in_attempts' });
    expect((await checkIn(as(owner), booking.id)).status).toBe('checked-in');
  });

  it('the private calendar feed lists the person’s bookings, and only for the right token', async () => {
    const coworker = await signedUpPerson(accounts);
    const booking = (await createBooking(as(coworker), { resourceId: desks, day: '2026-12-18' })).booking;
    const token = await calendarToken(as(coworker));
    expect(await calendarToken(as(coworker))).toBe(token);
    const feed = await calendarFeed(accounts.db, token);
    expect(feed).toContain(`UID:${booking.id}@maillage`);
    expect(feed).toContain('DTSTART:20261218T073000Z');
    expect(await calendarFeed(accounts.db, `${token.slice(0, -2)}xx`)).toBeNull();
    expect(await domainRejection(calendarToken({ db: accounts.db, actor: ANONYMOUS }))).toMatchObject({ kind: 'unauthenticated' });
    const renewed = await calendarToken(as(coworker), true);
    expect(renewed).not.toBe(token);
    expect(await calendarFeed(accounts.db, token)).toBeNull();
  });
});
