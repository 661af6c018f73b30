import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { expectInvalid } from '../../../../tests/setup/domain-error.ts';
import {
  CAR_SLUG_BY_ENERGY,
  COMMUTE_MODES,
  ENERGIES,
  IMPACT_CO2_MODES,
  MOTORBIKE_SLUG_BY_ENERGY,
  TRANSIT_SLUG_BY_MODE,
  type CommuteMode,
  type Energy,
} from './constants.ts';
import { COST_METHODS_BY_CURRENCY, maillageSavings, type MaillageInput, type MaillageResult } from './maillage.ts';

/** Deterministic pseudo-random numbers (mulberry32), so that property loops are reproducible. */
function seeded(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

/** Impact CO2 factor of a slug, summed here from its components. */
function factorOf(slug: string): number {
  const mode = IMPACT_CO2_MODES.find((m) => m.slug === slug)!;
  if ('components' in mode) return mode.components.reduce((acc, [, value]) => acc + value, 0);
  if ('total' in mode) return mode.total;
  throw new Error('no plane in Maillage mode');
}

function close(actual: number, expected: number, label: string) {
  expect(Number.isFinite(actual), label).toBe(true);
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}


/** Recomputes every figure of a result from its assumptions alone. */
function recomputeFromAssumptions(result: MaillageResult, label: string) {
  const values = new Map(result.assumptions.map((a) => [a.key, a.value]));
  expect(values.size, `${label}: keys are unique`).toBe(result.assumptions.length);
  const num = (key: string): number => {
    const value = values.get(key);
    expect(typeof value, `${label}: ${key}`).toBe('number');
    return value as number;
  };
  for (const a of result.assumptions) {
    expect(['input', 'default', 'reference', 'computed'], a.key).toContain(a.source);
    if (a.source === 'reference') expect(a.reference, a.key).toBeTruthy();
    if (a.source === 'computed') expect(a.formula, a.key).toBeTruthy();
  }
  const workRoad = num('homeToWorkRoadKm');
  const placeRoad = num('homeToPlaceRoadKm');
  close(workRoad, num('homeToWorkKm') * num('detourFactor'), `${label} work road`);
  close(placeRoad, num('homeToPlaceKm') * num('detourFactor'), `${label} place road`);
  const trips = num('tripsPerYear');
  expect(trips).toBe(2 * num('daysPerWeek') * num('workingWeeks'));
  close(num('commuteKmPerYear'), workRoad * trips, `${label} commute km`);
  close(num('placeKmPerYear'), placeRoad * trips, `${label} place km`);
  close(result.kmAvoided, Math.max(0, workRoad - placeRoad) * trips, `${label} km`);
  close(num('kmAvoided'), result.kmAvoided, `${label} km noted`);
  const occupancy = values.has('occupancy') ? num('occupancy') : 1;
  const factor = num('impactCo2FactorKgPerPassengerKm');
  close(factor, factorOf(values.get('impactCo2Slug') as string), `${label} factor`);
  const perKm = values.has('impactCo2Occupancy') ? (factor * num('impactCo2Occupancy')) / occupancy : factor;
  close(num('emissionFactorKgPerKm'), perKm, `${label} factor per km`);
  close(result.co2eKgAvoided, result.kmAvoided * perKm * num('reboundKept'), `${label} co2`);
  close(result.hoursSaved, result.kmAvoided / num('averageSpeedKmH'), `${label} hours`);
  const costPerKm = num('costPerKm');
  if (values.get('costMethod') === 'bareme') close(costPerKm, num('baremeRatePerKm') * num('electricSurcharge'), `${label} rate`);
  if (values.get('costMethod') === 'fuel') {
    close(costPerKm, (num('consumptionPer100Km') / 100) * num('energyPricePerUnit') + num('wearPerKm'), `${label} fuel`);
  }
  close(result.moneySaved, (result.kmAvoided * costPerKm) / occupancy, `${label} money`);
  expect(num('placeDaysPerYear')).toBe(num('daysPerWeek') * num('workingWeeks'));
  close(result.coworkingCost, num('placeDaysPerYear') * num('placeDayPrice'), `${label} coworking`);
  close(result.netSaving, result.moneySaved - result.coworkingCost, `${label} net`);
  for (const key of ['co2eKgAvoided', 'hoursSaved', 'moneySaved', 'coworkingCost', 'netSaving'] as const) {
    close(num(key), result[key], `${label} ${key} noted`);
  }
}

function randomInput(random: ReturnType<typeof seeded>): MaillageInput {
  const currency = random.pick(['EUR', 'CHF'] as const);
  const hasPlace = random.next() < 0.8;
  return {
    homeToWorkKm: random.between(0, 120),
    homeToPlaceKm: hasPlace ? random.between(0, 40) : null,
    detourFactor: random.next() < 0.5 ? undefined : random.between(1, 2),
    mode: random.pick(COMMUTE_MODES),
    vehicle: {
      energy: random.pick(ENERGIES),
      occupancy: random.next() < 0.5 ? 1 : random.between(1, 4),
      fiscalHorsepower: random.int(1, 12),
      consumptionPer100Km: random.next() < 0.5 ? undefined : random.between(2, 12),
      pricePerUnit: random.between(0.2, 2.2),
      wearPerKm: random.next() < 0.5 ? undefined : random.between(0, 0.1),
    },
    daysPerWeek: random.int(0, 7),
    workingWeeks: random.next() < 0.5 ? undefined : random.int(1, 52),
    rebound: random.next() < 0.3,
    currency,
    costMethod: random.pick([undefined, ...COST_METHODS_BY_CURRENCY[currency]]),
    placeDayPrice: random.next() < 0.3 ? undefined : random.between(0, 30),
  };
}

type Figure = 'kmAvoided' | 'co2eKgAvoided' | 'hoursSaved' | 'moneySaved' | 'netSaving' | 'coworkingCost';

/** Each result's figures are at least those of the result before it (inputs in increasing order). */
function expectNonDecreasing(results: [number, MaillageResult][], keys: Figure[]) {
  for (let i = 1; i < results.length; i++) {
    const [at, result] = results[i]!;
    const previous = results[i - 1]![1];
    for (const key of keys) expect(result[key], `${key} at ${at}`).toBeGreaterThanOrEqual(previous[key]);
  }
}

describe('maillageSavings: the small-town case', () => {
  // 30 km from work (straight line), 2 days a week in a place 5 km from home, petrol car, 15 € a day.
  const input: MaillageInput = {
    homeToWorkKm: 30,
    homeToPlaceKm: 5,
    mode: 'car',
    daysPerWeek: 2,
    currency: 'EUR',
    placeDayPrice: 15,
  };
  const result = maillageSavings(input);
  const assumption = (key: string) => result.assumptions.find((a) => a.key === key);

  it('states its defaults: detour 1.3, 46 weeks, petrol, occupancy 1, 5 CV, 50 km/h, no rebound', () => {
    expect(assumption('detourFactor')).toMatchObject({ value: 1.3, source: 'default' });
    expect(assumption('workingWeeks')).toMatchObject({ value: 46, source: 'default' });
    expect(assumption('energy')).toMatchObject({ value: 'petrol', source: 'default' });
    expect(assumption('occupancy')).toMatchObject({ value: 1, source: 'default' });
    expect(assumption('fiscalHorsepower')).toMatchObject({ value: 5, source: 'default' });
    expect(assumption('averageSpeedKmH')).toMatchObject({ value: 50, source: 'default' });
    expect(assumption('reboundKept')).toMatchObject({ value: 1 });
    expect(assumption('costMethod')).toMatchObject({ value: 'bareme', source: 'default' });
    expect(result.impactCo2Slug).toBe('voiture-compact-essence');
  });

  it('gives the figures computed by hand', () => {
    // Road: 30 × 1.3 = 39 km to work, 5 × 1.3 = 6.5 km to the place; 2 × 2 × 46 = 184 one-way trips a year.
    const trips = 2 * 2 * 46;
    const km = (39 - 6.5) * trips; // 5 980 km
    expect(result.kmAvoided).toBeCloseTo(5980, 9);
    expect(km).toBe(5980);
    // Compact petrol car, 1.6 occupants behind the factor, 1 occupant here.
    const perKm = (0.1380123725556303 + 0.03169565217391306) * 1.6;
    expect(result.co2eKgAvoided).toBeCloseTo(km * perKm, 6); // ≈ 1 623.8 kg
    expect(result.co2eKgAvoided).toBeGreaterThan(1623);
    expect(result.co2eKgAvoided).toBeLessThan(1624);
    expect(result.hoursSaved).toBeCloseTo(5980 / 50, 9); // 119.6 h
    // 5 CV, middle bracket of the 2023 scale: 0.357 €/km.
    expect(result.moneySaved).toBeCloseTo(5980 * 0.357, 9); // 2 134.86 €
    expect(result.coworkingCost).toBe(2 * 46 * 15); // 1 380 €
    expect(result.netSaving).toBeCloseTo(2134.86 - 1380, 9);
    expect(result.currency).toBe('EUR');
    expect(result.costMethod).toBe('bareme');
    expect(result.placeFartherThanWork).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  it('can be recomputed from its assumptions', () => {
    recomputeFromAssumptions(result, 'small town');
    expect(assumption('tripsPerYear')?.value).toBe(184);
    expect(assumption('homeToWorkRoadKm')?.value).toBeCloseTo(39, 12);
    expect(assumption('baremeRatePerKm')).toMatchObject({ value: 0.357, source: 'reference' });
  });
});

describe('maillageSavings: options', () => {
  const base: MaillageInput = { homeToWorkKm: 30, homeToPlaceKm: 5, mode: 'car', daysPerWeek: 2, currency: 'EUR' };

  it('values km in CHF with the TCS variable cost (0.2757 CHF/km)', () => {
    const chf = maillageSavings({ ...base, currency: 'CHF', vehicle: { occupancy: 2 } });
    expect(chf.costMethod).toBe('tcs');
    expect(chf.currency).toBe('CHF');
    expect(chf.moneySaved).toBeCloseTo((5980 * 0.2757) / 2, 9);
    expect(chf.assumptions.find((a) => a.key === 'costPerKm')).toMatchObject({ value: 0.2757, unit: 'CHF/km' });
    recomputeFromAssumptions(chf, 'chf');
  });

  it('uses the user own fuel figures, in EUR or CHF', () => {
    const fuel = maillageSavings({
      ...base,
      costMethod: 'fuel',
      vehicle: { energy: 'diesel', consumptionPer100Km: 7, pricePerUnit: 1.9, wearPerKm: 0.05 },
    });
    expect(fuel.moneySaved).toBeCloseTo(5980 * (0.07 * 1.9 + 0.05), 9);
    const chf = maillageSavings({ ...base, currency: 'CHF', costMethod: 'fuel', vehicle: { pricePerUnit: 1.84 } });
    expect(chf.moneySaved).toBeCloseTo(5980 * 0.065 * 1.84, 9); // petrol default 6.5 L/100 km
    const defaults = maillageSavings({ ...base, costMethod: 'fuel', vehicle: { energy: 'electric' } });
    expect(defaults.moneySaved).toBeCloseTo(5980 * 0.17 * 0.25, 9);
    recomputeFromAssumptions(fuel, 'fuel');
  });

  it('adds 20 % to the barème rate for an electric car, and uses the horsepower line', () => {
    const electric = maillageSavings({ ...base, vehicle: { energy: 'electric', fiscalHorsepower: 3 } });
    expect(electric.moneySaved).toBeCloseTo(5980 * 0.316 * 1.2, 9);
    const big = maillageSavings({ ...base, vehicle: { energy: 'diesel', fiscalHorsepower: 9 } });
    expect(big.moneySaved).toBeCloseTo(5980 * 0.394, 9);
  });

  it('shares CO2e and money between occupants, and applies the rebound to CO2e only when asked', () => {
    const alone = maillageSavings(base);
    const pair = maillageSavings({ ...base, vehicle: { occupancy: 2 } });
    expect(pair.co2eKgAvoided).toBeCloseTo(alone.co2eKgAvoided / 2, 9);
    expect(pair.moneySaved).toBeCloseTo(alone.moneySaved / 2, 9);
    expect(pair.kmAvoided).toBe(alone.kmAvoided);
    const rebound = maillageSavings({ ...base, rebound: true });
    expect(rebound.co2eKgAvoided).toBeCloseTo(alone.co2eKgAvoided * 0.75, 9);
    expect([rebound.kmAvoided, rebound.hoursSaved, rebound.moneySaved]).toEqual([
      alone.kmAvoided,
      alone.hoursSaved,
      alone.moneySaved,
    ]);
  });

  it('counts no trip when the days are spent at home', () => {
    const home = maillageSavings({ ...base, homeToPlaceKm: null });
    expect(home.kmAvoided).toBeCloseTo(39 * 184, 9);
    recomputeFromAssumptions(home, 'home');
  });

  it('uses the Impact CO2 factor as is for public transport and active modes, priced at 0 per km', () => {
    const bus = maillageSavings({ ...base, mode: 'bus', vehicle: { occupancy: 3 } });
    expect(bus.impactCo2Slug).toBe('busthermique');
    expect(bus.co2eKgAvoided).toBeCloseTo(5980 * 0.12242, 9);
    expect(bus.moneySaved).toBe(0);
    expect(bus.costMethod).toBe('none');
    expect(bus.hoursSaved).toBeCloseTo(5980 / 20, 9);
    expect(maillageSavings({ ...base, mode: 'walk' }).co2eKgAvoided).toBe(0);
    expect(maillageSavings({ ...base, mode: 'train' }).co2eKgAvoided).toBeCloseTo(5980 * 0.02769, 9);
  });

  it('maps every mode and energy to an Impact CO2 transport', () => {
    const slugs = new Set<string>(IMPACT_CO2_MODES.map((m) => m.slug));
    for (const mode of COMMUTE_MODES) {
      for (const energy of ENERGIES) {
        const r = maillageSavings({ ...base, mode, vehicle: { energy } });
        expect(slugs.has(r.impactCo2Slug), `${mode} ${energy}`).toBe(true);
        const expected =
          mode === 'car'
            ? CAR_SLUG_BY_ENERGY[energy]
            : mode === 'motorbike'
              ? MOTORBIKE_SLUG_BY_ENERGY[energy]
              : TRANSIT_SLUG_BY_MODE[mode as Exclude<CommuteMode, 'car' | 'motorbike'>];
        expect(r.impactCo2Slug).toBe(expected);
      }
    }
    expect(CAR_SLUG_BY_ENERGY.diesel).toBe('voiture-compact-diesel');
  });

  it('has no per-km cost for a motorbike in CHF, and says so', () => {
    const r = maillageSavings({ ...base, mode: 'motorbike', currency: 'CHF' });
    expect(r.moneySaved).toBe(0);
    expect(r.warnings).toContain('noCostReference');
    const eur = maillageSavings({ ...base, mode: 'motorbike' });
    expect(eur.moneySaved).toBeCloseTo(5980 * 0.082, 9); // 3–5 CV motorcycle line, middle bracket
  });
});

describe('maillageSavings: properties', () => {
  it('can always be recomputed from its assumptions', () => {
    const random = seeded(20260701);
    for (let i = 0; i < 250; i++) {
      const input = randomInput(random);
      recomputeFromAssumptions(maillageSavings(input), `case ${i} ${JSON.stringify(input)}`);
    }
  });

  it('never decreases when the workplace gets farther', () => {
    const random = seeded(7);
    for (let i = 0; i < 200; i++) {
      const input = randomInput(random);
      const distances = Array.from({ length: 8 }, () => random.between(0, 150)).sort((a, b) => a - b);
      expectNonDecreasing(
        distances.map((homeToWorkKm) => [homeToWorkKm, maillageSavings({ ...input, homeToWorkKm })]),
        ['kmAvoided', 'co2eKgAvoided', 'hoursSaved', 'moneySaved', 'netSaving'],
      );
    }
  });

  it('never decreases with more days in the place (the coworking cost grows too)', () => {
    const random = seeded(11);
    for (let i = 0; i < 200; i++) {
      const input = randomInput(random);
      expectNonDecreasing(
        [0, 1, 2, 3, 4, 5, 6, 7].map((daysPerWeek) => [daysPerWeek, maillageSavings({ ...input, daysPerWeek })]),
        ['kmAvoided', 'co2eKgAvoided', 'hoursSaved', 'moneySaved', 'coworkingCost'],
      );
    }
  });

  it('saves nothing with zero days', () => {
    const random = seeded(13);
    for (let i = 0; i < 100; i++) {
      const r = maillageSavings({ ...randomInput(random), daysPerWeek: 0 });
      expect([r.kmAvoided, r.co2eKgAvoided, r.hoursSaved, r.moneySaved, r.coworkingCost, r.netSaving]).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });

  it('avoids nothing, and flags it, when the place is farther than the workplace', () => {
    const random = seeded(17);
    for (let i = 0; i < 100; i++) {
      const input = randomInput(random);
      const homeToWorkKm = random.between(0, 50);
      const r = maillageSavings({ ...input, homeToWorkKm, homeToPlaceKm: homeToWorkKm + random.between(0.01, 30) });
      expect(r.placeFartherThanWork).toBe(true);
      expect(r.warnings).toContain('placeFartherThanWork');
      expect([r.kmAvoided, r.co2eKgAvoided, r.hoursSaved, r.moneySaved]).toEqual([0, 0, 0, 0]);
      expect(r.netSaving).toBe(0 - r.coworkingCost);
    }
    const same = maillageSavings({ homeToWorkKm: 10, homeToPlaceKm: 10, mode: 'car', daysPerWeek: 3, currency: 'EUR' });
    expect(same.kmAvoided).toBe(0);
    expect(same.placeFartherThanWork).toBe(false);
  });
});

describe('maillageSavings: validation', () => {
  const base: MaillageInput = { homeToWorkKm: 30, homeToPlaceKm: 5, mode: 'car', daysPerWeek: 2, currency: 'EUR' };
  const run = (patch: Partial<MaillageInput>) => () => maillageSavings({ ...base, ...patch });
  const vehicle = (patch: NonNullable<MaillageInput['vehicle']>) => run({ vehicle: patch });

  it('refuses an occupancy under 1 (0 included) or over 9', () => {
    for (const occupancy of [0, 0.5, 0.999, -1, 9.5, Number.NaN]) {
      expectInvalid(vehicle({ occupancy }), 'simulator_occupancy_invalid', { min: 1, max: 9 });
    }
    expect(maillageSavings({ ...base, vehicle: { occupancy: 1.6 } }).kmAvoided).toBeGreaterThan(0);
  });

  it('refuses days outside 0–7 and weeks outside 1–52', () => {
    for (const daysPerWeek of [-1, 8, 2.5, Number.NaN]) {
      expectInvalid(run({ daysPerWeek }), 'simulator_days_invalid', { field: 'daysPerWeek', min: 0, max: 7 });
    }
    for (const workingWeeks of [0, 53, 46.5, -2]) {
      expectInvalid(run({ workingWeeks }), 'simulator_weeks_invalid', { min: 1, max: 52 });
    }
    expect(maillageSavings({ ...base, daysPerWeek: 7, workingWeeks: 52 }).kmAvoided).toBeGreaterThan(0);
    expect(maillageSavings({ ...base, workingWeeks: 1 }).kmAvoided).toBeGreaterThan(0);
  });

  it('refuses negative or non-finite distances, and a one-way road trip over 1 000 km', () => {
    for (const km of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectInvalid(run({ homeToWorkKm: km }), 'simulator_distance_invalid', { field: 'homeToWorkKm' });
      expectInvalid(run({ homeToPlaceKm: km }), 'simulator_distance_invalid', { field: 'homeToPlaceKm' });
    }
    // 770 km × 1.3 = 1 001 road km; 769 × 1.3 = 999.7.
    expectInvalid(run({ homeToWorkKm: 770 }), 'simulator_distance_too_long', { field: 'homeToWorkKm', max: 1000 });
    expectInvalid(run({ homeToWorkKm: 900, homeToPlaceKm: 1001, detourFactor: 1 }), 'simulator_distance_too_long', {
      field: 'homeToPlaceKm',
    });
    expect(maillageSavings({ ...base, homeToWorkKm: 769 }).kmAvoided).toBeGreaterThan(0);
    expect(maillageSavings({ ...base, homeToWorkKm: 1000, detourFactor: 1 }).kmAvoided).toBeGreaterThan(0);
  });

  it('refuses negative prices', () => {
    expectInvalid(run({ placeDayPrice: -1 }), 'simulator_price_invalid', { field: 'placeDayPrice' });
    expectInvalid(run({ placeDayPrice: Number.NaN }), 'simulator_price_invalid', { field: 'placeDayPrice' });
    expectInvalid(vehicle({ pricePerUnit: -0.01 }), 'simulator_price_invalid', { field: 'vehicle.pricePerUnit' });
    expectInvalid(vehicle({ wearPerKm: -0.01 }), 'simulator_price_invalid', { field: 'vehicle.wearPerKm' });
    expect(maillageSavings({ ...base, placeDayPrice: 0 }).coworkingCost).toBe(0);
  });

  it('refuses unknown modes, energies and currencies, and cost methods of another currency', () => {
    expectInvalid(run({ mode: 'plane' as CommuteMode }), 'simulator_unknown_mode', { mode: 'plane' });
    expectInvalid(vehicle({ energy: 'coal' as Energy }), 'simulator_unknown_energy', { energy: 'coal' });
    expectInvalid(run({ currency: 'USD' as 'EUR' }), 'simulator_unknown_currency', { currency: 'USD' });
    expectInvalid(run({ currency: 'CHF', costMethod: 'bareme' }), 'simulator_cost_method_invalid', {
      costMethod: 'bareme',
      currency: 'CHF',
    });
    expectInvalid(run({ costMethod: 'tcs' }), 'simulator_cost_method_invalid', { currency: 'EUR' });
    expectInvalid(run({ currency: 'CHF', costMethod: 'fuel' }), 'simulator_fuel_price_required', { currency: 'CHF' });
  });

  it('refuses a detour factor outside 1–3, a speed outside 1–400 km/h, a bad consumption or horsepower', () => {
    for (const detourFactor of [0.9, 3.1, 0, Number.NaN]) {
      expectInvalid(run({ detourFactor }), 'simulator_detour_factor_invalid', { min: 1, max: 3 });
    }
    for (const averageSpeedKmH of [0, -5, 401, Number.NaN]) {
      expectInvalid(run({ averageSpeedKmH }), 'simulator_speed_invalid', { min: 1, max: 400 });
    }
    for (const consumptionPer100Km of [0, -1, 101, Number.NaN]) {
      expectInvalid(vehicle({ consumptionPer100Km }), 'simulator_consumption_invalid', { max: 100 });
    }
    for (const fiscalHorsepower of [0, 5.5, 100]) {
      expectInvalid(vehicle({ fiscalHorsepower }), 'simulator_fiscal_horsepower_invalid', { min: 1, max: 99 });
    }
    expect(maillageSavings({ ...base, detourFactor: 1, averageSpeedKmH: 30 }).hoursSaved).toBeCloseTo(((30 - 5) * 184) / 30, 9);
  });
});
