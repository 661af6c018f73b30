import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import type { Mailer } from '../mail/index.ts';
import { ANONYMOUS, type Actor, type Membership } from './access.ts';
import type { Auth } from './auth.ts';
import { member, organization, user } from './schema.ts';

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

/** The memberships of a person, with what `can` needs of each organization. */
export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  return db
    .select({
      organizationId: member.organizationId,
      organizationKind: organization.kind,
      role: member.role,
      scopeLevel: organization.scopeLevel,
      scopeCode: organization.scopeCode,
    })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId));
}

/** The actor of a request, from its session cookie (sessions live in the database). */
export async function actorOf(accounts: Accounts, headers: Headers): Promise<Actor> {
  const found = await accounts.auth.api.getSession({ headers });
  // The session's user row is already read: only the memberships remain to be.
  return found ? actorFrom(accounts.db, { ...found.user, platformRole: found.user.platformRole === 'admin' ? 'admin' : null }) : ANONYMOUS;
}

/** The actor for a known user id (the CLI and tests act as someone this way). */
export async function actorOfUser(db: Db, userId: string): Promise<Actor> {
  const [row] = await db
    .select({ id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified, platformRole: user.platformRole, deletedAt: user.deletedAt })
    .from(user)
    .where(eq(user.id, userId));
  return row ? actorFrom(db, row) : ANONYMOUS;
}

type ActorRow = Pick<typeof user.$inferSelect, 'id' | 'name' | 'email' | 'emailVerified' | 'platformRole'> & { deletedAt?: Date | null };

async function actorFrom(db: Db, row: ActorRow): Promise<Actor> {
  if (row.deletedAt) return ANONYMOUS;
  return {
    kind: 'user',
    userId: row.id,
    name: row.name,
    email: row.email,
    emailVerified: row.emailVerified,
    platformRole: row.platformRole ?? null,
    memberships: await membershipsOf(db, row.id),
  };
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
    console.warn('[maillage] unmapped authentication refusal', error.status, body.code, body.message);
    const kind = error.statusCode === 401 ? 'unauthenticated' : error.statusCode === 403 ? 'forbidden' : 'invalid';
    throw new DomainError(kind, 'auth_failed');
  }
}
