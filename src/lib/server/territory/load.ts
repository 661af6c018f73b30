import { eq, sql } from 'drizzle-orm';
import { bulkInsert, setExcluded } from '../db/bulk.ts';
import type { Db } from '../db/database.ts';
import { buildTerritory } from './build.ts';
import { communePostalCodes, communes, departements, epcis, referenceData, regions } from './schema.ts';
import { readTerritorySources, territoryEdition } from './sources.ts';

export const TERRITORY_DATASET = 'territory';

/** As in the migration that created it (same name, same definition). */
const COMMUNES_POSITION_INDEX = 'CREATE INDEX "communes_position_idx" ON "communes" USING gist (ll_to_earth("lat", "lon"))';

const TERRITORY_TABLES = sql.raw('communes, commune_postal_codes, epcis, departements, regions');

/**
 * After a bulk change, PGlite has no autovacuum to do this: without statistics the planner scans every
 * commune instead of using the position and name indexes, and until the new rows are vacuumed each read
 * sets their hint bits, dirtying pages that PGlite then writes back to disk (a search costs 3× more).
 */
export async function vacuumTerritory(db: Db): Promise<void> {
  await db.execute(sql`vacuum (analyze) ${TERRITORY_TABLES}`);
}

export interface TerritoryVintage {
  source: string;
  version: string;
  vintage: string;
  loadedAt: Date;
}

export async function territoryVintage(db: Db): Promise<TerritoryVintage | null> {
  const [row] = await db.select().from(referenceData).where(eq(referenceData.dataset, TERRITORY_DATASET));
  return row ?? null;
}

/**
 * Loads communes, EPCI, départements and régions from the pinned packages and the official centres file, unless this edition is
 * already loaded. One transaction: a crash leaves the previous edition whole. Coordinates imported
 * from an official file survive a reload.
 */
export async function loadTerritory(db: Db, options: { force?: boolean } = {}): Promise<{ loaded: boolean; communes: number }> {
  const { version, cogYear } = territoryEdition();
  const existing = await territoryVintage(db);
  if (existing?.version === version && !options.force) return { loaded: false, communes: 0 };

  const rows = buildTerritory(readTerritorySources());
  const firstLoad = !existing;
  await db.transaction(async (tx) => {
    const upsert = (key: string, table: Parameters<typeof setExcluded>[0], except: string[] = []) =>
      sql`on conflict (${sql.raw(key)}) do update set ${setExcluded(table, except)}`;
    await bulkInsert(tx, regions, rows.regions, { onConflict: upsert('code', regions) });
    await bulkInsert(tx, departements, rows.departements, { onConflict: upsert('code', departements) });
    await bulkInsert(tx, epcis, rows.epcis, { onConflict: upsert('siren', epcis) });
    // An official point imported by an operator beats our estimate, so a reload keeps it.
    const keepImported = (column: string) =>
      `${column} = case when communes.coordinates_source = 'imported' then communes.${column} else excluded.${column} end`;
    // Filling an empty table, building the nearest-neighbour index once afterwards is much cheaper than
    // maintaining it row by row.
    if (firstLoad) await tx.execute(sql`drop index if exists communes_position_idx`);
    await bulkInsert(tx, communes, rows.communes, {
      onConflict: sql`on conflict (code) do update set ${setExcluded(communes, ['lat', 'lon', 'coordinatesSource'])},
        ${sql.raw(['lat', 'lon', 'coordinates_source'].map(keepImported).join(', '))}`,
    });
    if (firstLoad) await tx.execute(sql.raw(COMMUNES_POSITION_INDEX));
    await tx.delete(communePostalCodes);
    await bulkInsert(tx, communePostalCodes, rows.postalCodes);
    const record = {
      dataset: TERRITORY_DATASET,
      source:
        '@etalab/decoupage-administratif (INSEE COG, DGCL, La Poste; Licence Ouverte) + commune centres from geo.api.gouv.fr (Etalab), IGN, INSEE (Licence Ouverte 2.0) + GeoNames (CC BY 4.0)',
      version,
      vintage: `COG ${cogYear}`,
      loadedAt: new Date(),
    };
    await tx.insert(referenceData).values(record).onConflictDoUpdate({ target: referenceData.dataset, set: record });
  });
  await vacuumTerritory(db);
  return { loaded: true, communes: rows.communes.length };
}
