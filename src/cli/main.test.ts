import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../tests/setup/database.ts';
import { testEngine } from '../../tests/setup/engine.ts';
import { getCommune } from '../lib/server/territory/index.ts';
import { openDatabase, queryRows, type Database } from '../lib/server/db/index.ts';
import { parse } from '../lib/server/errors.ts';
import { placesCsv, searchPlaces } from '../lib/server/places/index.ts';
import { PlaceExportQuery, PlaceSearchQuery, toPlaceSearch } from '../lib/server/places/contracts.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'maillage-cli-'));
let env: Record<string, string>;

/** The CLI opens its own database from the environment: a prepared PGlite directory, or a test database. */
beforeAll(async () => {
  if (testEngine() === 'pglite') {
    const prepared = await createTestDatabase({ dataDir: join(dir, 'data', 'pglite') });
    await prepared.close();
    env = { MAILLAGE_DATA_DIR: join(dir, 'data') };
  } else {
    const prepared = await createTestDatabase();
    env = { DATABASE_URL: prepared.location };
    await prepared.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(['node', 'maillage', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.env = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: join(env.MAILLAGE_DATA_DIR!, 'pglite') });
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

describe('maillage CLI', () => {
  it('prints help for each command', async () => {
    const result = await cli('territory', 'import-centroids', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('geo.api.gouv.fr');
  });

  it('migrates', async () => {
    const result = await cli('db', 'migrate');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/migration level: \d{14}_\w+/);
  });

  it('states the database status without changing it', async () => {
    const result = await cli('db', 'status');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^engine: (pglite|postgresql) \(PostgreSQL \d+/m);
    expect(result.out).toMatch(/^migration level: \d{14}_\w+$/m);
    expect(result.out).toContain('pending migrations: none');
  });

  it('imports a centroid CSV and reports its counts', async () => {
    const file = join(dir, 'centres.csv');
    writeFileSync(file, '\uFEFFcode_insee;latitude_centre;longitude_centre\n13019;43.4401;5.3601\n98799;1;1\n');
    const result = await cli('territory', 'import-centroids', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('updated: 1');
    expect(result.out).toContain('unknown codes: 1 (98799)');
    const cabries = await withDatabase((database) => getCommune(database.db, '13019'));
    expect(cabries).toMatchObject({ lat: 43.4401, lon: 5.3601, coordinatesSource: 'imported' });
  });

  it('reports every invalid row and changes nothing', async () => {
    const before = await withDatabase((database) => getCommune(database.db, '46182'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ code: '46182', centre: { coordinates: [1, 44] } }, { code: 'x', centre: {} }]));
    const result = await cli('territory', 'import-centroids', file);
    expect(result.code).toBe(2);
    expect(result.err).toContain('rows.2.code');
    expect(result.err).toContain('nothing was imported');
    expect(await withDatabase((database) => getCommune(database.db, '46182'))).toEqual(before);
  });

  // Each command opens the database again: several commands take 10–15 s here, several times that on a loaded machine.
  it('makes an account a platform administrator and back, in the audit log; an unknown address changes nothing', { timeout: 180_000 }, async () => {
    expect((await cli('demo', 'seed')).code).toBe(0);
    const coworker = 'coworker@demo.maillage.fr';
    const roleOf = () =>
      withDatabase(async (database) => (await queryRows<{ platform_role: string | null }>(database.db, sql`select platform_role from "user" where email = ${coworker}`))[0]!.platform_role);
    const granted = await cli('accounts', 'admin', coworker);
    expect(granted.code).toBe(0);
    expect(granted.out).toContain(`${coworker} is now a platform administrator\n`);
    expect(await roleOf()).toBe('admin');
    expect((await cli('accounts', 'admin', coworker)).out).toContain('was already');
    expect((await cli('accounts', 'admin', '--remove', coworker)).code).toBe(0);
    expect(await roleOf()).toBeNull();
    const actions = await withDatabase((database) =>
      queryRows<{ action: string }>(database.db, sql`select action from audit_log where target_type = 'user' and action like 'user.platform-admin.%' order by id`),
    );
    expect(actions.map((a) => a.action).slice(-2)).toEqual(['user.platform-admin.grant', 'user.platform-admin.revoke']);
    const unknown = await cli('accounts', 'admin', 'personne@example.org');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('admin_account_unknown');
  });

  it('seeds the demo data', async () => {
    const result = await cli('demo', 'seed');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/demo data ready: \d+ communes/);
  });

  it('imports the directory CSV back: a line per row, nothing changed, no duplicate; a broken file writes nothing', { timeout: 180_000 }, async () => {
    expect((await cli('demo', 'seed')).code).toBe(0);
    const placeCount = () => withDatabase(async (database) => (await searchPlaces(database.db, toPlaceSearch(parse(PlaceSearchQuery, {})))).total);
    const before = await placeCount();
    const file = join(dir, 'lieux.csv');
    writeFileSync(file, await withDatabase((database) => placesCsv(database.db, toPlaceSearch(parse(PlaceExportQuery, {})))));
    const dry = await cli('places', 'import', '--dry-run', file);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('dry run: nothing written');
    const result = await cli('places', 'import', file);
    expect(result.code).toBe(0);
    expect(result.out.match(/^line \d+: unchanged /gm)).toHaveLength(before);
    expect(result.out).toContain(`created: 0, updated: 0, unchanged: ${before}, errors: 0`);
    expect(await placeCount()).toBe(before);

    const broken = join(dir, 'sans-colonnes.csv');
    writeFileSync(broken, 'nom;adresse\nLieu sans commune;1 rue du Port\n');
    const refused = await cli('places', 'import', broken);
    expect(refused.code).not.toBe(0);
    expect(refused.out + refused.err).toMatch(/code_insee|place_csv/);
    expect(await placeCount()).toBe(before);
  });
});
