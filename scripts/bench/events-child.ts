// The second process of the events race (scripts/bench/events.ts): opens the same PostgreSQL database, waits
// for the agreed instant, registers its people at once, and exits.
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { register } from '../../src/lib/server/events/index.ts';

const { url, eventId, people, at } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { url: string; eventId: string; people: string[]; at: number };
const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
await database.db.execute('select 1');
await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
await Promise.all(
  people.map((userId) => register({ db: database.db, actor: { kind: 'user', userId, name: userId, email: `${userId}@bench.example.org`, emailVerified: true, platformRole: null, memberships: [] } }, eventId)),
);
await database.close();
