import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, testEngine, testServerUrl } from '../../../../tests/setup/engine.ts';
import { refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { createOrganization } from '../accounts/index.ts';
import { createBooking, createOffer, createResource, type BookingContext } from '../booking/index.ts';
import { readConfig } from '../config.ts';
import { journal, migrateDatabase, migrationLevel, openDatabase, queryRows, type Database } from '../db/index.ts';
import { addPlacePhoto, createPlace } from '../places/index.ts';
import { prepareDatabase } from '../runtime.ts';
import { moveTo, MoveRefusedError } from './index.ts';

// The source is always an embedded database of its own (what is moved); the target a PostgreSQL server.
const dir = mkdtempSync(join(tmpdir(), 'maillage-move-'));
const config = { ...readConfig({}), dataDir: dir };
const NOW = new Date('2026-12-01T08:00:00Z');

beforeAll(async () => {
  const source = await openDatabase({ dataDir: join(dir, 'pglite') });
  try {
    await prepareDatabase(source);
    const accounts = await testAccounts(source);
    let owner: SignedIn = await signedUpPerson(accounts);
    const organization = await createOrganization(owner.ctx, { name: 'Coopérative du Causse', kind: 'operator' });
    owner = await refreshed(accounts, owner);
    const place = await createPlace(accounts.db, { name: 'Le Causse', kind: 'coworking', communeCode: '46182', openingHours: 'Mo-Su 08:00-20:00', operatorOrganizationId: organization.id });
    {
      const ctx: BookingContext = { db: accounts.db, actor: owner.ctx.actor, mailer: accounts.mailer, now: NOW };
      const desks = (await createResource(ctx, place.id, { kind: 'desk-pool', name: 'Open space', capacity: '50' })).id;
      await createOffer(ctx, place.id, { kind: 'day-pass', name: 'Journée', price: '12' });
      const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 140, b: 60 } } }).jpeg().toBuffer();
      await addPlacePhoto(accounts.db, owner.ctx.actor, place.slug, { bytes: photo, altFr: 'La salle' });
      for (let day = 2; day < 12; day++) await createBooking(ctx, { resourceId: desks, day: `2026-12-${String(day).padStart(2, '0')}` });
    }
  } finally {
    await source.close();
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowCount(database: Database, table: string) {
  return (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
}

describe('moving the embedded database to PostgreSQL', () => {
  it('refuses an unreachable server or a URL that is not PostgreSQL, saying which', async () => {
    const unreachable = await moveTo(config, 'postgres://maillage:secret@127.0.0.1:1/maillage').catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(MoveRefusedError);
    expect((unreachable as Error).message).toMatch(/^cannot reach postgres:\/\/maillage@127\.0\.0\.1:1\/maillage/);
    expect((unreachable as Error).message).not.toContain('secret');
    expect(await moveTo(config, 'mysql://localhost/maillage').catch((e: unknown) => (e as Error).message)).toContain('not a PostgreSQL URL');
  });

  if (testEngine() === 'postgresql') {
    const name = `maillage_move_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: testServerUrl() });
    beforeAll(async () => {
      await admin.connect();
      await admin.query(`create database ${name}`);
    });
    afterAll(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('copies every table with equal counts and checksums, and the instance runs on it', { timeout: 180_000 }, async () => {
      const report = await moveTo(config, databaseUrl(name));
      expect(report.migration).toBe(journal().at(-1)!.tag);
      const byTable = new Map(report.tables.map((table) => [table.table, table]));
      expect(byTable.get('public.bookings')!.rows).toBe(10);
      expect(byTable.get('public.place_photos')!.rows).toBe(1);
      expect(byTable.get('drizzle.__drizzle_migrations')!.rows).toBe(journal().length);
      const target = await openDatabase({ databaseUrl: databaseUrl(name), poolSize: 2 });
      const source = await openDatabase({ dataDir: join(dir, 'pglite') });
      try {
        expect(await migrationLevel(target.db)).toBe(journal().at(-1)!.tag);
        for (const table of ['bookings', 'place_photo_variants', '"user"', 'audit_log', 'outbox_message']) {
          expect(await rowCount(target, table)).toBe(await rowCount(source, table));
        }
        const photo = sql`select encode(sha256(bytes), 'hex') as digest from place_photo_variants order by width limit 1`;
        expect(await queryRows(target.db, photo)).toEqual(await queryRows(source.db, photo));
        // Migrating again is a no-op, and identities continue past the copied rows.
        expect(await migrateDatabase(target)).toBe(journal().at(-1)!.tag);
        const [next] = await queryRows<{ id: number }>(target.db, sql`insert into audit_log (action, target_type, target_id) values ( 'test.moved', 'test', 'x') returning id`);
        const [highest] = await queryRows<{ max: number }>(source.db, sql`select coalesce(max(id), 0)::int as max from audit_log`);
        expect(next!.id).toBeGreaterThan(highest!.max);
      } finally {
        await target.close();
        await source.close();
      }
    });

    it('refuses a database that is not empty, and leaves it as it was', async () => {
      const before = (await admin.query(`select count(*)::int as n from pg_stat_user_tables`)).rows[0];
      const error = await moveTo(config, databaseUrl(name)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MoveRefusedError);
      expect((error as Error).message).toContain('is not empty');
      expect((await admin.query(`select count(*)::int as n from pg_stat_user_tables`)).rows[0]).toEqual(before);
    });

    it('refuses while a server holds the embedded database', async () => {
      const empty = `${name}_second`;
      await admin.query(`create database ${empty}`);
      const running = await openDatabase({ dataDir: join(dir, 'pglite') });
      try {
        const error = await moveTo(config, databaseUrl(empty)).catch((e: unknown) => e);
        expect((error as Error).message).toContain('stop the server first');
      } finally {
        await running.close();
        await admin.query(`drop database ${empty} with (force)`);
      }
    });
  }
});
