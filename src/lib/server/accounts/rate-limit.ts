import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';

export interface RateRule {
  max: number;
  windowSeconds: number;
  /**
   * Count failed attempts only (wrong passwords): every attempt takes a hit before it runs, in the same
   * statement that decides, and gives it back once it has not failed. Attempts in flight count, so many
   * concurrent guesses cannot all pass a check made before any of them failed.
   */
  failuresOnly?: boolean;
}

export interface RateDecision {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit on `key` in a fixed window and says whether it is within `rule`. One upsert, atomic in
 * the database, so concurrent requests from any number of app processes are all counted (better-auth's
 * own database limiter reads then writes, and loses hits under concurrency).
 */
export async function hitRateLimit(db: Db, key: string, rule: RateRule, now = new Date()): Promise<RateDecision> {
  const expired = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
  const at = now.toISOString();
  const [row] = await queryRows<{ hits: number; window_started_at: string | Date }>(
    db,
    sql`insert into rate_limit_counter (key, window_started_at, hits) values (${key}, ${at}::timestamptz, 1)
        on conflict (key) do update set
          hits = case when rate_limit_counter.window_started_at <= ${expired}::timestamptz then 1 else rate_limit_counter.hits + 1 end,
          window_started_at = case when rate_limit_counter.window_started_at <= ${expired}::timestamptz
            then ${at}::timestamptz else rate_limit_counter.window_started_at end
        returning hits, window_started_at`,
  );
  const hits = Number(row!.hits);
  const started = new Date(row!.window_started_at).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((started + rule.windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed: hits <= rule.max, hits, retryAfterSeconds };
}

/** Gives back a hit taken by `hitRateLimit` (an attempt that did not fail), within the window it was taken in. */
async function releaseRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`update rate_limit_counter set hits = hits - 1 where key = ${key} and hits > 0`);
}

/** Forgets counters whose window ended long ago (called now and then, not on the hot path). */
export async function pruneRateLimits(db: Db, olderThanSeconds = 86_400, now = new Date()): Promise<void> {
  await db.execute(
    sql`delete from rate_limit_counter where window_started_at < ${new Date(now.getTime() - olderThanSeconds * 1000).toISOString()}::timestamptz`,
  );
}

interface EndpointRules {
  /** Per client address; multiplied by the instance's factor (a coworking space puts many people behind one address). */
  ip: RateRule;
  /** Per e-mail address named in the request: brute force and mail bombing aimed at one person. */
  email?: RateRule;
}

const MINUTE = 60;
const QUARTER = 15 * MINUTE;
const HOUR = 60 * MINUTE;

/** The authentication endpoints (better-auth paths) and their limits; other auth endpoints get `OTHER`. */
export const AUTH_RATE_RULES: Record<string, EndpointRules> = {
  // Five wrong passwords an address every quarter of an hour, however many right ones.
  '/sign-in/email': { ip: { max: 30, windowSeconds: QUARTER }, email: { max: 5, windowSeconds: QUARTER, failuresOnly: true } },
  '/sign-up/email': { ip: { max: 10, windowSeconds: HOUR }, email: { max: 3, windowSeconds: HOUR } },
  '/sign-in/magic-link': { ip: { max: 10, windowSeconds: HOUR }, email: { max: 3, windowSeconds: QUARTER } },
  '/request-password-reset': { ip: { max: 10, windowSeconds: HOUR }, email: { max: 3, windowSeconds: QUARTER } },
  '/send-verification-email': { ip: { max: 10, windowSeconds: HOUR }, email: { max: 3, windowSeconds: QUARTER } },
  '/reset-password': { ip: { max: 10, windowSeconds: QUARTER } },
  '/change-password': { ip: { max: 10, windowSeconds: QUARTER } },
  '/magic-link/verify': { ip: { max: 30, windowSeconds: QUARTER } },
  '/verify-email': { ip: { max: 30, windowSeconds: QUARTER } },
};
const OTHER: EndpointRules = { ip: { max: 120, windowSeconds: MINUTE } };
/** Reading one's own session happens on every page: not limited. */
const UNLIMITED = new Set(['/get-session', '/ok', '/error']);

/** Counters are keyed by a digest: addresses and e-mails are personal data and must not sit in this table. */
const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

interface AuthRequest {
  path: string;
  ip: string | null;
  email: string | null;
}

const emailKey = (request: AuthRequest) => `auth:${request.path}:email:${digest(request.email!.trim().toLowerCase())}`;

/**
 * Applies the limits of one authentication request before it runs; returns the seconds to wait when
 * refused, else null. Per-address rules are scaled by `ipFactor` (MAILLAGE_IP_RATE_LIMIT_FACTOR). Each
 * counter is one statement that increments and decides; a request refused per address takes no hit per e-mail.
 */
export async function limitAuthRequest(db: Db, request: AuthRequest, ipFactor = 1, now = new Date()): Promise<number | null> {
  if (UNLIMITED.has(request.path)) return null;
  const rules = AUTH_RATE_RULES[request.path] ?? OTHER;
  if (request.ip) {
    const decision = await hitRateLimit(db, `auth:${request.path}:ip:${digest(request.ip)}`, { ...rules.ip, max: Math.ceil(rules.ip.max * ipFactor) }, now);
    if (!decision.allowed) return decision.retryAfterSeconds;
  }
  if (rules.email && request.email) {
    const decision = await hitRateLimit(db, emailKey(request), rules.email, now);
    if (!decision.allowed) return decision.retryAfterSeconds;
  }
  return null;
}

/**
 * Once an allowed request has run: an attempt that did not fail (anything but a wrong password) gives back
 * the hit it took under a failures-only rule, so right passwords never lock anyone out.
 */
export async function settleAuthRequest(db: Db, request: AuthRequest, failed: boolean): Promise<void> {
  const rule = AUTH_RATE_RULES[request.path]?.email;
  if (rule?.failuresOnly && request.email && !failed) await releaseRateLimit(db, emailKey(request));
}
