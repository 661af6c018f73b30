import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, migrationLevel, migrationsFolder, queryRows, type Database } from '../../src/lib/server/db/index.ts';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

export const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal;

const entryOf = (name: string) => {
  const index = journal.entries.findIndex((entry) => entry.tag.replace(/^\d+_/, '') === name);
  if (index < 0) throw new Error(`no migration named ${name}`);
  return index;
};

/**
 * Takes a database back to the level before the migrations `first` … `last` (names without their timestamp),
 * for a test that drops what they add, puts data as it was then, and applies them again. The migrations after
 * `last` stay as they are: their records are set aside while these are applied, then restored, so a migration
 * added later never changes an older migration's test.
 */
export async function rollBack(database: Database, first: string, last = first) {
  const db = database.db;
  const from = entryOf(first);
  const to = entryOf(last);
  const later = await queryRows<{ hash: string; created_at: string }>(
    db,
    sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations where created_at > ${journal.entries[to]!.when}`,
  );
  await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${journal.entries[from]!.when}`);
  return {
    /** The level the database is at now. */
    previous: journal.entries[from - 1]!.tag,
    /** Applies the migrations rolled back, and only them; then the later ones' records come back. Returns the level they reached. */
    async reapply(): Promise<string> {
      const folder = mkdtempSync(join(tmpdir(), 'maillage-migrations-'));
      try {
        cpSync(migrationsFolder(), folder, { recursive: true });
        writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, to + 1) }));
        await migrateDatabase(database, folder);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      const reached = await migrationLevel(db);
      for (const row of later) await db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${row.hash}, ${row.created_at}::bigint)`);
      return reached;
    },
  };
}
