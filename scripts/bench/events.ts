// Events: the network feed of 100 places × 50 events (p95 < 300 ms, and a 304 when nothing changed: the ETag
// read without building the feed), and 200 people registering at once for 20 seats → 20 confirmed, 180
// waiting, none over capacity: in one process on PGlite, from two processes on PostgreSQL (this one and a
// child, `events-child.ts`, started on the same database and released at the same instant).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/accounts/index.ts';
import { bulkInsert } from '../../src/lib/server/db/bulk.ts';
import { queryRows, type Database, type Db } from '../../src/lib/server/db/database.ts';
import { cachedFeed, feedTag, instantOfLocal, localStarts, publicFeed, register } from '../../src/lib/server/events/index.ts';
import { events } from '../../src/lib/server/events/schema.ts';
import { generateSyntheticPlaces } from '../../src/lib/server/places/index.ts';
import { seededRandom } from '../../src/lib/server/random.ts';
import { timeRuns, type Summary } from './stats.ts';

export const EVENT_TARGETS = { places: 100, eventsPerPlace: 50, feedP95Ms: 300, people: 200, seats: 20 };

export interface EventsBench {
  engine: string;
  events: number;
  occurrences: number;
  feedBytes: number;
  /** Building the whole feed (after a change). */
  build: Summary;
  /** What the route does for a client without the current tag: the tag, then the feed kept for it. */
  feed: Summary;
  notModified: Summary;
  sameTag: boolean;
  race: { processes: number; confirmed: number; waiting: number; maxConfirmed: number; wallMs: number };
}

const pad = (n: number) => String(n).padStart(2, '0');
const asActor = (userId: string): Actor => ({ kind: 'user', userId, name: userId, email: `${userId}@bench.example.org`, emailVerified: true, platformRole: null, memberships: [] });


/** 100 synthetic places, each with 50 events over the coming year (one in ten weekly, 8 times), fixed seed. */
async function fill(db: Db): Promise<{ events: number; occurrences: number }> {
  await generateSyntheticPlaces(db, EVENT_TARGETS.places, 16);
  const placeIds = (await queryRows<{ id: string }>(db, sql`select id from places where synthetic order by slug limit ${EVENT_TARGETS.places}`)).map((r) => r.id);
  await db.execute(sql`insert into organization (id, name, slug, kind) values ('bench-events', 'Bench events', 'bench-events', 'network') on conflict do nothing`);
  const random = seededRandom(16);
  const today = new Date();
  let occurrences = 0;
  const rows = placeIds.flatMap((placeId) =>
    Array.from({ length: EVENT_TARGETS.eventsPerPlace }, (_, i) => {
      const day = new Date(today.getTime() + Math.floor(random() * 360) * 86_400_000).toISOString().slice(0, 10);
      const startLocal = `${day}T${pad(9 + Math.floor(random() * 11))}:${pad(15 * Math.floor(random() * 4))}`;
      const rrule = i % 10 === 0 ? 'FREQ=WEEKLY;COUNT=8' : null;
      const starts = localStarts({ startLocal, durationMinutes: 120, timeZone: 'Europe/Paris', rrule, exdates: [] });
      occurrences += starts.length;
      return {
        id: randomUUID(),
        organizationId: 'bench-events',
        placeId,
        kind: 'meetup' as const,
        title: `Rencontre ${i + 1}`,
        description: 'Synthetic event for the benchmark.',
        startLocal,
        durationMinutes: 120,
        timeZone: 'Europe/Paris',
        rrule,
        firstStart: instantOfLocal(starts[0]!, 'Europe/Paris'),
        lastEnd: new Date(instantOfLocal(starts.at(-1)!, 'Europe/Paris').getTime() + 120 * 60_000),
        capacity: 30,
        synthetic: true,
        // bulkInsert writes every column: the defaults are spelled out.
        audience: 'public' as const,
        exdates: [],
        waitlist: false,
        registrationRequired: true,
        createdAt: today,
        updatedAt: today,
      };
    }),
  );
  await bulkInsert(db, events, rows, { batch: 1000 });
  await db.execute(sql`analyze events`);
  return { events: rows.length, occurrences };
}

/** Registers people at once; with a database URL, half of them from a second process released at the same instant. */
async function race(database: Database, progress: (line: string) => void, tmp: string): Promise<EventsBench['race']> {
  const db = database.db;
  const id = randomUUID();
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const start = instantOfLocal(`${day}T18:00`, 'Europe/Paris');
  await db.insert(events).values({
    id,
    organizationId: 'bench-events',
    onlineUrl: 'https://visio.example.org/bench',
    kind: 'afterwork',
    title: 'Course aux places',
    startLocal: `${day}T18:00`,
    durationMinutes: 60,
    firstStart: start,
    lastEnd: new Date(start.getTime() + 3_600_000),
    capacity: EVENT_TARGETS.seats,
    waitlist: true,
    synthetic: true,
  });
  const people = Array.from({ length: EVENT_TARGETS.people }, (_, i) => `bench-registrant-${process.pid}-${i}`);
  await bulkInsert(
    db,
    (await import('../../src/lib/server/accounts/schema.ts')).user,
    people.map((userId) => ({ id: userId, name: userId, email: `${userId}@bench.example.org`, emailVerified: true, preferredLanguage: 'fr' as const, createdAt: new Date(), updatedAt: new Date() })),
  );
  const twoProcesses = database.engine === 'postgresql';
  const mine = twoProcesses ? people.filter((_, i) => i % 2 === 0) : people;
  const theirs = twoProcesses ? people.filter((_, i) => i % 2 === 1) : [];
  const at = Date.now() + 4000;
  progress(`events: ${people.length} registrations at once for ${EVENT_TARGETS.seats} seats (${twoProcesses ? 'two processes' : 'one process'})`);
  let child: Promise<void> = Promise.resolve();
  if (twoProcesses) {
    const file = join(tmp, 'events-race.json');
    writeFileSync(file, JSON.stringify({ url: database.location, eventId: id, people: theirs, at }));
    child = new Promise((resolve, reject) => {
      const process_ = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/events-child.ts', file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PGPASSWORD: process.env.PGPASSWORD ?? '' } });
      let err = '';
      process_.stderr.on('data', (chunk: Buffer) => (err += chunk));
      process_.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`events child exited ${code}: ${err.trim().split('\n').at(-1)}`))));
    });
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const wallStart = performance.now();
  await Promise.all([...mine.map((userId) => register({ db, actor: asActor(userId) }, id)), child]);
  const wallMs = performance.now() - wallStart;
  const [counts] = await queryRows<{ confirmed: number; waiting: number }>(
    db,
    sql`select count(*) filter (where status = 'confirmed')::int as confirmed, count(*) filter (where status = 'waiting')::int as waiting from event_registrations where event_id = ${id}::uuid`,
  );
  return { processes: twoProcesses ? 2 : 1, confirmed: counts!.confirmed, waiting: counts!.waiting, maxConfirmed: counts!.confirmed, wallMs };
}

export async function measureEvents(database: Database, progress: (line: string) => void, tmp: string): Promise<EventsBench> {
  const db = database.db;
  progress(`events: ${EVENT_TARGETS.places} places × ${EVENT_TARGETS.eventsPerPlace} events (${database.engine})`);
  const filled = await fill(db);
  const scope = { kind: 'network' } as const;
  const base = 'http://localhost:3000';
  const first = await publicFeed(db, scope, new Date(), base); // warm-up
  const build = await timeRuns(5, () => publicFeed(db, scope, new Date(), base));
  // What the route does for a client without the current tag: the tag, then the feed (built once for the tag, then kept).
  const feed = await timeRuns(30, async () => cachedFeed(db, scope, await feedTag(db, scope), new Date(), base));
  const tag = await feedTag(db, scope);
  // A client that sends the tag back: only the tag is read, and it is unchanged (304).
  let sameTag = true;
  const notModified = await timeRuns(50, async () => {
    sameTag &&= (await feedTag(db, scope)) === tag;
  });
  return { engine: database.engine, ...filled, feedBytes: Buffer.byteLength(first), build, feed, notModified, sameTag, race: await race(database, progress, tmp) };
}
