import type { Db } from '../db/database.ts';
import { distanceKm, NEARBY_PLACES_KM, type Location } from '../geo/index.ts';
import { searchPlaces } from '../places/index.ts';
import { resolveLocation } from '../territory/index.ts';
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

async function resolveEnd(db: Db, location: Location, field: string): Promise<ResolvedLocation> {
  const { lat, lon, commune } = await resolveLocation(db, location, field);
  return { code: commune?.code ?? null, name: commune?.name ?? null, lat, lon, coordinatesSource: commune?.coordinatesSource ?? null };
}

/** The Maillage simulation between real places: communes or points, distances as the crow flies × detour. */
export async function simulateCommute(db: Db, request: SimulationRequest): Promise<Simulation> {
  const { home: homeAt, work: workAt, place: placeAt, ...options } = request;
  const [home, work, given] = await Promise.all([
    resolveEnd(db, homeAt, 'home'),
    resolveEnd(db, workAt, 'work'),
    placeAt ? resolveEnd(db, placeAt, 'place') : null,
  ]);
  const nearest = given
    ? null
    : (
        await searchPlaces(db, {
          near: { lat: home.lat, lon: home.lon },
          radiusKm: NEARBY_PLACES_KM,
          status: 'open',
          perPage: 1,
        })
      ).items[0];
  const place: ResolvedLocation | null =
    given ??
    (nearest
      ? { code: nearest.communeCode, name: nearest.name, lat: nearest.lat, lon: nearest.lon, coordinatesSource: nearest.coordinatesExact ? 'place' : 'commune' }
      : null);
  const homeToWorkKm = distanceKm(home, work);
  const homeToPlaceKm = place ? distanceKm(home, place) : null;
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
