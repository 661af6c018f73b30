import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { conflict, DomainError, forbidden, invalid, notFound, parse } from '../errors.ts';
import { slugify } from '../slug.ts';
import { findCommune, getDepartement, getEpci, getRegion } from '../territory/index.ts';
import { assertCan, can, requireUser, type Action, type SignedInActor } from './access.ts';
import { recordAudit } from './audit.ts';
import { authCall, membershipsOf, type RequestContext } from './context.ts';
import { InvitationInput, MemberRoleInput, OrganizationInput } from './contracts.ts';
import { invitation, member, organization, user, type MemberRole, type OrganizationKind, type ScopeLevel } from './schema.ts';

export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
  kind: OrganizationKind;
  scopeLevel: ScopeLevel | null;
  scopeCode: string | null;
  createdAt: Date;
}

export interface OrganizationMember {
  id: string;
  userId: string;
  name: string;
  /** Shown to those who manage the members (owner, admins, platform administrators); null for the others. */
  email: string | null;
  role: MemberRole;
  since: Date;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: MemberRole;
  expiresAt: Date;
}

/** What the actor may do with an organization, as `can` decides: pages show only these controls. */
export interface OrganizationPermissions {
  invite: boolean;
  manageMembers: boolean;
  transferOwnership: boolean;
  leave: boolean;
}

export interface OrganizationDetails extends OrganizationSummary {
  members: OrganizationMember[];
  /** Pending invitations, for those who may invite or manage members; empty for the others. */
  invitations: PendingInvitation[];
  /** The actor's role in it (null for a platform administrator who is not a member). */
  myRole: MemberRole | null;
  permissions: OrganizationPermissions;
}

const SUMMARY = {
  id: organization.id,
  name: organization.name,
  slug: organization.slug,
  kind: organization.kind,
  scopeLevel: organization.scopeLevel,
  scopeCode: organization.scopeCode,
  createdAt: organization.createdAt,
};

/**
 * Ids come from URLs and forms: anything but the shape of a better-auth id is unknown, without reaching the
 * database (a NUL byte would make PostgreSQL fail).
 */
const isId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);

async function findOrganization(db: Db, id: string): Promise<OrganizationSummary> {
  if (!isId(id)) throw notFound('organization_not_found');
  const [row] = await db.select(SUMMARY).from(organization).where(eq(organization.id, id));
  if (!row) throw notFound('organization_not_found');
  return row;
}

/**
 * Loads an organization and checks the action on it: unknown and unseen ones are both 404. The actor's
 * memberships are read again: a page shown after a form action (same request) sees the roles it left.
 */
async function organizationFor(ctx: RequestContext, id: string, action: Action) {
  const signedIn = requireUser(ctx.actor);
  const found = await findOrganization(ctx.db, id);
  const actor: SignedInActor = { ...signedIn, memberships: await membershipsOf(ctx.db, signedIn.userId) };
  assertCan(actor, action, { type: 'organization', id: found.id, kind: found.kind });
  return { actor, organization: found };
}

/** The scope of a territory organization must name an area that exists. */
async function checkScope(db: Db, level: ScopeLevel, code: string): Promise<void> {
  const found = (lookup: Promise<unknown>) =>
    lookup.then(
      () => true,
      (error: unknown) => {
        if (error instanceof DomainError && error.kind === 'not_found') return false;
        throw error;
      },
    );
  const exists = {
    commune: async () => (await findCommune(db, code)) !== null,
    epci: () => found(getEpci(db, code)),
    departement: () => found(getDepartement(db, code)),
    region: () => found(getRegion(db, code)),
  }[level];
  if (!(await exists())) throw invalid('organization_scope_unknown', { code });
}

async function freeSlug(db: Db, name: string): Promise<string> {
  // Room for a `-NN` suffix within the 80 characters of a slug.
  const base = slugify(name, 76) || 'organization';
  const taken = await db
    .select({ slug: organization.slug })
    .from(organization)
    .where(sql`${organization.slug} = ${base} or ${organization.slug} like ${`${base}-%`}`);
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** Creates an organization with the actor as its owner. */
export async function createOrganization(ctx: RequestContext, input: unknown): Promise<OrganizationSummary> {
  requireUser(ctx.actor);
  const body = parse(OrganizationInput, input);
  const actor = assertCan(ctx.actor, `organization.create-${body.kind}`, { type: 'instance' });
  const territory = body.kind === 'territory';
  if (territory) await checkScope(ctx.db, body.scopeLevel!, body.scopeCode!);
  const created = await authCall(async () =>
    // Called as the server, for the already authorised actor: the same path serves pages, API and CLI.
    ctx.auth.api.createOrganization({
      body: {
        name: body.name,
        slug: await freeSlug(ctx.db, body.name),
        kind: body.kind,
        scopeLevel: territory ? body.scopeLevel : undefined,
        scopeCode: territory ? body.scopeCode : undefined,
        userId: actor.userId,
        keepCurrentActiveOrganization: true,
      },
    }),
  );
  await recordAudit(ctx.db, actor, 'organization.create', 'organization', created!.id, created!.id, { kind: body.kind });
  return findOrganization(ctx.db, created!.id);
}

/** The organizations the actor belongs to, with their role. */
export async function listMyOrganizations(ctx: RequestContext): Promise<(OrganizationSummary & { role: MemberRole })[]> {
  const actor = requireUser(ctx.actor);
  return ctx.db
    .select({ ...SUMMARY, role: member.role })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, actor.userId))
    .orderBy(asc(organization.name));
}

function permissionsOn(actor: SignedInActor, found: OrganizationSummary): OrganizationPermissions {
  const resource = { type: 'organization', id: found.id, kind: found.kind } as const;
  return {
    invite: can(actor, 'organization.invite', resource),
    manageMembers: can(actor, 'organization.manage-members', resource),
    transferOwnership: can(actor, 'organization.transfer-ownership', resource),
    leave: can(actor, 'organization.leave', resource),
  };
}

async function membersOf(db: Db, organizationId: string, withEmails: boolean): Promise<OrganizationMember[]> {
  const rows = await db
    .select({ id: member.id, userId: member.userId, name: user.name, email: user.email, role: member.role, since: member.createdAt })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, organizationId))
    .orderBy(sql`case ${member.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(user.name), asc(member.id));
  return rows.map((row) => ({ ...row, email: withEmails ? row.email : null }));
}

/**
 * An organization with its members, for its members and platform administrators. Members' e-mail addresses
 * and pending invitations are for those who manage the members; staff see names and roles.
 */
export async function getOrganization(ctx: RequestContext, id: string): Promise<OrganizationDetails> {
  const { actor, organization: found } = await organizationFor(ctx, id, 'organization.read');
  const permissions = permissionsOn(actor, found);
  const [members, invitations] = await Promise.all([
    membersOf(ctx.db, found.id, permissions.manageMembers),
    permissions.manageMembers || permissions.invite
      ? ctx.db
          .select({ id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt })
          .from(invitation)
          .where(and(eq(invitation.organizationId, found.id), eq(invitation.status, 'pending'), gt(invitation.expiresAt, new Date())))
          .orderBy(asc(invitation.createdAt))
      : Promise.resolve([]),
  ]);
  return {
    ...found,
    members,
    invitations: invitations.map((row) => ({ ...row, role: row.role ?? 'staff' })),
    myRole: members.find((m) => m.userId === actor.userId)?.role ?? null,
    permissions,
  };
}

/** The members of an organization, with the same visibility as `getOrganization`. */
export async function listMembers(ctx: RequestContext, id: string): Promise<OrganizationMember[]> {
  const { actor, organization: found } = await organizationFor(ctx, id, 'organization.read');
  return membersOf(ctx.db, found.id, permissionsOn(actor, found).manageMembers);
}

/** Invites someone by e-mail as admin or staff; the message goes out in their language when known. */
export async function inviteMember(ctx: RequestContext, organizationId: string, input: unknown): Promise<PendingInvitation> {
  const { actor } = await organizationFor(ctx, organizationId, 'organization.invite');
  const body = parse(InvitationInput, input);
  const created = await authCall(() =>
    ctx.auth.api.createInvitation({ body: { email: body.email, role: body.role, organizationId }, headers: ctx.headers }),
  );
  await recordAudit(ctx.db, actor, 'organization.invite', 'invitation', created.id, organizationId, { role: body.role });
  return { id: created.id, email: created.email, role: body.role, expiresAt: new Date(created.expiresAt) };
}

export async function cancelInvitation(ctx: RequestContext, organizationId: string, invitationId: string): Promise<void> {
  const { actor } = await organizationFor(ctx, organizationId, 'organization.invite');
  if (!isId(invitationId)) throw notFound('invitation_not_found');
  const [found] = await ctx.db
    .select({ id: invitation.id })
    .from(invitation)
    .where(and(eq(invitation.id, invitationId), eq(invitation.organizationId, organizationId), eq(invitation.status, 'pending')));
  if (!found) throw notFound('invitation_not_found');
  await authCall(() => ctx.auth.api.cancelInvitation({ body: { invitationId }, headers: ctx.headers }));
  await recordAudit(ctx.db, actor, 'organization.cancel-invitation', 'invitation', invitationId, organizationId);
}

export interface InvitationView {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  role: MemberRole;
  inviterName: string;
  expiresAt: Date;
}

/** An invitation, for the person it was sent to only (anyone else gets 404, as for an unknown one). */
export async function getInvitation(ctx: RequestContext, invitationId: string): Promise<InvitationView> {
  const actor = requireUser(ctx.actor);
  if (!isId(invitationId)) throw notFound('invitation_not_found');
  const [row] = await ctx.db
    .select({
      id: invitation.id,
      email: invitation.email,
      status: invitation.status,
      organizationId: organization.id,
      organizationName: organization.name,
      organizationKind: organization.kind,
      role: invitation.role,
      inviterName: user.name,
      expiresAt: invitation.expiresAt,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .innerJoin(user, eq(user.id, invitation.inviterId))
    .where(eq(invitation.id, invitationId));
  if (!row || row.email.toLowerCase() !== actor.email.toLowerCase() || row.status !== 'pending' || row.expiresAt < new Date())
    throw notFound('invitation_not_found');
  const { email: _email, status: _status, ...view } = row;
  return { ...view, role: row.role ?? 'staff' };
}

/** Pending invitations addressed to the actor. */
export async function myInvitations(ctx: RequestContext): Promise<InvitationView[]> {
  const actor = requireUser(ctx.actor);
  const rows = await ctx.db
    .select({ id: invitation.id })
    .from(invitation)
    .where(and(eq(invitation.email, actor.email.toLowerCase()), eq(invitation.status, 'pending'), gt(invitation.expiresAt, new Date())));
  return Promise.all(rows.map((row) => getInvitation(ctx, row.id)));
}

export async function acceptInvitation(ctx: RequestContext, invitationId: string): Promise<string> {
  const found = await getInvitation(ctx, invitationId);
  // Already in (through another invitation): accepting again would add a second membership.
  const actor = requireUser(ctx.actor);
  if (actor.memberships.some((m) => m.organizationId === found.organizationId)) throw conflict('already_member');
  await authCall(() => ctx.auth.api.acceptInvitation({ body: { invitationId }, headers: ctx.headers }));
  return found.organizationId;
}

export async function declineInvitation(ctx: RequestContext, invitationId: string): Promise<void> {
  await getInvitation(ctx, invitationId);
  await authCall(() => ctx.auth.api.rejectInvitation({ body: { invitationId }, headers: ctx.headers }));
}

async function memberOf(db: Db, organizationId: string, memberId: string) {
  if (!isId(memberId)) throw notFound('member_not_found');
  const [row] = await db
    .select({ id: member.id, userId: member.userId, role: member.role })
    .from(member)
    .where(and(eq(member.id, memberId), eq(member.organizationId, organizationId)));
  if (!row) throw notFound('member_not_found');
  return row;
}

/** Makes a member admin or staff. The owner's role only changes by a transfer; an admin cannot touch an owner. */
export async function changeMemberRole(ctx: RequestContext, organizationId: string, input: unknown): Promise<void> {
  const { actor } = await organizationFor(ctx, organizationId, 'organization.manage-members');
  const body = parse(MemberRoleInput, input);
  const target = await memberOf(ctx.db, organizationId, body.memberId);
  if (target.role === 'owner') throw conflict('owner_role_fixed');
  await ctx.db.update(member).set({ role: body.role }).where(eq(member.id, target.id));
  await recordAudit(ctx.db, actor, 'organization.change-role', 'member', target.id, organizationId, { from: target.role, to: body.role });
}

/** Removes a member (not the owner: ownership must move first). */
export async function removeMember(ctx: RequestContext, organizationId: string, memberId: string): Promise<void> {
  const { actor } = await organizationFor(ctx, organizationId, 'organization.manage-members');
  const target = await memberOf(ctx.db, organizationId, memberId);
  if (target.role === 'owner') throw conflict('owner_must_transfer');
  await ctx.db.delete(member).where(eq(member.id, target.id));
  await recordAudit(ctx.db, actor, 'organization.remove-member', 'member', target.id, organizationId, { role: target.role });
}

/**
 * The owner hands the organization to another member and becomes an admin, in one transaction: if the actor
 * is no longer the owner when it runs (a transfer from another tab), nothing changes.
 */
export async function transferOwnership(ctx: RequestContext, organizationId: string, memberId: string): Promise<void> {
  const { actor } = await organizationFor(ctx, organizationId, 'organization.transfer-ownership');
  const target = await memberOf(ctx.db, organizationId, memberId);
  if (target.userId === actor.userId) throw invalid('transfer_to_self');
  await ctx.db.transaction(async (tx) => {
    const demoted = await tx
      .update(member)
      .set({ role: 'admin' })
      .where(and(eq(member.organizationId, organizationId), eq(member.userId, actor.userId), eq(member.role, 'owner')))
      .returning({ id: member.id });
    if (demoted.length === 0) throw forbidden('forbidden_action');
    const promoted = await tx.update(member).set({ role: 'owner' }).where(eq(member.id, target.id)).returning({ id: member.id });
    if (promoted.length === 0) throw notFound('member_not_found');
  });
  await recordAudit(ctx.db, actor, 'organization.transfer-ownership', 'member', target.id, organizationId);
}

/** Leaves an organization; its owner must hand it over first. */
export async function leaveOrganization(ctx: RequestContext, organizationId: string): Promise<void> {
  const { actor } = await organizationFor(ctx, organizationId, 'organization.leave');
  const mine = actor.memberships.find((m) => m.organizationId === organizationId)!;
  if (mine.role === 'owner') throw conflict('owner_must_transfer');
  await ctx.db.delete(member).where(and(eq(member.organizationId, organizationId), eq(member.userId, actor.userId)));
}

