import type { Db } from '../db/database.ts';
import { csvCell } from '../csv-cell.ts';
import { placeFacts } from '../places/index.ts';
import { DEFAULT_DETOUR_FACTOR } from '../simulator/index.ts';
import { allCommunePoints, contourCoverage, contoursOf, territoryVintage, type ContourCoverage, type ContourGeometry } from '../territory/index.ts';
import { BOURG, nearestOpenKm, observatoryFigures, reachClass, SMALL_TOWN, type ObservatoryFigures } from './figures.ts';
import { REACH_RADII_KM } from './reach.ts';
import { observatoryTerritory, type ObservatoryKind } from './territory.ts';

/** Where each figure comes from: its source, its year and how it is computed. */
export interface FigureSource {
  source: string;
  year: string;
  method: string;
}

export interface Observatory extends ObservatoryFigures {
  /** The day the directory was read (figures are computed on each request). */
  asOf: string;
  /** How many of the territory's communes have their contours loaded (the map's choropleth). */
  contours: ContourCoverage;
  sources: {
    population: FigureSource;
    places: FigureSource;
    desks: FigureSource;
    reach: FigureSource;
    outOfReach: FigureSource;
    openings: FigureSource;
  };
}

export async function observatoryOf(db: Db, kind: ObservatoryKind, code: string, now: Date = new Date()): Promise<Observatory> {
  const territory = await observatoryTerritory(db, kind, code);
  const [places, vintage, contours] = await Promise.all([placeFacts(db), territoryVintage(db), contourCoverage(db, territory.communes.map((c) => c.code))]);
  const figures = observatoryFigures(territory, places, DEFAULT_DETOUR_FACTOR);
  const asOf = now.toISOString().slice(0, 10);
  const population = `INSEE, populations légales (COG ${vintage?.vintage ?? '?'}, ${vintage?.source ?? '@etalab/decoupage-administratif'})`;
  const directory = 'Maillage, annuaire des lieux (Licence Ouverte 2.0)';
  const centres = 'Centres des communes : geo.api.gouv.fr (Etalab), IGN, INSEE';
  return {
    ...figures,
    asOf,
    contours,
    sources: {
      population: { source: population, year: vintage?.vintage ?? '', method: 'Sum of the populations of the communes (arrondissements counted in their commune).' },
      places: { source: directory, year: asOf, method: 'Places of the directory by status, counted in their commune; synthetic test places left out.' },
      desks: {
        source: `${directory}; ${population}`,
        year: asOf,
        method:
          'Desks of open places as declared in the directory; open places without a number of desks are counted apart, not as 0. Desks per 10,000 inhabitants = desks × 10,000 / population. Top two: the two communes with the most desks.',
      },
      reach: {
        source: `${directory}; ${centres}; ${population}`,
        year: asOf,
        method: `A commune's whole population counts as within reach when its centre is within the radius of an open place (inside or outside the territory). Road distance estimated as the straight line × ${DEFAULT_DETOUR_FACTOR} (Maillage assumption, the simulator's detour factor).`,
      },
      outOfReach: {
        source: `${directory}; ${centres}; ${population}`,
        year: asOf,
        method: `Small towns (${SMALL_TOWN.min.toLocaleString('en')}–${SMALL_TOWN.max.toLocaleString('en')} inhabitants) and bourgs (${BOURG.min.toLocaleString('en')}–${BOURG.max.toLocaleString('en')}) whose nearest open place is more than ${figures.outOfReachKm} km away by the estimated road distance.`,
      },
      openings: { source: directory, year: asOf, method: 'Open and closed places by the year of their opening date, as declared in the directory.' },
    },
  };
}

export const COMMUNES_CSV_COLUMNS = [
  'code_insee',
  'commune',
  'population',
  'lieux_ouverts',
  'projets',
  'lieux_fermes',
  'postes',
  'lieux_postes_inconnus',
  'postes_pour_10000_hab',
  'km_lieu_ouvert_le_plus_proche',
] as const;

/** The per-commune table as CSV (text cells neutralised against formulas, as every export of Maillage). */
export function observatoryCsv(observatory: Observatory): string {
  const lines = [
    COMMUNES_CSV_COLUMNS.join(','),
    ...observatory.communes.map((r) =>
      [r.code, r.name, r.population, r.open, r.projects, r.closed, r.desks, r.unknownDesks, r.desksPer10000, r.nearestOpenKm].map((value) => csvCell(value)).join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Population within 10, 15 and 30 km of an open place for every EPCI at once (one read of communes and places). */
export async function reachByEpci(db: Db): Promise<{ epci: string; population: number; within: number[] }[]> {
  const [communes, places] = await Promise.all([allCommunePoints(db), placeFacts(db)]);
  const nearest = nearestOpenKm(communes, places, DEFAULT_DETOUR_FACTOR);
  const byEpci = new Map<string, { population: number; within: number[] }>();
  communes.forEach((commune, i) => {
    if (!commune.epci) return;
    const entry = byEpci.get(commune.epci) ?? { population: 0, within: REACH_RADII_KM.map(() => 0) };
    entry.population += commune.population;
    const km = nearest[i]!;
    REACH_RADII_KM.forEach((radius, r) => {
      if (km !== null && km <= radius) entry.within[r]! += commune.population;
    });
    byEpci.set(commune.epci, entry);
  });
  return [...byEpci].map(([epci, entry]) => ({ epci, ...entry }));
}

export interface ContourFeature {
  type: 'Feature';
  geometry: ContourGeometry;
  properties: { code: string; name: string; population: number; desks: number; nearestOpenKm: number | null; reachClass: number };
}

/** The territory's communes whose contours are loaded, as GeoJSON, each with the figures the choropleth shows. */
export async function observatoryContours(db: Db, kind: ObservatoryKind, code: string): Promise<{ type: 'FeatureCollection'; features: ContourFeature[] }> {
  const observatory = await observatoryOf(db, kind, code);
  const contours = await contoursOf(db, observatory.communes.map((c) => c.code));
  const features: ContourFeature[] = [];
  for (const c of observatory.communes) {
    const geometry = contours.get(c.code);
    if (!geometry) continue;
    features.push({
      type: 'Feature',
      geometry,
      properties: { code: c.code, name: c.name, population: c.population, desks: c.desks, nearestOpenKm: c.nearestOpenKm, reachClass: reachClass(c.nearestOpenKm) },
    });
  }
  return { type: 'FeatureCollection', features };
}
