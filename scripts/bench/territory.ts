/**
 * Measurements of the territory domain: cold and warm start, commune search latency,
 * coordinate accuracy against an official centroid file and the centroid importer.
 * Each function measures and returns numbers; index.ts orchestrates and prints.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database, type Db } from '../../src/lib/server/db/index.ts';
import { prepareDatabase } from '../../src/lib/server/runtime.ts';
import { distanceKm } from '../../src/lib/server/geo/index.ts';
import {
  importCentroids,
  loadTerritory,
  nearestCommunes,
  parseCentroidFile,
  searchCommunesByName,
  searchCommunesByPostalCode,
  type CentroidImportReport,
} from '../../src/lib/server/territory/index.ts';
import type { StartMeasurement } from './start-child.ts';
import { seededRandom, summarize, type Summary } from './stats.ts';

/** Rows of a raw query; both drivers answer `{ rows }`. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// 1. Start

/** Runs start-child.ts in a fresh Node process on a PGlite data directory. */
export function measureStartInChild(dataDir: string): Promise<StartMeasurement & { wallMs: number }> {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'start-child.ts');
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], {
      cwd: REPO_ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const wallMs = performance.now() - started;
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`start child exited with ${code}:\n${stderr || stdout}`));
        return;
      }
      resolvePromise({ ...(JSON.parse(line) as StartMeasurement), wallMs });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Search latency

export type QueryKind = 'name prefix' | 'postal code' | 'nearest';

export interface LatencyResult {
  kind: QueryKind;
  /** Per-query latency in ms; latency.count queries were measured. */
  latency: Summary;
  /** Queries drawn; more than latency.count when the time budget stopped the series. */
  planned: number;
  /** Share of queries that found nothing. */
  emptyShare: number;
  meanResults: number;
  queriesPerSecond: number;
}

/** Metropolitan France bounding box for the nearest-commune points. */
const METRO_BBOX = { latMin: 42.3, latMax: 51.1, lonMin: -4.8, lonMax: 8.2 };

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** A search-box query: a 2..8-character prefix of a name, in random case, accents removed half the time. */
export function namePrefixQuery(name: string, random: () => number): string {
  const length = 2 + Math.floor(random() * 7);
  let query = [...name].slice(0, length).join('');
  const casing = random();
  if (casing < 1 / 3) query = query.toLowerCase();
  else if (casing < 2 / 3) query = query.toUpperCase();
  if (random() < 0.5) query = stripAccents(query);
  return query;
}

export interface SearchWorkload {
  names: string[];
  postalCodes: string[];
  points: { lat: number; lon: number }[];
}

/** Draws the queries once from the loaded data, so every engine answers the same ones. */
export async function drawWorkload(db: Db, count: number, seed: number): Promise<SearchWorkload> {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const communeNames = (await rowsOf<{ name: string }>(db, sql`select name from communes order by code`)).map((r) => r.name);
  const postalCodes = (
    await rowsOf<{ postal_code: string }>(db, sql`select distinct postal_code from commune_postal_codes order by 1`)
  ).map((r) => r.postal_code);
  if (communeNames.length === 0 || postalCodes.length === 0) throw new Error('The territory is not loaded');
  const names = Array.from({ length: count }, () => namePrefixQuery(pick(communeNames), random));
  const codes = Array.from({ length: count }, () => pick(postalCodes));
  const points = Array.from({ length: count }, () => ({
    lat: METRO_BBOX.latMin + random() * (METRO_BBOX.latMax - METRO_BBOX.latMin),
    lon: METRO_BBOX.lonMin + random() * (METRO_BBOX.lonMax - METRO_BBOX.lonMin),
  }));
  return { names, postalCodes: codes, points };
}

export interface LatencyOptions {
  /** Unmeasured queries run first (the first queries of the list, run again afterwards). */
  warmup: number;
  /** Wall-clock limit per kind of query, ms: past it the series stops and reports what it measured. */
  budgetMs: number;
}

async function timeQueries<Q>(
  kind: QueryKind,
  queries: Q[],
  run: (query: Q) => Promise<unknown[]>,
  options: LatencyOptions,
): Promise<LatencyResult> {
  const started = performance.now();
  const deadline = started + options.budgetMs;
  // Warm-up takes at most a fifth of the budget, so a slow series still measures something.
  const warmupDeadline = started + options.budgetMs / 5;
  for (let i = 0; i < Math.min(options.warmup, queries.length) && performance.now() < warmupDeadline; i++) {
    await run(queries[i]!);
  }
  const latencies: number[] = [];
  let empty = 0;
  let results = 0;
  const measuring = performance.now();
  for (const query of queries) {
    if (latencies.length > 0 && performance.now() >= deadline) break;
    const t = performance.now();
    const rows = await run(query);
    latencies.push(performance.now() - t);
    if (rows.length === 0) empty++;
    results += rows.length;
  }
  const elapsed = performance.now() - measuring;
  return {
    kind,
    latency: summarize(latencies),
    planned: queries.length,
    emptyShare: empty / latencies.length,
    meanResults: results / latencies.length,
    queriesPerSecond: (latencies.length / elapsed) * 1000,
  };
}

/** Runs the queries of the workload one after the other (the service's default limits; 20 for nearest). */
export async function measureSearchLatency(db: Db, workload: SearchWorkload, options: LatencyOptions): Promise<LatencyResult[]> {
  return [
    await timeQueries('name prefix', workload.names, (q) => searchCommunesByName(db, q), options),
    await timeQueries('postal code', workload.postalCodes, (q) => searchCommunesByPostalCode(db, q), options),
    await timeQueries('nearest', workload.points, (p) => nearestCommunes(db, p, 20), options),
  ];
}

// ---------------------------------------------------------------------------------------------
// 3. Coordinates accuracy and centroid import

/** The commune centres shipped in the repository, unless MAILLAGE_CENTROIDS_FILE names another file. */
export function centroidsFile(): string {
  return resolve(REPO_ROOT, process.env.MAILLAGE_CENTROIDS_FILE ?? 'src/lib/server/territory/data/communes-centre.geoapi.json.gz');
}

export interface AccuracyGroup {
  source: string;
  /** Communes compared (those present in both the table and the file). */
  count: number;
  medianKm: number;
  p95Km: number;
  maxKm: number;
  over5Km: number;
  worst: { code: string; name: string; km: number } | null;
}

export interface AccuracyResult {
  fileRows: number;
  communesInTable: number;
  /** Communes (and arrondissements) of the table the file has no point for. */
  missingFromFile: { kind: string; count: number }[];
  /** File codes that are not in the table. */
  notInTable: string[];
  groups: AccuracyGroup[];
  /** The largest errors overall. */
  worst: { code: string; name: string; source: string; km: number }[];
}

interface CommuneCoordinates {
  code: string;
  name: string;
  kind: string;
  lat: number;
  lon: number;
  coordinates_source: string;
}

async function communeCoordinates(db: Db): Promise<CommuneCoordinates[]> {
  const rows = await rowsOf<CommuneCoordinates>(
    db,
    sql`select code, name, kind, lat, lon, coordinates_source from communes order by code`,
  );
  return rows.map((r) => ({ ...r, lat: Number(r.lat), lon: Number(r.lon) }));
}

function group(source: string, errors: { code: string; name: string; km: number }[]): AccuracyGroup {
  const summary = summarize(errors.map((e) => e.km));
  const worst = errors.reduce<(typeof errors)[number] | null>((w, e) => (!w || e.km > w.km ? e : w), null);
  return {
    source,
    count: errors.length,
    medianKm: summary.median,
    p95Km: summary.p95,
    maxKm: summary.max,
    over5Km: errors.filter((e) => e.km > 5).length,
    worst,
  };
}

/** Distance between each commune's coordinates as loaded and the official point of the file. */
export async function measureAccuracy(db: Db, content: string): Promise<AccuracyResult> {
  const { rows: fileRows } = parseCentroidFile(content);
  const official = new Map(fileRows.map((r) => [r.code, r]));
  const communes = await communeCoordinates(db);
  const inTable = new Set(communes.map((c) => c.code));
  const bySource = new Map<string, { code: string; name: string; km: number }[]>();
  const all: { code: string; name: string; source: string; km: number }[] = [];
  const missing = new Map<string, number>();
  for (const c of communes) {
    const point = official.get(c.code);
    if (!point) {
      missing.set(c.kind, (missing.get(c.kind) ?? 0) + 1);
      continue;
    }
    const km = distanceKm(c, point);
    const entry = { code: c.code, name: c.name, km };
    const list = bySource.get(c.coordinates_source) ?? [];
    list.push(entry);
    bySource.set(c.coordinates_source, list);
    all.push({ ...entry, source: c.coordinates_source });
  }
  const groups = [...bySource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, errors]) => group(source, errors));
  groups.push(group('all', all));
  return {
    fileRows: fileRows.length,
    communesInTable: communes.length,
    missingFromFile: [...missing.entries()].map(([kind, count]) => ({ kind, count })),
    notInTable: fileRows.filter((r) => !inTable.has(r.code)).map((r) => r.code),
    groups,
    worst: all.sort((a, b) => b.km - a.km).slice(0, 5),
  };
}

export interface ImportRun {
  ms: number;
  report: CentroidImportReport;
}

export interface ImportResult {
  runs: ImportRun[];
  /** After the import, the largest distance between a commune and its point in the file (should be 0). */
  maxKmAfterImport: number;
  importedAfter: number;
}

/** importCentroids twice on the same file: the second run must change nothing. */
export async function measureImport(db: Db, content: string): Promise<ImportResult> {
  const runs: ImportRun[] = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const report = await importCentroids(db, content);
    runs.push({ ms: performance.now() - t, report });
  }
  const official = new Map(parseCentroidFile(content).rows.map((r) => [r.code, r]));
  let maxKm = 0;
  let importedAfter = 0;
  for (const c of await communeCoordinates(db)) {
    if (c.coordinates_source === 'imported') importedAfter++;
    const point = official.get(c.code);
    if (point) maxKm = Math.max(maxKm, distanceKm(c, point));
  }
  return { runs, maxKmAfterImport: maxKm, importedAfter };
}

export function readCentroidsFile(): { path: string; content: string | null } {
  const path = centroidsFile();
  if (!existsSync(path)) return { path, content: null };
  const bytes = readFileSync(path);
  return { path, content: (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
}

// ---------------------------------------------------------------------------------------------
// Databases

export async function serverVersion(db: Db): Promise<string> {
  const rows = await rowsOf<{ version: string }>(db, sql`select version() as version`);
  return rows[0]?.version ?? 'unknown';
}

export interface PlannerDiagnostics {
  /** pg_class.reltuples of communes: -1 when the table was never analyzed (no planner statistics). */
  communesReltuples: number;
  /** Scan nodes the planner picks for the nearest-communes ranking query (as written in service.ts). */
  nearestPlan: string;
  namePlan: string;
}

function scanNodes(plan: { 'QUERY PLAN': string }[]): string {
  const nodes = plan
    .map((row) => /(?:->\s*)?((?:Parallel )?(?:Seq|Index|Index Only|Bitmap Heap|Bitmap Index) Scan(?: using \S+)?)/.exec(row['QUERY PLAN'])?.[1])
    .filter((node): node is string => !!node);
  return nodes.join(' → ') || 'unknown';
}

/** Why a search is slow is mostly the plan: report what the planner knows and which scans it picks. */
export async function plannerDiagnostics(db: Db): Promise<PlannerDiagnostics> {
  const [stats] = await rowsOf<{ reltuples: number }>(db, sql`select reltuples from pg_class where oid = 'communes'::regclass`);
  const nearest = await rowsOf<{ 'QUERY PLAN': string }>(
    db,
    sql`explain select code from communes where code <> '' and kind = 'commune'
        order by ll_to_earth(lat, lon) <-> ll_to_earth(46.5, 2.5) limit 20`,
  );
  const name = await rowsOf<{ 'QUERY PLAN': string }>(
    db,
    sql`explain select code, row_number() over (order by (search_name = 'sain') desc, population desc, code) as rank
        from communes where search_name like 'sain%' order by rank limit 20`,
  );
  return { communesReltuples: Number(stats?.reltuples ?? Number.NaN), nearestPlan: scanNodes(nearest), namePlan: scanNodes(name) };
}

export interface PostgresBench {
  database: Database;
  name: string;
  location: string;
  openMs: number;
  migrateMs: number;
  loadMs: number;
  /** Drops the bench database; call after database.close(). */
  drop(): Promise<void>;
}

export function postgresAdminUrl(): string {
  return process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Creates a fresh database `maillage_bench_<pid>` on the PostgreSQL server, migrates it and loads the
 * territory. Returns null (with the reason) when the server cannot be reached.
 */
export async function openPostgresBench(
  onCreated: (drop: () => Promise<void>) => void,
): Promise<PostgresBench | { unreachable: string }> {
  const adminUrl = postgresAdminUrl();
  const { default: pg } = await import('pg');
  const name = `maillage_bench_${process.pid}`;
  const admin = async <T>(work: (client: InstanceType<typeof pg.Client>) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  try {
    await admin((client) => client.query(`create database "${name}"`));
  } catch (error) {
    return { unreachable: `${withoutPassword(adminUrl)}: ${(error as Error).message || String(error)}` };
  }
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
  };
  onCreated(drop);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let t = performance.now();
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await database.db.execute(sql`select 1`);
    const openMs = performance.now() - t;
    t = performance.now();
    await migrateDatabase(database);
    const migrateMs = performance.now() - t;
    t = performance.now();
    await loadTerritory(database.db);
    const loadMs = performance.now() - t;
    return { database, name, location: database.location, openMs, migrateMs, loadMs, drop };
  } catch (error) {
    await database.close();
    await drop();
    throw error;
  }
}

/** Opens a data directory the child loaded, and prepares it as the app does at start. */
export async function openPglite(dataDir: string): Promise<{ database: Database; openMs: number }> {
  const t = performance.now();
  const database = await openDatabase({ dataDir });
  await prepareDatabase(database);
  return { database, openMs: performance.now() - t };
}
