import { randomBytes } from 'node:crypto';
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { magicLink, organization as organizationPlugin } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, memberAc, ownerAc } from 'better-auth/plugins/organization/access';
import { and, eq, like, sql } from 'drizzle-orm';
import * as m from '../../paraglide/messages.js';
import { queryRows, type Db } from '../db/database.ts';
import { linkBase, rebase } from '../links.ts';
import { renderMail, type Mailer, type MailLocale } from '../mail/index.ts';
import { limitAuthRequest, settleAuthRequest } from './rate-limit.ts';
import { account, instanceSetting, invitation, member, organization, session, user, verification } from './schema.ts';

/** Headers the app sets on every request it hands to better-auth; a client's own values are overwritten. */
export const CLIENT_IP_HEADER = 'x-maillage-client-ip';
export const LOCALE_HEADER = 'x-maillage-locale';

export const AUTH_BASE_PATH = '/api/auth';

/**
 * The better-auth endpoints reachable over HTTP: the links sent by e-mail. Everything else (sign-up,
 * sign-in…) goes through Maillage's pages and domain functions, which validate input and answer in the
 * user's language.
 */
const EMAIL_LINK_PATHS = [/^\/verify-email$/, /^\/magic-link\/verify$/, /^\/reset-password\/[^/]+$/];

export function isEmailLinkRequest(method: string, pathname: string): boolean {
  if (method !== 'GET' || !pathname.startsWith(`${AUTH_BASE_PATH}/`)) return false;
  const path = pathname.slice(AUTH_BASE_PATH.length);
  return EMAIL_LINK_PATHS.some((pattern) => pattern.test(path));
}
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
const DAY = 24 * 60 * 60;

export interface AuthOptions {
  db: Db;
  mailer: Mailer;
  /** The public URL of the instance (ORIGIN): links in e-mails and the origin check start from it. */
  baseURL: string;
  /** Whether ORIGIN was set; without it, links follow the loopback address the browser used (links.ts). */
  originIsSet?: boolean;
  secret: string;
  /** Per-address rate limits are multiplied by this (MAILLAGE_IP_RATE_LIMIT_FACTOR); per-e-mail ones are not. */
  ipRateLimitFactor?: number;
  /** Framework glue (the SvelteKit cookie plugin) added by the app. */
  plugins?: BetterAuthPlugin[];
}

// better-auth's organization roles under Maillage's names: `staff` has the rights of its `member`.
// Maillage's own decisions are `can` (access.ts); these only govern the plugin's endpoints.
const organizationAccess = createAccessControl(defaultStatements);
const organizationRoles = {
  owner: organizationAccess.newRole(ownerAc.statements),
  admin: organizationAccess.newRole(adminAc.statements),
  staff: organizationAccess.newRole(memberAc.statements),
};

/** The language of a request to better-auth: the app's header, the language cookie, then Accept-Language. */
export function localeOfHeaders(headers: Headers | undefined): MailLocale {
  const explicit = headers?.get(LOCALE_HEADER);
  if (explicit === 'fr' || explicit === 'en') return explicit;
  const cookie = /(?:^|;\s*)maillage_lang=(fr|en)/.exec(headers?.get('cookie') ?? '')?.[1];
  if (cookie === 'fr' || cookie === 'en') return cookie;
  return /^\s*en\b/i.test(headers?.get('accept-language') ?? '') ? 'en' : 'fr';
}

/** What the rate limits look at in a request to better-auth: its endpoint, the client address we set, the e-mail named. */
function authRequestOf(path: string, headers: Headers | undefined, body: unknown) {
  const email = (body as { email?: unknown } | undefined)?.email;
  return { path, ip: headers?.get(CLIENT_IP_HEADER) ?? null, email: typeof email === 'string' ? email : null };
}

/** The secret that signs sessions and tokens: MAILLAGE_SECRET, or one generated once and kept in the database. */
export async function instanceSecret(db: Db, fromEnv?: string): Promise<string> {
  if (fromEnv) return fromEnv;
  await db
    .insert(instanceSetting)
    .values({ key: 'auth-secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: instanceSetting.value }).from(instanceSetting).where(eq(instanceSetting.key, 'auth-secret'));
  return row!.value;
}

async function preferredLanguageOf(db: Db, email: string, headers: Headers | undefined): Promise<MailLocale> {
  const [row] = await queryRows<{ preferred_language: MailLocale }>(
    db,
    sql`select preferred_language from "user" where email = ${email.toLowerCase()} and deleted_at is null`,
  );
  return row?.preferred_language ?? localeOfHeaders(headers);
}

/**
 * Before a reset link is used: when it is still valid, ends every other reset link of its account, in one
 * statement that locks them all in one order. Of two links of one account used at once, the first to lock
 * keeps its own and ends the other, which better-auth then finds no more (`INVALID_TOKEN`): exactly one
 * changes the password, on one connection (PGlite) or many (PostgreSQL, several processes).
 */
async function endOtherResetLinks(db: Db, token: string): Promise<void> {
  const identifier = `reset-password:${token}`;
  await db.execute(sql`
    with mine as (
      select value from verification where identifier = ${identifier} and expires_at > now()
    ), links as (
      select id, identifier from verification
      where identifier like 'reset-password:%' and value = (select value from mine)
      order by id
      for update
    )
    delete from verification v using links
    where v.id = links.id and links.identifier <> ${identifier}
      and exists (select 1 from links where identifier = ${identifier})`);
}

/**
 * better-auth for this instance: e-mail + password (verified e-mail required) and magic links, sessions
 * in the database (any process serves any request), organizations with the roles owner, admin and staff.
 * Rate limits are Maillage's own, in the database (see rate-limit.ts).
 */
export function createAuth(options: AuthOptions) {
  const { db, mailer, baseURL } = options;
  const settings = { publicUrl: baseURL, originIsSet: options.originIsSet };
  const link = (path: string) => new URL(path, linkBase(settings)).toString();
  const moved = (url: string) => rebase(url, linkBase(settings));
  // Without ORIGIN, a newcomer may use http://127.0.0.1:PORT as well as http://localhost:PORT.
  const port = new URL(baseURL).port;
  const trustedOrigins = options.originIsSet
    ? [new URL(baseURL).origin]
    : ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}${port ? `:${port}` : ''}`);

  return betterAuth({
    appName: 'Maillage',
    baseURL,
    basePath: AUTH_BASE_PATH,
    secret: options.secret,
    trustedOrigins,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user, session, account, verification, organization, member, invitation },
    }),
    user: {
      additionalFields: {
        platformRole: { type: 'string', required: false, input: false },
        homeCommuneCode: { type: 'string', required: false, input: false },
        phone: { type: 'string', required: false, input: false },
        preferredLanguage: { type: 'string', required: false, defaultValue: 'fr', input: true },
        deletedAt: { type: 'date', required: false, input: false },
      },
    },
    session: { expiresIn: 30 * DAY, updateAge: DAY },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
      // A reset link used ends every other one sent to the account: an older e-mail no longer opens it.
      onPasswordReset: async ({ user: person }) => {
        await db.delete(verification).where(and(like(verification.identifier, 'reset-password:%'), eq(verification.value, person.id)));
      },
      sendResetPassword: async ({ user: person, url }, request) => {
        const locale = await preferredLanguageOf(db, person.email, request?.headers);
        await mailer.send(renderMail('reset-password', person.email, { name: person.name, url: moved(url) }, locale));
      },
      // Signing up with a known address answers exactly like a new one; the owner of the address is told.
      onExistingUserSignUp: async ({ user: person }, request) => {
        const locale = await preferredLanguageOf(db, person.email, request?.headers);
        await mailer.send(
          renderMail(
            'existing-account',
            person.email,
            { name: person.name, signInUrl: link('/connexion'), resetUrl: link('/mot-de-passe-oublie') },
            locale,
          ),
        );
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: DAY,
      sendVerificationEmail: async ({ user: person, url }, request) => {
        const locale = await preferredLanguageOf(db, person.email, request?.headers);
        await mailer.send(renderMail('verify-email', person.email, { name: person.name, url: moved(url) }, locale));
      },
    },
    databaseHooks: {
      session: {
        create: {
          // Every way in (password, e-mailed link, verification) opens a session here: an account whose sign-in a
          // platform administrator disabled gets none. Reached only once the password or link proved who it is,
          // so the refusal tells nothing to anyone else.
          before: async (created) => {
            const [row] = await db.select({ disabledAt: user.signInDisabledAt }).from(user).where(eq(user.id, created.userId));
            if (row?.disabledAt) throw new APIError('FORBIDDEN', { code: 'SIGN_IN_DISABLED', message: 'Sign-in is disabled for this account' });
          },
        },
      },
    },
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'maillage',
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const headers = ctx.headers ?? ctx.request?.headers;
        const wait = await limitAuthRequest(db, authRequestOf(ctx.path, headers, ctx.body), options.ipRateLimitFactor ?? 1);
        if (wait !== null) {
          const locale = localeOfHeaders(headers);
          throw new APIError(
            'TOO_MANY_REQUESTS',
            { code: 'RATE_LIMITED', message: m.error_rate_limited({ seconds: wait }, { locale }) },
            { 'retry-after': String(wait) },
          );
        }
        if (ctx.path === '/reset-password') {
          const token = (ctx.body as { token?: unknown } | undefined)?.token ?? ctx.query?.token;
          if (typeof token === 'string' && token) await endOtherResetLinks(db, token);
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        const failed = isAPIError(returned) && returned.statusCode === 401;
        await settleAuthRequest(db, authRequestOf(ctx.path, ctx.headers ?? ctx.request?.headers, ctx.body), failed);
      }),
    },
    plugins: [
      magicLink({
        expiresIn: 15 * 60,
        sendMagicLink: async ({ email, url }, ctx) => {
          const locale = await preferredLanguageOf(db, email, ctx?.headers ?? ctx?.request?.headers);
          await mailer.send(renderMail('magic-link', email, { url: moved(url) }, locale));
        },
      }),
      organizationPlugin({
        ac: organizationAccess,
        roles: organizationRoles,
        creatorRole: 'owner',
        invitationExpiresIn: 7 * DAY,
        cancelPendingInvitationsOnReInvite: true,
        schema: {
          organization: {
            additionalFields: {
              kind: { type: 'string', required: true, input: true },
              scopeLevel: { type: 'string', required: false, input: true },
              scopeCode: { type: 'string', required: false, input: true },
            },
          },
        },
        sendInvitationEmail: async (data, request) => {
          const locale = await preferredLanguageOf(db, data.email, request?.headers);
          const roleLabel = { owner: m.role_owner, admin: m.role_admin, staff: m.role_staff }[data.role as 'owner' | 'admin' | 'staff'];
          await mailer.send(
            renderMail(
              'invitation',
              data.email,
              {
                organization: data.organization.name,
                inviter: data.inviter.user.name,
                role: roleLabel ? roleLabel({}, { locale }) : data.role,
                url: link(`/invitations/${data.id}`),
              },
              locale,
            ),
          );
        },
      }),
      ...(options.plugins ?? []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
