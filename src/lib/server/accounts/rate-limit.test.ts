import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { queryRows, type Database } from '../db/index.ts';
import { hitRateLimit, limitAuthRequest, pruneRateLimits, settleAuthRequest } from './rate-limit.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('hitRateLimit', () => {
  it('counts every one of many concurrent hits exactly once', async () => {
    const rule = { max: 10, windowSeconds: 60 };
    const now = new Date('2026-11-26T10:00:00Z');
    const decisions = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(database.db, 'concurrent', rule, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(decisions.map((d) => d.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('starts a new window once the old one has passed, and says how long to wait meanwhile', async () => {
    const rule = { max: 2, windowSeconds: 60 };
    const start = new Date('2026-11-26T10:00:00Z');
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    expect((await hitRateLimit(database.db, 'window', rule, at(0))).allowed).toBe(true);
    expect((await hitRateLimit(database.db, 'window', rule, at(10))).allowed).toBe(true);
    const refused = await hitRateLimit(database.db, 'window', rule, at(20));
    expect(refused).toMatchObject({ allowed: false, hits: 3, retryAfterSeconds: 40 });
    expect(await hitRateLimit(database.db, 'window', rule, at(61))).toMatchObject({ allowed: true, hits: 1 });
  });

  it('locks sign-in for an address after 5 failures, not after successes; keeps no e-mail or address in the table', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const attempt = { path: '/sign-in/email', ip: '198.51.100.9', email: 'Someone@Example.org' };
    // Ten sign-ins that succeed count nothing against the address.
    for (let i = 0; i < 10; i++) {
      expect(await limitAuthRequest(database.db, attempt, 1, now)).toBeNull();
      await settleAuthRequest(database.db, attempt, false);
    }
    for (let i = 0; i < 5; i++) {
      expect(await limitAuthRequest(database.db, attempt, 1, now)).toBeNull();
      await settleAuthRequest(database.db, attempt, true);
    }
    const wait = await limitAuthRequest(database.db, { ...attempt, email: 'someone@example.org' }, 1, now);
    expect(wait).toBe(900);
    const keys = await queryRows<{ key: string }>(database.db, sql`select key from rate_limit_counter`);
    expect(keys.some((row) => /someone|example|198\.51/i.test(row.key))).toBe(false);
    await pruneRateLimits(database.db, 3600, new Date('2026-11-27T12:00:00Z'));
    expect(await queryRows(database.db, sql`select key from rate_limit_counter`)).toHaveLength(0);
  });

  it('lets through only 5 of 40 concurrent password attempts on one address, from 40 client addresses', async () => {
    const now = new Date('2026-11-26T13:00:00Z');
    const attempt = (n: number) => ({ path: '/sign-in/email', ip: `203.0.113.${n}`, email: 'raced@example.org' });
    const waits = await Promise.all(Array.from({ length: 40 }, (_, n) => limitAuthRequest(database.db, attempt(n), 1, now)));
    expect(waits.filter((wait) => wait === null)).toHaveLength(5);
    // The five that ran failed: the address stays locked; a refused attempt takes nothing back.
    await Promise.all(waits.map((wait, n) => (wait === null ? settleAuthRequest(database.db, attempt(n), true) : null)));
    expect(await limitAuthRequest(database.db, attempt(99), 1, now)).toBe(900);
  });

  it('lets reading one’s own session through unlimited, and scales per-address limits by the factor', async () => {
    const now = new Date('2026-11-26T14:00:00Z');
    for (let i = 0; i < 300; i++) expect(await limitAuthRequest(database.db, { path: '/get-session', ip: '192.0.2.1', email: null }, 1, now)).toBeNull();
    // Sign-up: 10 an hour per address; with a factor of 2, the 20th passes and the 21st waits.
    const signUp = (n: number) => limitAuthRequest(database.db, { path: '/sign-up/email', ip: '192.0.2.2', email: `p${n}@example.org` }, 2, now);
    for (let n = 1; n <= 20; n++) expect(await signUp(n), `sign-up ${n}`).toBeNull();
    expect(await signUp(21)).toBeGreaterThan(0);
  });
});
