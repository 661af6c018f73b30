// The observatory's figures for one territory, pure: from its communes and the directory's places.
import type { PlaceFact } from '../places/index.ts';
import type { CommunePoint } from '../territory/index.ts';
import type { ObservatoryKind } from './territory.ts';
import { NEAREST_SEARCH_KM, OUT_OF_REACH_KM, PointGrid, REACH_RADII_KM } from './reach.ts';

/** Small towns: 5,000 to 20,000 inhabitants (the seed documents' "petites villes"). */
export const SMALL_TOWN = { min: 5_000, max: 20_000 } as const;
/** Bourgs: 2,000 to 4,999 inhabitants (INSEE's threshold of an urban unit, 2,000). */
export const BOURG = { min: 2_000, max: 4_999 } as const;

export type SettlementKind = 'small_town' | 'bourg';

export interface CommuneRow {
  code: string;
  name: string;
  population: number;
  lat: number;
  lon: number;
  open: number;
  projects: number;
  closed: number;
  /** Desks of the open places whose number is known. */
  desks: number;
  /** Open places whose number of desks is not known (not counted in desks). */
  unknownDesks: number;
  desksPer10000: number | null;
  /** Estimated road km to the nearest open place (anywhere, also outside the territory); null beyond 100 km. */
  nearestOpenKm: number | null;
}

export interface OutOfReach {
  code: string;
  name: string;
  population: number;
  kind: SettlementKind;
  nearestOpenKm: number | null;
}

export interface ObservatoryFigures {
  territory: { kind: ObservatoryKind; code: string; name: string; population: number; communes: number };
  detourFactor: number;
  places: { open: number; projects: number; closed: number };
  desks: { total: number; per10000: number | null; openPlacesWithUnknownDesks: number };
  /** The two communes with the most desks and their share of the territory's desks (null without desks). */
  topTwo: { communes: { code: string; name: string; desks: number }[]; share: number | null };
  reach: { radiusKm: number; population: number; share: number | null }[];
  outOfReachKm: number;
  outOfReach: OutOfReach[];
  openingsByYear: { year: number; places: number }[];
  /** Open and closed places whose opening year is not known. */
  openingsWithoutYear: number;
  communes: CommuneRow[];
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function settlementKind(population: number): SettlementKind | null {
  if (population >= SMALL_TOWN.min && population <= SMALL_TOWN.max) return 'small_town';
  if (population >= BOURG.min && population <= BOURG.max) return 'bourg';
  return null;
}

/** Nearest open place for each commune, in estimated road km (null beyond the search distance). */
export function nearestOpenKm(communes: readonly CommunePoint[], places: readonly PlaceFact[], detourFactor: number): (number | null)[] {
  const grid = new PointGrid(places.filter((p) => p.status === 'open'));
  return communes.map((c) => {
    const found = grid.nearest(c, NEAREST_SEARCH_KM / detourFactor);
    return found ? round(found.km * detourFactor, 1) : null;
  });
}

export function observatoryFigures(
  territory: { kind: ObservatoryKind; code: string; name: string; communes: readonly CommunePoint[] },
  places: readonly PlaceFact[],
  detourFactor: number,
): ObservatoryFigures {
  const byCommune = new Map<string, PlaceFact[]>();
  for (const place of places) {
    const list = byCommune.get(place.communeCode);
    if (list) list.push(place);
    else byCommune.set(place.communeCode, [place]);
  }
  const nearest = nearestOpenKm(territory.communes, places, detourFactor);
  const rows: CommuneRow[] = territory.communes.map((c, at) => {
    const here = byCommune.get(c.code) ?? [];
    const open = here.filter((p) => p.status === 'open');
    const desks = open.reduce((sum, p) => sum + (p.desks ?? 0), 0);
    return {
      code: c.code,
      name: c.name,
      population: c.population,
      lat: c.lat,
      lon: c.lon,
      open: open.length,
      projects: here.filter((p) => p.status === 'project').length,
      closed: here.filter((p) => p.status === 'closed').length,
      desks,
      unknownDesks: open.filter((p) => p.desks == null).length,
      desksPer10000: c.population > 0 ? round((desks * 10_000) / c.population, 2) : null,
      nearestOpenKm: nearest[at]!,
    };
  });
  const population = rows.reduce((sum, r) => sum + r.population, 0);
  const desks = rows.reduce((sum, r) => sum + r.desks, 0);
  const top = [...rows].filter((r) => r.desks > 0).sort((a, b) => b.desks - a.desks || a.code.localeCompare(b.code)).slice(0, 2);
  const topDesks = top.reduce((sum, r) => sum + r.desks, 0);
  const reach = REACH_RADII_KM.map((radiusKm) => {
    const within = rows.reduce((sum, r) => (r.nearestOpenKm !== null && r.nearestOpenKm <= radiusKm ? sum + r.population : sum), 0);
    return { radiusKm, population: within, share: population > 0 ? round(within / population, 4) : null };
  });
  const outOfReach: OutOfReach[] = [];
  for (const r of rows) {
    const kind = settlementKind(r.population);
    if (kind && (r.nearestOpenKm === null || r.nearestOpenKm > OUT_OF_REACH_KM)) {
      outOfReach.push({ code: r.code, name: r.name, population: r.population, kind, nearestOpenKm: r.nearestOpenKm });
    }
  }
  outOfReach.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  const inTerritory = new Set(territory.communes.map((c) => c.code));
  const years = new Map<number, number>();
  let withoutYear = 0;
  for (const place of places) {
    if (!inTerritory.has(place.communeCode) || place.status === 'project') continue;
    if (place.openedYear === null) withoutYear++;
    else years.set(place.openedYear, (years.get(place.openedYear) ?? 0) + 1);
  }
  return {
    territory: { kind: territory.kind, code: territory.code, name: territory.name, population, communes: rows.length },
    detourFactor,
    places: {
      open: rows.reduce((sum, r) => sum + r.open, 0),
      projects: rows.reduce((sum, r) => sum + r.projects, 0),
      closed: rows.reduce((sum, r) => sum + r.closed, 0),
    },
    desks: {
      total: desks,
      per10000: population > 0 ? round((desks * 10_000) / population, 2) : null,
      openPlacesWithUnknownDesks: rows.reduce((sum, r) => sum + r.unknownDesks, 0),
    },
    topTwo: {
      communes: top.map((r) => ({ code: r.code, name: r.name, desks: r.desks })),
      share: desks > 0 ? round(topDesks / desks, 4) : null,
    },
    reach,
    outOfReachKm: OUT_OF_REACH_KM,
    outOfReach,
    openingsByYear: [...years].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, places: count })),
    openingsWithoutYear: withoutYear,
    communes: rows,
  };
}

/** The classes of the choropleth: nearest open place within 10, 15, 30 km by road, farther (or none within 100 km). */
export function reachClass(nearestOpenKm: number | null): number {
  const at = REACH_RADII_KM.findIndex((radius) => nearestOpenKm !== null && nearestOpenKm <= radius);
  return at === -1 ? REACH_RADII_KM.length : at;
}
