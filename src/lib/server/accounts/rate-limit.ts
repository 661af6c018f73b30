import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';

export interface RateRule {
  max: number;
  windowSeconds: number;
  /** Count failed attempts only (wrong passwords), not successful ones: checked before, counted after. */
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

/** Whether `key` is over `rule` now, without counting a hit; the seconds to wait, or null. */
export async function peekRateLimit(db: Db, key: string, rule: RateRule, now = new Date()): Promise<number | null> {
  const [row] = await queryRows<{ hits: number; window_started_at: string | Date }>(
    db,
    sql`select hits, window_started_at from rate_limit_counter where key = ${key}`,
  );
  if (!row) return null;
  const ends = new Date(row.window_started_at).getTime() + rule.windowSeconds * 1000;
  if (ends <= now.getTime() || Number(row.hits) < rule.max) return null;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
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
 * refused, else null. Per-address rules are scaled by `ipFactor` (MAILLAGE_IP_RATE_LIMIT_FACTOR).
 */
export async function limitAuthRequest(db: Db, request: AuthRequest, ipFactor = 1, now = new Date()): Promise<number | null> {
  if (UNLIMITED.has(request.path)) return null;
  const rules = AUTH_RATE_RULES[request.path] ?? OTHER;
  let wait: number | null = null;
  const refuse = (seconds: number | null) => {
    if (seconds !== null) wait = Math.max(wait ?? 0, seconds);
  };
  if (request.ip) {
    const decision = await hitRateLimit(db, `auth:${request.path}:ip:${digest(request.ip)}`, { ...rules.ip, max: Math.ceil(rules.ip.max * ipFactor) }, now);
    if (!decision.allowed) refuse(decision.retryAfterSeconds);
  }
  if (rules.email && request.email) {
    if (rules.email.failuresOnly) refuse(await peekRateLimit(db, emailKey(request), rules.email, now));
    else {
      const decision = await hitRateLimit(db, emailKey(request), rules.email, now);
      if (!decision.allowed) refuse(decision.retryAfterSeconds);
    }
  }
  return wait;
}

/** Counts a failed attempt against the rules that count failures only (called once the request has failed). */
export async function recordAuthFailure(db: Db, request: AuthRequest, now = new Date()): Promise<void> {
  const rule = AUTH_RATE_RULES[request.path]?.email;
  if (rule?.failuresOnly && request.email) await hitRateLimit(db, emailKey(request), rule, now);
}
