import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { readConfig } from '../lib/server/config.ts';
import { DataDirLockedError } from '../lib/server/db/index.ts';
import { DomainError } from '../lib/server/errors.ts';
import { startRuntime, type Runtime } from '../lib/server/runtime.ts';
import { importCentroids } from '../lib/server/territory/index.ts';
import { seedDemo } from '../lib/server/demo/seed.ts';

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

  program
    .command('demo')
    .description('Demo data')
    .command('seed')
    .description('Load the demo data (idempotent): reference territory and the demo records of each domain')
    .action(() => withRuntime(async (runtime) => print(await seedDemo(runtime.database.db))));

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
  return program;
}

/** Runs the CLI; returns the exit code. Domain errors are printed plainly, row by row. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof DomainError) {
      process.stderr.write(`error: ${error.code}${Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''}\n`);
      for (const issue of error.issues) {
        process.stderr.write(`  ${issue.path}: ${issue.message}${issue.params ? ` ${JSON.stringify(issue.params)}` : ''}\n`);
      }
      if (error.code === 'centroid_file_invalid_rows') process.stderr.write(`invalid rows: ${error.issues.length}; nothing was imported\n`);
      return 2;
    }
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
