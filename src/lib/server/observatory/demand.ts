// Who commutes how far, per commune of residence: from the imported INSEE flows, or, without them, a gravity
// estimate from populations and distances (labelled as an estimate wherever it is used).
import { distanceKm, type LatLon } from '../geo/index.ts';
import type { CommunePoint } from '../territory/index.ts';
import { PointGrid } from './reach.ts';

/** Employed people per inhabitant: 29.9 M employed (INSEE, Emploi 2023) / 68.4 M inhabitants ≈ 0.44. */
export const EMPLOYED_PER_INHABITANT = 0.44;
export const EMPLOYED_SOURCE = 'INSEE, enquête Emploi 2023 (29.9 M employed people) and populations légales (68.4 M inhabitants)';
/** Share of employed people working outside their commune of residence: about two thirds (INSEE). */
export const WORKING_ELSEWHERE_SHARE = 0.66;
export const WORKING_ELSEWHERE_SOURCE = 'INSEE, recensement de la population (about two thirds of employed people work outside their commune)';
/** The gravity estimate sends workers to communes within this straight-line distance. */
export const GRAVITY_RANGE_KM = 80;
/** Distances under this count as this much in the gravity weights (neighbouring communes are not at 0 km). */
const GRAVITY_MIN_KM = 2;

/** Commuters of one commune, grouped by how far (straight line) they go to work. */
export interface CommuterGroup {
  workers: number;
  /** Straight-line km home → work. */
  km: number;
}

export type Demand = Map<string, CommuterGroup[]>;

/** From flows: each pair home → work is a group. */
export function demandFromFlows(
  flows: readonly { home: string; work: string; workers: number }[],
  centres: ReadonlyMap<string, LatLon>,
): Demand {
  const demand: Demand = new Map();
  for (const flow of flows) {
    const home = centres.get(flow.home);
    const work = centres.get(flow.work);
    if (!home || !work || flow.workers <= 0) continue;
    const groups = demand.get(flow.home) ?? [];
    groups.push({ workers: flow.workers, km: distanceKm(home, work) });
    demand.set(flow.home, groups);
  }
  return demand;
}

/**
 * Gravity estimate: a commune's commuters (population × employed share × share working elsewhere) go to the
 * other communes within 80 km in proportion to population / distance², grouped by 5 km bands.
 */
export function gravityDemand(homes: readonly CommunePoint[], destinations: readonly CommunePoint[]): Demand {
  const grid = new PointGrid(destinations);
  const demand: Demand = new Map();
  for (const home of homes) {
    const commuters = home.population * EMPLOYED_PER_INHABITANT * WORKING_ELSEWHERE_SHARE;
    if (commuters <= 0) continue;
    const bands = new Map<number, { weight: number; weightedKm: number }>();
    let total = 0;
    for (const { point, km } of grid.within(home, GRAVITY_RANGE_KM)) {
      if (point.code === home.code || point.population <= 0) continue;
      const weight = point.population / Math.max(km, GRAVITY_MIN_KM) ** 2;
      const band = Math.floor(km / 5);
      const entry = bands.get(band) ?? { weight: 0, weightedKm: 0 };
      entry.weight += weight;
      entry.weightedKm += weight * km;
      bands.set(band, entry);
      total += weight;
    }
    if (total === 0) continue;
    demand.set(
      home.code,
      [...bands.values()].map((b) => ({ workers: (commuters * b.weight) / total, km: b.weightedKm / b.weight })),
    );
  }
  return demand;
}

/** Workers and the straight-line km they would no longer drive (one way, per trip) with a place `placeKm` from home. */
export function kmAvoidedPerTrip(groups: readonly CommuterGroup[], placeKm: number): { workers: number; km: number } {
  let workers = 0;
  let km = 0;
  for (const group of groups) {
    if (group.km <= placeKm) continue;
    workers += group.workers;
    km += group.workers * (group.km - placeKm);
  }
  return { workers, km };
}
