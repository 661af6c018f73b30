import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { log } from '../log.ts';
import { lockDataDir } from './lock.ts';
import { schema } from './schema.ts';

/** One type for both drivers, so domain code never cares which engine it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  engine: Engine;
  /** Where the data lives: a directory for PGlite, the URL without password for PostgreSQL. */
  location: string;
  close(): Promise<void>;
  /** PostgreSQL: the connection pool's counts (for metrics). PGlite has one in-process connection. */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

export interface OpenOptions {
  /** postgres://… selects PostgreSQL; absent selects embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for a throwaway database. */
  dataDir?: string;
  /** PGlite only: start from a data-directory snapshot (tests clone a migrated database this way). */
  loadDataDir?: Blob;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export function migrationsFolder(): string {
  return resolve(process.env.MAILLAGE_MIGRATIONS_DIR ?? 'drizzle');
}

/**
 * PGlite's page cache. Its memory never shrinks, and PostgreSQL's default (128MB) fills as pages are read, so a
 * server kept it all resident; pages it does not hold are read through the operating system's own file cache.
 * Measured on a first start and five first pages: 535 MB resident with the default, 416 MB with 16MB, at the
 * same latencies.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server ends (a restart, a failover) is the pool's to replace when next needed: without a
    // listener its 'error' event would end the process. A request in flight gets its own error, answered as a 500.
    pool.on('error', (error: Error & { code?: string }) =>
      log.warn({ code: error.code, reason: error.message }, 'a database connection was closed by the server; the pool opens another when needed'),
    );
    const url = new URL(options.databaseUrl);
    url.password = '';
    return {
      db: drizzle(pool, { schema, casing: 'snake_case' }) as unknown as Db,
      engine: 'postgresql',
      location: url.toString(),
      close: () => pool.end(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
  const { cube } = await import('@electric-sql/pglite/contrib/cube');
  const { earthdistance } = await import('@electric-sql/pglite/contrib/earthdistance');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = options.dataDir ?? 'memory://';
  const inMemory = dataDir.startsWith('memory://');
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(dataDir, {
      extensions: { cube, earthdistance, btree_gist },
      loadDataDir: options.loadDataDir,
      startParams: [...defaults, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    return {
      db: drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db,
      engine: 'pglite',
      location: dataDir,
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs raw SQL as a prepared statement named after its text, and returns its rows: PostgreSQL parses it once
 * per connection and may keep its plan, which for a hot query of many joins costs more than running it (the
 * booking path's). Only for SQL whose text takes a bounded number of shapes: each shape is kept per connection.
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const built = db.execute(query).getQuery();
  const name = `maillage_${createHash('sha256').update(built.sql).digest('base64url').slice(0, 24)}`;
  const result = (await db._.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}
