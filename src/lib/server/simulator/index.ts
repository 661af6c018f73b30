// The commute-savings simulator: pure functions, no database.
// Compatibility mode (ADEME Impact CO2, exact) and Maillage mode (km, CO2e, hours, money, with assumptions).
export {
  impactCo2,
  impactCo2Factor,
  impactCo2Slugs,
  isImpactCo2Slug,
  roundLikeImpactCo2,
  selectPlaneBand,
  type ImpactCo2Input,
  type ImpactCo2Result,
} from './impactco2.ts';
export {
  maillageSavings,
  COST_METHODS,
  COST_METHODS_BY_CURRENCY,
  CURRENCIES,
  type Assumption,
  type AssumptionSource,
  type CostMethod,
  type Currency,
  type MaillageInput,
  type MaillageResult,
  type MaillageWarning,
  type VehicleInput,
} from './maillage.ts';
export { baremeBand, baremeBracket, baremeCost, baremeMarginalRate } from './bareme.ts';
export {
  BAREME_KILOMETRIQUE,
  COMMUTE_MODES,
  DAYS_PER_WEEK_RANGE,
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_SPEED_KMH,
  DEFAULT_WORKING_WEEKS,
  DETOUR_FACTOR_RANGE,
  ENERGIES,
  FISCAL_HORSEPOWER_RANGE,
  IMPACT_CO2_DISTANCE_TYPES,
  IMPACT_CO2_MODES,
  MAX_CONSUMPTION_PER_100_KM,
  MAX_ONE_WAY_ROAD_KM,
  OCCUPANCY_RANGE,
  SPEED_RANGE_KMH,
  TCS_VARIABLE_COST_CHF_PER_KM,
  VEHICLE_MODES,
  WORKING_WEEKS_RANGE,
  type CommuteMode,
  type Energy,
  type ImpactCo2DistanceType,
  type ImpactCo2Slug,
  type VehicleMode,
} from './constants.ts';
export { simulateCommute, type Simulation, type SimulationRequest, type ResolvedLocation } from './service.ts';
