import * as z from 'zod';
import { locationParam } from '../geo/index.ts';
import { booleanParam, decimalParam, integerParam } from '../params.ts';
import { COMMUTE_MODES, ENERGIES } from './constants.ts';
import { COST_METHODS, CURRENCIES } from './maillage.ts';
import type { SimulationRequest } from './service.ts';

export const ImpactCo2Query = z
  .object({
    transport: z.string({ error: 'simulator_transport_required' }).meta({ description: 'An Impact CO2 transport slug', example: 'voiturethermique' }),
    distanceKm: decimalParam("One-way distance (km) of the mode's distance type"),
    officeDays: integerParam('Days a week at the office, 0–7'),
    teleworkDays: integerParam('Days a week teleworking, 0–7'),
  })
  .meta({ id: 'ImpactCo2Query' });

export const ImpactCo2Result = z
  .object({
    transport: z.string(),
    band: z.string().nullable(),
    distanceType: z.enum(['car', 'rail', 'foot', 'plane']),
    factorKgPerKm: z.number(),
    totalKgPerWeeklyDay: z.number(),
    generatedKg: z.number(),
    savedKg: z.number(),
    footprintPercent: z.number(),
    display: z.object({ generated: z.number(), saved: z.number(), footprintPercent: z.number() }),
  })
  .meta({ id: 'ImpactCo2Result' });

export const SimulationQuery = z
  .object({
    home: locationParam('Home'),
    work: locationParam('Usual workplace'),
    place: locationParam('The coworking place (default: the nearest open place of the directory)').optional(),
    mode: z.enum(COMMUTE_MODES, { error: 'simulator_unknown_mode' }).default('car'),
    energy: z.enum(ENERGIES, { error: 'simulator_unknown_energy' }).optional(),
    consumption: decimalParam('L (kWh for electric) per 100 km').optional(),
    occupancy: decimalParam('People in the vehicle, ≥ 1 (default 1)').optional(),
    horsepower: integerParam('Fiscal horsepower (CV), for the barème').optional(),
    fuelPrice: decimalParam('Price of a litre or kWh, for the fuel method').optional(),
    wear: decimalParam('Wear and maintenance per km, for the fuel method').optional(),
    days: integerParam('Days a week in the place, 0–7').default(2),
    weeks: integerParam('Working weeks a year, 1–52 (default 46)').optional(),
    rebound: booleanParam("Apply Impact CO2's 25 % rebound to the CO2e").default(false),
    currency: z.enum(CURRENCIES, { error: 'simulator_unknown_currency' }).default('EUR'),
    costMethod: z.enum(COST_METHODS, { error: 'simulator_cost_method_invalid' }).optional(),
    detour: decimalParam('Road km per straight-line km (default 1.3)').optional(),
    dayPrice: decimalParam('Price of a day in the place').optional(),
    speed: decimalParam('Door-to-door average speed, km/h').optional(),
  })
  .meta({ id: 'SimulationQuery' });

const ResolvedLocation = z.object({
  code: z.string().nullable(),
  name: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  coordinatesSource: z.string().nullable(),
});

export const Simulation = z
  .object({
    home: ResolvedLocation,
    work: ResolvedLocation,
    place: ResolvedLocation.nullable(),
    placeSource: z.enum(['given', 'nearest', 'none']).meta({ description: 'Without `place`, the nearest open place of the directory to home' }),
    directoryPlace: z.object({ slug: z.string(), name: z.string(), dayPrice: z.number().nullable() }).nullable(),
    homeToWorkKm: z.number().meta({ description: 'Straight-line km' }),
    homeToPlaceKm: z.number().nullable(),
    mode: z.string(),
    impactCo2Slug: z.string(),
    kmAvoided: z.number().meta({ description: 'Road km avoided a year' }),
    co2eKgAvoided: z.number().meta({ description: 'kg CO2e avoided a year' }),
    hoursSaved: z.number(),
    moneySaved: z.number(),
    currency: z.enum(CURRENCIES),
    costMethod: z.string(),
    coworkingCost: z.number(),
    netSaving: z.number(),
    placeFartherThanWork: z.boolean(),
    warnings: z.array(z.string()),
    assumptions: z.array(
      z.object({
        key: z.string(),
        value: z.union([z.number(), z.string(), z.boolean()]),
        unit: z.string().optional(),
        source: z.enum(['input', 'default', 'reference', 'computed']),
        reference: z.string().optional(),
        formula: z.string().optional(),
      }),
    ),
    impactCo2: ImpactCo2Result.meta({ description: "Impact CO2's figure for the same trip (home to work, days teleworked)" }),
  })
  .meta({ id: 'Simulation' });

/** The parsed query as the domain's request. */
export function simulationRequestOf(query: z.output<typeof SimulationQuery>): SimulationRequest {
  const vehicle = {
    energy: query.energy,
    consumptionPer100Km: query.consumption,
    occupancy: query.occupancy,
    fiscalHorsepower: query.horsepower,
    pricePerUnit: query.fuelPrice,
    wearPerKm: query.wear,
  };
  return {
    home: query.home,
    work: query.work,
    place: query.place,
    mode: query.mode,
    vehicle: Object.fromEntries(Object.entries(vehicle).filter(([, value]) => value !== undefined)),
    daysPerWeek: query.days,
    workingWeeks: query.weeks,
    rebound: query.rebound,
    currency: query.currency,
    costMethod: query.costMethod,
    detourFactor: query.detour,
    placeDayPrice: query.dayPrice,
    averageSpeedKmH: query.speed,
  };
}
