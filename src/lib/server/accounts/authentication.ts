import { and, desc, eq, gt, ne } from 'drizzle-orm';
import { notFound, parse } from '../errors.ts';
import { requireUser } from './access.ts';
import { authCall, type Accounts, type RequestContext } from './context.ts';
import { EmailInput, ResetPasswordInput, SignInInput, SignUpInput } from './contracts.ts';
import { session } from './schema.ts';

/*
 * Sign-up, sign-in and the rest of authentication, as the pages and the API call them. better-auth does the
 * work; these functions validate input with our contracts and turn its refusals into DomainErrors. Each
 * returns the response headers better-auth produced (its cookies), for callers that set them themselves.
 */

/** Where links in e-mails lead once followed (paths of this app). */
export const AFTER_VERIFICATION = '/compte?bienvenue=1';
export const AFTER_MAGIC_LINK = '/compte';
/** Where an expired or used sign-in link lands. */
export const MAGIC_LINK_FAILED = '/connexion?lien=invalide';
export const RESET_PASSWORD_PAGE = '/mot-de-passe/nouveau';

export async function signUp(accounts: Accounts, headers: Headers, input: unknown): Promise<void> {
  const body = parse(SignUpInput, input);
  await authCall(() => accounts.auth.api.signUpEmail({ body: { ...body, callbackURL: AFTER_VERIFICATION }, headers }));
}

export async function signIn(accounts: Accounts, headers: Headers, input: unknown): Promise<Headers> {
  const body = parse(SignInInput, input);
  const result = await authCall(() =>
    accounts.auth.api.signInEmail({ body: { ...body, rememberMe: true, callbackURL: AFTER_VERIFICATION }, headers, returnHeaders: true }),
  );
  return result.headers;
}

/** Sends a sign-in link; the answer is the same whether the address has an account or not. */
export async function requestMagicLink(accounts: Accounts, headers: Headers, input: unknown): Promise<void> {
  const body = parse(EmailInput, input);
  await authCall(() => accounts.auth.api.signInMagicLink({ body: { email: body.email, callbackURL: AFTER_MAGIC_LINK, errorCallbackURL: MAGIC_LINK_FAILED }, headers }));
}

/** Sends a reset link when the address has an account; answers the same either way. */
export async function requestPasswordReset(accounts: Accounts, headers: Headers, input: unknown): Promise<void> {
  const body = parse(EmailInput, input);
  await authCall(() => accounts.auth.api.requestPasswordReset({ body: { email: body.email, redirectTo: RESET_PASSWORD_PAGE }, headers }));
}

export async function resetPassword(accounts: Accounts, headers: Headers, input: unknown): Promise<void> {
  const body = parse(ResetPasswordInput, input);
  await authCall(() => accounts.auth.api.resetPassword({ body: { token: body.token, newPassword: body.password }, headers }));
}

export async function signOut(accounts: Accounts, headers: Headers): Promise<Headers> {
  const result = await authCall(() => accounts.auth.api.signOut({ headers, returnHeaders: true }));
  return result.headers;
}

export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The signed-in person's open sessions, the current one first. Ids, never tokens, reach the page. */
export async function listSessions(ctx: RequestContext): Promise<SessionInfo[]> {
  const actor = requireUser(ctx.actor);
  const current = await ctx.auth.api.getSession({ headers: ctx.headers });
  const rows = await ctx.db
    .select()
    .from(session)
    .where(and(eq(session.userId, actor.userId), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.updatedAt));
  return rows
    .map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      lastSeenAt: row.updatedAt,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      current: row.id === current?.session.id,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the person's own sessions; another person's session id is unknown to them (404). */
export async function revokeSession(ctx: RequestContext, sessionId: string): Promise<void> {
  const actor = requireUser(ctx.actor);
  const deleted = await ctx.db
    .delete(session)
    .where(and(eq(session.id, sessionId), eq(session.userId, actor.userId)))
    .returning({ id: session.id });
  if (deleted.length === 0) throw notFound('session_not_found');
}

/** "Sign out everywhere else": every session of the person but the current one. */
export async function revokeOtherSessions(ctx: RequestContext): Promise<number> {
  const actor = requireUser(ctx.actor);
  const current = await ctx.auth.api.getSession({ headers: ctx.headers });
  const deleted = await ctx.db
    .delete(session)
    .where(current ? and(eq(session.userId, actor.userId), ne(session.id, current.session.id)) : eq(session.userId, actor.userId))
    .returning({ id: session.id });
  return deleted.length;
}
