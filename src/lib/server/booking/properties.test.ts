import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile, signedUpPerson, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { heldEntitlement } from '../../../../tests/factories/booking.ts';
import { ANONYMOUS, type Actor } from '../accounts/index.ts';
import { queryRows } from '../db/index.ts';
import { DomainError } from '../errors.ts';
import { createOffer, createResource, managedPlace, type ManagedPlace } from './manage.ts';
import { cancelBooking, checkIn, createBooking, dayCode, markNoShow } from './service.ts';
import { addDays, localNow } from './time.ts';

/*
 * Random sequences of booking actions, valid and invalid, run through the domain functions on one database
 * (emptied between sequences); some steps ask again for what an earlier request asked, so that people meet
 * on the same seat, slot or office. After every step the invariants below must hold, and nothing may fail other
 * than with a DomainError (which the API turns into a 4xx): anything else would be a 500.
 */

/** Tuesday 1 December 2026, 9:00 in Paris: each sequence starts here and moves time forward. */
const START = new Date('2026-12-01T08:00:00Z').getTime();
/** One seat, so that a second person on the same day or half fills it: with two, 1,000 sequences met a full pool only 6 to 8 times. */
const DESK_CAPACITY = 1;
const CARNET_UNITS = 3;
const PLAN_DAYS = 2;
const RUNS = 1000;

const env = accountsForTestFile();
let owner: SignedIn;
let people: SignedIn[];
let placeId: string;
let desks: string;
let room: string;
let office: string;
/** Each person's carnet; the third person also holds a plan. */
let carnets: string[];
let plan: string;
/** The place as its team's console loads it. */
let teamPlace: ManagedPlace;

beforeAll(async () => {
  const operator = await operatorWithPlace(env.accounts, {
    name: 'La Fabrique des Propriétés',
    kind: 'coworking',
    communeCode: '46042',
    openingHours: 'Mo-Fr 08:30-19:00; Sa 09:00-12:30',
  });
  owner = operator.owner;
  placeId = operator.place.id;
  const team = owner.ctx.actor;
  teamPlace = await managedPlace({ db: env.accounts.db, actor: team }, placeId);
  desks = (await createResource({ db: env.accounts.db, actor: team }, placeId, { kind: 'desk-pool', name: 'Plateau', capacity: String(DESK_CAPACITY) })).id;
  room = (await createResource({ db: env.accounts.db, actor: team }, placeId, { kind: 'room', name: 'Salle', capacity: '6', minMinutes: '60', maxMinutes: '180', bufferMinutes: '15' })).id;
  office = (await createResource({ db: env.accounts.db, actor: team }, placeId, { kind: 'office', name: 'Bureau', capacity: '2' })).id;
  await createOffer({ db: env.accounts.db, actor: team }, placeId, { kind: 'office-month', name: 'Bureau au mois', price: '300', resourceId: office });
  await createOffer({ db: env.accounts.db, actor: team }, placeId, { kind: 'day-pass', name: 'Journée', price: '12' });
  await createOffer({ db: env.accounts.db, actor: team }, placeId, { kind: 'hourly-room', name: 'Salle à l’heure', price: '10' });
  const carnetOffer = await createOffer({ db: env.accounts.db, actor: team }, placeId, { kind: 'carnet', name: 'Carnet', price: '30', units: String(CARNET_UNITS) });
  const planOffer = await createOffer({ db: env.accounts.db, actor: team }, placeId, { kind: 'monthly-plan', name: 'Forfait', price: '40', units: String(PLAN_DAYS) });
  people = await Promise.all([1, 2, 3].map(() => signedUpPerson(env.accounts)));
  const now = new Date(START);
  carnets = [];
  for (const person of people) {
    carnets.push((await heldEntitlement(env.accounts.db, team, person.ctx.actor, placeId, { offerId: carnetOffer.id, startsOn: '2026-11-15' }, now)).id);
  }
  plan = (await heldEntitlement(env.accounts.db, team, people[2]!.ctx.actor, placeId, { offerId: planOffer.id, startsOn: '2026-11-20' }, now)).id;
});

// ————— Actions —————

/** Who acts: one of the three people, the place's team, or nobody signed in. */
const actorArb = fc.constantFrom<'p0' | 'p1' | 'p2' | 'team' | 'anonymous'>('p0', 'p0', 'p1', 'p1', 'p2', 'p2', 'team', 'anonymous');

/** A booking: one made earlier in the sequence (by index), an unknown id, or garbage. */
const bookingRefArb = fc.oneof(
  { weight: 8, arbitrary: fc.nat().map((index) => ({ made: index })) },
  { weight: 1, arbitrary: fc.uuid().map((id) => ({ raw: id })) },
  { weight: 1, arbitrary: fc.constantFrom('', 'x', '1 or 1=1', '------------------------------------', '00000000-0000-0000-0000-00000000000g').map((raw) => ({ raw })) },
);

const clockOfQuarter = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
/** A value `given` times out of `given + absent`, else undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, given: number, absent: number) =>
  fc.oneof({ weight: given, arbitrary }, { weight: absent, arbitrary: fc.constant(undefined) });
/** Junk where a value is expected: wrong types, empty, malformed. */
const junkArb = fc.oneof(fc.integer(), fc.constant(null), fc.string({ maxLength: 12 }), fc.constant({}));

const dayArb = fc.oneof(
  // Mostly the next days, so that sequences fill a day up.
  { weight: 24, arbitrary: fc.constantFrom(-1, 0, 1, 1, 1, 1, 1, 1, 2, 2, 3, 5).map((offset) => ({ offset })) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '2027-12-31', 'demain', '', '02/12/2026', '99999-01-01').map((raw) => ({ raw })) },
  { weight: 1, arbitrary: junkArb.map((raw) => ({ raw })) },
);

/** A desk request: a period or none (the whole day). */
const deskRequestArb = fc.record({
  resource: fc.constant('desks' as const),
  period: sometimes(fc.constantFrom('full', 'am', 'pm'), 2, 1),
});
/** A room request: mostly 9:00, 10:00, 14:00 or 16:00 (so that requests meet), else any quarter hour from 8:00 to 18:00; an hour to three mostly. */
const roomRequestArb = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(36, 40, 56, 64) }, { weight: 1, arbitrary: fc.integer({ min: 32, max: 72 }) }),
    fc.constantFrom(4, 4, 4, 6, 8, 12, 2, 16),
  )
  .map(([start, length]) => ({ resource: 'room' as const, start: clockOfQuarter(start), end: clockOfQuarter(start + length) }));
/** An office rental: one month mostly, up to three, sometimes a count out of range or junk. */
const officeRequestArb = fc.record({
  resource: fc.constant('office' as const),
  months: sometimes(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(1, 2, 3) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(0, 13, -1, 1.5), junkArb) }), 1, 2),
});
/** Anything: wrong resources, periods on rooms or offices, times on desks, months on desks, malformed values. */
const noisyRequestArb = fc.record({
  resource: fc.constantFrom<'desks' | 'room' | 'office' | 'unknown' | 'garbage'>('desks', 'room', 'office', 'unknown', 'garbage'),
  period: fc.option(fc.oneof(fc.constantFrom('full', 'am', 'pm', 'matin', 'FULL', ''), junkArb), { nil: undefined }),
  start: fc.option(fc.oneof(fc.constantFrom('10:10', '24:00', '25:00', '7:00', '09:00', ''), junkArb), { nil: undefined }),
  end: fc.option(fc.oneof(fc.constantFrom('10:00', '24:00', '11:00', 'midi'), junkArb), { nil: undefined }),
  months: fc.option(fc.oneof(fc.constantFrom(1, 2, '3'), junkArb), { nil: undefined }),
});

const bookArb = fc.record({
  type: fc.constant('book' as const),
  actor: fc.constantFrom<'p0' | 'p1' | 'p2' | 'team' | 'anonymous'>('p0', 'p0', 'p0', 'p1', 'p1', 'p1', 'p2', 'p2', 'p2', 'team', 'anonymous'),
  request: fc.oneof(
    { weight: 6, arbitrary: deskRequestArb },
    { weight: 4, arbitrary: roomRequestArb },
    { weight: 2, arbitrary: officeRequestArb },
    { weight: 1, arbitrary: noisyRequestArb },
  ),
  day: dayArb,
  payment: sometimes(fc.oneof({ weight: 8, arbitrary: fc.constantFrom('auto', 'carnet', 'plan', 'on-site') }, { weight: 1, arbitrary: junkArb }), 1, 2),
  entitlement: sometimes(fc.constantFrom<'own' | 'other' | 'plan' | 'garbage'>('own', 'own', 'other', 'plan', 'plan', 'garbage'), 1, 5),
  key: sometimes(fc.constantFrom('retry-key-0001', 'retry-key-0001', 'retry-key-0002', 'retry-key-0002', 'retry-key-0003', 'retry-key-0003', 'short', ' '.repeat(9)), 1, 4),
});

/** Someone asks again for what an earlier request of the sequence asked (the same seat, slot or office), paying on site. */
const repeatArb = fc.record({ type: fc.constant('repeat' as const), actor: fc.constantFrom<'p0' | 'p1' | 'p2'>('p0', 'p1', 'p2'), request: fc.nat() });
const cancelArb = fc.record({ type: fc.constant('cancel' as const), actor: actorArb, booking: bookingRefArb });
const checkInArb = fc.record({
  type: fc.constant('check-in' as const),
  actor: actorArb,
  booking: bookingRefArb,
  code: fc.oneof(
    { weight: 3, arbitrary: fc.constant('right' as const) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('000000', '12345', 'abcdef'), fc.integer()) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
});
const noShowArb = fc.record({ type: fc.constant('no-show' as const), actor: actorArb, booking: bookingRefArb });

/** Each step first moves time forward: not at all, minutes, hours or a day or two. */
const stepArb = fc.record({
  advanceMinutes: fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 240 }) },
    { weight: 1, arbitrary: fc.integer({ min: 600, max: 3000 }) },
  ),
  action: fc.oneof(
    { weight: 6, arbitrary: bookArb },
    { weight: 2, arbitrary: repeatArb },
    { weight: 2, arbitrary: cancelArb },
    { weight: 2, arbitrary: checkInArb },
    { weight: 1, arbitrary: noShowArb },
  ),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

// ————— Running a sequence —————

function actorOf(who: 'p0' | 'p1' | 'p2' | 'team' | 'anonymous'): Actor {
  if (who === 'anonymous') return ANONYMOUS;
  return who === 'team' ? owner.ctx.actor : people[Number(who[1])]!.ctx.actor;
}

const personIndex = (who: string) => (who === 'p0' || who === 'p1' || who === 'p2' ? Number(who[1]) : 0);

/** What the sequence has done so far: the bookings made, and the resource and day fields of each request. */
interface SequenceSoFar {
  made: string[];
  requests: Record<string, unknown>[];
}

async function run(step: Step, now: Date, { made, requests }: SequenceSoFar): Promise<void> {
  const { action } = step;
  const ctx = { db: env.accounts.db, actor: actorOf(action.actor), mailer: env.accounts.mailer, now };
  const ref = (booking: { made: number } | { raw: string }) => ('made' in booking ? (made.length ? made[booking.made % made.length]! : '') : booking.raw);
  switch (action.type) {
    case 'book': {
      const today = localNow(now).day;
      const mine = personIndex(action.actor);
      const { resource, ...fields } = action.request;
      const input: Record<string, unknown> = {
        resourceId: { desks, room, office, unknown: '6c1f9a3e-0000-4000-8000-000000000000', garbage: 'salle-1' }[resource],
        day: 'offset' in action.day ? addDays(today, action.day.offset) : action.day.raw,
      };
      for (const [name, value] of Object.entries(fields)) if (value !== undefined) input[name] = value;
      requests.push({ ...input });
      if (action.payment !== undefined) input.payment = action.payment;
      if (action.entitlement !== undefined)
        input.entitlementId = { own: carnets[mine], other: carnets[(mine + 1) % 3], plan, garbage: 'carnet-1' }[action.entitlement];
      const { booking } = await createBooking(ctx, input, action.key);
      if (!made.includes(booking.id)) made.push(booking.id);
      return;
    }
    case 'repeat': {
      if (requests.length === 0) return;
      const { booking } = await createBooking(ctx, { ...requests[action.request % requests.length], payment: 'on-site' });
      if (!made.includes(booking.id)) made.push(booking.id);
      return;
    }
    case 'cancel':
      await cancelBooking(ctx, ref(action.booking));
      return;
    case 'check-in': {
      const code = action.code === 'right' ? await dayCode({ db: env.accounts.db, actor: owner.ctx.actor }, teamPlace, localNow(now).day) : action.code;
      await checkIn(ctx, ref(action.booking), code === undefined ? {} : { code });
      return;
    }
    case 'no-show':
      await markNoShow(ctx, ref(action.booking));
  }
}

/** Where a status may go: a booking leaves `confirmed` once, and never comes back. */
const NEXT: Record<string, string[]> = {
  confirmed: ['confirmed', 'checked-in', 'cancelled', 'no-show'],
  'checked-in': ['checked-in'],
  cancelled: ['cancelled'],
  'no-show': ['no-show'],
};

/**
 * The invariants, each one query returning what breaks it (empty when it holds):
 * - a desk pool never has more active bookings (confirmed or checked in) than seats, in the morning or in the
 *   afternoon (a full day takes both), and a person never holds two seats of one pool for the same half-day;
 * - two active bookings of a room never overlap on a day, the buffer after each included;
 * - two active rentals of an office never share a day;
 * - a carnet's `units_used` equals its bookings that still hold their unit: a unit is consumed by a booking and
 *   given back only by its cancellation; checking in or being marked absent keeps it consumed (the seat was
 *   held). So units_used = bookings paid with it that are confirmed, checked in or no-show; and 0 ≤ it ≤ units;
 * - a plan with N days a month never covers more than N active bookings in one month.
 */
async function violations(): Promise<string[]> {
  const rows = await queryRows<{ problem: string }>(
    env.accounts.db,
    sql`select format('desk pool over capacity on %s: %s in the morning, %s in the afternoon', b.day, count(*) filter (where b.period <> 'pm'),
                  count(*) filter (where b.period <> 'am')) as problem
        from bookings b join booking_resources r on r.id = b.resource_id
        where r.kind = 'desk-pool' and b.status in ('confirmed', 'checked-in')
        group by b.resource_id, b.day, r.capacity
        having count(*) filter (where b.period <> 'pm') > r.capacity or count(*) filter (where b.period <> 'am') > r.capacity
      union all
        select format('%s holds two seats for one half-day on %s', b.user_id, b.day) from bookings b
        where b.period is not null and b.status in ('confirmed', 'checked-in')
        group by b.resource_id, b.day, b.user_id
        having count(*) filter (where b.period <> 'pm') > 1 or count(*) filter (where b.period <> 'am') > 1
      union all
        select format('room bookings %s and %s overlap', x.id, y.id) from bookings x join bookings y
          on x.resource_id = y.resource_id and x.day = y.day and x.id < y.id
         and int4range(x.start_minute, x.blocked_until_minute) && int4range(y.start_minute, y.blocked_until_minute)
        where x.period is null and y.period is null and x.ends_on is null and y.ends_on is null
          and x.status in ('confirmed', 'checked-in') and y.status in ('confirmed', 'checked-in')
      union all
        select format('office rentals %s and %s share a day', x.id, y.id) from bookings x join bookings y
          on x.resource_id = y.resource_id and x.id < y.id and daterange(x.day, x.ends_on, '[]') && daterange(y.day, y.ends_on, '[]')
        where x.ends_on is not null and y.ends_on is not null and x.status in ('confirmed', 'checked-in') and y.status in ('confirmed', 'checked-in')
      union all
        select format('carnet %s: units_used %s of %s, bookings holding a unit %s', e.id, e.units_used, e.units, h.n)
        from entitlements e cross join lateral (
          select count(*) as n from bookings b
          where b.entitlement_id = e.id and b.payment = 'carnet' and b.status in ('confirmed', 'checked-in', 'no-show')) h
        where e.kind = 'carnet' and e.place_id = ${placeId}::uuid and (e.units_used <> h.n or e.units_used not between 0 and e.units)
      union all
        select format('plan covers %s bookings in %s', count(*), to_char(b.day, 'YYYY-MM')) from bookings b
        where b.entitlement_id = ${plan}::uuid and b.status in ('confirmed', 'checked-in')
        group by to_char(b.day, 'YYYY-MM') having count(*) > ${PLAN_DAYS}`,
  );
  return rows.map((row) => row.problem);
}

async function statuses(): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; status: string }>(env.accounts.db, sql`select id, status from bookings`);
  return new Map(rows.map((r) => [r.id, r.status]));
}

async function reset(): Promise<void> {
  await env.accounts.db.execute(sql`delete from bookings`);
  await env.accounts.db.execute(sql`delete from desk_pool_days`);
  await env.accounts.db.execute(sql`update entitlements set units_used = 0 where place_id = ${placeId}::uuid`);
}

describe('booking properties', () => {
  it(`hold over ${RUNS} random sequences of booking, cancelling, checking in and marking absent`, { timeout: 900_000 }, async () => {
    const outcomes = { done: 0, refused: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 8 }), async (steps) => {
        await reset();
        const soFar: SequenceSoFar = { made: [], requests: [] };
        let now = START;
        let seen = new Map<string, string>();
        for (const step of steps) {
          now += step.advanceMinutes * 60_000;
          try {
            await run(step, new Date(now), soFar);
            outcomes.done++;
          } catch (error) {
            // Anything but a DomainError would reach the client as a 500.
            if (!(error instanceof DomainError)) throw error;
            outcomes.refused.set(error.code, (outcomes.refused.get(error.code) ?? 0) + 1);
          }
          expect(await violations(), JSON.stringify(step)).toEqual([]);
          const current = await statuses();
          for (const [id, status] of seen) expect(NEXT[status], `booking ${id}: ${status} → ${current.get(id)}`).toContain(current.get(id));
          seen = current;
        }
      }),
      { numRuns: RUNS },
    );
    // The sequences did reach the interesting places: bookings made, and each kind of refusal met.
    expect(outcomes.done).toBeGreaterThan(RUNS / 2);
    for (const code of [
      'booking_full',
      'booking_room_taken',
      'booking_office_taken',
      'booking_carnet_unavailable',
      'booking_day_past',
      'booking_closed',
      'booking_not_found',
      'invalid_input',
    ])
      expect(outcomes.refused.get(code) ?? 0, code).toBeGreaterThan(0);
  });
});
