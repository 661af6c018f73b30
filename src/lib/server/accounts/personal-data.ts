import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { conflict, invalid, parse } from '../errors.ts';
import { outboxMessage } from '../mail/schema.ts';
import { placeHistory } from '../places/schema.ts';
import { findCommune } from '../territory/index.ts';
import { assertCan, type Actor } from './access.ts';
import type { RequestContext } from './context.ts';
import { ConsentInput, DeleteAccountInput, ProfileInput } from './contracts.ts';
import {
  account,
  auditLog,
  consent,
  invitation,
  member,
  organization,
  session,
  user,
  verification,
  type ConsentPurpose,
  type Language,
} from './schema.ts';

/** The version of each consent text currently shown; a change of wording gets a new version. */
export const CONSENT_TEXT_VERSIONS: Record<ConsentPurpose, string> = {
  'directory-listing': '2026-11-26',
  newsletter: '2026-11-26',
};

export interface Profile {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  homeCommune: { code: string; name: string } | null;
  phone: string | null;
  preferredLanguage: Language;
  platformRole: 'admin' | null;
  createdAt: Date;
  /** The latest choice for each purpose (absent: never asked, which means no). */
  consents: Partial<Record<ConsentPurpose, { granted: boolean; textVersion: string; recordedAt: Date }>>;
}

function selfOf(actor: Actor, action: 'user.read' | 'user.update' | 'user.export' | 'user.delete') {
  const signedIn = actor.kind === 'user' ? actor : null;
  return assertCan(actor, action, { type: 'user', id: signedIn?.userId ?? '' });
}

export async function getProfile(db: Db, actor: Actor): Promise<Profile> {
  const me = selfOf(actor, 'user.read');
  const [row] = await db.select().from(user).where(eq(user.id, me.userId));
  const consents = await db.select().from(consent).where(eq(consent.userId, me.userId)).orderBy(asc(consent.id));
  const latest: Profile['consents'] = {};
  for (const c of consents) latest[c.purpose] = { granted: c.granted, textVersion: c.textVersion, recordedAt: c.recordedAt };
  const commune = row!.homeCommuneCode ? await findCommune(db, row!.homeCommuneCode) : null;
  return {
    id: row!.id,
    name: row!.name,
    email: row!.email,
    emailVerified: row!.emailVerified,
    homeCommune: commune ? { code: commune.code, name: commune.name } : null,
    phone: row!.phone,
    preferredLanguage: row!.preferredLanguage,
    platformRole: row!.platformRole ?? null,
    createdAt: row!.createdAt,
    consents: latest,
  };
}

export async function updateProfile(db: Db, actor: Actor, input: unknown): Promise<Profile> {
  const me = selfOf(actor, 'user.update');
  const body = parse(ProfileInput, input);
  if (body.homeCommuneCode && !(await findCommune(db, body.homeCommuneCode)))
    throw invalid('invalid_input', { count: 1 }, [{ path: 'homeCommuneCode', message: 'commune_not_found', params: { code: body.homeCommuneCode } }]);
  await db
    .update(user)
    .set({
      name: body.name,
      homeCommuneCode: body.homeCommuneCode ?? null,
      phone: body.phone ?? null,
      preferredLanguage: body.preferredLanguage,
      updatedAt: new Date(),
    })
    .where(eq(user.id, me.userId));
  return getProfile(db, actor);
}

/** Records a consent given or withdrawn, with the version of the text the person saw. */
export async function recordConsent(db: Db, actor: Actor, input: unknown): Promise<void> {
  const me = selfOf(actor, 'user.update');
  const body = parse(ConsentInput, input);
  await db.insert(consent).values({ userId: me.userId, purpose: body.purpose, granted: body.granted, textVersion: CONSENT_TEXT_VERSIONS[body.purpose] });
}

/** Everything Maillage holds about the signed-in person, as one JSON document (GDPR art. 15 and 20). */
export async function exportPersonalData(db: Db, actor: Actor) {
  const me = selfOf(actor, 'user.export');
  const [profile] = await db.select().from(user).where(eq(user.id, me.userId));
  const [consents, sessions, memberships, invitationsReceived, invitationsSent, auditEntries, messages, placeEdits, logins] = await Promise.all([
    db.select().from(consent).where(eq(consent.userId, me.userId)).orderBy(asc(consent.id)),
    db
      .select({ createdAt: session.createdAt, lastSeenAt: session.updatedAt, expiresAt: session.expiresAt, ipAddress: session.ipAddress, userAgent: session.userAgent })
      .from(session)
      .where(eq(session.userId, me.userId)),
    db
      .select({ organizationId: organization.id, organization: organization.name, kind: organization.kind, role: member.role, since: member.createdAt })
      .from(member)
      .innerJoin(organization, eq(organization.id, member.organizationId))
      .where(eq(member.userId, me.userId)),
    db
      .select({ organization: organization.name, role: invitation.role, status: invitation.status, createdAt: invitation.createdAt })
      .from(invitation)
      .innerJoin(organization, eq(organization.id, invitation.organizationId))
      .where(eq(invitation.email, profile!.email)),
    db
      .select({ email: invitation.email, organization: organization.name, role: invitation.role, status: invitation.status, createdAt: invitation.createdAt })
      .from(invitation)
      .innerJoin(organization, eq(organization.id, invitation.organizationId))
      .where(eq(invitation.inviterId, me.userId)),
    db.select().from(auditLog).where(eq(auditLog.actorUserId, me.userId)).orderBy(asc(auditLog.id)),
    db
      .select({ createdAt: outboxMessage.createdAt, subject: outboxMessage.subject, template: outboxMessage.template, status: outboxMessage.status })
      .from(outboxMessage)
      .where(eq(outboxMessage.recipient, profile!.email))
      .orderBy(asc(outboxMessage.id)),
    db.select().from(placeHistory).where(eq(placeHistory.changedBy, me.userId)),
    db.select({ provider: account.providerId, createdAt: account.createdAt }).from(account).where(eq(account.userId, me.userId)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      id: profile!.id,
      name: profile!.name,
      email: profile!.email,
      emailVerified: profile!.emailVerified,
      homeCommuneCode: profile!.homeCommuneCode,
      phone: profile!.phone,
      preferredLanguage: profile!.preferredLanguage,
      platformRole: profile!.platformRole,
      createdAt: profile!.createdAt,
      updatedAt: profile!.updatedAt,
    },
    signInMethods: logins,
    consents,
    sessions,
    organizations: memberships,
    invitationsReceived,
    invitationsSent,
    adminActions: auditEntries,
    emails: messages,
    placeEdits,
  };
}

const htmlEscaped = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What remains of a deleted account's name in records kept for others (invitations it sent, e-mails). */
export const DELETED_NAME = '—';

/**
 * Deletes the signed-in person's account (GDPR art. 17). Their sessions, sign-in methods, tokens, consents,
 * memberships, invitations and e-mails go; their name is erased from messages sent to others; the user row
 * stays, anonymised, so that records the law requires (bookings, invoices, audit entries) keep their
 * reference. The owner of an organisation with other members must hand it over first.
 */
export async function deleteAccount(ctx: RequestContext, input: unknown): Promise<void> {
  const me = selfOf(ctx.actor, 'user.delete');
  const body = parse(DeleteAccountInput, input);
  if (body.confirmEmail !== me.email.toLowerCase()) throw invalid('delete_confirmation_mismatch');
  const [profile] = await ctx.db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, me.userId));
  const owned = me.memberships.filter((m) => m.role === 'owner').map((m) => m.organizationId);
  if (owned.length > 0) {
    const others = await ctx.db
      .select({ organizationId: member.organizationId })
      .from(member)
      .where(and(inArray(member.organizationId, owned), ne(member.userId, me.userId)))
      .limit(1);
    if (others.length > 0) throw conflict('owner_must_transfer');
  }
  const { name, email } = profile!;
  await ctx.db.transaction(async (tx) => {
    await tx.delete(session).where(eq(session.userId, me.userId));
    await tx.delete(account).where(eq(account.userId, me.userId));
    // Magic-link tokens keep the address in their value; reset tokens keep the user id.
    await tx.delete(verification).where(or(eq(verification.value, me.userId), sql`strpos(${verification.value}, ${email}) > 0`));
    await tx.delete(consent).where(eq(consent.userId, me.userId));
    await tx.delete(member).where(eq(member.userId, me.userId));
    await tx.delete(invitation).where(eq(invitation.email, email));
    await tx.delete(outboxMessage).where(eq(outboxMessage.recipient, email));
    if (name.trim().length > 0) {
      for (const text of new Set([name, htmlEscaped(name)])) {
        await tx
          .update(outboxMessage)
          .set({
            subject: sql`replace(${outboxMessage.subject}, ${text}, ${DELETED_NAME})`,
            textBody: sql`replace(${outboxMessage.textBody}, ${text}, ${DELETED_NAME})`,
            htmlBody: sql`replace(${outboxMessage.htmlBody}, ${text}, ${DELETED_NAME})`,
          })
          .where(or(sql`strpos(${outboxMessage.textBody}, ${text}) > 0`, sql`strpos(coalesce(${outboxMessage.htmlBody}, ''), ${text}) > 0`, sql`strpos(${outboxMessage.subject}, ${text}) > 0`));
      }
    }
    await tx
      .update(user)
      .set({
        name: DELETED_NAME,
        email: `deleted-${me.userId}@deleted.invalid`,
        emailVerified: false,
        image: null,
        phone: null,
        homeCommuneCode: null,
        platformRole: null,
        deletedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(user.id, me.userId));
  });
}

/** Platform administrators: the accounts of the instance, newest first, optionally matching a text. */
export async function listUsers(db: Db, actor: Actor, options: { q?: string; limit?: number } = {}) {
  assertCan(actor, 'admin.read', { type: 'instance' });
  const q = options.q?.trim().toLowerCase();
  return db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      platformRole: user.platformRole,
      createdAt: user.createdAt,
      deletedAt: user.deletedAt,
    })
    .from(user)
    .where(q ? sql`(lower(${user.name}) like ${`%${q}%`} or ${user.email} like ${`%${q}%`})` : undefined)
    .orderBy(desc(user.createdAt))
    .limit(options.limit ?? 100);
}

/** Platform administrators: every organisation with its member count. */
export async function listOrganizations(db: Db, actor: Actor) {
  assertCan(actor, 'admin.read', { type: 'instance' });
  return db
    .select({
      id: organization.id,
      name: organization.name,
      kind: organization.kind,
      scopeLevel: organization.scopeLevel,
      scopeCode: organization.scopeCode,
      createdAt: organization.createdAt,
      members: sql<number>`(select count(*)::int from ${member} where ${member.organizationId} = ${organization.id})`,
    })
    .from(organization)
    .orderBy(asc(organization.name));
}

