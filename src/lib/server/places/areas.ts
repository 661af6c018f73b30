import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { ITEM_COLUMNS, itemOfRecord, type PlaceItem, type PlaceItemRecord } from './queries.ts';

// Territory views: the places of a commune, an EPCI or a département, with their desks.

export type PlaceArea = { commune: string } | { epci: string } | { departement: string };

export interface AreaPlaces {
  area: { kind: 'commune' | 'epci' | 'departement'; code: string; name: string; population: number };
  /** Open places and projects (closed and synthetic ones left out), by name. */
  places: PlaceItem[];
  /** Desks of the open places (projects' planned desks are not seats yet). */
  desks: number;
  openPlaces: number;
  projects: number;
  /** Open places whose number of desks is not known (counted as 0). */
  openPlacesWithoutDesks: number;
  /** Desks per 10,000 inhabitants (INSEE population of the loaded COG edition); null for no population. */
  seatsPer10000: number | null;
  /**
   * For an EPCI or a département: its two most populated communes and the share of the area's desks
   * they hold (0–1; null when the area has no desks).
   */
  largestCommunes: {
    communes: { code: string; name: string; population: number; desks: number }[];
    desks: number;
    share: number | null;
  } | null;
}

/**
 * The places of a commune (with its arrondissements), an EPCI or a département, with their desks,
 * desks per 10,000 inhabitants and, for an EPCI or a département, the share held by its two largest communes.
 */
export async function placesOfArea(db: Db, area: PlaceArea): Promise<AreaPlaces> {
  let kind: AreaPlaces['area']['kind'];
  let code: string;
  let name: string;
  let population: number;
  let communeWhere: SQL;
  if ('commune' in area) {
    kind = 'commune';
    code = area.commune.toUpperCase();
    const [row] = await queryRows<{ name: string; population: number }>(db, sql`select name, population from communes where code = ${code}`);
    if (!row) throw notFound('commune_not_found', { code: code.slice(0, 10) });
    name = row.name;
    population = Number(row.population);
    communeWhere = sql`(c.code = ${code} or c.parent_code = ${code})`;
  } else {
    const isEpci = 'epci' in area;
    kind = isEpci ? 'epci' : 'departement';
    code = isEpci ? area.epci : area.departement.toUpperCase();
    const [row] = await queryRows<{ name: string }>(
      db,
      isEpci ? sql`select name from epcis where siren = ${code}` : sql`select name from departements where code = ${code}`,
    );
    if (!row) throw notFound(isEpci ? 'epci_not_found' : 'departement_not_found', { code: code.slice(0, 20) });
    name = row.name;
    communeWhere = isEpci ? sql`c.epci_siren = ${code}` : sql`c.departement_code = ${code}`;
    const [sum] = await queryRows<{ population: number | string | null }>(
      db,
      sql`select sum(c.population) as population from communes c where c.kind = 'commune' and ${communeWhere}`,
    );
    population = Number(sum?.population ?? 0);
  }

  const rows = await queryRows<PlaceItemRecord & { main_commune: string }>(
    db,
    sql`select ${ITEM_COLUMNS}, coalesce(c.parent_code, c.code) as main_commune
        from places p join communes c on c.code = p.commune_code
        where ${communeWhere} and p.status in ('open', 'project') and not p.synthetic
        order by p.sort_name, p.id`,
  );
  const items = rows.map(itemOfRecord);
  const open = items.filter((item) => item.status === 'open');
  const desks = open.reduce((sum, item) => sum + (item.desks ?? 0), 0);

  let largestCommunes: AreaPlaces['largestCommunes'] = null;
  if (kind !== 'commune') {
    const largest = await queryRows<{ code: string; name: string; population: number }>(
      db,
      sql`select c.code, c.name, c.population from communes c where c.kind = 'commune' and ${communeWhere}
          order by c.population desc, c.code limit 2`,
    );
    const desksOf = (communeCode: string) =>
      rows.reduce((sum, row, i) => (row.main_commune === communeCode && items[i]!.status === 'open' ? sum + (items[i]!.desks ?? 0) : sum), 0);
    const communes = largest.map((c) => ({ code: c.code, name: c.name, population: Number(c.population), desks: desksOf(c.code) }));
    const largestDesks = communes.reduce((sum, c) => sum + c.desks, 0);
    largestCommunes = { communes, desks: largestDesks, share: desks > 0 ? largestDesks / desks : null };
  }

  return {
    area: { kind, code, name, population },
    places: items,
    desks,
    openPlaces: open.length,
    projects: items.length - open.length,
    openPlacesWithoutDesks: open.filter((item) => item.desks == null).length,
    seatsPer10000: population > 0 ? Math.round((desks * 10_000 * 100) / population) / 100 : null,
    largestCommunes,
  };
}

