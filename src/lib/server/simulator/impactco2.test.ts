import { describe, expect, it } from 'vitest';
import { expectInvalid } from '../../../../tests/setup/domain-error.ts';
import { IMPACT_CO2_MODES, type FactorComponent, type ImpactCo2PlaneBand } from './constants.ts';
import { impactCo2, impactCo2Slugs, roundLikeImpactCo2 } from './impactco2.ts';


// Written here from the reference's rule, independently of the implementation.
const sum = (components: readonly FactorComponent[]) => components.reduce((acc, [, value]) => acc + value, 0);
const accepts = (band: ImpactCo2PlaneBand, d: number) =>
  !(band.display.max !== undefined && d > band.display.max) && !(band.display.min !== undefined && d < band.display.min);

describe('Impact CO2 reference data', () => {
  it('holds every transport of the reference, once: 45 slugs, 20 car variants, 4 plane bands', () => {
    const slugs = impactCo2Slugs();
    expect(slugs).toHaveLength(45);
    expect(new Set(slugs).size).toBe(45);
    expect(slugs.filter((slug) => slug.startsWith('voiture-'))).toHaveLength(20);
    const plane = IMPACT_CO2_MODES.find((mode) => mode.slug === 'avion');
    expect(plane && 'bands' in plane ? plane.bands.map((b) => b.name) : []).toEqual([
      'courtcourrier',
      'moyencourrier',
      'moyenlongcourrier',
      'longcourrier',
    ]);
    for (const mode of IMPACT_CO2_MODES) {
      expect(['car', 'rail', 'foot', 'plane'], mode.slug).toContain(mode.distanceType);
      const components: readonly FactorComponent[] =
        'components' in mode ? mode.components : 'bands' in mode ? mode.bands.flatMap((b): FactorComponent[] => [...b.components]) : [];
      for (const [step, value] of components) {
        expect([5, 6, 7], mode.slug).toContain(step);
        expect(value, mode.slug).toBeGreaterThan(0);
        expect(value, mode.slug).toBeLessThan(0.5);
      }
    }
  });

  it('gives the factors quoted in the brief (section 5)', () => {
    const brief: Record<string, number> = {
      voiturethermique: 0.14225341222954335,
      voitureelectrique: 0.06736526222954337,
      voiturehybride: 0.14657935353389118,
      busthermique: 0.12242,
      ter: 0.02769,
      tgv: 0.00293,
      rer: 0.00978,
      metro: 0.00444,
      tramway: 0.00428,
      veloelectrique: 0.01095,
      velo: 0.00017,
      marche: 0,
    };
    for (const [slug, factor] of Object.entries(brief)) {
      const result = impactCo2({ transport: slug, distanceKm: 10, officeDays: 1, teleworkDays: 1 });
      expect(result.factorKgPerKm, slug).toBeCloseTo(factor, 15);
    }
    // The car factors print exactly as the brief quotes them.
    expect(impactCo2({ transport: 'voiturethermique', distanceKm: 1, officeDays: 0, teleworkDays: 0 }).factorKgPerKm).toBe(
      0.14225341222954335,
    );
  });
});

describe('impactCo2 (compatibility mode)', () => {
  it('for every transport: factor = sum of its components from 0, and the reference relations hold exactly', () => {
    const distances = [0, 0.4, 7, 12.3, 30, 250, 1500, 4000, 8000];
    for (const mode of IMPACT_CO2_MODES) {
      for (const distanceKm of distances) {
        for (const [officeDays, teleworkDays] of [
          [0, 0],
          [3, 2],
          [5, 0],
          [1, 4],
          [7, 7],
        ] as const) {
          const r = impactCo2({ transport: mode.slug, distanceKm, officeDays, teleworkDays });
          let factor: number;
          if ('bands' in mode) {
            const band = mode.bands.find((b) => accepts(b, distanceKm)) ?? mode.bands[0]!;
            factor = sum(band.components);
            expect(r.band).toBe(band.name);
          } else {
            factor = 'components' in mode ? sum(mode.components) : mode.total;
            expect(r.band).toBeNull();
          }
          const label = `${mode.slug} ${distanceKm} ${officeDays}/${teleworkDays}`;
          expect(r.transport).toBe(mode.slug);
          expect(r.distanceType).toBe(mode.distanceType);
          expect(r.factorKgPerKm, label).toBe(factor);
          expect(r.totalKgPerWeeklyDay, label).toBe(factor * distanceKm * 92);
          expect(r.generatedKg, label).toBe(r.totalKgPerWeeklyDay * officeDays);
          expect(r.savedKg, label).toBe(0.75 * teleworkDays * r.totalKgPerWeeklyDay);
          expect(r.footprintPercent, label).toBe(r.savedKg / 91);
          for (const key of ['generated', 'saved', 'footprintPercent'] as const) {
            const raw = key === 'generated' ? r.generatedKg : key === 'saved' ? r.savedKg : r.footprintPercent;
            const shown = r.display[key];
            const decimals = raw > 100 ? 0 : raw > 10 ? 1 : 2;
            expect(Math.abs(shown - raw), `${label} ${key}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
            expect(Math.abs(shown * 10 ** decimals - Math.round(shown * 10 ** decimals)), `${label} ${key}`).toBeLessThan(1e-6);
          }
        }
      }
    }
  });

  it('reproduces a worked example: thermal car, 30 km, 3 days at the office, 2 teleworking', () => {
    const r = impactCo2({ transport: 'voiturethermique', distanceKm: 30, officeDays: 3, teleworkDays: 2 });
    // 0.14225341222954335 × 30 × 92 = 392.619…; × 3 = 1177.86; 0.75 × 2 × 392.62 = 588.93; ÷ 91 = 6.4717 %
    expect(r.distanceType).toBe('car');
    expect(r.totalKgPerWeeklyDay).toBeCloseTo(392.6194177535, 9);
    expect(r.generatedKg).toBeCloseTo(1177.8582532606, 9);
    expect(r.savedKg).toBeCloseTo(588.9291266303, 9);
    expect(r.footprintPercent).toBeCloseTo(6.4717486443, 9);
    expect(r.display).toEqual({ generated: 1178, saved: 589, footprintPercent: 6.47 });
  });

  it('reproduces a TER example (one-decimal branch) and a bike example (two-decimal branch)', () => {
    // 0.02769 × 12 × 92 = 30.56976; × 4 = 122.279; × 0.75 = 22.927; ÷ 91 = 0.25195
    const ter = impactCo2({ transport: 'ter', distanceKm: 12, officeDays: 4, teleworkDays: 1 });
    expect(ter.display).toEqual({ generated: 122, saved: 22.9, footprintPercent: 0.25 });
    // 0.00017 × 5 × 92 = 0.0782; × 5 = 0.391; nothing saved
    const bike = impactCo2({ transport: 'velo', distanceKm: 5, officeDays: 5, teleworkDays: 0 });
    expect(bike.display).toEqual({ generated: 0.39, saved: 0, footprintPercent: 0 });
    expect(impactCo2({ transport: 'marche', distanceKm: 3, officeDays: 5, teleworkDays: 2 }).savedKg).toBe(0);
  });

  it('picks the plane band as the reference does, at every band edge', () => {
    const cases: [number, string][] = [
      [0, 'courtcourrier'], // no band accepts: the first
      [299.9, 'courtcourrier'], // below every min: the first
      [300, 'courtcourrier'],
      [1000, 'courtcourrier'],
      [1000.5, 'courtcourrier'], // in the gap between 1000 and 1001: none accepts, the first
      [1001, 'moyencourrier'],
      [2000, 'moyencourrier'],
      [2000.5, 'courtcourrier'], // gap again
      [2001, 'moyenlongcourrier'], // both long bands accept from 2001: the first listed wins
      [5000, 'moyenlongcourrier'],
      [5000.01, 'longcourrier'],
      [19000, 'longcourrier'],
    ];
    const plane = IMPACT_CO2_MODES.find((mode) => mode.slug === 'avion')!;
    for (const [distanceKm, name] of cases) {
      const r = impactCo2({ transport: 'avion', distanceKm, officeDays: 1, teleworkDays: 1 });
      expect(r.band, String(distanceKm)).toBe(name);
      expect(r.distanceType).toBe('plane');
      const band = 'bands' in plane ? plane.bands.find((b) => b.name === name)! : undefined;
      expect(r.factorKgPerKm).toBe(sum(band!.components));
    }
    expect(impactCo2({ transport: 'avion', distanceKm: 500, officeDays: 0, teleworkDays: 0 }).factorKgPerKm).toBeCloseTo(
      0.224572,
      15,
    );
  });
});

describe('roundLikeImpactCo2', () => {
  it('rounds to two decimals up to 10 included, one decimal above 10 up to 100 included, integers above 100', () => {
    const cases: [number, number][] = [
      [0, 0],
      [0.004, 0],
      [0.005, 0.01], // 0.005 × 100 = 0.5, halves go up
      [1.234, 1.23],
      [9.994, 9.99],
      [9.999, 10],
      [10, 10], // not above 10: two decimals (10.00)
      [10.006, 10], // above 10: one decimal (two decimals would give 10.01)
      [10.04, 10],
      [10.05, 10.1], // 10.05 × 10 is 100.5 in floating point
      [55.55, 55.6],
      [99.95, 100], // 99.95 × 10 = 999.5 → 1000 → 100
      [100, 100], // not above 100: one decimal (100.0)
      [100.04, 100],
      [100.06, 100], // above 100: integer (one decimal would give 100.1)
      [100.5, 101],
      [4765.4, 4765],
      [Number.NaN, 0],
    ];
    for (const [value, shown] of cases) expect(roundLikeImpactCo2(value), String(value)).toBe(shown);
  });
});

describe('impactCo2 validation', () => {
  const base = { transport: 'voiturethermique', distanceKm: 20, officeDays: 3, teleworkDays: 2 };

  it('refuses an unknown transport', () => {
    for (const transport of ['voiture', '', 'AVION', 'avion-courtcourrier', 'car']) {
      expectInvalid(() => impactCo2({ ...base, transport }), 'simulator_unknown_transport', { transport });
    }
  });

  it('refuses a negative or non-finite distance', () => {
    for (const distanceKm of [-1, -0.001, Number.NaN, Number.POSITIVE_INFINITY, '12' as unknown as number]) {
      expectInvalid(() => impactCo2({ ...base, distanceKm }), 'simulator_distance_invalid', { field: 'distanceKm' });
    }
    expect(impactCo2({ ...base, distanceKm: 0 }).savedKg).toBe(0);
  });

  it('refuses days that are not integers from 0 to 7', () => {
    for (const days of [-1, 8, 2.5, Number.NaN]) {
      expectInvalid(() => impactCo2({ ...base, officeDays: days }), 'simulator_days_invalid', {
        field: 'officeDays',
        min: 0,
        max: 7,
      });
      expectInvalid(() => impactCo2({ ...base, teleworkDays: days }), 'simulator_days_invalid', { field: 'teleworkDays' });
    }
    expect(impactCo2({ ...base, officeDays: 7, teleworkDays: 0 }).generatedKg).toBeGreaterThan(0);
  });
});
