// Booking on PostgreSQL: (a) a race for the last seats between two app processes over HTTP, (b) the rate of
// bookings through the API against the rate of bare INSERTs, (c) free desks around a point among 2,000 places
// within 30 km and 1,000,000 bookings. Runs on a fresh, prepared bench database, which it fills.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Actor, Accounts } from '../../src/lib/server/accounts/index.ts';
import { availabilityNear, createOffer, createResource } from '../../src/lib/server/booking/index.ts';
import { addDays, localNow } from '../../src/lib/server/booking/time.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import { queryRows, type Database, type Db } from '../../src/lib/server/db/database.ts';
import { createPlace } from '../../src/lib/server/places/index.ts';
import { createAccounts } from '../../src/lib/server/runtime.ts';
import { assertPortFree, BENCH_PORTS } from './ports.ts';
import { summarize, type Summary } from './stats.ts';
import { REPO_ROOT } from './territory.ts';
import { waitForHealth } from './weight.ts';

/** apiShareOfInsert: bookings through the API per second, as a share of bare INSERTs per second (3.8 % when first measured). */
export const BOOKING_TARGETS = { seats: 10, attempts: 200, nearbyP95Ms: 50, places: 2000, radiusKm: 30, bookings: 1_000_000, apiShareOfInsert: 0.15 };

/** The platform administrator acting for the bench: createResource asks `can`, as for any operator. */
const BENCH_ADMIN: Actor = { kind: 'user', userId: 'bench', name: 'Bench', email: 'bench@example.org', emailVerified: true, platformRole: 'admin', memberships: [] };

export interface RaceResult {
  attempts: number;
  created: number;
  full: number;
  /** Any other answer, by status and code: none expected. */
  other: Record<string, number>;
  databaseCount: number;
  wallMs: number;
  processes: number;
}

export interface ThroughputResult {
  bookings: number;
  concurrency: number;
  apiPerSecond: number;
  apiLatency: Summary;
  apiFailures: number;
  insertPerSecond: number;
}

export interface NearbyResult {
  places: number;
  bookings: number;
  insertMs: number;
  queries: number;
  placesReturned: number;
  latency: Summary;
}

export interface BookingBench {
  race: RaceResult;
  throughput: ThroughputResult;
  nearby: NearbyResult;
  peopleMs: number;
}

type Progress = (line: string) => void;

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
};

// ————— Two app processes —————

interface AppServers {
  urls: string[];
  stop(): Promise<void>;
}

/**
 * Two built app servers on one database, as the Playwright configuration runs them on PostgreSQL: the first
 * (which builds the app when the build is stale) is up before the second starts on the same build.
 */
async function startAppServers(databaseUrl: string, ports: number[]): Promise<AppServers> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-booking-'));
  const children: ReturnType<typeof spawn>[] = [];
  const logs: string[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const child of children) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const env = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        MAILLAGE_DATA_DIR: dataDir,
        MAILLAGE_SECRET: '',
        SHUTDOWN_TIMEOUT: '1',
      };
      await assertPortFree(port);
      const child = spawn(process.execPath, ['scripts/start.js'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      child.stdout!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
      children.push(child);
      await waitForHealth(`http://127.0.0.1:${port}/api/v1/health`, 300_000);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${logs.join('').slice(-2000)}`);
  }
  return { urls: ports.map((port) => `http://127.0.0.1:${port}`), stop };
}

// ————— People with sessions —————

interface Person {
  userId: string;
  cookie: string;
}

/** Cookies set by a response, as a Cookie header. */
const cookiesOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');

/** Signs people up through better-auth and follows their verification links: each gets a session cookie, valid on every process. */
async function signedUpPeople(accounts: Accounts, count: number, stamp: string): Promise<Person[]> {
  const people: Person[] = [];
  for (let first = 0; first < count; first += 8) {
    const batch = Array.from({ length: Math.min(8, count - first) }, (_, i) => first + i);
    people.push(
      ...(await Promise.all(
        batch.map(async (n) => {
          const email = `bench.${stamp}.${n}@example.org`;
          const headers = new Headers({ 'x-maillage-client-ip': `198.51.100.${n % 250}`, origin: accounts.baseURL });
          await accounts.auth.api.signUpEmail({ body: { name: `Banc ${n}`, email, password: 'a bench password of some length' }, headers });
          const [mail] = await queryRows<{ text_body: string; user_id: string }>(
            accounts.db,
            sql`select o.text_body, u.id as user_id from outbox_message o join "user" u on u.email = o.recipient where o.recipient = ${email} order by o.id desc limit 1`,
          );
          const link = mail!.text_body.match(/https?:\/\/\S+verify-email\S+/)![0];
          const response = await accounts.auth.handler(new Request(link, { headers }));
          const cookie = cookiesOf(response.headers);
          if (!cookie.includes('session_token=')) throw new Error(`no session for ${email}`);
          return { userId: mail!.user_id, cookie };
        }),
      )),
    );
  }
  return people;
}

// ————— HTTP —————

async function postBooking(base: string, person: Person, body: unknown, key: string): Promise<{ status: number; code: string | null }> {
  const response = await fetch(`${base}/api/v1/bookings`, {
    method: 'POST',
    headers: { cookie: person.cookie, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { code?: string };
  return { status: response.status, code: response.status >= 400 ? (answer.code ?? 'none') : null };
}

/** Runs `count` tasks with at most `concurrency` at a time; returns each task's duration. */
async function pooled(count: number, concurrency: number, task: (index: number, worker: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count) {
        const index = next++;
        const started = performance.now();
        await task(index, worker);
        durations.push(performance.now() - started);
      }
    }),
  );
  return durations;
}

// ————— (a) The race —————

async function measureRace(db: Db, servers: AppServers, people: Person[], resourceId: string, day: string): Promise<RaceResult> {
  const [answers, wallMs] = await timed(() =>
    Promise.all(people.map((person, i) => postBooking(servers.urls[i % servers.urls.length]!, person, { resourceId, day, payment: 'on-site' }, `bench-race-${i}`))),
  );
  const other: Record<string, number> = {};
  for (const answer of answers) {
    if (answer.status === 201 || (answer.status === 409 && answer.code === 'booking_full')) continue;
    const key = `${answer.status} ${answer.code ?? ''}`.trim();
    other[key] = (other[key] ?? 0) + 1;
  }
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from bookings where resource_id = ${resourceId}::uuid and day = ${day}::date and status in ('confirmed', 'checked-in')`,
  );
  return {
    attempts: people.length,
    created: answers.filter((a) => a.status === 201).length,
    full: answers.filter((a) => a.status === 409 && a.code === 'booking_full').length,
    other,
    databaseCount: row!.n,
    wallMs,
    processes: servers.urls.length,
  };
}

// ————— (b) Throughput —————

async function measureThroughput(
  database: Database,
  databaseUrl: string,
  servers: AppServers,
  people: Person[],
  placeId: string,
  firstDay: string,
  options: { bookings: number; concurrency: number },
): Promise<ThroughputResult> {
  const pools: string[] = [];
  for (let i = 0; i < 4; i++) pools.push((await createResource({ db: database.db, actor: BENCH_ADMIN }, placeId, { kind: 'desk-pool', name: `Débit ${i}`, capacity: 100 })).id);
  // Request i books pool i % 4 on day i / 4: no two requests wait for the same pool and day.
  const slot = (i: number) => ({ resourceId: pools[i % pools.length]!, day: addDays(firstDay, Math.floor(i / pools.length)) });
  let failures = 0;
  const perPerson = Math.ceil(options.bookings / people.length);
  const [latencies, apiMs] = await timed(() =>
    pooled(options.bookings, options.concurrency, async (i, worker) => {
      const answer = await postBooking(servers.urls[worker % servers.urls.length]!, people[Math.floor(i / perPerson)]!, { ...slot(i), payment: 'on-site' }, `bench-rate-${i}`);
      if (answer.status !== 201) failures++;
    }),
  );

  // The same bookings as bare single-row INSERTs (no check, no lock, no e-mail), as many at a time.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.concurrency });
  try {
    await pool.query('select 1');
    const [, insertMs] = await timed(() =>
      pooled(options.bookings, options.concurrency, async (i) => {
        const { resourceId, day } = slot(i);
        await pool.query(
          `insert into bookings (resource_id, place_id, user_id, day, period, start_minute, end_minute, blocked_until_minute, status, payment, price_cents, vat_rate_basis_points, idempotency_key)
           values ($1, $2, $3, $4, 'full', 480, 1140, 1140, 'confirmed', 'on-site', 1500, 2000, $5)`,
          [resourceId, placeId, people[Math.floor(i / perPerson)]!.userId, day, `bench-insert-${i}`],
        );
      }),
    );
    return {
      bookings: options.bookings,
      concurrency: options.concurrency,
      apiPerSecond: (options.bookings / apiMs) * 1000,
      apiLatency: summarize(latencies),
      apiFailures: failures,
      insertPerSecond: (options.bookings / insertMs) * 1000,
    };
  } finally {
    await pool.end();
  }
}

// ————— (c) Free desks nearby at scale —————

/** Cahors: the centre of the places of the nearby measure. */
export const NEARBY_CENTRE = '46042';

interface NearbyOptions {
  places: number;
  bookings: number;
  radiusKm: number;
  queries: number;
  firstDay: string;
  days: number;
}

/** Fills the database for the nearby measure: places around the centre, their desk pools and rooms, bookings. */
export async function fillNearby(db: Db, options: Omit<NearbyOptions, 'queries' | 'radiusKm'>, progress: Progress): Promise<number> {
  const centre = NEARBY_CENTRE;
  const [point] = await queryRows<{ lat: number; lon: number }>(db, sql`select lat, lon from communes where code = ${centre}`);
  // Places in a square of ±19 km around the centre: all within 27 km, so within the 30 km asked.
  const half = 19;
  const [, insertMs] = await timed(async () => {
    await db.execute(sql`
      insert into places (slug, name, kind, commune_code, lat, lon, status, synthetic, opening_hours, open_days, sort_name)
      select 'banc-reservation-' || g, 'Banc réservation ' || g, 'coworking', ${centre},
             ${point!.lat} + (random() * 2 - 1) * ${half} / 111.2,
             ${point!.lon} + (random() * 2 - 1) * ${half} / (111.2 * cos(radians(${point!.lat}))),
             'open', true, 'Mo-Fr 08:00-19:00', 31, 'banc reservation ' || g
      from generate_series(1, ${options.places}) g`);
    await db.execute(sql`
      insert into booking_resources (place_id, kind, name, capacity)
      select id, 'desk-pool', 'Open space', 8 + (hashtext(id::text) & 15) from places where slug like 'banc-reservation-%'`);
    await db.execute(sql`
      insert into booking_resources (place_id, kind, name, capacity, min_minutes, max_minutes, buffer_minutes)
      select id, 'room', 'Salle', 8, 60, 240, 15 from places where slug like 'banc-reservation-%' and hashtext(id::text) % 4 = 0`);
    // Priced by a day pass, as a place must be for its desks to be offered.
    await db.execute(sql`
      insert into offers (place_id, kind, name, price_cents)
      select id, 'day-pass', 'Journée', 1500 from places where slug like 'banc-reservation-%'`);
    // Each desk pool gets the same share of the bookings over `days` days; a tenth cancelled, some checked in
    // or not come; booked by the bench's people.
    const perPool = Math.ceil(options.bookings / options.places);
    progress(`booking: inserting ${options.bookings} bookings with generate_series`);
    await db.execute(sql`
      insert into bookings (resource_id, place_id, user_id, day, period, start_minute, end_minute, blocked_until_minute, status, payment, price_cents)
      select r.id, r.place_id, u.ids[1 + (k % u.n)], ${options.firstDay}::date + (k % ${options.days}),
             x.period, x.start_minute, x.end_minute, x.end_minute,
             case when x.draw < 0.1 then 'cancelled' when x.draw < 0.15 then 'checked-in' when x.draw < 0.17 then 'no-show' else 'confirmed' end,
             'on-site', 1500
      from (select id, place_id, row_number() over (order by id) as n from booking_resources
            where kind = 'desk-pool' and place_id in (select id from places where slug like 'banc-reservation-%')) r
      cross join generate_series(1, ${perPool}) k
      -- Drawn once a row (the reference to k makes the subquery run for each).
      cross join lateral (select case p when 0 then 'full' when 1 then 'am' else 'pm' end as period,
                                 case p when 2 then 780 else 480 end as start_minute,
                                 case p when 1 then 780 else 1140 end as end_minute, draw
                          from (select floor(random() * 3 + k * 0)::int as p, random() + k * 0 as draw) d) x
      cross join (select array_agg(id order by id) as ids, count(*)::int as n from "user") u
      where r.n * ${perPool} - ${perPool} + k <= ${options.bookings}`);
    // A table that grew to a million rows over months has been vacuumed along the way: vacuum it here too, so the
    // queries measured do not race autovacuum's first pass over the rows just inserted.
    await db.execute(sql`vacuum analyze places`);
    await db.execute(sql`vacuum analyze booking_resources`);
    await db.execute(sql`vacuum analyze bookings`);
  });
  return insertMs;
}

async function measureNearby(db: Db, options: NearbyOptions, progress: Progress): Promise<NearbyResult> {
  const centre = NEARBY_CENTRE;
  const insertMs = await fillNearby(db, options, progress);
  const [counts] = await queryRows<{ bookings: number }>(db, sql`select count(*)::int as bookings from bookings`);
  const days = Array.from({ length: options.queries }, (_, i) => addDays(options.firstDay, (i * 7) % options.days));
  // Warm-up: the first queries read the indexes into memory.
  for (const day of days.slice(0, 10)) await availabilityNear(db, { code: centre }, options.radiusKm, day);
  const latencies: number[] = [];
  let placesReturned = 0;
  for (const day of days) {
    const [rows, ms] = await timed(() => availabilityNear(db, { code: centre }, options.radiusKm, day));
    latencies.push(ms);
    placesReturned = rows.length;
  }
  return {
    places: options.places,
    bookings: counts!.bookings,
    insertMs,
    queries: latencies.length,
    placesReturned,
    latency: summarize(latencies),
  };
}

// ————— The whole section —————

export async function measureBooking(
  database: Database,
  databaseUrl: string,
  options: { attempts: number; seats: number; bookings: number; concurrency: number; nearbyPlaces: number; nearbyBookings: number; queries: number },
  progress: Progress,
): Promise<BookingBench> {
  const db = database.db;
  const stamp = Date.now().toString(36);
  const ports = BENCH_PORTS.booking;
  // The bench's own accounts object signs sessions with the instance secret the servers will read.
  const accounts = await createAccounts(database, { ...readConfig({}), publicUrl: `http://127.0.0.1:${ports[0]}`, ipRateLimitFactor: 10_000 });
  progress(`booking: signing up ${options.attempts} people`);
  const [people, peopleMs] = await timed(() => signedUpPeople(accounts, options.attempts, stamp));

  const place = await createPlace(db, { name: `Banc de réservation ${stamp}`, kind: 'coworking', communeCode: '75056', openingHours: '24/7' });
  const seats = (await createResource({ db: db, actor: BENCH_ADMIN }, place.id, { kind: 'desk-pool', name: 'Dix places', capacity: options.seats })).id;
  // Every booking is priced: a day pass paid on site, as at most places.
  await createOffer({ db: db, actor: BENCH_ADMIN }, place.id, { kind: 'day-pass', name: 'Journée', price: '15' });
  const raceDay = addDays(localNow().day, 30);

  progress('booking: starting two app servers on the bench database');
  const servers = await startAppServers(databaseUrl, ports);
  try {
    progress(`booking: ${options.attempts} concurrent attempts for ${options.seats} seats`);
    const race = await measureRace(db, servers, people, seats, raceDay);
    progress(`booking: ${options.bookings} non-conflicting bookings over HTTP, then as bare INSERTs`);
    const throughput = await measureThroughput(database, databaseUrl, servers, people, place.id, addDays(raceDay, 1), options);
    await servers.stop();
    progress(`booking: ${options.nearbyPlaces} places within ${BOOKING_TARGETS.radiusKm} km, ${options.nearbyBookings} bookings`);
    const nearby = await measureNearby(
      db,
      { places: options.nearbyPlaces, bookings: options.nearbyBookings, radiusKm: BOOKING_TARGETS.radiusKm, queries: options.queries, firstDay: addDays(localNow().day, 1), days: 250 },
      progress,
    );
    return { race, throughput, nearby, peopleMs };
  } finally {
    await servers.stop();
  }
}
