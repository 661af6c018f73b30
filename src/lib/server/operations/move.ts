import { sql } from 'drizzle-orm';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedDataDir, type Config } from '../config.ts';
import { DataDirLockedError, migrateDatabase, openDatabase, queryRows, type Database } from '../db/index.ts';
import { columnList, deferPostData, qualified, schemaSql, tablesInOrder, type TableShape } from './backup.ts';

/** A move that cannot be done; the target was left as it was. */
export class MoveRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoveRefusedError';
  }
}

export interface MovedTable {
  table: string;
  rows: number;
  checksum: string;
}

export interface MoveReport {
  migration: string;
  tables: MovedTable[];
  rows: number;
  /** The target URL without its password, for the start command. */
  target: string;
}

/** Heap pages read per round trip: a few thousand rows of most tables, a bounded amount of JSON. */
const CHUNK_PAGES = 32;

/**
 * A checksum of a table's rows that does not depend on their order: the sum of the first 60 bits of each
 * row's md5, with the row written as text under one time zone, so both engines write the same text.
 */
const checksumSql = (table: TableShape) =>
  `select count(*)::text as rows, coalesce(sum(('x' || left(md5(row(${columnList(table)})::text), 15))::bit(60)::bigint), 0)::text as checksum from ${qualified(table)}`;

const withoutPassword = (url: string) => {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
};

/**
 * Copies the embedded database into an empty PostgreSQL database, in one transaction on the target: the
 * schema (the migrations up to the source's level), every table in foreign-key order, the sequences; then
 * compares row counts and checksums table by table, and commits only if all agree. The embedded database is
 * read only (it is first brought to this version's migrations), and must not be in use.
 */
export async function moveTo(config: Config, targetUrl: string, log: (line: string) => void = () => {}): Promise<MoveReport> {
  if (config.databaseUrl) throw new MoveRefusedError('DATABASE_URL is set: this instance already runs on PostgreSQL (move-to copies the embedded database)');
  if (!/^postgres(ql)?:\/\//.test(targetUrl)) throw new MoveRefusedError(`${targetUrl} is not a PostgreSQL URL (postgres://user:password@host:port/database)`);
  const dataDir = embeddedDataDir(config);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new MoveRefusedError(`there is no embedded database in ${dataDir} (MAILLAGE_DATA_DIR)`);
  const target = new pg.Client({ connectionString: targetUrl, connectionTimeoutMillis: 10_000 });
  try {
    await target.connect();
  } catch (error) {
    throw new MoveRefusedError(`cannot reach ${withoutPassword(targetUrl)}: ${(error as Error).message || (error as { code?: string }).code}`);
  }
  let source: Database | undefined;
  try {
    const { rows: occupied } = await target.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') limit 5`,
    );
    if (occupied.length) {
      throw new MoveRefusedError(`${withoutPassword(targetUrl)} is not empty (it holds ${occupied.map((row) => row.name).join(', ')}…): move into a new, empty database`);
    }
    try {
      source = await openDatabase({ dataDir });
    } catch (error) {
      if (error instanceof DataDirLockedError) throw new MoveRefusedError(`the embedded database is in use: stop the server first, so that nothing is written during the move (${error.holder})`);
      throw error;
    }
    const migration = await migrateDatabase(source);
    const tables = await tablesInOrder(source);
    log(`moving ${tables.length} tables at migration ${migration} to ${withoutPassword(targetUrl)}`);
    await target.query("begin; set local timezone = 'UTC'");
    await target.query(schemaSql(migration));
    await target.query('create schema if not exists drizzle; create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
    // Indexes and constraints are built once the rows are in (as pg_dump orders it).
    const buildPostData = await deferPostData({ query: async <T,>(text: string) => ({ rows: (await target.query(text)).rows as T[] }) });
    for (const table of tables) {
      const [size] = await queryRows<{ pages: string }>(
        source.db,
        sql.raw(`select (pg_relation_size('${qualified(table).replaceAll("'", "''")}') / current_setting('block_size')::int)::text as pages`),
      );
      const pages = Number(size!.pages);
      const columns = columnList(table);
      const insert = `insert into ${qualified(table)} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${qualified(table)}, $1::json)`;
      // The next chunk is read from the embedded database while the server writes the previous one.
      let writing: Promise<unknown> = Promise.resolve();
      for (let first = 0; first < pages; first += CHUNK_PAGES) {
        const [chunk] = await queryRows<{ rows: string }>(
          source.db,
          sql.raw(`select coalesce(json_agg(x), '[]')::text as rows from (select ${columns} from ${qualified(table)} where ctid >= '(${first},0)'::tid and ctid < '(${first + CHUNK_PAGES},0)'::tid) x`),
        );
        await writing;
        if (chunk!.rows === '[]') continue;
        writing = target.query(insert, [chunk!.rows]);
        // Its failure is thrown where it is awaited, not reported as unhandled meanwhile.
        writing.catch(() => {});
      }
      await writing;
    }
    await buildPostData();
    const sequences = await queryRows<{ schema: string; name: string; value: string }>(
      source.db,
      sql`select schemaname as schema, sequencename as name, last_value::text as value from pg_sequences where last_value is not null and schemaname in ('public', 'drizzle')`,
    );
    for (const sequence of sequences) await target.query('select pg_catalog.setval($1, $2, true)', [qualified(sequence), sequence.value]);
    await queryRows(source.db, sql`set timezone = 'UTC'`);
    const moved: MovedTable[] = [];
    for (const table of tables) {
      const [[expected], { rows: [actual] }] = await Promise.all([
        queryRows<{ rows: string; checksum: string }>(source.db, sql.raw(checksumSql(table))),
        target.query<{ rows: string; checksum: string }>(checksumSql(table)),
      ]);
      if (expected!.rows !== actual!.rows || expected!.checksum !== actual!.checksum) {
        throw new MoveRefusedError(`${qualified(table)} differs after the copy (${expected!.rows} rows, checksum ${expected!.checksum}; copied ${actual!.rows}, ${actual!.checksum}): nothing was kept`);
      }
      moved.push({ table: `${table.schema}.${table.name}`, rows: Number(expected!.rows), checksum: expected!.checksum });
    }
    await target.query('commit');
    return { migration, tables: moved, rows: moved.reduce((sum, table) => sum + table.rows, 0), target: withoutPassword(targetUrl) };
  } catch (error) {
    await target.query('rollback').catch(() => {});
    throw error;
  } finally {
    await target.end().catch(() => {});
    await source?.close();
  }
}
