/**
 * `npm run bench`: benchmark of the territory domain, printed as markdown.
 *
 * Environment:
 *   BENCH_QUERIES           queries per kind of search (default 10000)
 *   BENCH_SEED              seed of the random queries (default 20261126)
 *   BENCH_BUDGET_S          time limit per engine and kind of query, warm-up included (default 30): a slower
 *                           series stops early and reports how many queries it measured
 *   BENCH_DATABASE_URL      PostgreSQL server to also measure (default postgres://postgres@127.0.0.1:5432/postgres);
 *                           a database maillage_bench_<pid> is created there and dropped at the end
 *   BENCH_SKIP_POSTGRES=1   do not try PostgreSQL (nor the booking section, which needs it)
 *   BENCH_ONLY=booking      only the memory of a first start and the booking section
 *   BENCH_ONLY=observatory  only the observatory section (observatory, reach, siting, flows import)
 *   BENCH_ONLY=operations   only the operations section: backup while serving, restore, move to PostgreSQL
 *   BENCH_ONLY=surveys      only the surveys section (a new PGlite database)
 *   BENCH_ONLY=community    only the community section (a new PGlite database, and PostgreSQL unless skipped)
 *   BENCH_ONLY=events       only the events section (a new PGlite database, then PostgreSQL with two processes)
 *   BENCH_ONLY=impact       only the impact section (a new PGlite database, and PostgreSQL unless skipped)
 *   BENCH_PORT              first of the nine ports the bench's servers use (default 4191)
 *   MAILLAGE_CENTROIDS_FILE official centroid file, JSON or gzipped JSON (default: the commune centres shipped in
 *                           src/lib/server/territory/data/communes-centre.geoapi.json.gz)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database.ts';
import { BOOKING_TARGETS, measureBooking } from './booking.ts';
import { measureOperations, OPERATIONS_TARGETS } from './operations.ts';
import { loadAverage, machineDetails } from './machine.ts';
import { measurePlaces } from './places.ts';
import { measureObservatory, OBSERVATORY_TARGETS } from './observatory.ts';
import { measureSurveys, SURVEY_TARGETS } from './surveys.ts';
import { COMMUNITY_TARGETS, measureCommunity } from './community.ts';
import { EVENT_TARGETS, measureEvents } from './events.ts';
import { IMPACT_TARGETS, measureImpact } from './impact.ts';
import { FIRST_VISIT_PAGES, measureServerFirstStart, type ServerStart } from './server-start.ts';
import { FIRST_PLACE, measureCardPhotos, measurePageWeights } from './weight.ts';
import {
  REPO_ROOT,
  drawWorkload,
  measureAccuracy,
  measureImport,
  measureSearchLatency,
  measureStartInChild,
  openPglite,
  openPostgresBench,
  postgresAdminUrl,
  readCentroidsFile,
  serverVersion,
  withoutPassword,
  type AccuracyResult,
  type ImportResult,
  plannerDiagnostics,
  type LatencyResult,
  type PlannerDiagnostics,
} from './territory.ts';

const TARGETS = { firstStartS: 15, rssMB: 450, p95Ms: 5 };
const QUERIES = positiveInt(process.env.BENCH_QUERIES, 10_000);
const SEED = positiveInt(process.env.BENCH_SEED, 20261126);
/** Synthetic places for the directory section (the directory issue sets its targets at 20,000). */
const PLACES = positiveInt(process.env.BENCH_PLACES, 20_000);
const WARMUP = Math.min(200, QUERIES);
/** Per engine and kind of query, so the whole bench stays within about 5 minutes even when searches are slow. */
const BUDGET_S = positiveInt(process.env.BENCH_BUDGET_S, 30);
const LATENCY_OPTIONS = { warmup: WARMUP, budgetMs: BUDGET_S * 1000 };

function positiveInt(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

// Migrations are read relative to the working directory unless configured: pin them to this repository.
process.env.MAILLAGE_MIGRATIONS_DIR ??= join(REPO_ROOT, 'drizzle');

const progress = (line: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)} s] ${line}\n`);

// Everything opened or created is undone here, also on Ctrl-C.
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      progress(`cleanup failed: ${(error as Error).message}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting

const s = (ms: number) => (ms / 1000).toFixed(2);
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const km = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------

interface EngineRun {
  engine: string;
  latency: LatencyResult[];
  planner: PlannerDiagnostics;
  import: ImportResult | null;
}

async function main() {
  const machine = machineDetails();
  const output: string[] = [];
  const targets: (string | number)[][] = [];
  const print = (text = '') => output.push(text);

  if (process.env.BENCH_ONLY === 'booking') return bookingOnly(machine, print, targets, output);
  if (process.env.BENCH_ONLY === 'observatory') return observatoryOnly(print, targets, output);
  if (process.env.BENCH_ONLY === 'surveys') return surveysOnly(print, targets, output);
  if (process.env.BENCH_ONLY === 'community') return communityOnly(print, targets, output);
  if (process.env.BENCH_ONLY === 'events') return eventsOnly(print, targets, output);
  if (process.env.BENCH_ONLY === 'impact') return impactOnly(print, targets, output);
  if (process.env.BENCH_ONLY === 'operations') {
    print('# Maillage benchmark: operations (BENCH_ONLY=operations)');
    print();
    print(`Machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.totalMemoryGiB.toFixed(1)} GiB, load at start ${machine.loadAverage.map((v) => v.toFixed(2)).join(' / ')}, at end ${loadAverage()}.`);
    print();
    await operationsSection(print, targets);
    printTargets(print, targets);
    process.stdout.write(`${output.join('\n')}\n`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const dataDir = join(tmp, 'pglite');

  // 1. Start, in child processes.
  progress(`cold first start on PGlite in a child process (${dataDir})`);
  const cold = await measureStartInChild(dataDir);
  progress('warm restart on the same data directory');
  const warm = await measureStartInChild(dataDir);
  progress('first start of the server as `npm start` runs it, on a new data directory');
  const server = await measureServerFirstStart();

  // 2. Search latency, in this process.
  progress('opening the PGlite database in process');
  const pglite = await openPglite(dataDir);
  cleanups.push(() => pglite.database.close());
  const pgliteVersion = await serverVersion(pglite.database.db);
  const workload = await drawWorkload(pglite.database.db, QUERIES, SEED);
  const runs: EngineRun[] = [];
  progress(`PGlite: ${QUERIES} queries of each kind`);
  runs.push({
    engine: 'PGlite',
    planner: await plannerDiagnostics(pglite.database.db),
    latency: await measureSearchLatency(pglite.database.db, workload, LATENCY_OPTIONS),
    import: null,
  });

  let postgres: Awaited<ReturnType<typeof openPostgresBench>> | null = null;
  let postgresVersion = 'not measured';
  let postgresDatabase: Database | null = null;
  if (process.env.BENCH_SKIP_POSTGRES === '1') {
    postgresVersion = 'skipped (BENCH_SKIP_POSTGRES=1)';
  } else {
    progress(`PostgreSQL at ${withoutPassword(postgresAdminUrl())}: creating a bench database and loading the territory`);
    postgres = await openPostgresBench((drop) => cleanups.push(drop));
    if ('unreachable' in postgres) {
      postgresVersion = `not reachable (${postgres.unreachable})`;
      progress(`PostgreSQL skipped: ${postgres.unreachable}`);
    } else {
      postgresDatabase = postgres.database;
      cleanups.push(() => postgresDatabase!.close());
      postgresVersion = await serverVersion(postgres.database.db);
      progress(`PostgreSQL: ${QUERIES} queries of each kind`);
      runs.push({
        engine: 'PostgreSQL',
        planner: await plannerDiagnostics(postgres.database.db),
        latency: await measureSearchLatency(postgres.database.db, workload, LATENCY_OPTIONS),
        import: null,
      });
    }
  }

  // 3. Coordinates accuracy and centroid import.
  const centroids = readCentroidsFile();
  let accuracy: AccuracyResult | null = null;
  if (centroids.content !== null) {
    progress('coordinates accuracy against the official file');
    accuracy = await measureAccuracy(pglite.database.db, centroids.content);
    progress('importCentroids on PGlite (twice)');
    runs[0]!.import = await measureImport(pglite.database.db, centroids.content);
    if (postgresDatabase) {
      progress('importCentroids on PostgreSQL (twice)');
      runs[1]!.import = await measureImport(postgresDatabase.db, centroids.content);
    }
  }

  // -------------------------------------------------------------------------------------------
  print('# Maillage benchmark: territory');
  print();
  print(
    table(
      ['Machine', ''],
      [
        ['CPU', `${machine.cpuModel} × ${machine.cpuCount}`],
        ['Memory', `${machine.totalMemoryGiB.toFixed(1)} GiB`],
        ['Node', machine.node],
        ['OS', `${machine.os}, ${machine.kernel}`],
        ['PGlite', `${machine.pglite} (${pgliteVersion})`],
        ['PostgreSQL server', postgresVersion],
        ['Date', machine.date],
        ['Load average (1/5/15 min)', `at start ${machine.loadAverage.map((v) => v.toFixed(2)).join(' / ')}; at end ${loadAverage()}`],
        [
          'Settings',
          `${QUERIES} queries per kind after ${WARMUP} warm-up queries, at most ${BUDGET_S} s per engine and kind, seed ${SEED}`,
        ],
      ],
    ),
  );
  print();
  if (Math.max(...machine.loadAverage.slice(0, 2), ...os.loadavg().slice(0, 2)) > machine.cpuCount) {
    print(
      `**Warning**: the load average exceeded the ${machine.cpuCount} CPUs during the run: other processes were competing ` +
        'for the CPU and every timing below is inflated.',
    );
    print();
  }

  print('## 1. Start on PGlite (child process, fresh temporary data directory)');
  print();
  const total = (m: typeof cold) => m.openMs + m.migrateMs + m.loadMs;
  print(
    table(
      ['Step', 'Cold first start', 'Warm restart (same dir)'],
      [
        ['Node + tsx boot + domain imports', `${s(cold.bootMs)} s`, `${s(warm.bootMs)} s`],
        ['open (PGlite start; initdb when new)', `${s(cold.openMs)} s`, `${s(warm.openMs)} s`],
        ['migrate', `${s(cold.migrateMs)} s`, `${s(warm.migrateMs)} s`],
        [
          'territory load',
          `${s(cold.loadMs)} s (${cold.loaded ? `${cold.communes} communes` : 'not loaded'})`,
          `${s(warm.loadMs)} s (${warm.loaded ? `reloaded ${warm.communes} communes` : 'already loaded, skipped'})`,
        ],
        [
          '… of which reading the packaged sources + building the rows (JS)',
          warm.readSourcesMs !== undefined
            ? `≈ ${s(warm.readSourcesMs)} s + ${s(warm.buildRowsMs!)} s (measured in the warm child)`
            : 'n/a',
          '',
        ],
        ['**open + migrate + load**', `**${s(total(cold))} s**`, `**${s(total(warm))} s**`],
        ['process wall time (spawn to exit, incl. close)', `${s(cold.wallMs)} s`, `${s(warm.wallMs)} s`],
        ['RSS after load (MB = 10⁶ B)', `${mb(cold.rssAfterLoad)} MB`, `${mb(warm.rssAfterLoad)} MB`],
        ['peak RSS of the process', `${mb(cold.maxRss)} MB`, `${mb(warm.maxRss)} MB`],
      ],
    ),
  );
  print();
  print(`Migration level: ${cold.migrationLevel}.`);
  print();
  print(
    `The server itself never runs that load: on a new data directory \`npm start\` has the short-lived command ` +
      `\`maillage db migrate\` do it first (the table above is that process), then serves. Measured from outside on a new ` +
      `directory: ready after ${s(server.readyMs)} s (build excluded, preparation included); after serving ${FIRST_VISIT_PAGES.length} ` +
      `pages the server process holds ${mb(server.rssRightAfter)} MB resident, ${mb(server.rss)} MB once settled ${s(server.settleS * 1000)} s later ` +
      `(peak ${mb(server.peakRss)} MB: V8 compiling PGlite's busiest WebAssembly functions again, optimised, in the background).`,
  );
  if (postgres && !('unreachable' in postgres)) {
    print(
      `PostgreSQL, in process, fresh database \`${postgres.name}\`: connect ${s(postgres.openMs)} s, migrate ${s(
        postgres.migrateMs,
      )} s, territory load ${s(postgres.loadMs)} s.`,
    );
  }
  print();
  targets.push(
    [`Cold first start on PGlite (open + migrate + load) < ${TARGETS.firstStartS} s`, `${s(total(cold))} s`, verdict(total(cold) < TARGETS.firstStartS * 1000)],
  );
  targets.push(...memoryTargets(cold.rssAfterLoad, server));

  print('## 2. Commune search latency (in process, sequential, one open database)');
  print();
  const latencyRows: (string | number)[][] = [];
  for (const run of runs) {
    for (const r of run.latency) {
      const pass = r.latency.p95 < TARGETS.p95Ms;
      const stopped = r.latency.count < r.planned;
      latencyRows.push([
        run.engine,
        r.kind,
        stopped ? `${r.latency.count} of ${r.planned} (${BUDGET_S} s budget)` : r.latency.count,
        ms(r.latency.median),
        ms(r.latency.p95),
        ms(r.latency.p99),
        ms(r.latency.max),
        r.meanResults.toFixed(1),
        pct(r.emptyShare),
        r.queriesPerSecond.toFixed(0),
        verdict(pass),
      ]);
      targets.push([`${run.engine} ${r.kind} search p95 < ${TARGETS.p95Ms} ms`, `${ms(r.latency.p95)} ms`, verdict(pass)]);
    }
  }
  print(
    table(
      ['Engine', 'Query', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean results', 'no result', 'queries/s', `p95 < ${TARGETS.p95Ms} ms`],
      latencyRows,
    ),
  );
  print();
  print(
    'Name prefix: a random commune name cut to 2–8 characters, in random case, accents removed half the time; ' +
      'postal code: a random existing code; nearest: a random point in lat 42.3–51.1, lon −4.8–8.2, limit 20.',
  );
  if (postgresDatabase === null) print(`PostgreSQL: ${postgresVersion}.`);
  print();
  print(
    table(
      ['Engine', 'Planner statistics on communes', 'Nearest ranking query scans', 'Name ranking query scans (`sain%`)'],
      runs.map((run) => [
        run.engine,
        run.planner.communesReltuples < 0 ? 'none (never analyzed: reltuples = -1)' : `reltuples = ${run.planner.communesReltuples}`,
        run.planner.nearestPlan,
        run.planner.namePlan,
      ]),
    ),
  );
  print();

  print('## 3. Coordinates accuracy against the official centres');
  print();
  if (centroids.content === null || accuracy === null) {
    print(`**Skipped**: no official centroid file at \`${centroids.path}\` (set MAILLAGE_CENTROIDS_FILE).`);
    print();
  } else {
    print(`File: \`${centroids.path}\`, ${accuracy.fileRows} communes; table: ${accuracy.communesInTable} rows (PGlite, as loaded).`);
    print();
    print(
      table(
        ['Coordinates source', 'Communes compared', 'Median km', 'p95 km', 'Max km', '> 5 km', 'Worst'],
        accuracy.groups.map((g) => [
          g.source === 'all' ? '**all**' : g.source,
          g.count,
          km(g.medianKm),
          km(g.p95Km),
          km(g.maxKm),
          g.over5Km,
          g.worst ? `${g.worst.code} ${g.worst.name}` : '',
        ]),
      ),
    );
    print();
    print(
      table(
        ['Largest errors', 'Commune', 'Source', 'km'],
        accuracy.worst.map((w, i) => [i + 1, `${w.code} ${w.name}`, w.source, km(w.km)]),
      ),
    );
    print();
    const missing = accuracy.missingFromFile.map((m) => `${m.count} ${m.kind}${m.count > 1 ? 's' : ''}`).join(', ');
    print(
      `Not compared: ${missing || 'none'} of the table have no point in the file; ` +
        `${accuracy.notInTable.length} file codes are not in the table${
          accuracy.notInTable.length ? ` (${accuracy.notInTable.slice(0, 10).join(', ')}${accuracy.notInTable.length > 10 ? ', …' : ''})` : ''
        }.`,
    );
    print();
    print('### importCentroids with the official file');
    print();
    const importRows: (string | number)[][] = [];
    for (const run of runs) {
      if (!run.import) continue;
      run.import.runs.forEach((r, i) => {
        const unknown = r.report.unknownCodes;
        importRows.push([
          run.engine,
          i === 0 ? 'first' : 'second',
          `${s(r.ms)} s`,
          r.report.format,
          r.report.rows,
          r.report.updated,
          r.report.unchanged,
          `${unknown.length}${unknown.length ? ` (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''})` : ''}`,
        ]);
      });
      const second = run.import.runs[1]!.report;
      targets.push([`${run.engine} importCentroids idempotent (second run updated = 0)`, `updated ${second.updated}`, verdict(second.updated === 0)]);
    }
    print(table(['Engine', 'Run', 'Time', 'Format', 'Rows', 'Updated', 'Unchanged', 'Unknown codes'], importRows));
    print();
    for (const run of runs) {
      if (!run.import) continue;
      print(
        `${run.engine} after import: ${run.import.importedAfter} communes with coordinates_source = imported; ` +
          `largest distance to the file's point ${km(run.import.maxKmAfterImport)} km.`,
      );
    }
    print();
  }

  progress(`directory: ${PLACES} synthetic places on PGlite`);
  const places = await measurePlaces(pglite.database.db, PLACES, Math.min(QUERIES, 500), SEED);
  print(`## 4. Directory of places (PGlite, ${places.places} synthetic places, ${places.near.count} queries of each kind)`);
  print();
  print(
    table(
      ['Measure', 'p50 ms', 'p95 ms', 'p99 ms', 'Target', 'Result'],
      [
        ['search within 30 km of a commune', ms(places.near.median), ms(places.near.p95), ms(places.near.p99), 'p95 < 20 ms', verdict(places.near.p95 < 20)],
        ['full text (a word of a commune name)', ms(places.fullText.median), ms(places.fullText.p95), ms(places.fullText.p99), 'p95 < 30 ms', verdict(places.fullText.p95 < 30)],
      ],
    ),
  );
  print();
  print(`Generating the places took ${s(places.generateMs)} s. GeoJSON export of all places: ${s(places.geojsonMs)} s, ${(places.geojsonBytes / 1e6).toFixed(1)} MB.`);
  print();
  targets.push([`Places: search within 30 km p95 < 20 ms`, `${ms(places.near.p95)} ms`, verdict(places.near.p95 < 20)]);
  targets.push([`Places: full text p95 < 30 ms`, `${ms(places.fullText.p95)} ms`, verdict(places.fullText.p95 < 30)]);
  targets.push([`Places: GeoJSON export of ${places.places} places < 1 s`, `${s(places.geojsonMs)} s`, verdict(places.geojsonMs < 1000)]);

  progress('page weights in Chromium (built app, demo data)');
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  print('### Page weight (gzip, as received by Chromium; demo data)');
  print();
  try {
    // The budgets of the first visit: a rural line, before map tiles and photos.
    const budgets: [string, string, number][] = [
      ['Home page', '/', 60_000],
      ['Directory list', '/lieux', 60_000],
      ['Map view (before tiles)', '/lieux?view=map', 120_000],
      ['Place page (before tiles and photos)', `/lieux/${FIRST_PLACE}`, 150_000],
    ];
    const weights = await measurePageWeights(budgets.map(([, path]) => path));
    print(
      table(
        ['Page', 'HTML + CSS + JS', 'of which JS', 'Responses', 'First byte p50 ms', 'p95 ms'],
        weights.map((w) => [w.path, `${kb(w.htmlCssJsGzip)} kB`, `${kb(w.jsGzip)} kB`, w.requests, ms(w.firstByte.median), ms(w.firstByte.p95)]),
      ),
    );
    budgets.forEach(([name, , limit], index) => {
      const weight = weights[index]!;
      targets.push([`${name} ≤ ${limit / 1000} kB gzip (HTML + CSS + JS)`, `${kb(weight.htmlCssJsGzip)} kB`, verdict(weight.htmlCssJsGzip <= limit)]);
      targets.push([`${name}: time to first byte p95 < 100 ms`, `${ms(weight.firstByte.p95)} ms`, verdict(weight.firstByte.p95 < 100)]);
    });
  } catch (error) {
    // Without Chromium (or the build) the other sections still count: say what stopped this one.
    const reason = (error as Error).message.split('\n')[0];
    print(`**Not measured**: ${reason}`);
    targets.push(['Directory page weights', 'not measured', 'FAIL']);
  }
  print();
  // A card shows the first photo at 320 or 640 px (WebP, re-encoded at upload): each within 40 kB.
  const cardPhotos = await measureCardPhotos();
  print(table(['Photo uploaded', 'Card 320 px', 'Card 640 px'], cardPhotos.map((p) => [p.photo, `${kb(p.bytesByWidth[320] ?? 0)} kB`, `${kb(p.bytesByWidth[640] ?? 0)} kB`])));
  print();
  const heaviestCardPhoto = Math.max(...cardPhotos.flatMap((p) => Object.values(p.bytesByWidth)));
  targets.push(['Card photo ≤ 40 kB (WebP, 320 and 640 px)', `${kb(heaviestCardPhoto)} kB`, verdict(heaviestCardPhoto <= 40 * 1024)]);

  await bookingSection(postgres, postgresVersion, print, targets);
  await observatorySection(pglite.database, tmp, print, targets);
  await operationsSection(print, targets);
  await surveysSection(pglite.database, print, targets);
  await communitySection([pglite.database, ...(postgresDatabase ? [postgresDatabase] : [])], print, targets);
  await eventsSection(pglite.database, tmp, print, targets);
  if (postgresDatabase) await eventsSection(postgresDatabase, tmp, print, targets);
  await impactSection(pglite.database, print, targets);
  if (postgresDatabase) await impactSection(postgresDatabase, print, targets);
  else targets.push(['Impact section on PostgreSQL', postgresVersion, 'FAIL']);

  printTargets(print, targets);
  process.stdout.write(`${output.join('\n')}\n`);
}
type Print = (text?: string) => void;
type Targets = (string | number)[][];

/** Backup while serving, restore, move to PostgreSQL, on an embedded instance with a million bookings. */
async function operationsSection(print: Print, targets: Targets) {
  const t = OPERATIONS_TARGETS;
  print(`## Operations: an embedded instance with ${t.bookings} bookings`);
  print();
  let result: Awaited<ReturnType<typeof measureOperations>>;
  try {
    result = await measureOperations(progress, cleanups);
  } catch (error) {
    print(`**Could not run**: ${(error as Error).message}`);
    print();
    targets.push([`Operations section (backup < ${t.backupS} s, restore < ${t.restoreS} s, move < ${t.moveS} s)`, 'could not run', verdict(false)]);
    return;
  }
  const r = result;
  const p95Ok = r.duringBackup.p95 <= t.p95Factor * r.baseline.p95;
  print(
    table(
      ['Step', 'Time', 'Target', ''],
      [
        [`backup while serving (\`maillage db backup\`, ${mb(r.backupBytes)} MB of SQL)`, `${s(r.backupMs)} s`, `< ${t.backupS} s`, verdict(r.backupMs < t.backupS * 1000)],
        ['restore into a new directory (`maillage db restore`, migrations and checks included)', `${s(r.restoreMs)} s`, `< ${t.restoreS} s`, verdict(r.restoreMs < t.restoreS * 1000)],
        ['move to PostgreSQL (`maillage db move-to`, counts and checksums included)', r.moveMs === null ? 'not measured' : `${s(r.moveMs)} s`, `< ${t.moveS} s`, verdict(r.moveMs !== null && r.moveMs < t.moveS * 1000)],
      ],
    ),
  );
  print();
  print(
    table(
      ['Pages read one after another', 'n', 'p50 ms', 'p95 ms', 'max ms'],
      [
        ['idle', r.baseline.count, ms(r.baseline.median), ms(r.baseline.p95), ms(r.baseline.max)],
        ['during the backup', r.duringBackup.count, ms(r.duringBackup.median), ms(r.duringBackup.p95), ms(r.duringBackup.max)],
      ],
    ),
  );
  print();
  print(`${r.bookings} bookings over 2,000 places (filled with \`generate_series\` in ${s(r.fillMs)} s); the server is the built app (\`npm start\`); ${r.moveNote}.`);
  print();
  targets.push([`Backup of ${t.bookings} bookings while serving < ${t.backupS} s`, `${s(r.backupMs)} s`, verdict(r.backupMs < t.backupS * 1000)]);
  targets.push([`Page p95 during the backup at most ${t.p95Factor} × idle`, `${ms(r.duringBackup.p95)} ms vs ${ms(r.baseline.p95)} ms`, verdict(p95Ok)]);
  targets.push([`Restore of the same < ${t.restoreS} s`, `${s(r.restoreMs)} s`, verdict(r.restoreMs < t.restoreS * 1000)]);
  targets.push([`Move of the same to PostgreSQL < ${t.moveS} s`, r.moveMs === null ? r.moveNote : `${s(r.moveMs)} s`, verdict(r.moveMs !== null && r.moveMs < t.moveS * 1000)]);
}

/** The server's memory is a target; the in-process figure (the territory load's peak kept) is reported beside it. */
function memoryTargets(inProcessRss: number, server: ServerStart): Targets {
  return [
    ['RSS in process after a first load (open + migrate + territory load; reported, no target)', `${mb(inProcessRss)} MB`, 'REPORTED'],
    [
      `RSS of the server after its first start and ${FIRST_VISIT_PAGES.length} pages, settled (npm start, new data directory) < ${TARGETS.rssMB} MB`,
      `${mb(server.rss)} MB (${mb(server.rssRightAfter)} MB right after the pages)`,
      verdict(server.rss < TARGETS.rssMB * 1e6),
    ],
    ['Peak RSS of that server (VmHWM; reported, no target)', `${mb(server.peakRss)} MB`, 'REPORTED'],
  ];
}

/** BENCH_ONLY=booking: the memory of a first start and the booking section, without the territory and directory sections. */
async function bookingOnly(machine: ReturnType<typeof machineDetails>, print: Print, targets: Targets, output: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  progress('cold first start on PGlite in a child process');
  const cold = await measureStartInChild(join(tmp, 'pglite'));
  progress('first start of the server as `npm start` runs it, on a new data directory');
  const server = await measureServerFirstStart();
  let postgres: Awaited<ReturnType<typeof openPostgresBench>> | null = null;
  let postgresVersion = 'skipped (BENCH_SKIP_POSTGRES=1)';
  if (process.env.BENCH_SKIP_POSTGRES !== '1') {
    progress(`PostgreSQL at ${withoutPassword(postgresAdminUrl())}: creating a bench database and loading the territory`);
    postgres = await openPostgresBench((drop) => cleanups.push(drop));
    if ('unreachable' in postgres) postgresVersion = `not reachable (${postgres.unreachable})`;
    else {
      const database = postgres.database;
      cleanups.push(() => database.close());
      postgresVersion = await serverVersion(database.db);
    }
  }
  print('# Maillage benchmark: booking (BENCH_ONLY=booking)');
  print();
  print(
    table(
      ['Machine', ''],
      [
        ['CPU', `${machine.cpuModel} × ${machine.cpuCount}`],
        ['Node', machine.node],
        ['PostgreSQL server', postgresVersion],
        ['Date', machine.date],
        ['Load average (1/5/15 min)', `at start ${machine.loadAverage.map((v) => v.toFixed(2)).join(' / ')}; at end ${loadAverage()}`],
      ],
    ),
  );
  print();
  print(`## 1. Memory of a first start`);
  print();
  print(`In process (PGlite, open + migrate + territory load): ${mb(cold.rssAfterLoad)} MB resident after the load (peak ${mb(cold.maxRss)} MB).`);
  print(
    `The server (\`npm start\`, new data directory) after ${FIRST_VISIT_PAGES.length} pages: ${mb(server.rssRightAfter)} MB, ` +
      `${mb(server.rss)} MB once settled ${s(server.settleS * 1000)} s later (peak ${mb(server.peakRss)} MB).`,
  );
  print();
  targets.push(...memoryTargets(cold.rssAfterLoad, server));
  await bookingSection(postgres, postgresVersion, print, targets);
  printTargets(print, targets);
  process.stdout.write(`${output.join('\n')}\n`);
}

function printTargets(print: Print, targets: Targets) {
  print('## 6. Targets');
  print();
  print(table(['Target', 'Measured', 'Result'], targets));
  print();
  const failed = targets.filter((t) => t[2] === 'FAIL').length;
  print(failed === 0 ? 'All targets pass.' : `${failed} target(s) FAIL.`);
  // The gate fails closed: any FAIL is the command's failure.
  if (failed > 0) process.exitCode = 1;
}

async function bookingSection(postgres: Awaited<ReturnType<typeof openPostgresBench>> | null, postgresVersion: string, print: Print, targets: Targets) {
  print('## 5. Booking (PostgreSQL)');
  print();
  if (!postgres || 'unreachable' in postgres) {
    print(`**Not run** (PostgreSQL: ${postgresVersion}).`);
    print();
    targets.push(['Booking section (race, throughput, free desks) on PostgreSQL', `not run: ${postgresVersion}`, 'FAIL']);
  } else {
    const benchUrl = new URL(postgresAdminUrl());
    benchUrl.pathname = `/${postgres.name}`;
    const booking = await measureBooking(
      postgres.database,
      benchUrl.toString(),
      {
        attempts: BOOKING_TARGETS.attempts,
        seats: BOOKING_TARGETS.seats,
        bookings: 1000,
        concurrency: 16,
        nearbyPlaces: BOOKING_TARGETS.places,
        nearbyBookings: BOOKING_TARGETS.bookings,
        queries: Math.min(QUERIES, 500),
      },
      progress,
    );
    const { race, throughput, nearby } = booking;
    const refused = race.attempts - race.created;
    const raceOk = race.created === BOOKING_TARGETS.seats && race.full === refused && race.databaseCount === BOOKING_TARGETS.seats;
    print(`### a. ${race.attempts} people book the last ${BOOKING_TARGETS.seats} seats at once, over HTTP, across ${race.processes} app processes`);
    print();
    print(
      table(
        ['Measure', 'Result'],
        [
          ['booking attempts (one person each, alternately on each process)', race.attempts],
          ['201 Created', race.created],
          ['409 `booking_full`', race.full],
          ['any other answer', Object.entries(race.other).map(([k, n]) => `${n} × ${k}`).join(', ') || 'none'],
          ['active bookings of the pool and day in the database', race.databaseCount],
          ['wall time of the burst', `${s(race.wallMs)} s`],
          ['**exactly the seats booked, every other attempt refused as full**', `**${verdict(raceOk)}**`],
        ],
      ),
    );
    print();
    print(
      `Two built app servers (\`scripts/start.js\`) on the bench database, as the browser tests run them on PostgreSQL; ` +
        `${race.attempts} people signed up and verified through better-auth beforehand (${s(booking.peopleMs)} s), each with a session cookie.`,
    );
    print();
    print(`### b. Non-conflicting bookings: through the API and as bare INSERTs`);
    print();
    const ratio = throughput.insertPerSecond / throughput.apiPerSecond;
    print(
      table(
        ['Path', 'Bookings', 'In flight', 'Bookings/s', 'p50 ms', 'p95 ms', 'Failures'],
        [
          [
            'POST /api/v1/bookings (2 processes: session, checks, lock, payment, insert, e-mail)',
            throughput.bookings,
            throughput.concurrency,
            throughput.apiPerSecond.toFixed(0),
            ms(throughput.apiLatency.median),
            ms(throughput.apiLatency.p95),
            throughput.apiFailures,
          ],
          ['single-row `INSERT INTO bookings` (pg pool)', throughput.bookings, throughput.concurrency, throughput.insertPerSecond.toFixed(0), '', '', 0],
        ],
      ),
    );
    print();
    const share = throughput.apiPerSecond / throughput.insertPerSecond;
    const throughputOk = share >= BOOKING_TARGETS.apiShareOfInsert && throughput.apiFailures === 0;
    print(
      `The bare INSERT is ${ratio.toFixed(1)} times as fast as a booking through the API: the API reaches ${pct(share)} of the bare rate ` +
        `(target ≥ ${pct(BOOKING_TARGETS.apiShareOfInsert)}: **${verdict(throughputOk)}**). Each request books another pool or day, so no two wait for the same lock.`,
    );
    print();
    print(`### c. Free desks within ${BOOKING_TARGETS.radiusKm} km on one day: ${nearby.places} places, ${nearby.bookings} bookings`);
    print();
    const nearbyOk = nearby.latency.p95 < BOOKING_TARGETS.nearbyP95Ms;
    print(
      table(
        ['Measure', 'Places returned', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'Target', 'Result'],
        [
          [
            '`availabilityNear` (in process)',
            nearby.placesReturned,
            nearby.queries,
            ms(nearby.latency.median),
            ms(nearby.latency.p95),
            ms(nearby.latency.p99),
            `p95 < ${BOOKING_TARGETS.nearbyP95Ms} ms`,
            verdict(nearbyOk),
          ],
        ],
      ),
    );
    print();
    print(
      `Places in a square of ±19 km around Cahors (all within 27 km), one desk pool each (a room at a quarter of them); ` +
        `bookings spread over 250 days (a tenth cancelled), inserted with \`generate_series\` in ${s(nearby.insertMs)} s; ` +
        'each query asks for another day.',
    );
    print();
    targets.push([`Booking race: ${BOOKING_TARGETS.seats} booked of ${race.attempts}, the others 409 booking_full, ${BOOKING_TARGETS.seats} in the database`, `${race.created} / ${race.full} / ${race.databaseCount}`, verdict(raceOk)]);
    targets.push([
      `Bookings through the API (2 processes, ${throughput.concurrency} in flight) ≥ ${pct(BOOKING_TARGETS.apiShareOfInsert)} of bare INSERTs, no failure`,
      `${throughput.apiPerSecond.toFixed(0)}/s of ${throughput.insertPerSecond.toFixed(0)}/s = ${pct(share)}, ${throughput.apiFailures} failed`,
      verdict(throughputOk),
    ]);
    targets.push([`Free desks within ${BOOKING_TARGETS.radiusKm} km (${nearby.places} places, ${nearby.bookings} bookings) p95 < ${BOOKING_TARGETS.nearbyP95Ms} ms`, `${ms(nearby.latency.p95)} ms`, verdict(nearbyOk)]);
  }

}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  await cleanUp();
  progress('done');
}

/** BENCH_ONLY=observatory: the observatory section alone, on a fresh PGlite database. */
async function observatoryOnly(print: Print, targets: Targets, output: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  progress('opening a fresh PGlite database with the territory');
  const pglite = await openPglite(join(tmp, 'pglite'));
  cleanups.push(() => pglite.database.close());
  print('# Maillage benchmark: observatory (BENCH_ONLY=observatory)');
  print();
  await observatorySection(pglite.database, tmp, print, targets);
  printTargets(print, targets);
  process.stdout.write(`${output.join('\n')}\n`);
}

async function observatorySection(database: Database, tmp: string, print: Print, targets: Targets) {
  print('## 7. Observatory and siting (PGlite, in process)');
  print();
  const t = OBSERVATORY_TARGETS;
  let bench: Awaited<ReturnType<typeof measureObservatory>>;
  try {
    bench = await measureObservatory(database, tmp, progress);
  } catch (error) {
    print(`**Not run**: ${(error as Error).message}`);
    print();
    targets.push(['Observatory section', `not run: ${(error as Error).message}`, 'FAIL']);
    return;
  }
  print(`Siting, national instance: ${bench.national.demand} communes as demand × ${bench.national.candidates} candidates, ${bench.national.pairs} pairs within 30 km.`);
  print();
  print(table(['Regional instance (k = 10, 15 km)', 'Candidates', 'Pairs', 'Fast path', 'Exact (HiGHS)', 'Fast vs optimum', 'Bound gap'], bench.regional.map((r) => [
    `région ${r.region}`, r.candidates, r.pairs, `${ms(r.fastMs)} ms`, `${ms(r.exactMs)} ms${r.optimal ? '' : ' (time limit)'}`, `${(r.gapToOptimum * 100).toFixed(3)} %`, `${(r.boundGap * 100).toFixed(3)} %`,
  ])));
  print();
  targets.push([`Observatory of a département p95 < ${t.departementP95Ms} ms (${bench.departements} départements)`, `${ms(bench.departementP95Ms)} ms`, verdict(bench.departementP95Ms < t.departementP95Ms)]);
  targets.push([`Observatory of a région p95 < ${t.regionP95Ms} ms (${bench.regions} régions)`, `${ms(bench.regionP95Ms)} ms`, verdict(bench.regionP95Ms < t.regionP95Ms)]);
  targets.push([`Population within reach for all ${bench.epcis} EPCI < ${t.allEpciReachMs} ms`, `${ms(bench.allEpciReachMs)} ms`, verdict(bench.allEpciReachMs < t.allEpciReachMs)]);
  for (const run of bench.national.runs) {
    const limit = run.k === 100 ? t.nationalK100Ms : t.nationalK300Ms;
    targets.push([`National siting k = ${run.k} < ${limit} ms (bound gap reported)`, `${ms(run.ms)} ms, gap ≤ ${(run.gap * 100).toFixed(2)} %`, verdict(run.ms < limit)]);
  }
  const worst = Math.max(...bench.regional.map((r) => r.gapToOptimum));
  const allOptimal = bench.regional.every((r) => r.optimal);
  targets.push([`Fast path within ${t.regionalGap * 100} % of the optimum on 5 regional instances`, `worst ${(worst * 100).toFixed(3)} %${allOptimal ? '' : ' (an exact solve hit its time limit)'}`, verdict(allOptimal && worst <= t.regionalGap)]);
  targets.push([
    `Flows import of ${bench.flows.rows.toLocaleString('en')} rows < ${t.flowsImportMs / 1000} s, RSS < ${t.flowsRssMB} MB`,
    `${s(bench.flows.ms)} s, the import's own memory ${(bench.flows.peakRssMB - bench.flows.baselineRssMB).toFixed(0)} MB (the command's peak ${bench.flows.peakRssMB.toFixed(0)} MB, ${bench.flows.baselineRssMB.toFixed(0)} MB with a 1,000-row file: ${bench.flows.outcome})`,
    verdict(bench.flows.ms < t.flowsImportMs && bench.flows.peakRssMB - bench.flows.baselineRssMB < t.flowsRssMB && bench.flows.outcome === 'applied'),
  ]);
}

/** Impact alone (BENCH_ONLY=impact): a new PGlite data directory, then a new PostgreSQL database, each filled. */
async function impactOnly(print: Print, targets: Targets, output: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  progress('impact: preparing a PGlite database (migrations, territory)');
  const { database } = await openPglite(join(tmp, 'pglite'));
  cleanups.push(() => database.close());
  print('# Maillage benchmark: impact (BENCH_ONLY=impact)');
  print();
  await impactSection(database, print, targets);
  if (process.env.BENCH_SKIP_POSTGRES === '1') targets.push(['Impact section on PostgreSQL', 'skipped (BENCH_SKIP_POSTGRES=1)', 'FAIL']);
  else {
    progress(`impact: PostgreSQL at ${withoutPassword(postgresAdminUrl())}`);
    const postgres = await openPostgresBench((drop) => cleanups.push(drop));
    if ('unreachable' in postgres) targets.push(['Impact section on PostgreSQL', `not reachable (${postgres.unreachable})`, 'FAIL']);
    else {
      cleanups.push(() => postgres.database.close());
      await impactSection(postgres.database, print, targets);
    }
  }
  printTargets(print, targets);
  process.stdout.write(`${output.join('\n')}\n`);
}

async function impactSection(database: Database, print: Print, targets: Targets) {
  const t = IMPACT_TARGETS;
  let bench: Awaited<ReturnType<typeof measureImpact>>;
  try {
    bench = await measureImpact(database, progress);
  } catch (error) {
    print(`**Impact not run on ${database.engine}**: ${(error as Error).message}`);
    print();
    targets.push([`Impact section on ${database.engine}`, `not run: ${(error as Error).message}`, 'FAIL']);
    return;
  }
  print(`## Impact: ${t.places} places, ${t.bookings.toLocaleString('en')} bookings over 12 months (${bench.engine}; bookings written in ${s(bench.insertMs)} s)`);
  print();
  print(
    table(
      ['Measure', 'median', 'p95 / time', 'target', ''],
      [
        ['territory report as its page builds it (report + view)', `${ms(bench.report.median)} ms`, `${ms(bench.report.p95)} ms`, `p95 < ${t.reportP95Ms} ms`, verdict(bench.report.p95 < t.reportP95Ms)],
        [`territory report PDF (${Math.round(bench.pdfBytes / 1024)} kB)`, '', `${s(bench.pdfMs)} s`, `< ${t.pdfMs / 1000} s`, verdict(bench.pdfMs < t.pdfMs)],
        [`territory report XLSX (${Math.round(bench.xlsxBytes / 1024)} kB)`, '', `${s(bench.xlsxMs)} s`, `< ${t.xlsxMs / 1000} s`, verdict(bench.xlsxMs < t.xlsxMs)],
        ['a place’s month', `${ms(bench.month.median)} ms`, `${ms(bench.month.p95)} ms`, `p95 < ${t.monthP95Ms} ms`, verdict(bench.month.p95 < t.monthP95Ms)],
      ],
    ),
  );
  print();
  targets.push([`Impact (${bench.engine}): territory report p95 < ${t.reportP95Ms} ms`, `${ms(bench.report.p95)} ms`, verdict(bench.report.p95 < t.reportP95Ms)]);
  targets.push([`Impact (${bench.engine}): PDF < ${t.pdfMs / 1000} s`, `${s(bench.pdfMs)} s`, verdict(bench.pdfMs < t.pdfMs)]);
  targets.push([`Impact (${bench.engine}): XLSX < ${t.xlsxMs / 1000} s`, `${s(bench.xlsxMs)} s`, verdict(bench.xlsxMs < t.xlsxMs)]);
  targets.push([`Impact (${bench.engine}): a place’s month p95 < ${t.monthP95Ms} ms`, `${ms(bench.month.p95)} ms`, verdict(bench.month.p95 < t.monthP95Ms)]);
}

/** Surveys alone (BENCH_ONLY=surveys): a new PGlite data directory, prepared as the app does. */
async function surveysOnly(print: Print, targets: Targets, output: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  progress('surveys: preparing a PGlite database (migrations, territory)');
  const { database } = await openPglite(join(tmp, 'pglite'));
  cleanups.push(() => database.close());
  print('# Maillage benchmark: surveys (BENCH_ONLY=surveys)');
  print();
  await surveysSection(database, print, targets);
  printTargets(print, targets);
  process.stdout.write(`${output.join('\n')}\n`);
}

async function surveysSection(database: Database, print: Print, targets: Targets) {
  const bench = await measureSurveys(database, progress, cleanups);
  const t = SURVEY_TARGETS;
  const retryOk = bench.retried.rows === t.retried && bench.retried.replays === t.retried * (t.tries - 1);
  print(`## Surveys: ${bench.answers} answers to the CCVLV 2016 template (${database.engine})`);
  print();
  print(`Answers written in bulk in ${s(bench.insertMs)} s, counted into the tallies in ${s(bench.recountMs)} s. Load before the timings: ${loadAverage()}.`);
  print();
  print(
    table(
      ['Measure (server time, in process)', 'median ms', 'p95 ms', 'target', ''],
      [
        ['team results, every question (tallies, free texts, protection, representation)', ms(bench.results.median), ms(bench.results.p95), `p95 < ${t.resultsP95Ms} ms`, verdict(bench.results.p95 < t.resultsP95Ms)],
        ['cross-tabulation (counted by the database, protected)', ms(bench.crossTab.median), ms(bench.crossTab.p95), `p95 < ${t.crossTabP95Ms} ms`, verdict(bench.crossTab.p95 < t.crossTabP95Ms)],
        ['results request with a cross-tabulation (all of the above)', ms(bench.crossTabRequest.median), ms(bench.crossTabRequest.p95), '', ''],
        ['results filtered on another question’s answer (answers counted)', ms(bench.filtered.median), ms(bench.filtered.p95), '', ''],
      ],
    ),
  );
  print();
  print(
    `${bench.retried.submissions} submissions, each sent ${bench.retried.tries} times at once with one retry key (in process, ${(bench.retried.wallMs / 1000).toFixed(1)} s): ` +
      `${bench.retried.rows} answers stored, ${bench.retried.replays} replays: **${verdict(retryOk)}**.`,
  );
  print();
  const h = bench.http;
  const httpOk = h.created === h.sent && h.rows === h.created && h.tallied === h.created && h.wallMs <= (t.httpSeconds + 2) * 1000;
  const others = Object.entries(h.others).map(([status, count]) => `${count} × ${status}`).join(', ') || 'none';
  print(
    `Over HTTP (a server of its own, embedded database): ${h.sent} submissions sent at ${t.httpPerSecond}/s, each as a new browser from its own address; ` +
      `${h.created} answered 201 (others: ${others}), the last answer ${s(h.wallMs)} s after the first request; ` +
      `${h.rows} answers stored, ${h.tallied} counted in the tallies; latency median ${ms(h.latency.median)} ms, p95 ${ms(h.latency.p95)} ms: **${verdict(httpOk)}**.`,
  );
  print();
  targets.push([`Surveys: results p95 < ${t.resultsP95Ms} ms with ${t.answers} answers`, `${ms(bench.results.p95)} ms`, verdict(bench.results.p95 < t.resultsP95Ms)]);
  targets.push([`Surveys: cross-tab p95 < ${t.crossTabP95Ms} ms`, `${ms(bench.crossTab.p95)} ms`, verdict(bench.crossTab.p95 < t.crossTabP95Ms)]);
  targets.push([`Surveys: ${t.retried} submissions × ${t.tries} tries → ${t.retried} rows`, `${bench.retried.rows} rows`, verdict(retryOk)]);
  targets.push([
    `Surveys: ${t.httpPerSecond} submissions/s for ${t.httpSeconds} s over HTTP, every 201 stored`,
    `${h.created}/${h.sent} × 201 in ${s(h.wallMs)} s, ${h.rows} rows`,
    verdict(httpOk),
  ]);
}

/** Community alone (BENCH_ONLY=community): a new PGlite data directory, and a PostgreSQL bench database unless skipped. */
async function communityOnly(print: Print, targets: Targets, output: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  progress('community: preparing a PGlite database (migrations, territory)');
  const { database } = await openPglite(join(tmp, 'pglite'));
  cleanups.push(() => database.close());
  const databases: Database[] = [database];
  if (process.env.BENCH_SKIP_POSTGRES !== '1') {
    progress('community: preparing a PostgreSQL bench database');
    const postgres = await openPostgresBench((drop) => cleanups.push(drop));
    if ('unreachable' in postgres) progress(`PostgreSQL skipped: ${postgres.unreachable}`);
    else {
      cleanups.push(() => postgres.database.close());
      databases.push(postgres.database);
    }
  }
  print('# Maillage benchmark: community (BENCH_ONLY=community)');
  print();
  print(`Load at end of preparation: ${loadAverage()}.`);
  print();
  await communitySection(databases, print, targets);
  printTargets(print, targets);
  process.stdout.write(`${output.join('\n')}\n`);
}

async function communitySection(databases: Database[], print: Print, targets: Targets) {
  const t = COMMUNITY_TARGETS;
  print(`## Community: skills within ${t.radiusKm} km among ${t.profiles} profiles`);
  print();
  const rows: (string | number)[][] = [];
  for (const database of databases) {
    try {
      const bench = await measureCommunity(database, progress);
      const ok = bench.search.count >= t.counted && bench.search.p95 < t.p95Ms;
      rows.push([bench.engine, `${(bench.insertMs / 1000).toFixed(1)} s`, `${bench.search.count} of ${bench.attempts}`, bench.rowsMedian, ms(bench.search.median), ms(bench.search.p95), `p95 < ${t.p95Ms} ms`, verdict(ok)]);
      targets.push([`Community (${bench.engine}): skill within ${t.radiusKm} km among ${t.profiles} profiles p95 < ${t.p95Ms} ms`, `${ms(bench.search.p95)} ms`, verdict(ok)]);
    } catch (error) {
      // A section that cannot run is a failure, said as such.
      rows.push([database.engine, 'not measured', (error as Error).message.split('\n')[0]!, '', '', '', '', 'FAIL']);
      targets.push([`Community (${database.engine}): skill within ${t.radiusKm} km`, 'not measured', 'FAIL']);
    }
  }
  print(table(['Engine', 'profiles written', 'searches with results', 'profiles found (median)', 'median ms', 'p95 ms', 'target', ''], rows));
  print();
  print(`Each search is the directory's whole call (the commune resolved, the search, the places of the profiles found), in process; searches that found nobody are not counted. Load now: ${loadAverage()}.`);
  print();
}

/** Events alone (BENCH_ONLY=events): a new PGlite database, then a new PostgreSQL one (two processes race there). */
async function eventsOnly(print: Print, targets: Targets, output: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  print('# Maillage benchmark: events (BENCH_ONLY=events)');
  print();
  print(`Load at start: ${loadAverage()}.`);
  print();
  progress('events: preparing a PGlite database (migrations, territory)');
  const { database } = await openPglite(join(tmp, 'pglite'));
  cleanups.push(() => database.close());
  await eventsSection(database, tmp, print, targets);
  progress('events: preparing a PostgreSQL database');
  const postgres = await openPostgresBench((drop) => cleanups.push(drop));
  if ('unreachable' in postgres) {
    print(`PostgreSQL not reachable (${postgres.unreachable}).`);
    targets.push(['Events on PostgreSQL (two processes)', 'not measured', verdict(false)]);
  } else {
    cleanups.push(() => postgres.database.close());
    await eventsSection(postgres.database, tmp, print, targets);
  }
  print(`Load at end: ${loadAverage()}.`);
  printTargets(print, targets);
  process.stdout.write(`${output.join('\n')}\n`);
}

async function eventsSection(database: Database, tmp: string, print: Print, targets: Targets) {
  const t = EVENT_TARGETS;
  let bench;
  try {
    bench = await measureEvents(database, progress, tmp);
  } catch (error) {
    print(`## Events (${database.engine}): **not measured**: ${(error as Error).message.split('\n')[0]}`);
    targets.push([`Events (${database.engine})`, 'not measured', verdict(false)]);
    return;
  }
  const raceOk = bench.race.confirmed === t.seats && bench.race.waiting === t.people - t.seats && bench.race.maxConfirmed <= t.seats;
  print(`## Events: network feed of ${t.places} places × ${t.eventsPerPlace} events (${bench.engine})`);
  print();
  print(`${bench.events} series, ${bench.occurrences} occurrences; the feed is ${(bench.feedBytes / 1024).toFixed(0)} kB.`);
  print();
  print(
    table(
      ['Measure', 'median ms', 'p95 ms', 'target', ''],
      [
        ['network feed, a client without the current tag (ETag, then the feed kept for it), in process', ms(bench.feed.median), ms(bench.feed.p95), `p95 < ${t.feedP95Ms} ms`, verdict(bench.feed.p95 < t.feedP95Ms)],
        ['building the whole feed again (after a change; once per change, whatever the number of processes)', ms(bench.build.median), ms(bench.build.p95), '', ''],
        ['unchanged feed: the ETag alone (304)', ms(bench.notModified.median), ms(bench.notModified.p95), 'same tag', verdict(bench.sameTag)],
      ],
    ),
  );
  print();
  print(
    `${t.people} people registering at once for ${t.seats} seats from ${bench.race.processes} process(es) (${(bench.race.wallMs / 1000).toFixed(1)} s): ` +
      `${bench.race.confirmed} confirmed, ${bench.race.waiting} waiting: **${verdict(raceOk)}**.`,
  );
  print();
  targets.push([`Events (${bench.engine}): network feed ${t.places}×${t.eventsPerPlace} p95 < ${t.feedP95Ms} ms`, `${ms(bench.feed.p95)} ms`, verdict(bench.feed.p95 < t.feedP95Ms)]);
  targets.push([`Events (${bench.engine}): 304 when nothing changed`, bench.sameTag ? 'same ETag' : 'ETag moved', verdict(bench.sameTag)]);
  targets.push([`Events (${bench.engine}): ${t.people} for ${t.seats} seats → ${t.seats}/${t.people - t.seats}, none over`, `${bench.race.confirmed}/${bench.race.waiting}`, verdict(raceOk)]);
}
