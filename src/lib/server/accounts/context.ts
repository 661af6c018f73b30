import { createHmac, timingSafeEqual } from 'node:crypto';
import { isAPIError } from 'better-auth/api';
import { sql, type SQL } from 'drizzle-orm';
import { preparedRows, queryRows, type Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import type { Mailer } from '../mail/index.ts';
import { ANONYMOUS, type Actor, type Membership } from './access.ts';
import type { Auth } from './auth.ts';
import { log } from '../log.ts';

/** What account operations need: the database, better-auth, the mailer. One per process. */
export interface Accounts {
  db: Db;
  auth: Auth;
  mailer: Mailer;
  baseURL: string;
}

/** One request: who acts, and the headers that carry their session to better-auth. */
export interface RequestContext extends Accounts {
  actor: Actor;
  headers: Headers;
}

/** What `can` needs of each organization a person belongs to, as one JSON array read beside the person. */
const membershipsJson = (userId: SQL) => sql`coalesce((
  select json_agg(json_build_object('organizationId', ms.organization_id, 'organizationKind', o.kind, 'role', ms.role,
                                    'scopeLevel', o.scope_level, 'scopeCode', o.scope_code) order by ms.created_at)
  from member ms join organization o on o.id = ms.organization_id where ms.user_id = ${userId}), '[]'::json)`;

/** The memberships of a person, with what `can` needs of each organization. */
export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  const [row] = await queryRows<{ memberships: Membership[] }>(db, sql`select ${membershipsJson(sql`${userId}`)} as memberships`);
  return row!.memberships;
}

interface ActorRow {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  platformRole: string | null;
  deletedAt: Date | string | null;
  memberships: Membership[];
}

/** A person and their memberships, in one statement, from `from` (which names the person's row `u`); read on every signed-in request. */
const actorRows = (db: Db, from: SQL, extra: SQL = sql``) =>
  preparedRows<ActorRow & Record<string, unknown>>(
    db,
    sql`select u.id, u.name, u.email, u.email_verified as "emailVerified", u.platform_role as "platformRole",
               u.deleted_at as "deletedAt", ${membershipsJson(sql`u.id`)} as memberships ${extra}
        ${from}`,
  );

function actorFrom(row: ActorRow | undefined): Actor {
  if (!row || row.deletedAt) return ANONYMOUS;
  return {
    kind: 'user',
    userId: row.id,
    name: row.name,
    email: row.email,
    emailVerified: row.emailVerified,
    platformRole: row.platformRole === 'admin' ? 'admin' : null,
    memberships: row.memberships,
  };
}

/**
 * The actor of a request, from its session cookie (sessions live in the database). The usual case costs one
 * statement: the cookie's signature is checked here as better-auth signs it (HMAC-SHA256 of the token), then
 * session, person and memberships are read together. Anything else (no such session, expired, due for its
 * daily refresh, "don't remember me", a cookie this check does not read) goes through better-auth, which
 * refreshes or clears the session as it decides.
 */
export async function actorOf(accounts: Accounts, headers: Headers): Promise<Actor> {
  const quick = await liveSessionActor(accounts, headers.get('cookie') ?? '');
  if (quick) return quick;
  const found = await accounts.auth.api.getSession({ headers });
  return found ? actorOfUser(accounts.db, found.user.id) : ANONYMOUS;
}

/** The actor of a valid session that needs no refresh, or null to ask better-auth. */
async function liveSessionActor(accounts: Accounts, cookieHeader: string): Promise<Actor | null> {
  const context = await accounts.auth.$context;
  const token = signedCookieValue(cookieHeader, context.authCookies.sessionToken.name, context.secret);
  if (!token || cookieHeader.includes(`${context.authCookies.dontRememberToken.name}=`)) return null;
  const { expiresIn, updateAge } = context.sessionConfig;
  const [row] = await actorRows(
    accounts.db,
    sql`from session s join "user" u on u.id = s.user_id where s.token = ${token}`,
    sql`, s.expires_at > now() and s.expires_at - make_interval(secs => ${expiresIn - updateAge}) > now() as live`,
  );
  return row?.live === true ? actorFrom(row) : null;
}

/** The value of a cookie signed by better-auth (`value.base64(HMAC-SHA256)`, URL-encoded) when its signature holds. */
export function signedCookieValue(cookieHeader: string, name: string, secret: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = [...cookieHeader.matchAll(new RegExp(`(?:^|;)\\s*${escaped}=([^;]*)`, 'g'))];
  // Two cookies of one name: better-auth's own reading decides which counts.
  if (found.length !== 1) return null;
  let value: string;
  try {
    value = decodeURIComponent(found[0]![1]!.trim());
  } catch {
    return null;
  }
  const dot = value.lastIndexOf('.');
  const signature = value.slice(dot + 1);
  if (dot < 1 || signature.length !== 44 || !signature.endsWith('=')) return null;
  const expected = createHmac('sha256', secret).update(value.slice(0, dot)).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? value.slice(0, dot) : null;
}

/** The actor for a known user id (the CLI and tests act as someone this way). */
export async function actorOfUser(db: Db, userId: string): Promise<Actor> {
  return actorFrom((await actorRows(db, sql`from "user" u where u.id = ${userId}`))[0]);
}

/**
 * better-auth's refusals, by its error code, as Maillage error codes (each has a message in the catalogue).
 * Codes not listed become `auth_failed` and are logged.
 */
export const AUTH_ERROR_CODES: Record<string, { code: string; kind: DomainError['kind'] }> = {
  INVALID_EMAIL_OR_PASSWORD: { code: 'invalid_credentials', kind: 'unauthenticated' },
  EMAIL_NOT_VERIFIED: { code: 'email_not_verified', kind: 'forbidden' },
  SIGN_IN_DISABLED: { code: 'sign_in_disabled', kind: 'forbidden' },
  INVALID_EMAIL: { code: 'invalid_email', kind: 'invalid' },
  PASSWORD_TOO_SHORT: { code: 'password_too_short', kind: 'invalid' },
  PASSWORD_TOO_LONG: { code: 'password_too_long', kind: 'invalid' },
  INVALID_PASSWORD: { code: 'invalid_credentials', kind: 'unauthenticated' },
  INVALID_TOKEN: { code: 'invalid_token', kind: 'invalid' },
  TOKEN_EXPIRED: { code: 'invalid_token', kind: 'invalid' },
  RATE_LIMITED: { code: 'rate_limited', kind: 'rate_limited' },
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: { code: 'already_member', kind: 'conflict' },
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: { code: 'already_invited', kind: 'conflict' },
  INVITATION_NOT_FOUND: { code: 'invitation_not_found', kind: 'not_found' },
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: { code: 'invitation_not_found', kind: 'not_found' },
  ORGANIZATION_NOT_FOUND: { code: 'organization_not_found', kind: 'not_found' },
  MEMBER_NOT_FOUND: { code: 'member_not_found', kind: 'not_found' },
  ORGANIZATION_ALREADY_EXISTS: { code: 'organization_slug_taken', kind: 'conflict' },
  ORGANIZATION_SLUG_ALREADY_TAKEN: { code: 'organization_slug_taken', kind: 'conflict' },
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER: { code: 'owner_must_transfer', kind: 'conflict' },
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER: { code: 'owner_must_transfer', kind: 'conflict' },
  SESSION_NOT_FRESH: { code: 'session_not_fresh', kind: 'forbidden' },
  CREDENTIAL_ACCOUNT_NOT_FOUND: { code: 'invalid_credentials', kind: 'unauthenticated' },
};

/** Runs a better-auth call; its refusals become DomainErrors with a message in the user's language. */
export async function authCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const body = (error.body ?? {}) as { code?: string; message?: string };
    const known = body.code ? AUTH_ERROR_CODES[body.code] : undefined;
    if (known) {
      const seconds = Number(new Headers(error.headers as HeadersInit | undefined).get('retry-after')) || 60;
      throw new DomainError(known.kind, known.code, known.code === 'rate_limited' ? { seconds } : {});
    }
    log.warn({ status: error.status, code: body.code }, 'unmapped authentication refusal');
    const kind = error.statusCode === 401 ? 'unauthenticated' : error.statusCode === 403 ? 'forbidden' : 'invalid';
    throw new DomainError(kind, 'auth_failed');
  }
}
