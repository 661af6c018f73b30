// Community: the skills directory among 20,000 synthetic profiles spread over France's communes. A search by one
// skill within 20 km of a commune (the directory's and the API's whole call: resolving the commune, the search,
// the places of the profiles found), p95 < 50 ms; only searches that found someone count (an empty answer
// costs less and would flatter the figure). Runs on a prepared bench database, which it fills.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/accounts/index.ts';
import { generatedMembers, insertSyntheticMembers, searchProfiles, SKILLS } from '../../src/lib/server/community/index.ts';
import { queryRows, type Database } from '../../src/lib/server/db/database.ts';
import { seededRandom } from '../../src/lib/server/random.ts';
import { summarize, type Summary } from './stats.ts';

export const COMMUNITY_TARGETS = { profiles: 20_000, radiusKm: 20, p95Ms: 50, counted: 300, maxAttempts: 6000 };

/** A signed-in member: they see public and members' profiles, the larger set. */
const BENCH_MEMBER: Actor = { kind: 'user', userId: 'bench-member', name: 'Bench', email: 'bench@example.org', emailVerified: true, platformRole: null, memberships: [] };

export interface CommunityBench {
  engine: string;
  profiles: number;
  insertMs: number;
  search: Summary;
  /** Searches run to count `search.count` that found someone. */
  attempts: number;
  rowsMedian: number;
}

export async function measureCommunity(database: Database, progress: (line: string) => void, seed = 20261208): Promise<CommunityBench> {
  const db = database.db;
  const t = COMMUNITY_TARGETS;
  const communes = await queryRows<{ code: string; lat: number; lon: number }>(db, sql`select code, lat, lon from communes order by code`);
  const points = new Map(communes.map((c) => [c.code, { lat: Number(c.lat), lon: Number(c.lon) }]));
  const codes = communes.map((c) => c.code);
  progress(`community (${database.engine}): ${t.profiles} synthetic profiles`);
  const insertStart = performance.now();
  await insertSyntheticMembers(db, generatedMembers(seed, t.profiles, codes), points);
  await db.execute(sql`analyze community_profiles`);
  const insertMs = performance.now() - insertStart;

  const random = seededRandom(seed + 1);
  const ctx = { db, actor: BENCH_MEMBER };
  const query = () => ({ skill: SKILLS[Math.floor(random() * SKILLS.length)]!.code, near: codes[Math.floor(random() * codes.length)]!, radiusKm: String(t.radiusKm) });
  for (let i = 0; i < 20; i++) await searchProfiles(ctx, query()); // warm-up
  progress(`community (${database.engine}): searches by skill within ${t.radiusKm} km`);
  const times: number[] = [];
  const rows: number[] = [];
  let attempts = 0;
  while (times.length < t.counted && attempts < t.maxAttempts) {
    attempts++;
    const start = performance.now();
    const found = await searchProfiles(ctx, query());
    const elapsed = performance.now() - start;
    if (found.items.length === 0) continue;
    times.push(elapsed);
    rows.push(found.total);
  }
  return { engine: database.engine, profiles: t.profiles, insertMs, search: summarize(times), attempts, rowsMedian: summarize(rows).median };
}
