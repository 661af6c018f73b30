/**
 * The French barème kilométrique (constants.ts): the yearly cost of driving `d` km for work, and the per-km rate
 * the simulator uses for a km avoided.
 */
import { invalid } from '../errors.ts';
import {
  BAREME_ELECTRIC_SURCHARGE,
  BAREME_KILOMETRIQUE,
  FISCAL_HORSEPOWER_RANGE,
  type BaremeBand,
  type BaremeBracket,
  type BaremeVehicle,
} from './constants.ts';

/** The horsepower line of the scale for a vehicle (mopeds have a single line, whatever `fiscalHorsepower`). */
export function baremeBand(vehicle: BaremeVehicle, fiscalHorsepower: number): BaremeBand {
  const bands = BAREME_KILOMETRIQUE[vehicle];
  if (vehicle === 'moped') return bands[0]!;
  const cv = fiscalHorsepower;
  if (!Number.isInteger(cv) || cv < FISCAL_HORSEPOWER_RANGE.min || cv > FISCAL_HORSEPOWER_RANGE.max) {
    throw invalid('simulator_fiscal_horsepower_invalid', { field: 'fiscalHorsepower', ...FISCAL_HORSEPOWER_RANGE });
  }
  const band = bands.find((b) => cv >= b.minCv && (b.maxCv === null || cv <= b.maxCv));
  if (!band) {
    throw invalid('simulator_fiscal_horsepower_invalid', { field: 'fiscalHorsepower', ...FISCAL_HORSEPOWER_RANGE });
  }
  return band;
}

/** The bracket for `d` km a year: the first whose `upToKm` is ≥ d (5 000 → first, 5 000.01 → second). */
export function baremeBracket(band: BaremeBand, yearlyKm: number): BaremeBracket {
  if (!Number.isFinite(yearlyKm) || yearlyKm < 0) throw invalid('simulator_distance_invalid', { field: 'yearlyKm' });
  return band.brackets.find((b) => b.upToKm === null || yearlyKm <= b.upToKm) ?? band.brackets[2];
}

/** Yearly cost (€) of `d` km for work: `d × rate + constant` of its bracket, × 1.20 for a 100 % electric vehicle. */
export function baremeCost(band: BaremeBand, yearlyKm: number, electric = false): number {
  const bracket = baremeBracket(band, yearlyKm);
  const cost = yearlyKm * bracket.rate + bracket.constant;
  return electric ? cost * BAREME_ELECTRIC_SURCHARGE : cost;
}

/**
 * € saved per km avoided: the slope of the middle bracket (5 001–20 000 km for cars, 3 001–6 000 for
 * two-wheelers), × 1.20 for a 100 % electric vehicle, whatever the yearly distance.
 *
 * Why the middle slope: only the middle bracket is affine (`d × r2 + constant`), so `r2` is a marginal cost and the
 * constant is the fixed share (insurance, depreciation by age) that telework does not remove. The outer brackets
 * are proportional (`d × r`): their rate is an average cost that includes the fixed share. Taking the rate of
 * the bracket the yearly km fall in would count fixed costs under 5 000 km and make savings drop when the
 * distance grows (5 CV: 0.636 €/km at 5 000 km, 0.357 €/km just above), so savings would not grow with the
 * commute.
 */
export function baremeMarginalRate(band: BaremeBand, electric = false): number {
  const rate = band.brackets[1].rate;
  return electric ? rate * BAREME_ELECTRIC_SURCHARGE : rate;
}
