import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, queryRows, type Database, type Db } from './database.ts';

export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** The migrations this version of Maillage knows, oldest first (drizzle-kit's journal). */
export function journal(): JournalEntry[] {
  return (JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
}

export interface AppliedMigration {
  hash: string;
  createdAt: number;
}

/** The migrations recorded in the database, oldest first; none on a database never migrated. */
export async function appliedMigrations(db: Db): Promise<AppliedMigration[]> {
  const [table] = await queryRows<{ exists: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  if (!table?.exists) return [];
  const rows = await queryRows<{ hash: string; created_at: string }>(db, sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`);
  return rows.map((row) => ({ hash: row.hash, createdAt: Number(row.created_at) }));
}

/** A database migrated by a later Maillage: this one would not know its tables, and migrations only go forward. */
export class DatabaseNewerError extends Error {
  constructor(
    readonly applied: number,
    readonly known: string,
  ) {
    super(
      `This database was migrated by a newer version of Maillage (${applied} migration${applied > 1 ? 's' : ''} after ${known}, ` +
        `the latest this version knows). Migrations only go forward: run that newer version (or a later one), ` +
        `or restore a backup taken at or before ${known}.`,
    );
    this.name = 'DatabaseNewerError';
  }
}

export interface MigrationState {
  /** The latest migration applied, by tag; `none` on an empty database. */
  level: string;
  /** The latest migration this version knows. */
  latest: string;
  /** Known migrations not yet applied. */
  pending: string[];
  /** Migrations applied that this version does not know (a newer Maillage wrote them). */
  unknown: number;
}

export async function migrationState(db: Db): Promise<MigrationState> {
  const entries = journal();
  const applied = await appliedMigrations(db);
  const last = applied.at(-1)?.createdAt ?? 0;
  const latest = entries.at(-1)!;
  return {
    level: entries.findLast((entry) => entry.when <= last && last > 0)?.tag ?? 'none',
    latest: latest.tag,
    pending: entries.filter((entry) => entry.when > last).map((entry) => entry.tag),
    unknown: applied.filter((migration) => migration.createdAt > latest.when).length,
  };
}

/** Refuses a database that a newer Maillage migrated, before anything reads or writes it. */
export async function assertNotNewer(db: Db): Promise<void> {
  const state = await migrationState(db);
  if (state.unknown > 0) throw new DatabaseNewerError(state.unknown, state.latest);
}

/** The tag of the latest applied migration, read by matching its timestamp against the journal. */
export async function migrationLevel(db: Db): Promise<string> {
  return (await migrationState(db)).level;
}

/** Applies pending migrations; returns the name of the latest one applied. Refuses a newer database. */
export async function migrateDatabase(database: Database, folder = migrationsFolder()): Promise<string> {
  await assertNotNewer(database.db);
  if (database.engine === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  }
  return migrationLevel(database.db);
}
