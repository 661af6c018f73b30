// Distance from commune centres to the nearest open place, on a grid of points so that all 35,000 communes
// are answered in well under a second.
import { distanceKm, type LatLon } from '../geo/index.ts';

/** The radii of the observatory's reach figures, in road km (estimated). */
export const REACH_RADII_KM = [10, 15, 30] as const;
/** Small towns and bourgs farther than this (road km) from an open place are listed as out of reach. */
export const OUT_OF_REACH_KM = 15;
/** Nearest distances are looked for up to this far (road km); beyond, "over 100 km". */
export const NEAREST_SEARCH_KM = 100;

const CELL_DEGREES = 0.2;
const KM_PER_DEGREE_LAT = 111.2;

/** Points bucketed on a 0.2° grid, for "the nearest point within R km" queries. */
export class PointGrid<T extends LatLon> {
  private readonly cells = new Map<string, T[]>();
  constructor(points: readonly T[]) {
    for (const point of points) {
      const key = `${Math.floor(point.lat / CELL_DEGREES)}:${Math.floor(point.lon / CELL_DEGREES)}`;
      const cell = this.cells.get(key);
      if (cell) cell.push(point);
      else this.cells.set(key, [point]);
    }
  }

  /** Points within `radiusKm` (straight line) of `from`, with their distance. */
  *within(from: LatLon, radiusKm: number): Generator<{ point: T; km: number }> {
    const latSpan = radiusKm / KM_PER_DEGREE_LAT;
    const lonSpan = radiusKm / (KM_PER_DEGREE_LAT * Math.max(0.05, Math.cos(((Math.abs(from.lat) + latSpan) * Math.PI) / 180)));
    const lat0 = Math.floor((from.lat - latSpan) / CELL_DEGREES);
    const lat1 = Math.floor((from.lat + latSpan) / CELL_DEGREES);
    const lon0 = Math.floor((from.lon - lonSpan) / CELL_DEGREES);
    const lon1 = Math.floor((from.lon + lonSpan) / CELL_DEGREES);
    for (let a = lat0; a <= lat1; a++) {
      for (let b = lon0; b <= lon1; b++) {
        const cell = this.cells.get(`${a}:${b}`);
        if (!cell) continue;
        for (const point of cell) {
          const km = distanceKm(from, point);
          if (km <= radiusKm) yield { point, km };
        }
      }
    }
  }

  /** The nearest point within `radiusKm`, or null. */
  nearest(from: LatLon, radiusKm: number): { point: T; km: number } | null {
    let best: { point: T; km: number } | null = null;
    for (const found of this.within(from, radiusKm)) if (!best || found.km < best.km) best = found;
    return best;
  }
}
