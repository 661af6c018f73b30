/**
 * Compatibility mode: ADEME Impact CO2's *Télétravail* simulator, reproduced exactly — same factors, same
 * floating-point operations in the same order, same display rounding. See constants.ts for the sources.
 */
import { invalid } from '../errors.ts';
import {
  DAYS_PER_WEEK_RANGE,
  IMPACT_CO2_MODES,
  IMPACT_CO2_PERCENT_DIVISOR,
  IMPACT_CO2_REBOUND_KEPT,
  IMPACT_CO2_TRIPS_PER_WEEKLY_DAY,
  type FactorComponent,
  type ImpactCo2DistanceType,
  type ImpactCo2Mode,
  type ImpactCo2PlaneBand,
  type ImpactCo2Slug,
} from './constants.ts';

export interface ImpactCo2Input {
  /** An Impact CO2 transport slug (`voiturethermique`, `ter`, `avion`…). */
  transport: string;
  /** One-way home–work distance in km, of the mode's distance type (road, rail, walking, great-circle). */
  distanceKm: number;
  /** Days a week at the office (integer 0–7). */
  officeDays: number;
  /** Days a week teleworking (integer 0–7). */
  teleworkDays: number;
}

export interface ImpactCo2Result {
  transport: ImpactCo2Slug;
  /** The plane band used (`courtcourrier`…), null for other modes. */
  band: string | null;
  distanceType: ImpactCo2DistanceType;
  /** kg CO2e per passenger-km: the sum of the components from 0, in the listed order. */
  factorKgPerKm: number;
  /** `factor × distance × 92`: kg CO2e a year for one day a week of commuting. */
  totalKgPerWeeklyDay: number;
  /** `total × officeDays`: kg CO2e emitted a year. */
  generatedKg: number;
  /** `0.75 × teleworkDays × total`: kg CO2e saved a year (25 % rebound). */
  savedKg: number;
  /** `saved / 91`: share (in %) of a 9.1 t yearly footprint. */
  footprintPercent: number;
  /** The three figures rounded as the reference shows them (see `roundLikeImpactCo2`). */
  display: { generated: number; saved: number; footprintPercent: number };
}

const MODES_BY_SLUG = new Map<string, ImpactCo2Mode>(IMPACT_CO2_MODES.map((mode) => [mode.slug, mode]));

export const findImpactCo2Mode = (slug: string): ImpactCo2Mode | undefined => MODES_BY_SLUG.get(slug);

export const impactCo2Slugs = (): ImpactCo2Slug[] => IMPACT_CO2_MODES.map((mode) => mode.slug);

export function isImpactCo2Slug(value: string): value is ImpactCo2Slug {
  return MODES_BY_SLUG.has(value);
}

/** Sum of the components from 0, in the listed order (the reference's reduce). */
function sumComponents(components: readonly FactorComponent[]): number {
  let sum = 0;
  for (const [, value] of components) sum = sum + value;
  return sum;
}

/** The reference's distance filter: a band rejects a distance above its `max` or below its `min`. */
function bandAccepts(band: ImpactCo2PlaneBand, distanceKm: number): boolean {
  const { min, max } = band.display;
  if (!min && !max) return true;
  if (max && max < distanceKm) return false;
  if (min && min > distanceKm) return false;
  return true;
}

/** The first plane band that accepts the distance, otherwise the first band. */
export function selectPlaneBand(bands: readonly ImpactCo2PlaneBand[], distanceKm: number): ImpactCo2PlaneBand {
  const band = bands.find((candidate) => bandAccepts(candidate, distanceKm)) ?? bands[0];
  if (!band) throw new Error('A plane mode needs at least one band');
  return band;
}

/** Factor (kg CO2e per passenger-km) of a mode at a distance, and the plane band used if any. */
export function impactCo2Factor(mode: ImpactCo2Mode, distanceKm: number): { factor: number; band: string | null } {
  if ('bands' in mode) {
    const band = selectPlaneBand(mode.bands, distanceKm);
    return { factor: sumComponents(band.components), band: band.name };
  }
  if ('components' in mode) return { factor: sumComponents(mode.components), band: null };
  return { factor: mode.total, band: null };
}

/**
 * The reference's display rounding. "Above" is strict, as in Impact CO2's `formatNumber`: a value > 100 is
 * rounded to an integer; a value > 10 (so 100 itself) to one decimal; anything else (so 10 itself) to two
 * decimals. Rounding is `Math.round(value × 10ⁿ) / 10ⁿ` (halves go up), on the floating-point product; 0 (and
 * NaN) show as 0. Returned as numbers: the page formats them for the locale.
 */
export function roundLikeImpactCo2(value: number): number {
  if (!value) return 0;
  if (value > 100) return Math.round(value);
  if (value > 10) return Math.round(value * 10) / 10;
  return Math.round(value * 100) / 100;
}

function checkDays(field: 'officeDays' | 'teleworkDays', value: number): void {
  if (!Number.isInteger(value) || value < DAYS_PER_WEEK_RANGE.min || value > DAYS_PER_WEEK_RANGE.max) {
    throw invalid('simulator_days_invalid', { field, min: DAYS_PER_WEEK_RANGE.min, max: DAYS_PER_WEEK_RANGE.max });
  }
}

/**
 * Impact CO2's *Télétravail* figures for a one-way distance. Like the reference, office and telework days are
 * independent (their sum is not checked against 7). Throws `invalid` on an unknown slug, a negative or
 * non-finite distance, or days that are not integers from 0 to 7.
 */
export function impactCo2(input: ImpactCo2Input): ImpactCo2Result {
  const mode = MODES_BY_SLUG.get(input.transport);
  if (!mode) throw invalid('simulator_unknown_transport', { transport: String(input.transport) });
  const distance = input.distanceKm;
  if (typeof distance !== 'number' || !Number.isFinite(distance) || distance < 0) {
    throw invalid('simulator_distance_invalid', { field: 'distanceKm' });
  }
  checkDays('officeDays', input.officeDays);
  checkDays('teleworkDays', input.teleworkDays);

  const { factor, band } = impactCo2Factor(mode, distance);
  // Same operations, same order as the reference: `value * distance * 92`, `total * presentiel`,
  // `0.75 * homeOffice * total`, `(0.75 * homeOffice * total) / 91`.
  const total = factor * distance * IMPACT_CO2_TRIPS_PER_WEEKLY_DAY;
  const generated = total * input.officeDays;
  const saved = IMPACT_CO2_REBOUND_KEPT * input.teleworkDays * total;
  const percent = saved / IMPACT_CO2_PERCENT_DIVISOR;
  return {
    transport: mode.slug as ImpactCo2Slug,
    band,
    distanceType: mode.distanceType,
    factorKgPerKm: factor,
    totalKgPerWeeklyDay: total,
    generatedKg: generated,
    savedKg: saved,
    footprintPercent: percent,
    display: {
      generated: roundLikeImpactCo2(generated),
      saved: roundLikeImpactCo2(saved),
      footprintPercent: roundLikeImpactCo2(percent),
    },
  };
}
