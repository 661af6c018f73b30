import type { Db } from '../db/database.ts';
import { invalid } from '../errors.ts';
import type { Location } from '../params.ts';
import { distanceKm, findCommune } from '../territory/index.ts';
import { DEFAULT_DETOUR_FACTOR } from './constants.ts';
import { impactCo2, type ImpactCo2Result } from './impactco2.ts';
import { maillageSavings, type MaillageInput, type MaillageResult } from './maillage.ts';

export interface ResolvedLocation {
  code: string | null;
  name: string | null;
  lat: number;
  lon: number;
  coordinatesSource: string | null;
}

export interface SimulationRequest extends Omit<MaillageInput, 'homeToWorkKm' | 'homeToPlaceKm'> {
  home: Location;
  work: Location;
  /** The place; without it the days are spent at home (no trip). */
  place?: Location;
}

export interface Simulation extends MaillageResult {
  home: ResolvedLocation;
  work: ResolvedLocation;
  place: ResolvedLocation | null;
  homeToWorkKm: number;
  homeToPlaceKm: number | null;
  /** Impact CO2's figure for the same commute: the days in the place counted as telework, the rest at the office. */
  impactCo2: ImpactCo2Result;
}

const WORKING_DAYS_A_WEEK = 5;

export async function resolveLocation(db: Db, location: Location, field: string): Promise<ResolvedLocation> {
  if ('lat' in location) return { code: null, name: null, lat: location.lat, lon: location.lon, coordinatesSource: null };
  const commune = await findCommune(db, location.code);
  if (!commune) throw invalid('simulator_unknown_commune', { code: location.code, field });
  return {
    code: commune.code,
    name: commune.name,
    lat: commune.lat,
    lon: commune.lon,
    coordinatesSource: commune.coordinatesSource,
  };
}

/** The Maillage simulation between real places: communes or points, distances as the crow flies × detour. */
export async function simulateCommute(db: Db, request: SimulationRequest): Promise<Simulation> {
  const { home: homeAt, work: workAt, place: placeAt, ...options } = request;
  const [home, work, place] = await Promise.all([
    resolveLocation(db, homeAt, 'home'),
    resolveLocation(db, workAt, 'work'),
    placeAt ? resolveLocation(db, placeAt, 'place') : null,
  ]);
  const homeToWorkKm = distanceKm(home.lat, home.lon, work.lat, work.lon);
  const homeToPlaceKm = place ? distanceKm(home.lat, home.lon, place.lat, place.lon) : null;
  const result = maillageSavings({ ...options, homeToWorkKm, homeToPlaceKm });
  const roadKm = homeToWorkKm * (options.detourFactor ?? DEFAULT_DETOUR_FACTOR);
  const teleworkDays = Math.min(options.daysPerWeek, WORKING_DAYS_A_WEEK);
  return {
    ...result,
    home,
    work,
    place,
    homeToWorkKm,
    homeToPlaceKm,
    impactCo2: impactCo2({
      transport: result.impactCo2Slug,
      distanceKm: roadKm,
      officeDays: WORKING_DAYS_A_WEEK - teleworkDays,
      teleworkDays,
    }),
  };
}
