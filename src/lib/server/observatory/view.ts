import type { Observatory } from './service.ts';
import { reachClass, type CommuneRow, type ObservatoryFigures } from './figures.ts';
import type { ObservatoryKind } from './territory.ts';

/** The addresses' spelling of each kind (`/territoires/{segment}/{code}/observatoire`). */
export const KIND_OF_SEGMENT: Record<string, ObservatoryKind> = { communes: 'commune', epci: 'epci', departements: 'departement', regions: 'region', ensembles: 'set' };
export const SEGMENT_OF_KIND: Record<ObservatoryKind, string> = { commune: 'communes', epci: 'epci', departement: 'departements', region: 'regions', set: 'ensembles' };

export const SORT_COLUMNS = ['name', 'population', 'open', 'desks', 'desksPer10000', 'nearestOpenKm'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const ROWS_PER_PAGE = 50;
/** Symbols drawn on the map: the communes with the most desks and the most populated out of reach. */
export const MAP_SYMBOLS = 300;

export interface TableQuery {
  sort: SortColumn;
  descending: boolean;
  page: number;
}

/** Reads `tri`, `ordre` and `page` from the address; anything unknown falls back to the default order. */
export function tableQueryOf(url: URL): TableQuery {
  const sort = url.searchParams.get('tri');
  const page = Number(url.searchParams.get('page') ?? '1');
  const chosen = (SORT_COLUMNS as readonly string[]).includes(sort ?? '') ? (sort as SortColumn) : 'population';
  const order = url.searchParams.get('ordre');
  return { sort: chosen, descending: order ? order === 'desc' : chosen !== 'name', page: Number.isInteger(page) && page >= 1 ? page : 1 };
}

export function sortedRows(rows: readonly CommuneRow[], query: TableQuery): CommuneRow[] {
  const direction = query.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[query.sort];
    const y = b[query.sort];
    // Unknown values (no population, no place within 100 km) go last whatever the order.
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(y as string, 'fr') : (x as number) - (y as number);
    return order * direction || a.code.localeCompare(b.code);
  });
}

export interface MapSymbol {
  code: string;
  name: string;
  lat: number;
  lon: number;
  desks: number;
  /** Population of a small town or bourg out of reach, else 0. */
  outOfReach: number;
}

export function mapSymbols(figures: ObservatoryFigures): MapSymbol[] {
  const outOfReach = new Set(figures.outOfReach.map((c) => c.code));
  const symbols = figures.communes
    .filter((c) => c.desks > 0 || c.open > 0 || outOfReach.has(c.code))
    .map((c) => ({ code: c.code, name: c.name, lat: c.lat, lon: c.lon, desks: c.desks, outOfReach: outOfReach.has(c.code) ? c.population : 0 }));
  return symbols.sort((a, b) => b.desks - a.desks || b.outOfReach - a.outOfReach).slice(0, MAP_SYMBOLS);
}

/** What the observatory page needs: the figures, one page of the table, the map's symbols. */
export function observatoryPage(observatory: Observatory, query: TableQuery) {
  const { communes, ...figures } = observatory;
  const rows = sortedRows(communes, query);
  const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
  const page = Math.min(query.page, pages);
  return {
    ...figures,
    segment: SEGMENT_OF_KIND[observatory.territory.kind],
    table: { rows: rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE), page, pages, sort: query.sort, descending: query.descending },
    symbols: mapSymbols(observatory),
    reachClasses: reachClassesOf(communes),
  };
}

/** The choropleth's data, for the table beside the map: communes and inhabitants in each class of reach. */
export function reachClassesOf(rows: readonly CommuneRow[]): { communes: number; population: number }[] {
  const classes = Array.from({ length: 4 }, () => ({ communes: 0, population: 0 }));
  for (const row of rows) {
    const entry = classes[reachClass(row.nearestOpenKm)]!;
    entry.communes++;
    entry.population += row.population;
  }
  return classes;
}
