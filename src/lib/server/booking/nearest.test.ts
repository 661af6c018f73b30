import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile } from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { distanceKm } from '../geo/index.ts';
import { createPlace } from '../places/index.ts';
import { getCommune } from '../territory/index.ts';
import { availabilityNear } from './availability.ts';
import { createOffer, createResource, setResourceActive, setResourceFree, withdrawOffer } from './manage.ts';
import { nearestBookablePlaces } from './nearest.ts';

// A search that finds no free desk within its radius offers the nearest places one can book, whatever the distance.

const env = accountsForTestFile();
const db = () => env.accounts.db;
const NOW = new Date('2026-12-01T08:00:00Z');

beforeAll(async () => {
  const withDesks = async (name: string, communeCode: string, active = true) => {
    const { owner, place } = await operatorWithPlace(env.accounts, { name, kind: 'coworking', communeCode });
    const pool = await createResource({ db: db(), actor: owner.ctx.actor }, place.id, { kind: 'desk-pool', name: 'Plateau', capacity: 4, free: true });
    if (!active) await setResourceActive({ db: db(), actor: owner.ctx.actor }, pool.id, false);
  };
  await withDesks('Relais de Luzech', '46182');
  await withDesks('Atelier de Lyon', '69123');
  await withDesks('Pool fermé de Brive', '19031', false);
  // Nearer to Brest than any of them, but nothing to book there.
  await createPlace(db(), { name: 'Tiers-lieu sans postes', kind: 'tiers-lieu', communeCode: '35238' });
  await createPlace(db(), { name: 'Ancien coworking', kind: 'coworking', communeCode: '29019', status: 'closed' });
});

describe('nearest bookable places', () => {
  it('offers, when nothing is within the radius, the nearest bookable places whatever the distance, with the distance', async () => {
    // Brest: no desk within 30 km.
    expect(await availabilityNear(db(), { code: '29019' }, 30, '2026-12-03', NOW)).toEqual([]);
    const nearest = await nearestBookablePlaces(db(), { code: '29019' });
    expect(nearest.map((p) => p.name)).toEqual(['Relais de Luzech', 'Atelier de Lyon']);
    const brest = await getCommune(db(), '29019');
    const luzech = await getCommune(db(), '46182');
    expect(nearest[0]).toMatchObject({ communeCode: '46182', communeName: 'Luzech' });
    expect(nearest[0]!.distanceKm).toBeCloseTo(distanceKm(brest, luzech), 0);
    expect(nearest[0]!.distanceKm).toBeGreaterThan(400);
    expect(nearest[1]!.distanceKm).toBeGreaterThan(nearest[0]!.distanceKm);
  });

  it('offers no desk pool that nothing prices, until a day pass prices it or it is marked free', async () => {
    const { owner, place } = await operatorWithPlace(env.accounts, { name: 'Plateau de Strasbourg', kind: 'coworking', communeCode: '67482' });
    const ctx = { db: db(), actor: owner.ctx.actor };
    const pool = await createResource(ctx, place.id, { kind: 'desk-pool', name: 'Plateau', capacity: 4 });
    const strasbourg = { code: '67482' };
    const listed = async () => (await availabilityNear(db(), strasbourg, 30, '2026-12-03', NOW)).map((p) => p.name);
    const nearest = async () => (await nearestBookablePlaces(db(), strasbourg, 1)).map((p) => p.name);
    expect(await listed()).toEqual([]);
    expect(await nearest()).not.toEqual(['Plateau de Strasbourg']);

    const offer = await createOffer(ctx, place.id, { kind: 'day-pass', name: 'Journée', price: '12' });
    expect(await listed()).toEqual(['Plateau de Strasbourg']);
    expect(await nearest()).toEqual(['Plateau de Strasbourg']);
    await withdrawOffer(ctx, offer.id);
    expect(await listed()).toEqual([]);
    await setResourceFree(ctx, pool.id, true);
    expect(await listed()).toEqual(['Plateau de Strasbourg']);
    // The other tests of this file know nothing of Strasbourg: it goes back to what nobody can book.
    await setResourceActive(ctx, pool.id, false);
  });

  it('works around a point, keeps to the limit asked, and refuses an unknown commune', async () => {
    const [first] = await nearestBookablePlaces(db(), { lat: 45.76, lon: 4.84 }, 1);
    expect(first).toMatchObject({ name: 'Atelier de Lyon' });
    expect(first!.distanceKm).toBeLessThan(5);
    expect(await domainRejection(nearestBookablePlaces(db(), { code: '99999' }))).toMatchObject({ kind: 'invalid', code: 'location_commune_unknown' });
  });
});
