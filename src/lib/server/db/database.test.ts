import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { testEngine } from '../../../../tests/setup/engine.ts';
import { loadTerritory, territoryVintage } from '../territory/index.ts';
import { DataDirLockedError, migrateDatabase, migrationLevel, openDatabase, type Database } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('database', () => {
  it('runs on the engine under test, migrated to the latest migration', async () => {
    expect(database.engine).toBe(testEngine());
    expect(await migrationLevel(database.db)).toMatch(/^\d{14}_\w+$/);
    // Migrating again is a no-op.
    expect(await migrateDatabase(database)).toBe(await migrationLevel(database.db));
  });

  it('records the reference-data vintage and does not reload the same edition', async () => {
    const vintage = await territoryVintage(database.db);
    expect(vintage?.vintage).toBe('COG 2026');
    expect(await loadTerritory(database.db)).toEqual({ loaded: false, communes: 0 });
  });

  it('enforces the foreign keys of the territory', async () => {
    await expect(
      database.db.execute(sql`insert into commune_postal_codes (postal_code, commune_code) values ('00000', 'XXXXX')`),
    ).rejects.toThrow();
  });
});

describe('embedded data directory', () => {
  const parent = mkdtempSync(join(tmpdir(), 'maillage-lock-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('refuses a second opening of the same data directory with a clear error, and frees it on close', async () => {
    const dataDir = join(parent, 'pglite');
    const first = await openDatabase({ dataDir });
    try {
      // The lock holds our own pid; a lock held by another live process is what is refused.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${dataDir}.lock`, String(process.ppid));
      const error = await openDatabase({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain('already in use by process');
      writeFileSync(`${dataDir}.lock`, String(process.pid));
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it('takes over a lock left by a dead process', async () => {
    const dataDir = join(parent, 'stale');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(parent, { recursive: true });
    writeFileSync(`${dataDir}.lock`, '999999999');
    const database = await openDatabase({ dataDir });
    await database.close();
  });
});
