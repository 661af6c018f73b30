import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { testEngine } from '../../../../tests/setup/engine.ts';
import { refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { createOrganization, type Accounts } from '../accounts/index.ts';
import { createBooking, createOffer, createResource, type BookingContext } from '../booking/index.ts';
import { readConfig } from '../config.ts';
import { DatabaseNewerError, journal, migrateDatabase, openDatabase, queryRows, type Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import { BackupRefusedError, backupDue, backupFileName, controlSocketPath, dailyBackups, pruneBackups, databaseStatus, restoreBackup, startControlServer, statusOf, takeBackup } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'maillage-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('database status and upgrades', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('states the engine, the level, no pending migration and the sizes', async () => {
    const status = await databaseStatus(database);
    expect(status).toMatchObject({ engine: testEngine(), level: journal().at(-1)!.tag, latest: journal().at(-1)!.tag, pending: [], unknown: 0 });
    expect(status.sizeBytes).toBeGreaterThan(1_000_000);
    expect(status.largestTables[0]!.table).toBe('communes');
  });

  it('lists the migrations a database lacks', async () => {
    const last = journal().at(-1)!;
    await database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = ${last.when}`);
    try {
      expect(await databaseStatus(database)).toMatchObject({ level: journal().at(-2)!.tag, pending: [last.tag] });
    } finally {
      await database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = ${last.when} where created_at = ${last.when - 1}`);
    }
  });

  it('refuses to migrate a database that a newer Maillage migrated, saying so, and changes nothing', async () => {
    const future = journal().at(-1)!.when + 86_400_000;
    await database.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${future})`);
    try {
      const error = await migrateDatabase(database).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseNewerError);
      expect((error as Error).message).toContain(`1 migration after ${journal().at(-1)!.tag}`);
      expect((await databaseStatus(database)).unknown).toBe(1);
    } finally {
      await database.db.execute(sql`delete from drizzle.__drizzle_migrations where hash = 'from-a-newer-version'`);
    }
  });
});

if (testEngine() === 'postgresql') {
  describe('backups on PostgreSQL', () => {
    it('are left to PostgreSQL’s own tools: `maillage db backup` says so and writes nothing', async () => {
      const file = join(dir, 'on-postgresql.sql');
      const error = await takeBackup({ ...readConfig({}), databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres' }, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupRefusedError);
      expect((error as Error).message).toContain('pg_dump');
      expect(existsSync(file)).toBe(false);
    });
  });
}

// Backups of the embedded database (a PostgreSQL server is backed up with its own tools).
if (testEngine() === 'pglite') describe('embedded backup and restore', () => {
  const dataRoot = join(dir, 'instance');
  const config = { ...readConfig({}), dataDir: dataRoot };
  let database: Database;
  let accounts: Accounts;
  let stopControl: () => Promise<void>;
  let desks: string;
  const NOW = new Date('2026-12-01T08:00:00Z');

  beforeAll(async () => {
    // The "server": it holds the data directory and answers on its control socket.
    database = await createTestDatabase({ dataDir: join(dataRoot, 'pglite') });
    stopControl = await startControlServer(controlSocketPath(dataRoot), database);
    accounts = await testAccounts(database);
    let owner: SignedIn = await signedUpPerson(accounts);
    const organization = await createOrganization(owner.ctx, { name: `Tiers-lieu ${Date.now()}`, kind: 'operator' });
    owner = await refreshed(accounts, owner);
    const place = await createPlace(accounts.db, { name: 'La Fabrique', kind: 'coworking', communeCode: '46182', openingHours: 'Mo-Su 08:00-20:00', operatorOrganizationId: organization.id });
    const ctx: BookingContext = { db: accounts.db, actor: owner.ctx.actor, mailer: accounts.mailer, now: NOW };
    desks = (await createResource(ctx, place.id, { kind: 'desk-pool', name: 'Open space', capacity: '500' })).id;
    await createOffer(ctx, place.id, { kind: 'day-pass', name: 'Journée', price: '12' });
  }, 120_000);
  afterAll(async () => {
    await stopControl?.();
    await database?.close();
  });

  it('a backup taken while 20 clients book holds every booking answered before it started; it restores and serves', { timeout: 300_000 }, async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => signedUpPerson(accounts)));
    const answered: { id: string; at: number }[] = [];
    let booking = true;
    const clients = people.map(async (person, n) => {
      const ctx: BookingContext = { db: accounts.db, actor: person.ctx.actor, mailer: accounts.mailer, now: NOW };
      for (let day = 0; booking && day < 60; day++) {
        const date = new Date(Date.UTC(2026, 11, 2 + day)).toISOString().slice(0, 10);
        const result = await createBooking(ctx, { resourceId: desks, day: date });
        answered.push({ id: result.booking.id, at: performance.now() });
      }
      return n;
    });
    while (answered.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    const backupStarted = performance.now();
    const file = join(dir, 'during-bookings.sql');
    const summary = await takeBackup(config, file);
    booking = false;
    await Promise.all(clients);
    expect(summary).toMatchObject({ via: 'running server', migration: journal().at(-1)!.tag });
    const before = answered.filter((b) => b.at < backupStarted).map((b) => b.id);
    expect(before.length).toBeGreaterThanOrEqual(40);

    const restoredDir = join(dir, 'restored', 'pglite');
    const report = await restoreBackup(file, restoredDir);
    expect(report).toMatchObject({ migratedTo: journal().at(-1)!.tag, tables: summary.tables, rows: summary.rows });
    const restored = await openDatabase({ dataDir: restoredDir });
    try {
      const ids = (await queryRows<{ id: string }>(restored.db, sql`select id::text from bookings`)).map((row) => row.id);
      expect(ids).toEqual(expect.arrayContaining(before));
      // The restored instance serves: a new booking on it, its sequences past the restored rows.
      const restoredAccounts = await testAccounts(restored);
      const newcomer = await signedUpPerson(restoredAccounts);
      const ctx: BookingContext = { db: restoredAccounts.db, actor: newcomer.ctx.actor, mailer: restoredAccounts.mailer, now: NOW };
      expect((await createBooking(ctx, { resourceId: desks, day: '2026-12-10' })).booking.status).toBe('confirmed');
      const [counts] = await queryRows<{ restored: number }>(restored.db, sql`select count(*)::int as restored from "user"`);
      expect(counts!.restored).toBeGreaterThanOrEqual(22);
    } finally {
      await restored.close();
    }
  });

  it('status of a running instance is asked of the server', async () => {
    const status = await statusOf(config);
    expect(status).toMatchObject({ via: 'running server', engine: 'pglite', pending: [] });
  });

  describe('a restore that cannot be done is refused and changes nothing', () => {
    let good: string;
    beforeAll(async () => {
      good = join(dir, 'good.sql');
      if (!existsSync(good)) await takeBackup(config, good);
    }, 120_000);
    const refused = async (file: string, target = join(dir, `target-${Math.random().toString(36).slice(2)}`, 'pglite')) => {
      const error = await restoreBackup(file, target).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupRefusedError);
      expect(existsSync(target)).toBe(false);
      return (error as Error).message;
    };

    it('into a directory that is not empty', async () => {
      const target = join(dir, 'occupied');
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, 'PG_VERSION'), '18\n');
      const error = await restoreBackup(good, target).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupRefusedError);
      expect((error as Error).message).toContain('is not empty');
      expect(readFileSync(join(target, 'PG_VERSION'), 'utf8')).toBe('18\n');
    });

    it('a file that is not a backup', async () => {
      const file = join(dir, 'photo.jpg');
      writeFileSync(file, 'not a backup at all');
      expect(await refused(file)).toContain('is not a Maillage backup');
    });

    it('a truncated backup', async () => {
      const file = join(dir, 'truncated.sql');
      const bytes = readFileSync(good);
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      expect(await refused(file)).toContain('truncated');
    });

    it('a backup with rows missing in the middle', { timeout: 180_000 }, async () => {
      const file = join(dir, 'damaged.sql');
      const text = readFileSync(good, 'utf8');
      const start = text.indexOf('\n', text.indexOf('COPY "public"."communes"')) + 1;
      writeFileSync(file, text.slice(0, start) + text.slice(text.indexOf('\n', start) + 1));
      expect(await refused(file)).toContain('damaged');
    });

    it('a backup taken by a newer Maillage', async () => {
      const file = join(dir, 'newer.sql');
      writeFileSync(file, readFileSync(good, 'utf8').replace(/^-- migration: .*$/m, '-- migration: 29991231000000_from_the_future'));
      expect(await refused(file)).toContain('newer than this version of Maillage');
    });

    it('a backup over an existing file is refused too', async () => {
      const error = await takeBackup(config, good).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupRefusedError);
    });
  });
});

describe('daily backups', () => {
  it('are due after a day, and only the newest are kept', () => {
    const backups = join(dir, 'daily');
    mkdirSync(backups, { recursive: true });
    expect(backupDue(backups)).toBe(true);
    const names = [1, 2, 3, 4].map((day) => backupFileName(new Date(Date.UTC(2026, 11, day, 3))));
    for (const name of names) writeFileSync(join(backups, name), '');
    writeFileSync(join(backups, 'notes.txt'), 'kept');
    expect(backupDue(backups)).toBe(false);
    expect(backupDue(backups, Date.now() + 25 * 3600_000)).toBe(true);
    expect(pruneBackups(backups, 2)).toEqual(names.slice(0, 2));
    expect(dailyBackups(backups)).toEqual(names.slice(2));
    expect(existsSync(join(backups, 'notes.txt'))).toBe(true);
  });
});
