import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile, signedUpPerson, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { availabilityNear, MAX_AVAILABILITY_DAYS, placeAvailability, type DayAvailability, type DeskAvailability, type RoomAvailability } from './availability.ts';
import { addClosure, createResource } from './manage.ts';
import type { BookingContext } from './context.ts';
import { createBooking } from './service.ts';

// Availability over a week: each day counted on its own, closures and hours applied day by day.

const env = accountsForTestFile();
let owner: SignedIn;
let placeId: string;
let slug: string;
let desks: string;
let room: string;

/** Tuesday 1 December 2026, 9:00 in Paris. */
const NOW = new Date('2026-12-01T08:00:00Z');
/** Wednesday 2 to Tuesday 8 December. */
const WEEK = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08'];

const as = (person: SignedIn): BookingContext => ({ db: env.accounts.db, actor: person.ctx.actor, now: NOW });
const deskOf = (resources: DayAvailability['resources']) => resources.find((r): r is DeskAvailability => r.kind === 'desk-pool')!;
const roomOf = (resources: DayAvailability['resources']) => resources.find((r): r is RoomAvailability => r.kind === 'room')!;

beforeAll(async () => {
  const operator = await operatorWithPlace(env.accounts, {
    name: 'La Halle aux Semaines',
    kind: 'coworking',
    communeCode: '46182',
    // Saturday mornings only, closed on Sundays.
    openingHours: 'Mo-Fr 09:00-18:00; Sa 09:00-12:00',
  });
  owner = operator.owner;
  placeId = operator.place.id;
  slug = operator.place.slug;
  desks = (await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'desk-pool', name: 'Plateau', capacity: 2, free: true })).id;
  room = (await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { kind: 'room', name: 'Salle', capacity: 6, minMinutes: 60, maxMinutes: 120, free: true })).id;
  const [first, second] = await Promise.all([signedUpPerson(env.accounts), signedUpPerson(env.accounts)]);
  // Thursday: both seats taken; Friday: one morning.
  await createBooking(as(first!), { resourceId: desks, day: '2026-12-03' });
  await createBooking(as(second!), { resourceId: desks, day: '2026-12-03' });
  await createBooking(as(first!), { resourceId: desks, day: '2026-12-04', period: 'am' });
  await createBooking(as(first!), { resourceId: room, day: '2026-12-04', start: '09:00', end: '11:00' });
  // The room is closed on Monday 7 for works.
  await addClosure({ db: env.accounts.db, actor: owner.ctx.actor }, placeId, { resourceId: room, startsOn: '2026-12-07', endsOn: '2026-12-07', reason: 'Travaux' });
});

describe('a place over a week', () => {
  it('counts each day on its own: bookings, the hours of each weekday and closures', async () => {
    const week = await placeAvailability(env.accounts.db, slug, WEEK[0]!, NOW, 7);
    expect(week.days.map((d) => d.day)).toEqual(WEEK);
    expect(week.days.map((d) => deskOf(d.resources).free)).toEqual([
      { full: 2, am: 2, pm: 2 },
      { full: 0, am: 0, pm: 0 },
      { full: 1, am: 1, pm: 2 },
      // Saturday: open in the morning only, so the whole day is the morning and the afternoon is closed.
      { full: 2, am: 2, pm: 0 },
      { full: 0, am: 0, pm: 0 },
      { full: 2, am: 2, pm: 2 },
      { full: 2, am: 2, pm: 2 },
    ]);
    expect(week.days.map((d) => deskOf(d.resources).open)).toEqual([true, true, true, true, false, true, true]);
    const rooms = week.days.map((d) => roomOf(d.resources));
    expect(rooms[2]!.busy).toEqual([{ from: 540, to: 660 }]);
    expect(rooms[2]!.freeStarts[0]).toBe(660);
    expect(rooms[5]!.opening).toEqual([]);
    expect(rooms[6]!.opening).toEqual([{ from: 540, to: 1080 }]);
  });

  it('the first day of a week is the day asked alone, and its fields are the first day’s', async () => {
    const [day, week] = await Promise.all([placeAvailability(env.accounts.db, placeId, WEEK[1]!, NOW), placeAvailability(env.accounts.db, placeId, WEEK[1]!, NOW, 7)]);
    expect(day.days).toHaveLength(1);
    expect(week.days[0]).toEqual(day.days[0]);
    expect({ day: week.day, resources: week.resources }).toEqual(day.days[0]);
  });

  it('refuses 0 days, or more than a week, with the limit in the message', async () => {
    for (const days of [0, MAX_AVAILABILITY_DAYS + 1, 1.5]) {
      expect(await domainRejection(placeAvailability(env.accounts.db, placeId, WEEK[0]!, NOW, days)), String(days)).toMatchObject({
        kind: 'invalid',
        code: 'booking_days_invalid',
        params: { max: MAX_AVAILABILITY_DAYS },
      });
      expect(await domainRejection(availabilityNear(env.accounts.db, { code: '46182' }, 10, WEEK[0]!, NOW, days))).toMatchObject({ code: 'booking_days_invalid' });
    }
  });
});

describe('places nearby over a week', () => {
  it('gives each place its free seats of each day, and of the first day in `free`', async () => {
    const found = (await availabilityNear(env.accounts.db, { code: '46182' }, 20, WEEK[0]!, NOW, 7)).find((p) => p.slug === slug)!;
    expect(found.days.map((d) => d.day)).toEqual(WEEK);
    expect(found.days.map((d) => d.free.full)).toEqual([2, 0, 1, 2, 0, 2, 2]);
    expect(found.days.map((d) => d.free.pm)).toEqual([2, 0, 2, 0, 0, 2, 2]);
    expect(found.free).toEqual(found.days[0]!.free);
    const place = await placeAvailability(env.accounts.db, placeId, WEEK[0]!, NOW, 7);
    expect(found.days.map((d) => d.free)).toEqual(place.days.map((d) => deskOf(d.resources).free));
  });
});
