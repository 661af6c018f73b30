import type { Db } from '../db/database.ts';
import { invalid } from '../errors.ts';
import type { Location } from '../params.ts';
import { searchPlaces } from '../places/index.ts';
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
  /** Where the days are spent; by default the nearest open place of the directory (none: at home, no trip). */
  place?: Location;
}

/** How far from home the nearest open place is looked for. */
export const NEAREST_PLACE_RADIUS_KM = 100;

export interface Simulation extends MaillageResult {
  home: ResolvedLocation;
  work: ResolvedLocation;
  place: ResolvedLocation | null;
  /** `given`: the request's; `nearest`: the directory's nearest open place to home (see `directoryPlace`). */
  placeSource: 'given' | 'nearest' | 'none';
  directoryPlace: { slug: string; name: string; dayPrice: number | null } | null;
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
  const [home, work, given] = await Promise.all([
    resolveLocation(db, homeAt, 'home'),
    resolveLocation(db, workAt, 'work'),
    placeAt ? resolveLocation(db, placeAt, 'place') : null,
  ]);
  const nearest = given
    ? null
    : (
        await searchPlaces(db, {
          near: { lat: home.lat, lon: home.lon },
          radiusKm: NEAREST_PLACE_RADIUS_KM,
          status: 'open',
          perPage: 1,
        })
      ).items[0];
  const place: ResolvedLocation | null =
    given ??
    (nearest
      ? { code: nearest.communeCode, name: nearest.name, lat: nearest.lat, lon: nearest.lon, coordinatesSource: nearest.coordinatesExact ? 'place' : 'commune' }
      : null);
  const homeToWorkKm = distanceKm(home.lat, home.lon, work.lat, work.lon);
  const homeToPlaceKm = place ? distanceKm(home.lat, home.lon, place.lat, place.lon) : null;
  // The nearest place's day price (in euros) counts unless the person gave one.
  const placeDayPrice = options.placeDayPrice ?? (options.currency === 'EUR' ? nearest?.dayPrice : undefined) ?? undefined;
  const result = maillageSavings({ ...options, placeDayPrice, homeToWorkKm, homeToPlaceKm });
  const roadKm = homeToWorkKm * (options.detourFactor ?? DEFAULT_DETOUR_FACTOR);
  const teleworkDays = Math.min(options.daysPerWeek, WORKING_DAYS_A_WEEK);
  return {
    ...result,
    home,
    work,
    place,
    placeSource: given ? 'given' : nearest ? 'nearest' : 'none',
    directoryPlace: nearest ? { slug: nearest.slug, name: nearest.name, dayPrice: nearest.dayPrice } : null,
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
