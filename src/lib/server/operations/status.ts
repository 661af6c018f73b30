import { sql } from 'drizzle-orm';
import { migrationState, queryRows, type Database, type MigrationState } from '../db/index.ts';

export interface DatabaseStatus extends MigrationState {
  engine: Database['engine'];
  location: string;
  /** PostgreSQL's own version string (PGlite reports the PostgreSQL it embeds). */
  serverVersion: string;
  /** pg_database_size of the database, in bytes. */
  sizeBytes: number;
  /** The largest tables with their indexes, by size. */
  largestTables: { table: string; sizeBytes: number; rows: number }[];
}

/** What `maillage db status` prints: read only, it never migrates. */
export async function databaseStatus(database: Database): Promise<DatabaseStatus> {
  const state = await migrationState(database.db);
  const [info] = await queryRows<{ version: string; size: string }>(
    database.db,
    sql`select current_setting('server_version') as version, pg_database_size(current_database())::text as size`,
  );
  // reltuples is the planner's estimate (-1 before the first analyze): a status line, not a count.
  const tables = await queryRows<{ table: string; size: string; rows: string }>(
    database.db,
    sql`select c.relname as "table", pg_total_relation_size(c.oid)::text as size, greatest(c.reltuples, 0)::bigint::text as rows
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
        order by pg_total_relation_size(c.oid) desc, c.relname limit 8`,
  );
  return {
    engine: database.engine,
    location: database.location,
    ...state,
    serverVersion: info!.version,
    sizeBytes: Number(info!.size),
    largestTables: tables.map((row) => ({ table: row.table, sizeBytes: Number(row.size), rows: Number(row.rows) })),
  };
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The report, a line each. */
export function statusLines(status: DatabaseStatus): string[] {
  const lines = [
    `engine: ${status.engine} (PostgreSQL ${status.serverVersion})`,
    `location: ${status.location}`,
    `migration level: ${status.level}`,
    `latest known to this Maillage: ${status.latest}`,
  ];
  if (status.unknown > 0) lines.push(`newer than this Maillage: ${status.unknown} migration(s) it does not know; run the newer version`);
  lines.push(status.pending.length ? `pending migrations (${status.pending.length}): ${status.pending.join(', ')}` : 'pending migrations: none');
  lines.push(`database size: ${formatBytes(status.sizeBytes)}`);
  lines.push('largest tables:');
  for (const table of status.largestTables) lines.push(`  ${table.table.padEnd(32)} ${formatBytes(table.sizeBytes).padStart(10)}  ~${table.rows} rows`);
  return lines;
}
