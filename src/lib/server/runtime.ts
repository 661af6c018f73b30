import { join } from 'node:path';
import { readConfig, type Config } from './config.ts';
import { migrateDatabase, openDatabase, type Database } from './db/index.ts';
import { loadTerritory } from './territory/index.ts';

export interface Runtime {
  database: Database;
  migrationLevel: string;
}

/**
 * Opens the database of this process, applies pending migrations and loads reference data that is
 * missing or outdated. The app, the CLI and the benchmarks start the same way.
 */
export async function startRuntime(config: Config = readConfig(), log: (line: string) => void = () => {}): Promise<Runtime> {
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') },
  );
  try {
    const migrationLevel = await migrateDatabase(database);
    log(`database ${database.engine} at ${database.location}, migration ${migrationLevel}`);
    const territory = await loadTerritory(database.db);
    if (territory.loaded) log(`territory loaded: ${territory.communes} communes`);
    return { database, migrationLevel };
  } catch (error) {
    await database.close();
    throw error;
  }
}
