import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../src/lib/server/db/index.ts';
import { addDays, DEMO_ACCOUNTS, DEMO_PASSWORD, parisToday } from './support';

/*
 * Operations as whoever runs an instance does them, with the CLI, against the server the tests use (on its
 * embedded database; this spec runs in the PGlite run only): a backup taken while 20 clients book through the
 * API holds every booking answered 201 before it started; restored into a new directory it starts and serves;
 * with 10,000 more bookings it moves to PostgreSQL, and the moved instance answers the pages and the API as the
 * embedded one does.
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const dataDir = `tmp/e2e-data-${port}`;
const work = `tmp/operations-${port}`;
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const API = '/api/v1';
const PLACE = 'ocowork-cabries';

/** The CLI as an operator runs it; fails the test with its output when it fails. */
function maillage(args: string[], env: Record<string, string>): string {
  const run = spawnSync(process.execPath, ['bin/maillage.js', ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 240_000 });
  expect(run.status, `maillage ${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout + run.stderr;
}

interface App {
  url: string;
  stop: () => Promise<void>;
}

/** Starts the app as the README does (`npm start`), on a data directory or a database URL; waits until it serves. */
async function startApp(appPort: number, env: { MAILLAGE_DATA_DIR?: string; DATABASE_URL?: string }): Promise<App> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
    env: { ...process.env, PORT: String(appPort), HOST: '127.0.0.1', DATABASE_URL: '', SHUTDOWN_TIMEOUT: '1', ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${appPort}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the app on ${appPort} exited with ${child.exitCode}`);
    if (waited > 180_000) throw new Error(`the app on ${appPort} did not answer within 3 minutes`);
    if (await fetch(`${url}${API}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function signIn(request: APIRequestContext, baseURL: string, email: string): Promise<string> {
  const response = await request.post(`${baseURL}/connexion?/password`, { form: { email, password: DEMO_PASSWORD }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  return /maillage\.session_token=([^;]+)/.exec(response.headers()['set-cookie'] ?? '')![1]!;
}

test.describe('operations', () => {
  test.describe.configure({ mode: 'serial', timeout: 600_000 });
  const restoredRoot = join(work, 'restored');
  const database = `maillage_ops_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  let token: string;
  let answeredBefore: string[] = [];

  test.beforeAll(() => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
  });
  let connected = false;
  test.afterAll(async () => {
    if (connected) {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
    rmSync(work, { recursive: true, force: true });
  });

  test('a backup taken while 20 clients book through the API holds every booking answered 201 before it started; restored, it serves them', async ({ playwright, baseURL }) => {
    const signing = await playwright.request.newContext();
    const operatorToken = await signIn(signing, baseURL!, DEMO_ACCOUNTS.operator.email);
    token = await signIn(signing, baseURL!, DEMO_ACCOUNTS.admin.email);
    await signing.dispose();
    const operator = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `maillage.session_token=${operatorToken}` } });
    const created = await operator.post(`${API}/places/${PLACE}/resources`, { data: { kind: 'desk-pool', name: `Sauvegarde ${Date.now().toString(36)}`, capacity: 5 } });
    expect(created.status(), await created.text()).toBe(201);
    const desks = ((await created.json()) as { id: string }).id;
    await operator.dispose();

    // 20 clients, each its own connection, book days of their own (a day the place is closed is a 409, skipped).
    const answered: { id: string; at: number }[] = [];
    let booking = true;
    const clients = await Promise.all(
      Array.from({ length: 20 }, () => playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `maillage.session_token=${token}` } })),
    );
    const runs = clients.map(async (client, n) => {
      for (let ahead = 2 + n; booking && ahead < 360; ahead += 20) {
        const response = await client.post(`${API}/bookings`, { data: { resourceId: desks, day: addDays(parisToday(), ahead), payment: 'on-site' } });
        if (response.status() === 201) answered.push({ id: ((await response.json()) as { id: string }).id, at: performance.now() });
        else expect(response.status(), await response.text()).toBe(409);
      }
    });
    while (answered.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    const backupStarted = performance.now();
    const file = join(work, 'backup.sql');
    const said = maillage(['db', 'backup', file], { MAILLAGE_DATA_DIR: dataDir });
    expect(said).toMatch(/a server holds the database: asking it for a snapshot/);
    booking = false;
    await Promise.all(runs);
    await Promise.all(clients.map((client) => client.dispose()));
    answeredBefore = answered.filter((made) => made.at < backupStarted).map((made) => made.id);
    expect(answeredBefore.length).toBeGreaterThanOrEqual(40);

    maillage(['db', 'restore', file, '--data-dir', join(restoredRoot, 'pglite')], {});
    // Refused, and nothing changed: the same backup into the directory now holding it.
    const again = spawnSync(process.execPath, ['bin/maillage.js', 'db', 'restore', file, '--data-dir', join(restoredRoot, 'pglite')], { encoding: 'utf8' });
    expect(again.status).not.toBe(0);
    expect(again.stderr + again.stdout).toMatch(/not empty/);

    const restored = await startApp(port + 30, { MAILLAGE_DATA_DIR: restoredRoot });
    try {
      const client = await playwright.request.newContext({ baseURL: restored.url, extraHTTPHeaders: { cookie: `maillage.session_token=${token}` } });
      // The session, the place and every booking answered before the backup started are there.
      for (const id of answeredBefore) expect((await client.get(`${API}/bookings/${id}`)).status(), id).toBe(200);
      expect((await client.get(`/lieux/${PLACE}`)).status()).toBe(200);
      await client.dispose();
    } finally {
      await restored.stop();
    }
  });

  test('with 10,000 more bookings, the instance moves to PostgreSQL and answers the same pages and API', async ({ playwright }) => {
    // 10,000 bookings of the demo coworker, one a day from 1999 on, written as SQL into the restored instance.
    const embedded = await openDatabase({ dataDir: join(restoredRoot, 'pglite') });
    try {
      await embedded.db.execute(sql`
        insert into bookings (resource_id, place_id, user_id, day, period, start_minute, end_minute, blocked_until_minute, payment, price_cents, status)
        select r.id, r.place_id, u.id, date '1999-01-01' + n, 'full', 480, 1140, 1140, 'on-site', 1200, 'confirmed'
        from generate_series(0, 9999) as n, (select id, place_id from booking_resources where kind = 'desk-pool' order by id limit 1) as r,
             (select id from "user" where email = ${DEMO_ACCOUNTS.coworker.email}) as u`);
      const [count] = await queryRows<{ n: number }>(embedded.db, sql`select count(*)::int as n from bookings`);
      expect(count!.n).toBeGreaterThanOrEqual(10_000 + answeredBefore.length);
    } finally {
      await embedded.close();
    }

    await admin.connect();
    connected = true;
    await admin.query(`create database ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    const said = maillage(['db', 'move-to', url.toString()], { MAILLAGE_DATA_DIR: restoredRoot });
    expect(said).toMatch(/checksum/i);

    const [before, after] = [await startApp(port + 30, { MAILLAGE_DATA_DIR: restoredRoot }), await startApp(port + 31, { DATABASE_URL: url.toString() })];
    try {
      const day = addDays(parisToday(), 3);
      const paths = [
        `${API}/bookings?from=1999-01-01`,
        `${API}/bookings/${answeredBefore[0]}`,
        `${API}/places?near=46182&radiusKm=100`,
        `${API}/places/${PLACE}`,
        `${API}/places/${PLACE}/availability?date=${day}`,
        '/',
        '/lieux',
        `/lieux/${PLACE}`,
        '/compte/reservations',
        '/territoires/communes/46182',
        '/reservations?near=46182',
      ];
      const read = async (base: string, path: string) => {
        const client = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: { cookie: `maillage.session_token=${token}` } });
        try {
          const response = await client.get(path);
          // A page differs only by its CSP nonce, the fresh retry key of its booking forms, its own address, and
          // the private calendar address each instance makes when first asked (the admin never had one).
          const body = (await response.text())
            .replaceAll(base, 'origin')
            .replace(/\/calendrier\/[\w-]+\.ics/g, '/calendrier/feed.ics')
            .replace(/nonce(=|-)"?[\w+/=-]+"?/g, 'nonce')
            .replace(/(idempotencyKey.{1,12}?)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '$1key');
          return { status: response.status(), body };
        } finally {
          await client.dispose();
        }
      };
      for (const path of paths) {
        const [embeddedAnswer, movedAnswer] = [await read(before.url, path), await read(after.url, path)];
        expect(embeddedAnswer.status, path).toBe(200);
        expect(movedAnswer, path).toEqual(embeddedAnswer);
      }
    } finally {
      await before.stop();
      await after.stop();
    }
  });
});
