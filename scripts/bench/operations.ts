// Operations on an embedded instance with 1,000,000 bookings: a backup while the server serves (and what it
// does to page latency), a restore into a new directory, and the move to a PostgreSQL server.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows } from '../../src/lib/server/db/index.ts';
import { fillNearby } from './booking.ts';
import { BENCH_PORTS } from './ports.ts';
import { summarize, type Summary } from './stats.ts';
import { REPO_ROOT, postgresAdminUrl } from './territory.ts';
import { startBuiltApp } from './weight.ts';

export const OPERATIONS_TARGETS = { bookings: 1_000_000, backupS: 60, restoreS: 60, moveS: 120, p95Factor: 2 };
/** Pages read while measuring latency: a place list near a commune, the home page, free desks on a day. */
const PAGES = ['/', '/lieux?near=46042&radiusKm=30', '/reservations?near=46042&day=2027-01-12'];

type Progress = (line: string) => void;

export interface OperationsBench {
  bookings: number;
  fillMs: number;
  backupMs: number;
  backupBytes: number;
  restoreMs: number;
  moveMs: number | null;
  moveNote: string;
  baseline: Summary;
  duringBackup: Summary;
}

const cli = join(REPO_ROOT, 'bin/maillage.js');

async function run(args: string[], env: NodeJS.ProcessEnv, progress: Progress): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`maillage ${args.join(' ')} failed (${code}): ${output.trim().split('\n').slice(-3).join(' / ')}`);
  progress(`maillage ${args[0]} ${args[1]}: ${output.trim().split('\n').at(-1)}`);
  return performance.now() - started;
}

/** Reads the pages one after another until `until` resolves (or for `ms`); returns the latencies. */
async function readPages(base: string, until: Promise<unknown> | number): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  if (typeof until === 'number') setTimeout(() => (done = true), until);
  else void until.finally(() => (done = true));
  for (let i = 0; !done; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${PAGES[i % PAGES.length]}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${PAGES[i % PAGES.length]} answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

export async function measureOperations(progress: Progress, cleanups: (() => Promise<void> | void)[]): Promise<OperationsBench> {
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-ops-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const env = { MAILLAGE_DATA_DIR: join(tmp, 'data') };
  progress('operations: creating an embedded instance');
  await run(['db', 'migrate'], env, progress);
  const database = await openDatabase({ dataDir: join(tmp, 'data', 'pglite') });
  let fillMs: number;
  try {
    await database.db.execute(sql`insert into "user" (id, name, email, email_verified, created_at, updated_at)
      select 'bench-' || g, 'Personne ' || g, 'bench-' || g || '@example.org', true, now(), now() from generate_series(1, 200) g`);
    fillMs = await fillNearby(database.db, { places: 2000, bookings: OPERATIONS_TARGETS.bookings, firstDay: '2027-01-04', days: 250 }, progress);
  } finally {
    await database.close();
  }

  progress('operations: building the app if needed, then starting the server on it');
  const { base, stop } = await startBuiltApp(BENCH_PORTS.operations, env);
  cleanups.push(stop);
  await readPages(base, 3000);
  progress('operations: page latency while idle');
  const baseline = summarize(await readPages(base, 20_000));
  progress('operations: backup while serving');
  const file = join(tmp, 'backup.sql');
  let backupMs = 0;
  const backup = run(['db', 'backup', file], env, progress).then((elapsed) => (backupMs = elapsed));
  const duringBackup = summarize(await readPages(base, backup));
  await backup;
  await stop();

  progress('operations: restore into a new directory');
  const restoreMs = await run(['db', 'restore', file, '--data-dir', join(tmp, 'restored', 'pglite')], env, progress);

  let moveMs: number | null = null;
  let moveNote = '';
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  try {
    await admin.connect();
    const name = `maillage_bench_move_${process.pid}`;
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(postgresAdminUrl());
    url.pathname = `/${name}`;
    progress('operations: move to PostgreSQL');
    moveMs = await run(['db', 'move-to', url.toString()], env, progress);
    const moved = new pg.Client({ connectionString: url.toString() });
    await moved.connect();
    moveNote = `${(await moved.query<{ n: string }>('select count(*)::text as n from bookings')).rows[0]!.n} bookings on the server after the move`;
    await moved.end();
  } catch (error) {
    moveNote = `not measured: ${(error as Error).message}`;
  }
  const restored = await openDatabase({ dataDir: join(tmp, 'restored', 'pglite') });
  const [count] = await queryRows<{ n: number }>(restored.db, sql`select count(*)::int as n from bookings`);
  await restored.close();
  if (count!.n !== OPERATIONS_TARGETS.bookings) throw new Error(`the restored instance holds ${count!.n} bookings, not ${OPERATIONS_TARGETS.bookings}`);
  return { bookings: count!.n, fillMs, backupMs, backupBytes: statSync(file).size, restoreMs, moveMs, moveNote, baseline, duringBackup };
}
