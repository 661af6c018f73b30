// Labels of the simulator's codes, one catalogue message per code: the page ships only these messages, never the
// whole catalogue. For the closed vocabularies, a code without a label is a compile error.
import { m } from '$lib/paraglide/messages.js';
import type { CommuteMode, Energy } from '$lib/server/simulator/constants';
import type { AssumptionSource, CostMethod } from '$lib/server/simulator/maillage';

type Label = () => string;

/** In the order of the form. */
export const modeLabels: Record<CommuteMode, Label> = {
  car: m.mode_car,
  motorbike: m.mode_motorbike,
  bus: m.mode_bus,
  coach: m.mode_coach,
  train: m.mode_train,
  highSpeedTrain: m.mode_highSpeedTrain,
  rer: m.mode_rer,
  metro: m.mode_metro,
  tram: m.mode_tram,
  ebike: m.mode_ebike,
  bike: m.mode_bike,
  walk: m.mode_walk,
};

/** In the order of the form. */
export const energyLabels: Record<Energy, Label> = {
  petrol: m.energy_petrol,
  diesel: m.energy_diesel,
  electric: m.energy_electric,
  hybrid: m.energy_hybrid,
  lpg: m.energy_lpg,
};

export const costMethodLabels: Record<CostMethod | 'none', Label> = {
  bareme: m.cost_method_bareme,
  fuel: m.cost_method_fuel,
  tcs: m.cost_method_tcs,
  none: m.cost_method_none,
};

export const sourceLabels: Record<AssumptionSource, Label> = {
  input: m.simulator_source_input,
  default: m.simulator_source_default,
  reference: m.simulator_source_reference,
  computed: m.simulator_source_computed,
};

/** By assumption key (`detourFactor`, `tripsPerYear`…); a key without a label is shown as it is. */
export const assumptionLabels: Partial<Record<string, Label>> = {
  averageSpeedKmH: m.assumption_averageSpeedKmH,
  baremeRatePerKm: m.assumption_baremeRatePerKm,
  co2eKgAvoided: m.assumption_co2eKgAvoided,
  commuteKmPerYear: m.assumption_commuteKmPerYear,
  consumptionPer100Km: m.assumption_consumptionPer100Km,
  costMethod: m.assumption_costMethod,
  costPerKm: m.assumption_costPerKm,
  coworkingCost: m.assumption_coworkingCost,
  daysPerWeek: m.assumption_daysPerWeek,
  detourFactor: m.assumption_detourFactor,
  electricSurcharge: m.assumption_electricSurcharge,
  emissionFactorKgPerKm: m.assumption_emissionFactorKgPerKm,
  energy: m.assumption_energy,
  energyPricePerUnit: m.assumption_energyPricePerUnit,
  fiscalHorsepower: m.assumption_fiscalHorsepower,
  homeToPlaceKm: m.assumption_homeToPlaceKm,
  homeToPlaceRoadKm: m.assumption_homeToPlaceRoadKm,
  homeToWorkKm: m.assumption_homeToWorkKm,
  homeToWorkRoadKm: m.assumption_homeToWorkRoadKm,
  hoursSaved: m.assumption_hoursSaved,
  impactCo2FactorKgPerPassengerKm: m.assumption_impactCo2FactorKgPerPassengerKm,
  impactCo2Occupancy: m.assumption_impactCo2Occupancy,
  impactCo2Slug: m.assumption_impactCo2Slug,
  kmAvoided: m.assumption_kmAvoided,
  mode: m.assumption_mode,
  moneySaved: m.assumption_moneySaved,
  netSaving: m.assumption_netSaving,
  occupancy: m.assumption_occupancy,
  placeDayPrice: m.assumption_placeDayPrice,
  placeDaysPerYear: m.assumption_placeDaysPerYear,
  placeKmPerYear: m.assumption_placeKmPerYear,
  reboundKept: m.assumption_reboundKept,
  tripsPerYear: m.assumption_tripsPerYear,
  wearPerKm: m.assumption_wearPerKm,
  workingWeeks: m.assumption_workingWeeks,
};

/** What each figure is, in words, by assumption key: the API's citations and formulas are not shown as they are. */
export const assumptionNotes: Partial<Record<string, Label>> = {
  averageSpeedKmH: m.simulator_note_averageSpeedKmH,
  baremeRatePerKm: m.simulator_note_baremeRatePerKm,
  co2eKgAvoided: m.simulator_note_co2eKgAvoided,
  commuteKmPerYear: m.simulator_note_commuteKmPerYear,
  consumptionPer100Km: m.simulator_note_consumptionPer100Km,
  costPerKm: m.simulator_note_costPerKm,
  coworkingCost: m.simulator_note_coworkingCost,
  detourFactor: m.simulator_note_detourFactor,
  electricSurcharge: m.simulator_note_electricSurcharge,
  emissionFactorKgPerKm: m.simulator_note_emissionFactorKgPerKm,
  energyPricePerUnit: m.simulator_note_energyPricePerUnit,
  fiscalHorsepower: m.simulator_note_fiscalHorsepower,
  homeToPlaceKm: m.simulator_note_homeToPlaceKm,
  homeToPlaceRoadKm: m.simulator_note_homeToPlaceRoadKm,
  homeToWorkKm: m.simulator_note_homeToWorkKm,
  homeToWorkRoadKm: m.simulator_note_homeToWorkRoadKm,
  hoursSaved: m.simulator_note_hoursSaved,
  impactCo2FactorKgPerPassengerKm: m.simulator_note_impactCo2FactorKgPerPassengerKm,
  impactCo2Occupancy: m.simulator_note_impactCo2Occupancy,
  impactCo2Slug: m.simulator_note_impactCo2Slug,
  kmAvoided: m.simulator_note_kmAvoided,
  moneySaved: m.simulator_note_moneySaved,
  netSaving: m.simulator_note_netSaving,
  occupancy: m.simulator_note_occupancy,
  placeDayPrice: m.simulator_note_placeDayPrice,
  placeDaysPerYear: m.simulator_note_placeDaysPerYear,
  placeKmPerYear: m.simulator_note_placeKmPerYear,
  reboundKept: m.simulator_note_reboundKept,
  tripsPerYear: m.simulator_note_tripsPerYear,
  wearPerKm: m.simulator_note_wearPerKm,
  workingWeeks: m.simulator_note_workingWeeks,
};

/** Units counted in things: their word agrees with the value (`1 personne`, `2 personnes`). */
const countedUnits: Partial<Record<string, (inputs: { count: number }) => string>> = {
  people: m.unit_people,
  days: m.unit_days,
  'days/week': m.unit_days_per_week,
  weeks: m.unit_weeks,
  'one-way trips': m.unit_trips,
};

/** A unit of the simulator's figures in the page's language: money as its sign, CO₂ with its subscript. */
export function unitLabel(unit: string | undefined, value: number | string | boolean): string {
  if (!unit) return '';
  const counted = countedUnits[unit];
  if (counted) return counted({ count: typeof value === 'number' ? value : 0 });
  if (unit === 'kg CO2e/passenger-km') return m.unit_per_passenger_km();
  const text = unit.replace(/\bEUR\b/g, '€').replace('CO2e', 'CO₂e');
  const perDay = /^(.+)\/day$/.exec(text);
  return perDay ? m.unit_per_day({ money: perDay[1]! }) : text;
}
