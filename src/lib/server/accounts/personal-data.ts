import { and, asc, count, desc, eq, gte, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { conflict, invalid, parse } from '../errors.ts';
import { escapeHtml } from '../mail/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import { findCommune } from '../territory/index.ts';
import { assertCan, type Actor } from './access.ts';
import type { RequestContext } from './context.ts';
import { privacyParts } from './privacy.ts';
import { ConsentChoicesInput, ConsentInput, DeleteAccountInput, ProfileInput } from './contracts.ts';
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
  consentPurposes,
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

/**
 * Changes some fields of the profile (PATCH): the fields given replace the current ones, the others stay;
 * `null` or an empty string clears an optional field. The result is validated as a whole, like the form.
 */
export async function patchProfile(db: Db, actor: Actor, input: unknown): Promise<Profile> {
  const me = selfOf(actor, 'user.update');
  if (!input || typeof input !== 'object' || Array.isArray(input)) return updateProfile(db, actor, input);
  const [row] = await db.select().from(user).where(eq(user.id, me.userId));
  const changes = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, value === null ? '' : value]));
  const current = { name: row!.name, homeCommuneCode: row!.homeCommuneCode ?? '', phone: row!.phone ?? '', preferredLanguage: row!.preferredLanguage };
  return updateProfile(db, actor, { ...current, ...changes });
}

/** Records a consent given or withdrawn, with the version of the text the person saw. */
export async function recordConsent(db: Db, actor: Actor, input: unknown): Promise<void> {
  const me = selfOf(actor, 'user.update');
  const body = parse(ConsentInput, input);
  await db.insert(consent).values({ userId: me.userId, purpose: body.purpose, granted: body.granted, textVersion: CONSENT_TEXT_VERSIONS[body.purpose] });
}

/**
 * Saves the person's choice for every purpose at once (the consents form). A row is recorded only for a
 * purpose whose choice changed (never asked counts as no), or that is granted again under a newer text, so
 * the date shown stays the date of the choice. Returns the purposes recorded.
 */
export async function saveConsents(db: Db, actor: Actor, input: unknown): Promise<ConsentPurpose[]> {
  const me = selfOf(actor, 'user.update');
  const body = parse(ConsentChoicesInput, input);
  const { consents: latest } = await getProfile(db, actor);
  const changed = consentPurposes.filter((purpose) => {
    const last = latest[purpose];
    if (!last) return body[purpose];
    return last.granted !== body[purpose] || (body[purpose] && last.textVersion !== CONSENT_TEXT_VERSIONS[purpose]);
  });
  if (changed.length > 0)
    await db
      .insert(consent)
      .values(changed.map((purpose) => ({ userId: me.userId, purpose, granted: body[purpose], textVersion: CONSENT_TEXT_VERSIONS[purpose] })));
  return changed;
}

/** Everything Maillage holds about the signed-in person, as one JSON document (GDPR art. 15 and 20). */
export async function exportPersonalData(db: Db, actor: Actor) {
  const me = selfOf(actor, 'user.export');
  const [profile] = await db.select().from(user).where(eq(user.id, me.userId));
  const [consents, sessions, memberships, invitationsReceived, invitationsSent, auditEntries, messages, logins, ...domainSections] = await Promise.all([
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
    db.select({ provider: account.providerId, createdAt: account.createdAt }).from(account).where(eq(account.userId, me.userId)),
    // Each domain's own sections (booking, places…), registered with accounts.
    ...privacyParts().map((part) => part.export(db, me.userId)),
  ]);
  const own = {
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
  };
  // The domains' sections, named by each domain: their shapes are theirs to declare.
  const sections: Record<string, unknown> = Object.assign({}, ...domainSections);
  return { ...own, ...sections } as typeof own & Record<string, unknown>;
}

/** What remains of a deleted account's name in records kept for others (invitations it sent, e-mails). */
export const DELETED_NAME = '—';

/** Replaces `text` by `by` wherever it appears in the messages kept for others (bodies, subject, attachments). */
async function eraseFromOutbox(tx: Db, text: string, by: string, since: Date): Promise<void> {
  const forms = new Set([text, escapeHtml(text)]);
  for (const form of forms) {
    const jsonForm = JSON.stringify(form).slice(1, -1);
    await tx
      .update(outboxMessage)
      .set({
        subject: sql`replace(${outboxMessage.subject}, ${form}, ${by})`,
        textBody: sql`replace(${outboxMessage.textBody}, ${form}, ${by})`,
        htmlBody: sql`replace(${outboxMessage.htmlBody}, ${form}, ${by})`,
        attachments: sql`replace(${outboxMessage.attachments}::text, ${jsonForm}, ${by})::jsonb`,
      })
      .where(
        and(
          // Messages sent before the account existed cannot mention it: they are left alone.
          gte(outboxMessage.createdAt, since),
          sql`strpos(${outboxMessage.subject} || ' ' || ${outboxMessage.textBody} || ' ' || coalesce(${outboxMessage.htmlBody}, '') || ' ' || ${outboxMessage.attachments}::text, ${form}) > 0`,
        ),
      );
  }
}

/**
 * Deletes the signed-in person's account (GDPR art. 17). Their sessions, sign-in methods, tokens, consents,
 * memberships, invitations and e-mails go, and each domain's records of them (its registered privacy part);
 * their name and address are erased from messages sent to others; organizations left without any member go
 * too (places they operated keep their operator's name); the user
 * row stays, anonymised, so that records the law requires (bookings, invoices, audit entries) keep their
 * reference. The owner of an organization with other members must hand it over first.
 */
export async function deleteAccount(ctx: RequestContext, input: unknown): Promise<void> {
  const me = selfOf(ctx.actor, 'user.delete');
  const body = parse(DeleteAccountInput, input);
  if (body.confirmEmail !== me.email.toLowerCase()) throw invalid('delete_confirmation_mismatch');
  await ctx.db.transaction(async (tx) => {
    const [profile] = await tx.select({ name: user.name, email: user.email, phone: user.phone, createdAt: user.createdAt }).from(user).where(eq(user.id, me.userId));
    const { name, email, phone, createdAt } = profile!;
    const mine = await tx.select({ organizationId: member.organizationId, role: member.role }).from(member).where(eq(member.userId, me.userId));
    const organizationIds = mine.map((membership) => membership.organizationId);
    const others =
      organizationIds.length === 0
        ? []
        : await tx
            .selectDistinct({ organizationId: member.organizationId })
            .from(member)
            .where(and(inArray(member.organizationId, organizationIds), ne(member.userId, me.userId)));
    const shared = new Set(others.map((row) => row.organizationId));
    if (mine.some((membership) => membership.role === 'owner' && shared.has(membership.organizationId))) throw conflict('owner_must_transfer');
    const alone = organizationIds.filter((id) => !shared.has(id));

    await tx.delete(session).where(eq(session.userId, me.userId));
    await tx.delete(account).where(eq(account.userId, me.userId));
    // Magic-link tokens keep the address in their value; reset tokens keep the user id.
    await tx.delete(verification).where(or(eq(verification.value, me.userId), sql`strpos(lower(${verification.value}), ${email.toLowerCase()}) > 0`));
    await tx.delete(consent).where(eq(consent.userId, me.userId));
    // Each domain erases what it holds (booking: the calendar feed; places: contacts typed, links to the organizations going).
    for (const part of privacyParts()) await part.erase(tx, { userId: me.userId, name, email, phone, removedOrganizationIds: alone });
    await tx.delete(member).where(eq(member.userId, me.userId));
    // Nobody could manage them any more; their invitations go with them (cascade).
    if (alone.length > 0) await tx.delete(organization).where(inArray(organization.id, alone));
    await tx.delete(invitation).where(eq(sql`lower(${invitation.email})`, email.toLowerCase()));
    await tx.delete(outboxMessage).where(eq(outboxMessage.recipient, email.toLowerCase()));
    if (name.trim().length > 0) await eraseFromOutbox(tx, name, DELETED_NAME, createdAt);
    await eraseFromOutbox(tx, email, DELETED_NAME, createdAt);
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
      signInDisabledAt: user.signInDisabledAt,
    })
    .from(user)
    .where(q ? sql`(lower(${user.name}) like ${`%${q}%`} or ${user.email} like ${`%${q}%`})` : undefined)
    .orderBy(desc(user.createdAt))
    .limit(options.limit ?? 100);
}

/** Platform administrators: every organization with its member count. */
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
      // A join, not a subquery: inside one, `organization.id` was written unqualified and read as the member's id.
      members: count(member.id),
    })
    .from(organization)
    .leftJoin(member, eq(member.organizationId, organization.id))
    .groupBy(organization.id)
    .orderBy(asc(organization.name));
}

