import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import type { Database } from '../db/index.ts';
import { distanceKm } from '../geo/index.ts';
import { TCS_VARIABLE_COST_CHF_PER_KM } from './constants.ts';
import { simulateCommute } from './service.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** A point `km` kilometres east of `origin` along its parallel. */
const east = (origin: { lat: number; lon: number }, km: number) => ({
  lat: origin.lat,
  lon: origin.lon + km / (111.195 * Math.cos((origin.lat * Math.PI) / 180)),
});
const value = (result: { assumptions: { key: string; value: unknown }[] }, key: string) =>
  Number(result.assumptions.find((a) => a.key === key)?.value);

describe('simulateCommute', () => {
  it('gives a small-town commuter figures a reader can recompute from the assumptions', async () => {
    const home = { lat: 44.45, lon: 1.44 };
    const result = await simulateCommute(database.db, {
      home,
      work: east(home, 30),
      place: east(home, 5),
      mode: 'car',
      daysPerWeek: 2,
      currency: 'EUR',
      placeDayPrice: 12,
    });
    expect(result.homeToWorkKm).toBeCloseTo(30, 1);
    expect(result.homeToPlaceKm).toBeCloseTo(5, 1);
    const trips = value(result, 'tripsPerYear');
    expect(trips).toBe(2 * 2 * 46);
    const roadWork = value(result, 'homeToWorkRoadKm');
    const roadPlace = value(result, 'homeToPlaceRoadKm');
    expect(roadWork).toBeCloseTo(result.homeToWorkKm * 1.3, 9);
    expect(result.kmAvoided).toBeCloseTo((roadWork - roadPlace) * trips, 6);
    expect(result.co2eKgAvoided).toBeCloseTo(result.kmAvoided * value(result, 'emissionFactorKgPerKm'), 6);
    expect(result.hoursSaved).toBeCloseTo(result.kmAvoided / value(result, 'averageSpeedKmH'), 6);
    expect(result.moneySaved).toBeCloseTo(result.kmAvoided * value(result, 'costPerKm'), 6);
    expect(result.coworkingCost).toBe(2 * 46 * 12);
    expect(result.netSaving).toBeCloseTo(result.moneySaved - result.coworkingCost, 6);
    // Impact CO2 counts the whole commute as avoided, minus its 25 % rebound.
    expect(result.impactCo2.savedKg).toBeGreaterThan(0);
    expect(result.impactCo2.distanceType).toBe('car');
  });

  it('answers in Swiss francs with the TCS variable cost', async () => {
    const home = { lat: 46.2, lon: 6.1 };
    const result = await simulateCommute(database.db, {
      home,
      work: east(home, 20),
      mode: 'car',
      daysPerWeek: 1,
      currency: 'CHF',
    });
    expect(result.currency).toBe('CHF');
    expect(result.costMethod).toBe('tcs');
    expect(result.moneySaved).toBeCloseTo(result.kmAvoided * TCS_VARIABLE_COST_CHF_PER_KM, 6);
  });

  it('resolves communes by INSEE code and measures between their coordinates', async () => {
    const result = await simulateCommute(database.db, {
      home: { code: '46182' },
      work: { code: '46042' },
      mode: 'car',
      daysPerWeek: 2,
      currency: 'EUR',
    });
    expect(result.home.name).toBe('Luzech');
    expect(result.work.name).toBe('Cahors');
    expect(result.homeToWorkKm).toBeCloseTo(
      distanceKm(result.home, result.work),
      9,
    );
    expect(result.place).toBeNull();
  });

  it('says when the place is farther than the workplace, and avoids nothing', async () => {
    const home = { lat: 44.45, lon: 1.44 };
    const result = await simulateCommute(database.db, {
      home,
      work: east(home, 5),
      place: east(home, 12),
      mode: 'car',
      daysPerWeek: 3,
      currency: 'EUR',
    });
    expect(result.kmAvoided).toBe(0);
    expect(result.warnings).toContain('placeFartherThanWork');
  });

  it.each([
    ['an unknown commune', { home: { code: '99999' } }, 'location_commune_unknown'],
    ['a trip over 1,000 km', { home: { code: '59350' }, work: { code: '06088' } }, 'simulator_distance_too_long'],
    ['no one in the car', { vehicle: { occupancy: 0 } }, 'simulator_occupancy_invalid'],
    ['eight days a week', { daysPerWeek: 8 }, 'simulator_days_invalid'],
  ])('refuses %s', async (_label, change, code) => {
    await expect(
      simulateCommute(database.db, {
        home: { code: '46182' },
        work: { code: '46042' },
        mode: 'car',
        daysPerWeek: 2,
        currency: 'EUR',
        ...change,
      }),
    ).rejects.toMatchObject({ kind: 'invalid', code });
  });
});
