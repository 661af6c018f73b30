/**
 * One start of the app's database, in a process of its own so its memory is measured clean:
 * the same steps as startRuntime (open, migrate, load the territory), timed one by one.
 * Usage: node --import tsx scripts/bench/start-child.ts <pglite data dir>
 * Prints one JSON line (StartMeasurement) on stdout.
 */

export interface StartMeasurement {
  /** From process start to the domain modules imported (Node + tsx boot + imports), ms. */
  bootMs: number;
  /** openDatabase: PGlite module + WASM start, and initdb when the directory is new, ms. */
  openMs: number;
  migrateMs: number;
  loadMs: number;
  /** loadTerritory's answer: false when the edition was already loaded. */
  loaded: boolean;
  communes: number;
  migrationLevel: string;
  /** process.memoryUsage().rss right after the territory load, bytes. */
  rssAfterLoad: number;
  /** Peak resident set of the process, bytes (getrusage maxrss). */
  maxRss: number;
  /**
   * Only when the territory was already loaded (warm restart), measured after everything else:
   * the JavaScript part of a load, reading the packaged sources and building the rows, ms.
   */
  readSourcesMs?: number;
  buildRowsMs?: number;
}


async function main(dataDir: string): Promise<StartMeasurement> {
  const { openDatabase, migrateDatabase } = await import('../../src/lib/server/db/index.ts');
  const { loadTerritory } = await import('../../src/lib/server/territory/index.ts');
  const { readTerritorySources } = await import('../../src/lib/server/territory/sources.ts');
  const { buildTerritory } = await import('../../src/lib/server/territory/build.ts');
  const bootMs = performance.now();

  let t = performance.now();
  const database = await openDatabase({ dataDir });
  const openMs = performance.now() - t;
  try {
    t = performance.now();
    const migrationLevel = await migrateDatabase(database);
    const migrateMs = performance.now() - t;
    t = performance.now();
    const territory = await loadTerritory(database.db);
    const loadMs = performance.now() - t;
    const rssAfterLoad = process.memoryUsage().rss;
    const maxRss = process.resourceUsage().maxRSS * 1024;
    let readSourcesMs: number | undefined;
    let buildRowsMs: number | undefined;
    if (!territory.loaded) {
      // An edition already loaded is not read again: time reading and building it here, for the table.
      t = performance.now();
      const sources = readTerritorySources();
      readSourcesMs = performance.now() - t;
      t = performance.now();
      buildTerritory(sources);
      buildRowsMs = performance.now() - t;
    }
    return {
      bootMs,
      openMs,
      migrateMs,
      loadMs,
      loaded: territory.loaded,
      communes: territory.communes,
      migrationLevel,
      rssAfterLoad,
      maxRss,
      readSourcesMs,
      buildRowsMs,
    };
  } finally {
    await database.close();
  }
}

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: start-child.ts <pglite data dir>');
  process.exit(2);
}
const measurement = await main(dataDir);
process.stdout.write(`${JSON.stringify(measurement)}\n`);
