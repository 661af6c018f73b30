import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { journal, migrationsFolder, migrationState, queryRows, type Database } from '../db/index.ts';

/**
 * The backup format, version 1: one plain SQL file, written the way pg_dump writes a plain dump, so that
 * PostgreSQL's own `psql` loads it into an empty database, and `maillage db restore` into a new data directory.
 *
 *   header     `-- maillage-backup: 1`, `-- migration: <tag>`, `-- created: <ISO time>`, `-- source: …`
 *   schema     the migrations up to that level, verbatim, then drizzle's table of applied migrations
 *   data       per table, in foreign-key order: `COPY … FROM stdin;`, the rows in COPY text format, `\.`,
 *              then `-- rows: <n>` (a restore checks each count)
 *   sequences  `SELECT pg_catalog.setval(…)` for each sequence that has been used
 *   trailer    `-- end of maillage backup: <tables> tables, <rows> rows`: a file without it is truncated
 */
export const BACKUP_FORMAT = 1;
export const BACKUP_MAGIC = '-- maillage-backup: ';
export const BACKUP_END = '-- end of maillage backup: ';

export interface BackupSummary {
  migration: string;
  tables: number;
  rows: number;
}

export interface TableShape {
  schema: string;
  name: string;
  /** Stored columns, in order (generated columns are recomputed by the database). */
  columns: string[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (table: Pick<TableShape, 'schema' | 'name'>) => `${ident(table.schema)}.${ident(table.name)}`;
export const columnList = (table: TableShape) => table.columns.map(ident).join(', ');

/**
 * The tables to copy, parents before children (a foreign key to itself is not an order). drizzle's own
 * table of applied migrations comes first.
 */
export async function tablesInOrder(database: Database): Promise<TableShape[]> {
  const rows = await queryRows<{ schema: string; name: string; columns: string[]; parents: string[] | null }>(
    database.db,
    sql`select n.nspname as schema, c.relname as name,
          array(select a.attname::text from pg_attribute a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                order by a.attnum) as columns,
          array(select distinct p.relname::text from pg_constraint f join pg_class p on p.oid = f.confrelid
                where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as parents
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and (n.nspname = 'public' or (n.nspname = 'drizzle' and c.relname = '__drizzle_migrations'))
        order by n.nspname, c.relname`,
  );
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const pending = rows.filter((row) => row.schema === 'public');
  ordered.push(...rows.filter((row) => row.schema === 'drizzle').map(({ schema, name, columns }) => ({ schema, name, columns })));
  while (pending.length) {
    const index = pending.findIndex((row) => (row.parents ?? []).every((parent) => placed.has(parent)));
    // The schema has no cycle of foreign keys; should one appear, its tables would need their checks deferred.
    if (index === -1) throw new Error(`foreign keys form a cycle among ${pending.map((row) => row.name).join(', ')}`);
    const [next] = pending.splice(index, 1);
    placed.add(next!.name);
    ordered.push({ schema: next!.schema, name: next!.name, columns: next!.columns });
  }
  return ordered;
}

interface PgliteClient {
  query<T>(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: T[]; blob?: Blob }>;
  exec(query: string): Promise<unknown>;
}

export function pgliteClient(database: Database): PgliteClient {
  if (database.engine !== 'pglite') throw new Error('an embedded (PGlite) database is needed here');
  return (database.db as unknown as { $client: PgliteClient }).$client;
}

/** What runs one SQL text and gives its rows: a PGlite client or a `pg` client. */
export interface SqlRunner {
  query<T>(text: string): Promise<{ rows: T[] }>;
}

/**
 * Secondary indexes and foreign-key and exclusion constraints of the public schema, which pg_dump puts after
 * the data: a bulk load drops them first and builds each once at the end, instead of maintaining them row by
 * row (a million bookings with their GiST exclusions load several times faster). Primary keys and unique
 * constraints stay. Returns what makes them again, indexes before the constraints that may rest on them.
 */
export async function deferPostData(client: SqlRunner): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ drop: string; create: string; step: number }>(
    `select format('alter table %s drop constraint %I', conrelid::regclass, conname) as drop,
            format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) as create,
            case contype when 'x' then 1 else 2 end as step
       from pg_constraint where connamespace = 'public'::regnamespace and contype in ('f', 'x')
     union all
     select format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 0
       from pg_index i join pg_class c on c.oid = i.indexrelid
      where c.relnamespace = 'public'::regnamespace and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
  );
  for (const row of [...rows].sort((a, b) => b.step - a.step)) await client.query(row.drop);
  return async () => {
    for (const row of [...rows].sort((a, b) => a.step - b.step)) await client.query(row.create);
  };
}

async function write(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** The SQL of the migrations up to `level`, as this version of Maillage ships them. */
export function schemaSql(level: string): string {
  const entries = journal();
  const upTo = entries.findIndex((entry) => entry.tag === level);
  if (upTo === -1) throw new Error(`migration ${level} is unknown to this version of Maillage: take the backup with the version that runs the database`);
  return entries
    .slice(0, upTo + 1)
    .map((entry) => `-- migration ${entry.tag}\n${readFileSync(join(migrationsFolder(), `${entry.tag}.sql`), 'utf8').trimEnd()}\n`)
    .join('\n');
}

/**
 * Writes a backup of an embedded database that nothing else writes meanwhile (a snapshot of a running
 * instance, or a data directory this process holds) to `file`.
 */
export async function writeBackup(database: Database, file: string): Promise<BackupSummary> {
  const client = pgliteClient(database);
  const state = await migrationState(database.db);
  if (state.level === 'none') throw new Error('this database has never been migrated: there is nothing to back up');
  const [version] = await queryRows<{ version: string }>(database.db, sql`select current_setting('server_version') as version`);
  const tables = await tablesInOrder(database);
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  let rows = 0;
  const body = async () => {
    await write(
      out,
      [
        `${BACKUP_MAGIC}${BACKUP_FORMAT}`,
        `-- migration: ${state.level}`,
        `-- created: ${new Date().toISOString()}`,
        `-- source: PostgreSQL ${version!.version} (embedded PGlite)`,
        '-- Restore: `maillage db restore FILE`, or into an empty PostgreSQL database (a role that may create extensions):',
        '--   psql -v ON_ERROR_STOP=1 --single-transaction -f FILE DATABASE_URL',
        "SET client_encoding = 'UTF8';",
        'SET standard_conforming_strings = on;',
        'SET check_function_bodies = false;',
        'SET client_min_messages = warning;',
        '',
        '-- section: schema',
        schemaSql(state.level),
        'CREATE SCHEMA IF NOT EXISTS drizzle;',
        'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);',
        '',
        '-- section: data',
        '',
      ].join('\n'),
    );
    for (const table of tables) {
      const { blob } = await client.query(`COPY (SELECT ${columnList(table)} FROM ${qualified(table)}) TO '/dev/blob'`);
      // PGlite hands no blob for an empty table.
      const bytes = blob ? new Uint8Array(await blob.arrayBuffer()) : new Uint8Array();
      let count = 0;
      for (const byte of bytes) if (byte === 10) count++;
      await write(out, `COPY ${qualified(table)} (${columnList(table)}) FROM stdin;\n`);
      await write(out, bytes);
      await write(out, `\\.\n-- rows: ${count}\n\n`);
      rows += count;
    }
    const sequences = await queryRows<{ schema: string; name: string; value: string }>(
      database.db,
      sql`select schemaname as schema, sequencename as name, last_value::text as value from pg_sequences
          where last_value is not null and schemaname in ('public', 'drizzle') order by 1, 2`,
    );
    await write(out, '-- section: sequences\n');
    for (const sequence of sequences) {
      await write(out, `SELECT pg_catalog.setval('${qualified(sequence).replaceAll("'", "''")}', ${Number(sequence.value)}, true);\n`);
    }
    await write(out, `\n${BACKUP_END}${tables.length} tables, ${rows} rows\n`);
    out.end();
    await once(out, 'finish');
  };
  await Promise.race([body(), failed]);
  return { migration: state.level, tables: tables.length, rows };
}
