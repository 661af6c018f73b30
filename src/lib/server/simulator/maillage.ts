/**
 * Maillage mode: what working N days a week in a place near home saves in a year, instead of commuting —
 * km, kg CO2e, hours and money, with the trip to the place counted, the user's own vehicle, and every figure
 * used listed in `assumptions` so that a reader can recompute the result. Pure: no I/O.
 */
import { invalid } from '../errors.ts';
import { baremeBand, baremeMarginalRate } from './bareme.ts';
import {
  BAREME_ELECTRIC_SURCHARGE,
  BAREME_SOURCE,
  CAR_FUEL_DEFAULTS,
  CAR_SLUG_BY_ENERGY,
  COMMUTE_MODES,
  DAYS_PER_WEEK_RANGE,
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_ENERGY,
  DEFAULT_FISCAL_HORSEPOWER,
  DEFAULT_SPEED_KMH,
  DEFAULT_WORKING_WEEKS,
  DETOUR_FACTOR_RANGE,
  ENERGIES,
  FISCAL_HORSEPOWER_RANGE,
  FUEL_SOURCE,
  IMPACT_CO2_OCCUPANCY_BY_VEHICLE,
  IMPACT_CO2_REBOUND_KEPT,
  IMPACT_CO2_SOURCE,
  MAX_CONSUMPTION_PER_100_KM,
  MAX_ONE_WAY_ROAD_KM,
  MOTORBIKE_FUEL_DEFAULTS,
  MOTORBIKE_SLUG_BY_ENERGY,
  OCCUPANCY_RANGE,
  SPEED_RANGE_KMH,
  SPEED_SOURCE,
  TCS_SOURCE,
  TCS_VARIABLE_COST_CHF_PER_KM,
  TRANSIT_SLUG_BY_MODE,
  VEHICLE_MODES,
  WORKING_WEEKS_RANGE,
  type CommuteMode,
  type Energy,
  type FuelDefault,
  type ImpactCo2Slug,
  type VehicleMode,
} from './constants.ts';
import { findImpactCo2Mode, impactCo2Factor } from './impactco2.ts';

export const CURRENCIES = ['EUR', 'CHF'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** `bareme` (French scale, EUR), `tcs` (Swiss variable cost, CHF), `fuel` (the user's own energy figures). */
export const COST_METHODS = ['bareme', 'fuel', 'tcs'] as const;
export type CostMethod = (typeof COST_METHODS)[number];
/** The cost methods each currency accepts; the first is the default. */
export const COST_METHODS_BY_CURRENCY: Record<Currency, readonly CostMethod[]> = {
  EUR: ['bareme', 'fuel'],
  CHF: ['tcs', 'fuel'],
};

export interface VehicleInput {
  /** Default `petrol`. `hybrid` is a non-plug-in hybrid. */
  energy?: Energy;
  /** L/100 km (kWh/100 km for `electric`), for the `fuel` method; default from constants.ts. */
  consumptionPer100Km?: number;
  /** People sharing the vehicle on the commute, ≥ 1 (may be an average such as 1.5); default 1. */
  occupancy?: number;
  /** Fiscal horsepower (CV) for the barème; default 5 for a car, 3 for a motorbike. */
  fiscalHorsepower?: number;
  /** Price of a litre (kWh for `electric`) in the chosen currency, for the `fuel` method; required in CHF. */
  pricePerUnit?: number;
  /** Wear and maintenance per km in the chosen currency, added by the `fuel` method; default 0. */
  wearPerKm?: number;
}

export interface MaillageInput {
  /** Straight-line distance home → workplace, km. */
  homeToWorkKm: number;
  /** Straight-line distance home → the place, km; null when the days are spent at home (no trip). */
  homeToPlaceKm: number | null;
  /** Road km per straight-line km (1–3); default 1.3. */
  detourFactor?: number;
  mode: CommuteMode;
  /** Used by `car` and `motorbike` only; ignored by the other modes. */
  vehicle?: VehicleInput;
  /** Days a week spent in the place instead of at work (integer 0–7). */
  daysPerWeek: number;
  /** Working weeks a year (integer 1–52); default 46. */
  workingWeeks?: number;
  /** Apply Impact CO2's 25 % rebound (extra trips on the days not commuting) to the CO2e; default false. */
  rebound?: boolean;
  currency: Currency;
  /** Default: `bareme` in EUR, `tcs` in CHF. */
  costMethod?: CostMethod;
  /** Price of a day in the place, in the chosen currency; default 0. */
  placeDayPrice?: number;
  /** Door-to-door average speed of the mode (km/h); default from constants.ts. */
  averageSpeedKmH?: number;
}

export type AssumptionSource = 'input' | 'default' | 'reference' | 'computed';

export interface Assumption {
  /** Stable key (`detourFactor`, `tripsPerYear`, `costPerKm`…). */
  key: string;
  value: number | string | boolean;
  unit?: string;
  /** `input`: given by the user; `default`: our assumption; `reference`: a published figure; `computed`. */
  source: AssumptionSource;
  /** The publication (for `reference`) or the basis of the assumption (for `default`). */
  reference?: string;
  /** How a `computed` value follows from the keys before it. */
  formula?: string;
}

/** `placeFartherThanWork`: nothing is avoided. `noCostReference`: no per-km cost for this mode and currency. */
export type MaillageWarning = 'placeFartherThanWork' | 'noCostReference';

export interface MaillageResult {
  mode: CommuteMode;
  impactCo2Slug: ImpactCo2Slug;
  /** Road km avoided a year (≥ 0). */
  kmAvoided: number;
  /** kg CO2e avoided a year (the user's share of the vehicle; × 0.75 when `rebound`). */
  co2eKgAvoided: number;
  /** Hours of travel saved a year. */
  hoursSaved: number;
  /** Travel cost saved a year (the user's share of the vehicle), in `currency`. */
  moneySaved: number;
  currency: Currency;
  /** The method used; `none` for modes without a vehicle of one's own (not priced per km). */
  costMethod: CostMethod | 'none';
  /** Days in the place a year × the day price. */
  coworkingCost: number;
  /** `moneySaved − coworkingCost` (may be negative). */
  netSaving: number;
  placeFartherThanWork: boolean;
  warnings: MaillageWarning[];
  /** Every figure used, in computation order. */
  assumptions: Assumption[];
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const inRange = (value: unknown, range: { min: number; max: number }): value is number =>
  isFiniteNumber(value) && value >= range.min && value <= range.max;
const isVehicleMode = (mode: CommuteMode): mode is VehicleMode => (VEHICLE_MODES as readonly string[]).includes(mode);

function checkPrice(field: string, value: number | undefined): void {
  if (value !== undefined && (!isFiniteNumber(value) || value < 0)) throw invalid('simulator_price_invalid', { field });
}

function checkDistance(field: 'homeToWorkKm' | 'homeToPlaceKm', value: number): void {
  if (!isFiniteNumber(value) || value < 0) throw invalid('simulator_distance_invalid', { field });
}

function validate(input: MaillageInput): void {
  if (!(COMMUTE_MODES as readonly string[]).includes(input.mode)) {
    throw invalid('simulator_unknown_mode', { mode: String(input.mode) });
  }
  if (!(CURRENCIES as readonly string[]).includes(input.currency)) {
    throw invalid('simulator_unknown_currency', { currency: String(input.currency) });
  }
  if (input.costMethod !== undefined && !COST_METHODS_BY_CURRENCY[input.currency].includes(input.costMethod)) {
    throw invalid('simulator_cost_method_invalid', { costMethod: String(input.costMethod), currency: input.currency });
  }
  checkDistance('homeToWorkKm', input.homeToWorkKm);
  if (input.homeToPlaceKm !== null) checkDistance('homeToPlaceKm', input.homeToPlaceKm);
  if (input.detourFactor !== undefined && !inRange(input.detourFactor, DETOUR_FACTOR_RANGE)) {
    throw invalid('simulator_detour_factor_invalid', { field: 'detourFactor', ...DETOUR_FACTOR_RANGE });
  }
  const detour = input.detourFactor ?? DEFAULT_DETOUR_FACTOR;
  for (const [field, km] of [
    ['homeToWorkKm', input.homeToWorkKm],
    ['homeToPlaceKm', input.homeToPlaceKm ?? 0],
  ] as const) {
    if (km * detour > MAX_ONE_WAY_ROAD_KM) {
      throw invalid('simulator_distance_too_long', { field, max: MAX_ONE_WAY_ROAD_KM });
    }
  }
  if (!Number.isInteger(input.daysPerWeek) || !inRange(input.daysPerWeek, DAYS_PER_WEEK_RANGE)) {
    throw invalid('simulator_days_invalid', { field: 'daysPerWeek', ...DAYS_PER_WEEK_RANGE });
  }
  if (
    input.workingWeeks !== undefined &&
    (!Number.isInteger(input.workingWeeks) || !inRange(input.workingWeeks, WORKING_WEEKS_RANGE))
  ) {
    throw invalid('simulator_weeks_invalid', { field: 'workingWeeks', ...WORKING_WEEKS_RANGE });
  }
  if (input.averageSpeedKmH !== undefined && !inRange(input.averageSpeedKmH, SPEED_RANGE_KMH)) {
    throw invalid('simulator_speed_invalid', { field: 'averageSpeedKmH', ...SPEED_RANGE_KMH });
  }
  checkPrice('placeDayPrice', input.placeDayPrice);
  const vehicle = input.vehicle;
  if (vehicle) {
    if (vehicle.energy !== undefined && !(ENERGIES as readonly string[]).includes(vehicle.energy)) {
      throw invalid('simulator_unknown_energy', { energy: String(vehicle.energy) });
    }
    if (vehicle.occupancy !== undefined && !inRange(vehicle.occupancy, OCCUPANCY_RANGE)) {
      throw invalid('simulator_occupancy_invalid', { field: 'vehicle.occupancy', ...OCCUPANCY_RANGE });
    }
    if (
      vehicle.consumptionPer100Km !== undefined &&
      (!isFiniteNumber(vehicle.consumptionPer100Km) ||
        vehicle.consumptionPer100Km <= 0 ||
        vehicle.consumptionPer100Km > MAX_CONSUMPTION_PER_100_KM)
    ) {
      throw invalid('simulator_consumption_invalid', {
        field: 'vehicle.consumptionPer100Km',
        max: MAX_CONSUMPTION_PER_100_KM,
      });
    }
    if (
      vehicle.fiscalHorsepower !== undefined &&
      (!Number.isInteger(vehicle.fiscalHorsepower) || !inRange(vehicle.fiscalHorsepower, FISCAL_HORSEPOWER_RANGE))
    ) {
      throw invalid('simulator_fiscal_horsepower_invalid', {
        field: 'vehicle.fiscalHorsepower',
        ...FISCAL_HORSEPOWER_RANGE,
      });
    }
    checkPrice('vehicle.pricePerUnit', vehicle.pricePerUnit);
    checkPrice('vehicle.wearPerKm', vehicle.wearPerKm);
  }
  // Our fuel prices are in euros: in another currency, the `fuel` method needs the user's price.
  if (
    input.costMethod === 'fuel' &&
    input.currency !== 'EUR' &&
    isVehicleMode(input.mode) &&
    vehicle?.pricePerUnit === undefined
  ) {
    throw invalid('simulator_fuel_price_required', { field: 'vehicle.pricePerUnit', currency: input.currency });
  }
}

/**
 * Yearly savings of spending `daysPerWeek` days a week in a place near home instead of commuting.
 *
 * - Road km = straight-line km × detour factor; trips a year = 2 × daysPerWeek × workingWeeks.
 * - km avoided = max(0, road km to work − road km to the place) × trips; when the place is farther than work,
 *   0 and the `placeFartherThanWork` flag (nothing is avoided, nothing is counted negative).
 * - CO2e: the Impact CO2 factor of the mode. For a car or motorbike, the per-passenger-km factor × the occupancy
 *   behind it (1.6 for cars) gives the vehicle-km factor, ÷ the user's occupancy gives their share. × 0.75 only
 *   when `rebound` is asked (km, hours and money are not reduced).
 * - Hours: km avoided ÷ average speed.
 * - Money (car and motorbike only, the user's share ÷ occupancy): EUR `bareme` → middle-bracket slope of the
 *   barème for the horsepower (see `baremeMarginalRate`); CHF `tcs` → TCS variable cost (cars; none for
 *   motorbikes: `noCostReference`); `fuel` → consumption ÷ 100 × price + wear. Other modes: 0 (season tickets and
 *   bikes are not priced per km).
 * - Coworking cost = daysPerWeek × workingWeeks × placeDayPrice; net saving = money saved − coworking cost.
 *
 * Throws `invalid` (DomainError, codes `simulator_*`) on any input out of range, before computing anything.
 */
export function maillageSavings(input: MaillageInput): MaillageResult {
  validate(input);
  const assumptions: Assumption[] = [];
  const note = (entry: Assumption) => assumptions.push(entry);
  const computed = (key: string, value: number, unit: string, formula: string) =>
    note({ key, value, unit, source: 'computed', formula });
  const given = <T>(value: T | undefined, fallback: T): { value: T; source: AssumptionSource } =>
    value === undefined ? { value: fallback, source: 'default' } : { value, source: 'input' };
  const warnings: MaillageWarning[] = [];
  const mode = input.mode;
  const vehicleMode = isVehicleMode(mode) ? mode : null;
  const vehicle = input.vehicle ?? {};
  const money = input.currency;

  // Distances and trips.
  note({ key: 'mode', value: mode, source: 'input' });
  const detour = given(input.detourFactor, DEFAULT_DETOUR_FACTOR);
  note({
    key: 'detourFactor',
    value: detour.value,
    source: detour.source,
    ...(detour.source === 'default' && { reference: 'Maillage assumption (2026): usual road/straight-line ratio' }),
  });
  note({ key: 'homeToWorkKm', value: input.homeToWorkKm, unit: 'km', source: 'input' });
  note(
    input.homeToPlaceKm === null
      ? { key: 'homeToPlaceKm', value: 0, unit: 'km', source: 'default', reference: 'no place: days at home, no trip' }
      : { key: 'homeToPlaceKm', value: input.homeToPlaceKm, unit: 'km', source: 'input' },
  );
  const workRoadKm = input.homeToWorkKm * detour.value;
  const placeRoadKm = input.homeToPlaceKm === null ? 0 : input.homeToPlaceKm * detour.value;
  computed('homeToWorkRoadKm', workRoadKm, 'km', 'homeToWorkKm × detourFactor');
  computed('homeToPlaceRoadKm', placeRoadKm, 'km', 'homeToPlaceKm × detourFactor');
  note({ key: 'daysPerWeek', value: input.daysPerWeek, unit: 'days/week', source: 'input' });
  const weeks = given(input.workingWeeks, DEFAULT_WORKING_WEEKS);
  note({
    key: 'workingWeeks',
    value: weeks.value,
    unit: 'weeks',
    source: weeks.source,
    ...(weeks.source === 'default' && {
      reference: `52 − 5 holiday weeks − 1 week of public holidays (${IMPACT_CO2_SOURCE})`,
    }),
  });
  const tripsPerYear = 2 * input.daysPerWeek * weeks.value;
  computed('tripsPerYear', tripsPerYear, 'one-way trips', '2 × daysPerWeek × workingWeeks');
  computed('commuteKmPerYear', workRoadKm * tripsPerYear, 'km', 'homeToWorkRoadKm × tripsPerYear');
  computed('placeKmPerYear', placeRoadKm * tripsPerYear, 'km', 'homeToPlaceRoadKm × tripsPerYear');
  const placeFartherThanWork = placeRoadKm > workRoadKm;
  if (placeFartherThanWork) warnings.push('placeFartherThanWork');
  const kmAvoided = placeFartherThanWork ? 0 : (workRoadKm - placeRoadKm) * tripsPerYear;
  computed('kmAvoided', kmAvoided, 'km', 'max(0, homeToWorkRoadKm − homeToPlaceRoadKm) × tripsPerYear');

  // CO2e.
  const energy = given(vehicle.energy, DEFAULT_ENERGY);
  let slug: ImpactCo2Slug;
  if (vehicleMode === 'car') slug = CAR_SLUG_BY_ENERGY[energy.value];
  else if (vehicleMode === 'motorbike') slug = MOTORBIKE_SLUG_BY_ENERGY[energy.value];
  else slug = TRANSIT_SLUG_BY_MODE[mode as Exclude<CommuteMode, VehicleMode>];
  const impactMode = findImpactCo2Mode(slug);
  if (!impactMode) throw new Error(`No Impact CO2 mode ${slug}`);
  const passengerKmFactor = impactCo2Factor(impactMode, workRoadKm).factor;
  if (vehicleMode) note({ key: 'energy', value: energy.value, source: energy.source });
  note({ key: 'impactCo2Slug', value: slug, source: 'reference', reference: IMPACT_CO2_SOURCE });
  note({
    key: 'impactCo2FactorKgPerPassengerKm',
    value: passengerKmFactor,
    unit: 'kg CO2e/passenger-km',
    source: 'reference',
    reference: IMPACT_CO2_SOURCE,
  });
  let occupancy = 1;
  let emissionFactor = passengerKmFactor;
  if (vehicleMode) {
    const referenceOccupancy = IMPACT_CO2_OCCUPANCY_BY_VEHICLE[vehicleMode];
    note({
      key: 'impactCo2Occupancy',
      value: referenceOccupancy,
      unit: 'people',
      source: vehicleMode === 'car' ? 'reference' : 'default',
      reference:
        vehicleMode === 'car'
          ? `Impact CO2 car factors assume 1.6 occupants (${IMPACT_CO2_SOURCE})`
          : 'Maillage assumption (2026): one rider behind the Impact CO2 motorbike factor',
    });
    const userOccupancy = given(vehicle.occupancy, 1);
    occupancy = userOccupancy.value;
    note({ key: 'occupancy', value: occupancy, unit: 'people', source: userOccupancy.source });
    emissionFactor = (passengerKmFactor * referenceOccupancy) / occupancy;
    const formula = 'impactCo2FactorKgPerPassengerKm × impactCo2Occupancy ÷ occupancy';
    computed('emissionFactorKgPerKm', emissionFactor, 'kg CO2e/km', formula);
  } else {
    computed('emissionFactorKgPerKm', emissionFactor, 'kg CO2e/km', 'impactCo2FactorKgPerPassengerKm');
  }
  const rebound = input.rebound === true;
  const reboundKept = rebound ? IMPACT_CO2_REBOUND_KEPT : 1;
  note({
    key: 'reboundKept',
    value: reboundKept,
    source: rebound ? 'reference' : 'default',
    reference: rebound
      ? `25 % of the avoided emissions come back as extra trips (${IMPACT_CO2_SOURCE}); CO2e only`
      : 'no rebound asked',
  });
  const co2eKgAvoided = kmAvoided * emissionFactor * reboundKept;
  computed('co2eKgAvoided', co2eKgAvoided, 'kg CO2e', 'kmAvoided × emissionFactorKgPerKm × reboundKept');

  // Hours.
  const speed = given(input.averageSpeedKmH, DEFAULT_SPEED_KMH[mode]);
  note({
    key: 'averageSpeedKmH',
    value: speed.value,
    unit: 'km/h',
    source: speed.source,
    ...(speed.source === 'default' && { reference: SPEED_SOURCE }),
  });
  const hoursSaved = kmAvoided / speed.value;
  computed('hoursSaved', hoursSaved, 'h', 'kmAvoided ÷ averageSpeedKmH');

  // Money.
  let costMethod: CostMethod | 'none' = 'none';
  let costPerKm = 0;
  if (vehicleMode) {
    costMethod = input.costMethod ?? COST_METHODS_BY_CURRENCY[money][0]!;
    note({ key: 'costMethod', value: costMethod, source: input.costMethod === undefined ? 'default' : 'input' });
    if (costMethod === 'bareme') {
      const cv = given(vehicle.fiscalHorsepower, DEFAULT_FISCAL_HORSEPOWER[vehicleMode]);
      note({
        key: 'fiscalHorsepower',
        value: cv.value,
        unit: 'CV',
        source: cv.source,
        ...(cv.source === 'default' && { reference: 'Maillage assumption (2026): a typical vehicle' }),
      });
      const band = baremeBand(vehicleMode === 'car' ? 'car' : 'motorcycle', cv.value);
      const rate = baremeMarginalRate(band);
      note({
        key: 'baremeRatePerKm',
        value: rate,
        unit: 'EUR/km',
        source: 'reference',
        reference: `${BAREME_SOURCE}; ${band.label}, slope of the middle bracket (marginal cost per km)`,
      });
      const surcharge = energy.value === 'electric' ? BAREME_ELECTRIC_SURCHARGE : 1;
      note({
        key: 'electricSurcharge',
        value: surcharge,
        source: 'reference',
        reference: `${BAREME_SOURCE}; × 1.20 for 100 % electric vehicles`,
      });
      costPerKm = rate * surcharge;
      computed('costPerKm', costPerKm, 'EUR/km', 'baremeRatePerKm × electricSurcharge');
    } else if (costMethod === 'tcs') {
      if (vehicleMode === 'car') {
        costPerKm = TCS_VARIABLE_COST_CHF_PER_KM;
        note({ key: 'costPerKm', value: costPerKm, unit: 'CHF/km', source: 'reference', reference: TCS_SOURCE });
      } else {
        warnings.push('noCostReference');
        note({
          key: 'costPerKm',
          value: 0,
          unit: 'CHF/km',
          source: 'default',
          reference: 'no CHF per-km reference for motorbikes',
        });
      }
    } else {
      const fuelDefault: FuelDefault =
        vehicleMode === 'car'
          ? CAR_FUEL_DEFAULTS[energy.value]
          : MOTORBIKE_FUEL_DEFAULTS[energy.value === 'electric' ? 'electric' : 'petrol'];
      const consumption = given(vehicle.consumptionPer100Km, fuelDefault.consumptionPer100Km);
      note({
        key: 'consumptionPer100Km',
        value: consumption.value,
        unit: `${fuelDefault.unit}/100 km`,
        source: consumption.source,
        ...(consumption.source === 'default' && { reference: FUEL_SOURCE }),
      });
      const price = given(vehicle.pricePerUnit, fuelDefault.priceEurPerUnit);
      note({
        key: 'energyPricePerUnit',
        value: price.value,
        unit: `${money}/${fuelDefault.unit}`,
        source: price.source,
        ...(price.source === 'default' && { reference: FUEL_SOURCE }),
      });
      const wear = given(vehicle.wearPerKm, 0);
      note({ key: 'wearPerKm', value: wear.value, unit: `${money}/km`, source: wear.source });
      costPerKm = (consumption.value / 100) * price.value + wear.value;
      computed('costPerKm', costPerKm, `${money}/km`, 'consumptionPer100Km ÷ 100 × energyPricePerUnit + wearPerKm');
    }
  } else {
    note({
      key: 'costPerKm',
      value: 0,
      unit: `${money}/km`,
      source: 'default',
      reference: 'Maillage assumption: season tickets, bikes and walking are not priced per km',
    });
  }
  const moneySaved = (kmAvoided * costPerKm) / occupancy;
  const moneyFormula = vehicleMode ? 'kmAvoided × costPerKm ÷ occupancy' : 'kmAvoided × costPerKm';
  computed('moneySaved', moneySaved, money, moneyFormula);

  // The place.
  const dayPrice = given(input.placeDayPrice, 0);
  note({ key: 'placeDayPrice', value: dayPrice.value, unit: `${money}/day`, source: dayPrice.source });
  const placeDaysPerYear = input.daysPerWeek * weeks.value;
  computed('placeDaysPerYear', placeDaysPerYear, 'days', 'daysPerWeek × workingWeeks');
  const coworkingCost = placeDaysPerYear * dayPrice.value;
  computed('coworkingCost', coworkingCost, money, 'placeDaysPerYear × placeDayPrice');
  const netSaving = moneySaved - coworkingCost;
  computed('netSaving', netSaving, money, 'moneySaved − coworkingCost');

  return {
    mode,
    impactCo2Slug: slug,
    kmAvoided,
    co2eKgAvoided,
    hoursSaved,
    moneySaved,
    currency: money,
    costMethod,
    coworkingCost,
    netSaving,
    placeFartherThanWork,
    warnings,
    assumptions,
  };
}
