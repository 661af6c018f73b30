// Demo data of the observatory: a SYNTHETIC commuting-flows file for the demo territories (the Vallée du
// Lot et du Vignoble and Aix-Marseille-Provence), drawn from the gravity model, imported through the same
// importer as INSEE's file and marked synthetic wherever it is used. Not INSEE data. And SYNTHETIC contours
// for the Vallée du Lot's communes (cells around their centres, not their boundaries), so that the demo shows
// the choropleth; marked synthetic on the page.
import type { Db } from '../db/index.ts';
import { distanceKm } from '../geo/index.ts';
import { allCommunePoints, importContours, type CommunePoint } from '../territory/index.ts';
import { EMPLOYED_PER_INHABITANT, GRAVITY_RANGE_KM, WORKING_ELSEWHERE_SHARE } from './demand.ts';
import { importFlows, type FlowImportReport } from './flows.ts';

/** The communes whose residents get synthetic flows: Luzech's EPCI (the demo council's) and Marseille's. */
export const DEMO_FLOW_COMMUNES = ['46182', '13055'];
const DESTINATIONS = 8;

export function syntheticFlowsFile(communes: Awaited<ReturnType<typeof allCommunePoints>>): string {
  const epcis = new Set(communes.filter((c) => DEMO_FLOW_COMMUNES.includes(c.code)).map((c) => c.epci));
  const lines = ['CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P'];
  for (const home of communes.filter((c) => c.epci !== null && epcis.has(c.epci))) {
    const employed = home.population * EMPLOYED_PER_INHABITANT;
    const elsewhere = employed * WORKING_ELSEWHERE_SHARE;
    const weighted = communes
      .filter((c) => c.code !== home.code)
      .map((c) => ({ c, km: distanceKm(home, c) }))
      .filter(({ km }) => km <= GRAVITY_RANGE_KM)
      .map(({ c, km }) => ({ c, weight: c.population / Math.max(km, 2) ** 2 }))
      .sort((a, b) => b.weight - a.weight || a.c.code.localeCompare(b.c.code))
      .slice(0, DESTINATIONS);
    const total = weighted.reduce((sum, w) => sum + w.weight, 0);
    lines.push(`${home.code};${home.name};${home.code};${home.name};${Math.round(employed - elsewhere)}`);
    for (const { c, weight } of weighted) {
      const workers = Math.round((elsewhere * weight) / total);
      if (workers > 0) lines.push(`${home.code};${home.name};${c.code};${c.name};${workers}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

type Point = [number, number];

/**
 * Cells around commune centres (Voronoi, on a local flat projection, cut to the box of the communes plus a
 * margin), as a GeoJSON FeatureCollection: stand-ins for contours, never to be shown as boundaries.
 */
export function syntheticContours(communes: readonly CommunePoint[]): string {
  const scale = Math.cos(((communes.reduce((sum, c) => sum + c.lat, 0) / communes.length) * Math.PI) / 180);
  const xy = communes.map((c): Point => [c.lon * scale, c.lat]);
  const margin = 0.03;
  const xs = xy.map((p) => p[0]);
  const ys = xy.map((p) => p[1]);
  const box: Point[] = [
    [Math.min(...xs) - margin, Math.min(...ys) - margin],
    [Math.max(...xs) + margin, Math.min(...ys) - margin],
    [Math.max(...xs) + margin, Math.max(...ys) + margin],
    [Math.min(...xs) - margin, Math.max(...ys) + margin],
  ];
  const features = communes.map((commune, i) => {
    let cell = box;
    xy.forEach((other, j) => {
      if (j !== i) cell = keepNearer(cell, xy[i]!, other);
    });
    const ring = [...cell, cell[0]!].map(([x, y]) => [x / scale, y]);
    return { type: 'Feature', properties: { code: commune.code, nom: commune.name }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** The part of a convex polygon nearer to `site` than to `other` (one Sutherland–Hodgman cut). */
function keepNearer(polygon: Point[], site: Point, other: Point): Point[] {
  const normal: Point = [other[0] - site[0], other[1] - site[1]];
  const middle: Point = [(site[0] + other[0]) / 2, (site[1] + other[1]) / 2];
  const side = (p: Point) => (p[0] - middle[0]) * normal[0] + (p[1] - middle[1]) * normal[1];
  const kept: Point[] = [];
  polygon.forEach((p, k) => {
    const q = polygon[(k + 1) % polygon.length]!;
    const [sp, sq] = [side(p), side(q)];
    if (sp <= 0) kept.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      kept.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  });
  return kept;
}

/** Imports the synthetic flows (idempotent: the same file again changes nothing) and the synthetic contours. */
export async function seedDemoObservatory(db: Db): Promise<FlowImportReport> {
  const communes = await allCommunePoints(db);
  const luzech = communes.find((c) => c.code === DEMO_FLOW_COMMUNES[0]);
  const valley = communes.filter((c) => c.epci !== null && c.epci === luzech?.epci);
  if (valley.length >= 3) await importContours(db, syntheticContours(valley), { fileName: 'demo-contours-synthetiques.geojson (SYNTHETIC)', synthetic: true });
  const text = syntheticFlowsFile(communes);
  return importFlows(
    db,
    (async function* () {
      yield new TextEncoder().encode(text);
    })(),
    { fileName: 'demo-flux-synthetiques.csv (SYNTHETIC)', synthetic: true },
  );
}
