import { readFile, stat } from 'node:fs/promises';
import { constants, setPriority } from 'node:os';
import { basename, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { embeddedDataDir, readConfig } from '../lib/server/config.ts';
import { DataDirLockedError, DatabaseNewerError } from '../lib/server/db/index.ts';
import { BackupRefusedError, backupFileName, formatBytes, moveTo, MoveRefusedError, restoreBackup, statusLines, statusOf, takeBackup } from '../lib/server/operations/index.ts';
import { DomainError } from '../lib/server/errors.ts';
import { startRuntime, type Runtime } from '../lib/server/runtime.ts';
import { importCentroids, importContours } from '../lib/server/territory/index.ts';
import { importPlacesCsv } from '../lib/server/places/index.ts';
import { setPlacePriceList } from '../lib/server/booking/index.ts';
import { setPlatformAdmin } from '../lib/server/accounts/index.ts';
import { demoCredentialsTable, seedDemo } from '../lib/server/demo/seed.ts';
import { observatoryCommands } from './observatory.ts';

/** Ends a command with this exit code after it has printed its own report. */
class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function withRuntime<T>(run: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await startRuntime(readConfig(), print);
  try {
    return await run(runtime);
  } finally {
    await runtime.database.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('maillage')
    .description('Maillage command line. Uses DATABASE_URL when set, else the embedded database in MAILLAGE_DATA_DIR (./data).')
    .exitOverride();

  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply pending migrations (the app also applies them at start-up) and load missing reference data')
    .action(() => withRuntime(async (runtime) => print(`migration level: ${runtime.migrationLevel}`)));
  db.command('status')
    .description('Migration level, pending migrations, engine and sizes; changes nothing (asks the running server when it holds the embedded database)')
    .action(async () => {
      const status = await statusOf(readConfig());
      for (const line of statusLines(status)) print(line);
      if (status.via === 'running server') print('(read through the running server)');
    });
  db.command('backup')
    .argument('[file]', 'where to write the backup (default: maillage-<date>-<time>.sql here); never overwritten')
    .description('Back up the embedded database to one plain SQL file (format in docs/backup-format.md), also while the server runs')
    .action(async (file?: string) => {
      const target = file ?? backupFileName(new Date());
      // Writing the file is this process's work, on the machine the server runs on: it gives way to the server.
      setPriority(constants.priority.PRIORITY_LOW);
      const started = performance.now();
      const summary = await takeBackup(readConfig(), target, print);
      print(`backup written: ${target} (${summary.tables} tables, ${summary.rows} rows, migration ${summary.migration}, ${formatBytes((await stat(target)).size)}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    });
  db.command('restore')
    .argument('<file>', 'a backup written by `maillage db backup`')
    .option('--data-dir <dir>', 'the new data directory (default: MAILLAGE_DATA_DIR/pglite); must be empty or absent')
    .description('Restore a backup into a new embedded data directory, then apply this version\'s newer migrations')
    .action(async (file: string, options: { dataDir?: string }) => {
      const config = readConfig();
      const dataDir = resolve(options.dataDir ?? embeddedDataDir(config));
      const report = await restoreBackup(file, dataDir, print);
      print(`restored into ${report.dataDir}: ${report.tables} tables, ${report.rows} rows, migration ${report.migratedTo}`);
      print(options.dataDir ? `start on it: MAILLAGE_DATA_DIR=${resolve(dataDir, '..')} npm start (the data directory is its pglite/ folder)` : 'start on it: npm start');
    });

  db.command('move-to')
    .argument('<database-url>', 'an empty PostgreSQL database: postgres://user:password@host:5432/maillage')
    .description('Copy the embedded database (server stopped) into an empty PostgreSQL database, check row counts and checksums, print the start command')
    .action(async (url: string) => {
      const started = performance.now();
      const report = await moveTo(readConfig(), url, print);
      for (const table of report.tables) print(`  ${table.table.padEnd(36)} ${String(table.rows).padStart(9)} rows  checksum ${table.checksum}  equal`);
      print(`moved ${report.tables.length} tables, ${report.rows} rows at migration ${report.migration} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      print('start on it (with the password you used; the embedded data directory is left as it was):');
      print(`  DATABASE_URL='${report.target}' npm start`);
    });

  program
    .command('demo')
    .description('Demo data')
    .command('seed')
    .description('Load the demo data (idempotent): reference territory, the demo records of each domain, the demo accounts')
    .action(() =>
      withRuntime(async (runtime) => {
        print((await seedDemo(runtime.accounts)).summary);
        print('\ndemo accounts (demo instances only: these passwords are public):');
        print(demoCredentialsTable());
      }),
    );

  program
    .command('accounts')
    .description('Accounts of the instance')
    .command('admin')
    .argument('<email>', 'the e-mail address of an existing account')
    .option('--remove', 'take the role away instead')
    .description('Make an account a platform administrator (or, with --remove, no longer one); written to the audit log')
    .action((address: string, options: { remove?: boolean }) =>
      withRuntime(async (runtime) => {
        const { changed } = await setPlatformAdmin(runtime.database.db, address, !options.remove);
        const role = options.remove ? 'not a platform administrator' : 'a platform administrator';
        print(changed ? `${address} is now ${role}` : `${address} was already ${role}`);
      }),
    );

  const territory = program.command('territory').description('Communes, EPCI, départements and régions');
  territory
    .command('import-centroids')
    .argument('<file>', 'geo.api.gouv.fr JSON ([{code, centre: {coordinates: [lon, lat]}}]) or data.gouv.fr CSV (code_insee;latitude_centre;longitude_centre)')
    .description('Set official commune centres from a file, in one transaction; nothing changes if any row is invalid')
    .action((file: string) =>
      withRuntime(async (runtime) => {
        const report = await importCentroids(runtime.database.db, await readFile(file, 'utf8'));
        print(`format: ${report.format}`);
        print(`rows: ${report.rows}`);
        print(`updated: ${report.updated}`);
        print(`unchanged: ${report.unchanged}`);
        print(`unknown codes: ${report.unknownCodes.length}${report.unknownCodes.length ? ` (${report.unknownCodes.slice(0, 20).join(', ')}${report.unknownCodes.length > 20 ? ', …' : ''})` : ''}`);
        print('invalid rows: 0');
      }),
    );
  territory
    .command('import-contours')
    .argument('<file>', 'a GeoJSON FeatureCollection of communes (Polygon or MultiPolygon), each feature with its INSEE code in a property (code, INSEE_COM, code_insee…)')
    .option('--synthetic', 'mark the contours as synthetic (demo data, not boundaries)')
    .description("Load commune contours for the observatory's choropleth, simplified; nothing changes if any feature is invalid")
    .action((file: string, options: { synthetic?: boolean }) =>
      withRuntime(async (runtime) => {
        const report = await importContours(runtime.database.db, await readFile(file, 'utf8'), { fileName: basename(file), synthetic: options.synthetic });
        print(`features: ${report.features}`);
        print(`imported: ${report.imported}`);
        print(`points: ${report.pointsRead} read, ${report.pointsKept} kept after simplification`);
        print('invalid features: 0');
      }),
    );
  const places = program.command('places').description('The directory of places');
  places
    .command('import')
    .argument('<file>', 'a CSV as exported by GET /api/v1/places.csv (columns documented in docs/places-csv.md)')
    .option('--dry-run', 'check and report without writing')
    .description('Create or update places from a CSV, matched on id, in one transaction; nothing is written if any row is invalid')
    .action((file: string, options: { dryRun?: boolean }) =>
      withRuntime(async (runtime) => {
        const report = await importPlacesCsv(runtime.database.db, await readFile(file), {
          dryRun: options.dryRun,
          changedBy: 'import',
          // Price columns set the places' offers: one price list per place.
          setPrices: setPlacePriceList,
        });
        for (const row of report.rows) {
          const detail = row.changedFields?.length ? ` (${row.changedFields.join(', ')})` : row.errors?.length ? ` ${row.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` : '';
          print(`line ${row.line}: ${row.outcome} ${row.slug ?? row.id ?? ''}${detail}`);
        }
        print(`created: ${report.created}, updated: ${report.updated}, unchanged: ${report.unchanged}, errors: ${report.errors}`);
        print(report.applied ? 'applied' : report.dryRun ? 'dry run: nothing written' : 'nothing written: fix the rows above');
        if (report.errors > 0) throw new ExitCode(2);
      }),
    );
  observatoryCommands(program, print, withRuntime);
  return program;
}

/** Runs the CLI; returns the exit code. Domain errors are printed plainly, row by row. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ExitCode) return error.code;
    if (error instanceof DomainError) {
      process.stderr.write(`error: ${error.code}${Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''}\n`);
      for (const issue of error.issues) {
        process.stderr.write(`  ${issue.path}: ${issue.message}${issue.params ? ` ${JSON.stringify(issue.params)}` : ''}\n`);
      }
      if (error.code === 'centroid_file_invalid_rows') process.stderr.write(`invalid rows: ${error.issues.length}; nothing was imported\n`);
      if (error.code === 'contours_invalid_rows') process.stderr.write(`invalid features: ${error.issues.length}; nothing was imported\n`);
      return 2;
    }
    if (error instanceof BackupRefusedError || error instanceof MoveRefusedError || error instanceof DatabaseNewerError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
