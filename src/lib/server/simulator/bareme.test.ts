import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { baremeBand, baremeBracket, baremeCost, baremeMarginalRate } from './bareme.ts';
import { BAREME_KILOMETRIQUE, type BaremeVehicle } from './constants.ts';

// The scale as printed in CAR-COSTS.md (arrêté du 27 mars 2023), typed again here to catch transcription errors:
// [horsepower examples, [r1, r2, constant, r3]], with thresholds per vehicle kind.
const PRINTED: Record<BaremeVehicle, { thresholds: [number, number]; rows: [number[], [number, number, number, number]][] }> = {
  car: {
    thresholds: [5000, 20000],
    rows: [
      [[1, 2, 3], [0.529, 0.316, 1065, 0.37]],
      [[4], [0.606, 0.34, 1330, 0.407]],
      [[5], [0.636, 0.357, 1395, 0.427]],
      [[6], [0.665, 0.374, 1457, 0.447]],
      [[7, 8, 11, 40], [0.697, 0.394, 1515, 0.47]],
    ],
  },
  motorcycle: {
    thresholds: [3000, 6000],
    rows: [
      [[1, 2], [0.395, 0.099, 891, 0.248]],
      [[3, 4, 5], [0.468, 0.082, 1158, 0.275]],
      [[6, 9, 30], [0.606, 0.079, 1583, 0.343]],
    ],
  },
  moped: { thresholds: [3000, 6000], rows: [[[1], [0.315, 0.079, 711, 0.198]]] },
};

describe('barème kilométrique', () => {
  it('gives the printed cost in every bracket of every line', () => {
    for (const [vehicle, { thresholds, rows }] of Object.entries(PRINTED) as [BaremeVehicle, (typeof PRINTED)['car']][]) {
      const [t1, t2] = thresholds;
      for (const [horsepowers, [r1, r2, constant, r3]] of rows) {
        for (const cv of horsepowers) {
          const band = baremeBand(vehicle, cv);
          const label = `${vehicle} ${cv} CV`;
          for (const d of [0, 1, t1 / 2, t1 - 1, t1]) expect(baremeCost(band, d), `${label} ${d}`).toBeCloseTo(d * r1, 9);
          for (const d of [t1 + 0.5, t1 + 1, (t1 + t2) / 2, t2 - 1, t2]) {
            expect(baremeCost(band, d), `${label} ${d}`).toBeCloseTo(d * r2 + constant, 9);
          }
          for (const d of [t2 + 0.5, t2 + 1, 2 * t2, 100000]) expect(baremeCost(band, d), `${label} ${d}`).toBeCloseTo(d * r3, 9);
          expect(baremeMarginalRate(band), label).toBe(r2);
        }
      }
    }
  });

  it('has exactly the printed lines', () => {
    expect(BAREME_KILOMETRIQUE.car.map((b) => b.label)).toEqual(['3 CV et moins', '4 CV', '5 CV', '6 CV', '7 CV et plus']);
    expect(BAREME_KILOMETRIQUE.motorcycle.map((b) => b.label)).toEqual(['1 ou 2 CV', '3, 4, 5 CV', 'plus de 5 CV']);
    expect(BAREME_KILOMETRIQUE.moped).toHaveLength(1);
  });

  it('puts each threshold in the lower bracket and anything above it in the next', () => {
    for (const [vehicle, t1, t2] of [
      ['car', 5000, 20000],
      ['motorcycle', 3000, 6000],
      ['moped', 3000, 6000],
    ] as const) {
      for (const band of BAREME_KILOMETRIQUE[vehicle]) {
        const index = (d: number) => band.brackets.indexOf(baremeBracket(band, d));
        expect(index(0)).toBe(0);
        expect(index(t1)).toBe(0);
        expect(index(t1 + 0.001)).toBe(1);
        expect(index(t2)).toBe(1);
        expect(index(t2 + 0.001)).toBe(2);
        expect(index(1e7)).toBe(2);
      }
    }
  });

  it('is continuous at the thresholds to within €15 (the published rates are rounded)', () => {
    // CAR-COSTS.md says "continuous"; exactly so only on some lines: 3 CV at 20 000 km gives 7 385 € below
    // and 7 400 € above, 6 CV at 5 000 km 3 325 € and 3 327 €.
    let largest = 0;
    for (const vehicle of ['car', 'motorcycle', 'moped'] as const) {
      for (const band of BAREME_KILOMETRIQUE[vehicle]) {
        for (const [below, above] of [
          [band.brackets[0], band.brackets[1]],
          [band.brackets[1], band.brackets[2]],
        ] as const) {
          const d = below.upToKm!;
          const gap = d * above.rate + above.constant - (d * below.rate + below.constant);
          expect(Math.abs(gap), `${band.label} at ${d}`).toBeLessThanOrEqual(15);
          largest = Math.max(largest, Math.abs(gap));
        }
      }
    }
    expect(largest).toBeCloseTo(15, 9);
    const threeCv = baremeBand('car', 3);
    expect(baremeCost(threeCv, 20000)).toBeCloseTo(7385, 9);
    expect(baremeCost(threeCv, 20000.001)).toBeCloseTo(7400, 2);
  });

  it('adds 20 % for a 100 % electric vehicle', () => {
    const band = baremeBand('car', 5);
    expect(baremeCost(band, 12000, true)).toBeCloseTo((12000 * 0.357 + 1395) * 1.2, 9);
    expect(baremeMarginalRate(band, true)).toBeCloseTo(0.4284, 12);
  });

  it('refuses a horsepower that is not a whole number from 1 to 99, except for mopeds', () => {
    for (const cv of [0, -1, 2.5, 100, Number.NaN]) {
      try {
        baremeBand('car', cv);
        throw new Error('expected an error');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('simulator_fiscal_horsepower_invalid');
      }
    }
    expect(baremeBand('moped', 0).label).toBe('cyclomoteur');
    expect(() => baremeCost(baremeBand('car', 4), -1)).toThrow(DomainError);
  });
});
