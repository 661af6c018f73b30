import { and, count, eq, isNull, sql } from 'drizzle-orm';
import * as z from 'zod';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, notFound, parse } from '../errors.ts';
import { getOutboxMessage, listOutbox, type OutboxMessage, type OutboxPage } from '../mail/index.ts';
import { assertCan, type Actor } from './access.ts';
import { listAudit, type AuditEntry } from './audit.ts';
import { email } from './contracts.ts';
import { listUsers } from './personal-data.ts';
import { recordAudit } from './audit.ts';
import { AFTER_VERIFICATION } from './authentication.ts';
import { authCall, type Accounts } from './context.ts';
import { organization, organizationKinds, session, user, type OrganizationKind } from './schema.ts';

/*
 * What platform administrators read about the instance (/admin): counts, people, organizations, the outbox,
 * the audit log. Every function asks `admin.read` on the instance; query-string input is validated here.
 */

const INSTANCE = { type: 'instance' } as const;
export const ADMIN_PAGE_SIZE = 50;
/** The people list shows this many, newest first; a search finds the others. */
export const ADMIN_USERS_SHOWN = 200;
export const ADMIN_SEARCH_MAX_LENGTH = 100;

/** Empty query-string values mean "none". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());
const page = optional(
  z
    .string({ error: 'admin_page_invalid' })
    .regex(/^[1-9]\d{0,4}$/, { error: 'admin_page_invalid' })
    .transform(Number),
).transform((value) => value ?? 1);

export const AdminUsersQuery = z.object({
  q: optional(z.string({ error: 'admin_search_invalid' }).trim().max(ADMIN_SEARCH_MAX_LENGTH, { error: 'admin_search_invalid' })),
});
export const AdminOutboxQuery = z.object({ recipient: optional(email), page });
export const AdminJournalQuery = z.object({ page });

export interface InstanceOverview {
  users: number;
  verified: number;
  admins: number;
  deleted: number;
  organizations: Record<OrganizationKind, number>;
  messages: number;
  failedMessages: number;
  auditEntries: number;
}

/** The instance in figures: accounts, organizations by kind, messages, audit entries. */
export async function instanceOverview(db: Db, actor: Actor): Promise<InstanceOverview> {
  assertCan(actor, 'admin.read', INSTANCE);
  const [[row], kinds] = await Promise.all([
    queryRows<Omit<InstanceOverview, 'organizations'>>(
      db,
      sql`select
        (select count(*)::int from "user" where deleted_at is null) as users,
        (select count(*)::int from "user" where deleted_at is null and email_verified) as verified,
        (select count(*)::int from "user" where deleted_at is null and platform_role = 'admin') as admins,
        (select count(*)::int from "user" where deleted_at is not null) as deleted,
        (select count(*)::int from outbox_message) as "messages",
        (select count(*)::int from outbox_message where status = 'failed') as "failedMessages",
        (select count(*)::int from audit_log) as "auditEntries"`,
    ),
    db.select({ kind: organization.kind, n: count() }).from(organization).groupBy(organization.kind),
  ]);
  const organizations = Object.fromEntries(organizationKinds.map((kind) => [kind, 0])) as Record<OrganizationKind, number>;
  for (const { kind, n } of kinds) organizations[kind] = Number(n);
  return { ...row!, organizations };
}

/** The accounts of the instance, newest first, optionally those whose name or address contains `q`. */
export async function adminUsers(db: Db, actor: Actor, query: unknown) {
  assertCan(actor, 'admin.read', INSTANCE);
  const { q } = parse(AdminUsersQuery, query);
  return { q: q ?? '', limit: ADMIN_USERS_SHOWN, users: await listUsers(db, actor, { q, limit: ADMIN_USERS_SHOWN }) };
}

/** A page of the outbox, newest first, optionally for one recipient. */
export async function adminOutbox(db: Db, actor: Actor, query: unknown): Promise<OutboxPage & { page: number; pages: number; pageSize: number; recipient: string }> {
  assertCan(actor, 'admin.read', INSTANCE);
  const { recipient, page } = parse(AdminOutboxQuery, query);
  const found = await listOutbox(db, { recipient, limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE });
  return { ...found, page, pages: Math.max(1, Math.ceil(found.total / ADMIN_PAGE_SIZE)), pageSize: ADMIN_PAGE_SIZE, recipient: recipient ?? '' };
}

/** One message of the outbox by its id (as written in the URL). */
export async function adminOutboxMessage(db: Db, actor: Actor, id: string): Promise<OutboxMessage> {
  assertCan(actor, 'admin.read', INSTANCE);
  const found = /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2 ** 31 - 1 ? await getOutboxMessage(db, Number(id)) : null;
  if (!found) throw notFound('admin_outbox_message_not_found');
  return found;
}

/** A page of the audit log, newest first. */
export async function adminJournal(db: Db, actor: Actor, query: unknown): Promise<{ entries: AuditEntry[]; page: number; hasMore: boolean }> {
  assertCan(actor, 'admin.read', INSTANCE);
  const { page } = parse(AdminJournalQuery, query);
  const entries = await listAudit(db, actor, { limit: ADMIN_PAGE_SIZE + 1, offset: (page - 1) * ADMIN_PAGE_SIZE });
  return { entries: entries.slice(0, ADMIN_PAGE_SIZE), page, hasMore: entries.length > ADMIN_PAGE_SIZE };
}

/**
 * Makes the account with this e-mail a platform administrator, or no longer one: how an instance gets its first
 * administrator. Only the command line calls it: whoever runs it already holds the database, so no actor is
 * checked; the change is written to the audit log (with no actor) like every administrative action.
 */
export async function setPlatformAdmin(db: Db, address: unknown, admin: boolean): Promise<{ userId: string; changed: boolean }> {
  const wanted = parse(email, address);
  const [found] = await db
    .select({ id: user.id, platformRole: user.platformRole })
    .from(user)
    .where(and(eq(sql`lower(${user.email})`, wanted.toLowerCase()), isNull(user.deletedAt)));
  if (!found) throw invalid('admin_account_unknown');
  const role = admin ? 'admin' : null;
  if (found.platformRole === role) return { userId: found.id, changed: false };
  await db.transaction(async (tx) => {
    await tx.update(user).set({ platformRole: role, updatedAt: new Date() }).where(eq(user.id, found.id));
    await recordAudit(tx, null, admin ? 'user.platform-admin.grant' : 'user.platform-admin.revoke', 'user', found.id);
  });
  return { userId: found.id, changed: true };
}

/** The actions on an account from the people list (/admin/utilisateurs). */
export const ADMIN_USER_ACTIONS = ['resend-verification', 'disable-sign-in', 'enable-sign-in', 'grant-admin', 'revoke-admin'] as const;
export type AdminUserAction = (typeof ADMIN_USER_ACTIONS)[number];

const AdminUserActionInput = z.object({
  userId: z.string({ error: 'admin_user_not_found' }).trim().min(1, { error: 'admin_user_not_found' }).max(100, { error: 'admin_user_not_found' }),
  action: z.enum(ADMIN_USER_ACTIONS, { error: 'admin_user_action_invalid' }),
});

function withoutSession(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete('cookie');
  return copy;
}

const AUDIT_ACTION: Record<AdminUserAction, string> = {
  'resend-verification': 'user.verification.resend',
  'disable-sign-in': 'user.sign-in.disable',
  'enable-sign-in': 'user.sign-in.enable',
  'grant-admin': 'user.platform-admin.grant',
  'revoke-admin': 'user.platform-admin.revoke',
};

/**
 * A platform administrator acts on an account: sends its verification link again (unverified accounts only),
 * disables sign-in (its sessions end at once, no new one opens) or enables it again, grants or removes platform
 * administration. Administrators do not disable or demote themselves (another one must: an instance never loses
 * its last administrator by mistake). Each action is written to the audit log; one that changes nothing is not.
 */
export async function adminUserAction(accounts: Accounts, actor: Actor, headers: Headers, input: unknown): Promise<{ changed: boolean }> {
  const admin = assertCan(actor, 'admin.manage-users', INSTANCE);
  const { userId, action } = parse(AdminUserActionInput, input);
  const { db } = accounts;
  const [target] = await db
    .select({ id: user.id, email: user.email, emailVerified: user.emailVerified, platformRole: user.platformRole, signInDisabledAt: user.signInDisabledAt })
    .from(user)
    .where(and(eq(user.id, userId), isNull(user.deletedAt)));
  if (!target) throw notFound('admin_user_not_found');
  if (target.id === admin.userId && action !== 'resend-verification') throw invalid('admin_user_self');
  const audit = (tx: Db) => recordAudit(tx, admin, AUDIT_ACTION[action], 'user', target.id);

  switch (action) {
    case 'resend-verification':
      if (target.emailVerified) throw invalid('admin_user_already_verified');
      // Without the administrator's session: better-auth would otherwise send the link to the session's own address.
      await authCall(() => accounts.auth.api.sendVerificationEmail({ body: { email: target.email, callbackURL: AFTER_VERIFICATION }, headers: withoutSession(headers) }));
      await audit(db);
      return { changed: true };
    case 'disable-sign-in':
    case 'enable-sign-in': {
      const disable = action === 'disable-sign-in';
      if (!!target.signInDisabledAt === disable) return { changed: false };
      await db.transaction(async (tx) => {
        await tx.update(user).set({ signInDisabledAt: disable ? new Date() : null, updatedAt: new Date() }).where(eq(user.id, target.id));
        // Disabled: every session of the account ends now, on every device.
        if (disable) await tx.delete(session).where(eq(session.userId, target.id));
        await audit(tx);
      });
      return { changed: true };
    }
    case 'grant-admin':
    case 'revoke-admin': {
      const role = action === 'grant-admin' ? 'admin' : null;
      if (target.platformRole === role) return { changed: false };
      await db.transaction(async (tx) => {
        await tx.update(user).set({ platformRole: role, updatedAt: new Date() }).where(eq(user.id, target.id));
        await audit(tx);
      });
      return { changed: true };
    }
  }
}
