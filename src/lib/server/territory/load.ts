import { eq, sql } from 'drizzle-orm';
import { bulkInsert, setExcluded } from '../db/bulk.ts';
import type { Db } from '../db/database.ts';
import { buildTerritory } from './build.ts';
import { communePostalCodes, communes, departements, epcis, referenceData, regions } from './schema.ts';
import { readTerritorySources } from './sources.ts';

export const TERRITORY_DATASET = 'territory';

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
 * Loads communes, EPCI, départements and régions from the pinned packages, unless this edition is
 * already loaded. One transaction: a crash leaves the previous edition whole. Coordinates imported
 * from an official file survive a reload.
 */
export async function loadTerritory(db: Db, options: { force?: boolean } = {}): Promise<{ loaded: boolean; communes: number }> {
  const sources = readTerritorySources();
  const version = `${sources.cogVersion}+geonames-${sources.geonamesVersion}`;
  const existing = await territoryVintage(db);
  if (existing?.version === version && !options.force) return { loaded: false, communes: 0 };

  const rows = buildTerritory(sources);
  await db.transaction(async (tx) => {
    const upsert = (key: string, table: Parameters<typeof setExcluded>[0], except: string[] = []) =>
      sql`on conflict (${sql.raw(key)}) do update set ${setExcluded(table, except)}`;
    await bulkInsert(tx, regions, rows.regions, { onConflict: upsert('code', regions) });
    await bulkInsert(tx, departements, rows.departements, { onConflict: upsert('code', departements) });
    await bulkInsert(tx, epcis, rows.epcis, { onConflict: upsert('siren', epcis) });
    // An official point imported by an operator beats our estimate, so a reload keeps it.
    const keepImported = (column: string) =>
      `${column} = case when communes.coordinates_source = 'imported' then communes.${column} else excluded.${column} end`;
    await bulkInsert(tx, communes, rows.communes, {
      onConflict: sql`on conflict (code) do update set ${setExcluded(communes, ['lat', 'lon', 'coordinatesSource'])},
        ${sql.raw(['lat', 'lon', 'coordinates_source'].map(keepImported).join(', '))}`,
    });
    await tx.delete(communePostalCodes);
    await bulkInsert(tx, communePostalCodes, rows.postalCodes);
    const record = {
      dataset: TERRITORY_DATASET,
      source: '@etalab/decoupage-administratif (INSEE COG, DGCL, La Poste; Licence Ouverte) + GeoNames (CC BY 4.0)',
      version,
      vintage: `COG ${sources.cogYear}`,
      loadedAt: new Date(),
    };
    await tx.insert(referenceData).values(record).onConflictDoUpdate({ target: referenceData.dataset, set: record });
  });
  return { loaded: true, communes: rows.communes.length };
}
