import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile, signedUpPerson, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { ANONYMOUS } from '../accounts/index.ts';
import { createPlace } from '../places/index.ts';
import { availabilityNear, MAX_NEARBY_RADIUS_KM, placeAvailability } from './availability.ts';
import { idempotencyKey, isoDay } from './contracts.ts';
import { createResource, managedPlace } from './manage.ts';
import type { BookingContext } from './context.ts';
import { cancelBooking, checkIn, createBooking, getBooking, markNoShow } from './service.ts';

// How bookings and places are looked up from what a URL or a query string carries.

const env = accountsForTestFile();
let owner: SignedIn;
let booker: SignedIn;
let slug: string;
let organizationId: string;
let bookingId: string;

const NOW = new Date('2026-12-01T08:00:00Z');
const as = (person: SignedIn | null): BookingContext => ({ db: env.accounts.db, actor: person ? person.ctx.actor : ANONYMOUS, now: NOW });

beforeAll(async () => {
  const operator = await operatorWithPlace(env.accounts, { name: 'Le Relais des Recherches', kind: 'coworking', communeCode: '46182' });
  ({ owner, organizationId } = operator);
  slug = operator.place.slug;
  const desks = await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, operator.place.id, { kind: 'desk-pool', name: 'Plateau', capacity: 4, free: true });
  booker = await signedUpPerson(env.accounts);
  bookingId = (await createBooking(as(booker), { resourceId: desks.id, day: '2026-12-03' })).booking.id;
});

describe('bookings named in a URL', () => {
  it('a malformed id is not found (never a database error), for the booker as for the team', async () => {
    for (const id of ['x', '', '------------------------------------', `${bookingId}0`, `${bookingId.slice(0, -1)}g`]) {
      expect(await domainRejection(getBooking(as(booker), id)), id).toMatchObject({ kind: 'not_found', code: 'booking_not_found' });
      expect(await domainRejection(cancelBooking(as(owner), id)), id).toMatchObject({ kind: 'not_found' });
    }
    expect((await getBooking(as(booker), bookingId)).id).toBe(bookingId);
    expect((await getBooking(as(booker), bookingId.toUpperCase())).id).toBe(bookingId);
  });

  it('nobody signed in gets 401 whether the booking exists or not, so ids cannot be probed', async () => {
    const unknown = '6c1f9a3e-0000-4000-8000-000000000000';
    for (const id of [bookingId, unknown, 'x']) {
      expect(await domainRejection(getBooking(as(null), id)), id).toMatchObject({ kind: 'unauthenticated' });
      expect(await domainRejection(cancelBooking(as(null), id)), id).toMatchObject({ kind: 'unauthenticated' });
      expect(await domainRejection(checkIn(as(null), id, {})), id).toMatchObject({ kind: 'unauthenticated' });
      expect(await domainRejection(markNoShow(as(null), id)), id).toMatchObject({ kind: 'unauthenticated' });
    }
  });
});

describe('places named in a URL', () => {
  it('by slug in any case or by id; a 36-character key that is no UUID is an unknown slug, not a database error', async () => {
    expect((await placeAvailability(env.accounts.db, slug.toUpperCase(), '2026-12-03', NOW)).slug).toBe(slug);
    const byId = await placeAvailability(env.accounts.db, slug, '2026-12-03', NOW);
    expect((await placeAvailability(env.accounts.db, byId.placeId, '2026-12-03', NOW)).resources).toHaveLength(1);
    for (const key of ['------------------------------------', 'ffffffff-ffff-ffff-ffff-fffffffffffg', '0'.repeat(36)]) {
      expect(await domainRejection(placeAvailability(env.accounts.db, key, '2026-12-03', NOW)), key).toMatchObject({ kind: 'not_found', code: 'place_not_found' });
      expect(await domainRejection(managedPlace({ db: env.accounts.db, actor: owner.ctx.actor }, key)), key).toMatchObject({ kind: 'not_found' });
    }
  });
});

describe('query values', () => {
  it('a radius beyond the limit names the limit', async () => {
    expect(await domainRejection(availabilityNear(env.accounts.db, { code: '46182' }, MAX_NEARBY_RADIUS_KM + 1, '2026-12-03', NOW))).toMatchObject({
      kind: 'invalid',
      code: 'radius_invalid',
      params: { max: MAX_NEARBY_RADIUS_KM },
    });
    expect(await availabilityNear(env.accounts.db, { code: '46182' }, MAX_NEARBY_RADIUS_KM, '2026-12-03', NOW)).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug, free: { full: 3, am: 3, pm: 3 } })]),
    );
  });

  it('places nearby: nearest first, within the circle (not the corners of its box), each pool counted', async () => {
    // Around a point in the Causse de Limogne: 1 km north, 5 km east, and in the box's corner 9.5 km away in both directions.
    const centre = { lat: 44.4, lon: 1.75 };
    const kmLat = 1 / 111.2;
    const kmLon = 1 / (111.2 * Math.cos((centre.lat * Math.PI) / 180));
    const at = async (name: string, north: number, east: number, capacity: number) => {
      const place = await createPlace(env.accounts.db, {
        name,
        kind: 'coworking',
        communeCode: '46173',
        lat: centre.lat + north * kmLat,
        lon: centre.lon + east * kmLon,
        operatorOrganizationId: organizationId,
      });
      await createResource({ db: env.accounts.db, actor: owner.ctx.actor }, place.id, { kind: 'desk-pool', name: 'Plateau', capacity, free: true });
      return place.slug;
    };
    const far = await at('Le Coin du Causse', 0, 5, 2);
    const near = await at('La Grange du Causse', 1, 0, 3);
    const corner = await at('Le Bout du Causse', 9.5, 9.5, 4);
    const found = await availabilityNear(env.accounts.db, centre, 10, '2026-12-03', NOW);
    expect(found.map((p) => [p.slug, p.distanceKm, p.capacity])).toEqual([
      [near, 1, 3],
      [far, 5, 2],
    ]);
    expect((await availabilityNear(env.accounts.db, centre, 14, '2026-12-03', NOW)).map((p) => p.slug)).toEqual([near, far, corner]);
  });

  it('a malformed date or idempotency key is reported once, not once per failed check', () => {
    for (const value of ['demain', '2026-2-3', '']) expect(isoDay.safeParse(value).error?.issues, value).toHaveLength(1);
    for (const value of [' '.repeat(9), 'short']) expect(idempotencyKey.safeParse(value).error?.issues, value).toHaveLength(1);
  });
});
