import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { lastMailTo, makePlatformAdmin, refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import type { Database } from '../db/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import type { Accounts } from './context.ts';
import { OrganizationDetails, OrganizationMemberList, MyOrganizationList } from './organizations-api.ts';
import {
  acceptInvitation,
  cancelInvitation,
  changeMemberRole,
  createOrganization,
  declineInvitation,
  getInvitation,
  getOrganization,
  inviteMember,
  leaveOrganization,
  listMembers,
  listMyOrganizations,
  myInvitations,
  removeMember,
  transferOwnership,
} from './organizations.ts';
import { auditLog, invitation, member, organization } from './schema.ts';

let database: Database;
let accounts: Accounts;
beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
});
afterAll(() => database?.close());

/** Everything the organization functions may change, to show that a refusal changed nothing. */
async function organizationTables() {
  const db = accounts.db;
  return {
    organizations: await db.select().from(organization).orderBy(asc(organization.id)),
    members: await db.select().from(member).orderBy(asc(member.id)),
    invitations: await db.select().from(invitation).orderBy(asc(invitation.id)),
    audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
    mails: (await db.select({ n: count() }).from(outboxMessage))[0]!.n,
  };
}

async function membershipId(organizationId: string, person: SignedIn): Promise<string> {
  const details = await getOrganization((await refreshed(accounts, person)).ctx, organizationId);
  return details.members.find((m) => m.userId === person.userId)!.id;
}

async function roleOf(organizationId: string, person: SignedIn) {
  const [row] = await accounts.db
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.userId, person.userId)));
  return row?.role ?? null;
}

/** Invites and has them accept: the path people take. Returns everyone refreshed. */
async function join(inviter: SignedIn, organizationId: string, person: SignedIn, role: 'admin' | 'staff'): Promise<SignedIn> {
  const sent = await inviteMember((await refreshed(accounts, inviter)).ctx, organizationId, { email: person.email, role });
  await acceptInvitation(person.ctx, sent.id);
  return refreshed(accounts, person);
}

/** An operator with an owner, an admin and a staff member. */
async function operatorWithTeam(name: string) {
  const owner = await signedUpPerson(accounts);
  const created = await createOrganization(owner.ctx, { name, kind: 'operator' });
  const admin = await join(owner, created.id, await signedUpPerson(accounts), 'admin');
  const staff = await join(owner, created.id, await signedUpPerson(accounts), 'staff');
  return { id: created.id, owner: await refreshed(accounts, owner), admin, staff };
}

describe('an operator organization', () => {
  it('is created by a verified person, who invites a colleague; a third person can neither read nor change it', async () => {
    const owner = await signedUpPerson(accounts);
    const created = await createOrganization(owner.ctx, { name: 'Tiers-lieu du Causse', kind: 'operator' });
    expect(created).toMatchObject({ name: 'Tiers-lieu du Causse', slug: 'tiers-lieu-du-causse', kind: 'operator', scopeLevel: null });

    const ownerNow = await refreshed(accounts, owner);
    const colleague = await signedUpPerson(accounts);
    const invitation = await inviteMember(ownerNow.ctx, created.id, { email: colleague.email, role: 'staff' });
    const { message, link } = await lastMailTo(accounts, colleague.email);
    expect(message.subject).toContain('Tiers-lieu du Causse');
    expect(link).toBe(`http://localhost:3000/invitations/${invitation.id}`);

    expect((await myInvitations(colleague.ctx)).map((i) => i.id)).toEqual([invitation.id]);
    expect(await getInvitation(colleague.ctx, invitation.id)).toMatchObject({ organizationName: 'Tiers-lieu du Causse', role: 'staff', inviterName: owner.name });
    await acceptInvitation(colleague.ctx, invitation.id);
    const colleagueNow = await refreshed(accounts, colleague);
    expect(await listMyOrganizations(colleagueNow.ctx)).toMatchObject([{ id: created.id, role: 'staff' }]);

    const details = await getOrganization(ownerNow.ctx, created.id);
    expect(details.members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [colleague.email, 'staff'],
    ]);

    const stranger = await signedUpPerson(accounts);
    expect(await domainRejection(getOrganization(stranger.ctx, created.id))).toMatchObject({ kind: 'not_found', code: 'organization_not_found' });
    expect(await domainRejection(inviteMember(stranger.ctx, created.id, { email: 'x@example.org' }))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(acceptInvitation(stranger.ctx, invitation.id))).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });
    // Staff may read but not invite.
    expect(await domainRejection(inviteMember(colleagueNow.ctx, created.id, { email: 'y@example.org' }))).toMatchObject({ kind: 'forbidden' });
    // An invitation is answered once.
    expect(await domainRejection(acceptInvitation(colleagueNow.ctx, invitation.id))).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });
  });

  it('shows members’ e-mail addresses and pending invitations to its owner, admins and platform administrators only', async () => {
    const team = await operatorWithTeam('Visibilité des adresses');
    await inviteMember(team.admin.ctx, team.id, { email: 'pending.person@example.org' });

    for (const manager of [team.owner, team.admin]) {
      const seen = await getOrganization(manager.ctx, team.id);
      expect(seen.members.map((m) => m.email)).toEqual([team.owner.email, team.admin.email, team.staff.email]);
      expect(seen.invitations.map((i) => i.email)).toEqual(['pending.person@example.org']);
      expect(seen.permissions).toMatchObject({ invite: true, manageMembers: true });
    }
    expect((await getOrganization(team.owner.ctx, team.id)).permissions).toEqual({ invite: true, manageMembers: true, transferOwnership: true, leave: true });

    const byStaff = await getOrganization(team.staff.ctx, team.id);
    expect(byStaff.members.map((m) => [m.name, m.role, m.email])).toEqual([
      [team.owner.name, 'owner', null],
      [team.admin.name, 'admin', null],
      [team.staff.name, 'staff', null],
    ]);
    expect(byStaff.invitations).toEqual([]);
    expect(byStaff.myRole).toBe('staff');
    expect(byStaff.permissions).toEqual({ invite: false, manageMembers: false, transferOwnership: false, leave: true });
    expect((await listMembers(team.staff.ctx, team.id)).every((m) => m.email === null)).toBe(true);
    expect((await listMembers(team.admin.ctx, team.id)).map((m) => m.email)).toContain(team.staff.email);

    const platformAdmin = await makePlatformAdmin(accounts, await signedUpPerson(accounts));
    const byPlatform = await getOrganization(platformAdmin.ctx, team.id);
    expect(byPlatform.myRole).toBeNull();
    expect(byPlatform.members.map((m) => m.email)).toContain(team.staff.email);
    expect(byPlatform.permissions).toEqual({ invite: false, manageMembers: true, transferOwnership: false, leave: false });

    // The API contracts describe what the functions return, once through JSON.
    const json = <T>(value: T) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(OrganizationDetails.safeParse(json(byStaff)).success).toBe(true);
    expect(OrganizationDetails.safeParse(json(byPlatform)).success).toBe(true);
    expect(OrganizationMemberList.safeParse(json(await listMembers(team.owner.ctx, team.id))).success).toBe(true);
    expect(MyOrganizationList.parse(json(await listMyOrganizations(team.staff.ctx)))).toMatchObject([{ id: team.id, role: 'staff' }]);
  });

  it('answers 401 to nobody signed in', async () => {
    const team = await operatorWithTeam('Personne connectée');
    const anonymous = { ...accounts, actor: { kind: 'anonymous' } as const, headers: new Headers() };
    for (const call of [
      () => listMyOrganizations(anonymous),
      () => getOrganization(anonymous, team.id),
      () => listMembers(anonymous, team.id),
      () => myInvitations(anonymous),
      () => createOrganization(anonymous, { name: 'x'.repeat(500), kind: 'planet' }),
    ])
      expect(await domainRejection(call())).toMatchObject({ kind: 'unauthenticated', code: 'sign_in_required' });
  });
});

describe('id tampering', () => {
  it('a member of A reaching B through its ids, or B’s members and invitations under A’s id, gets 404 and changes nothing', async () => {
    const a = await operatorWithTeam('Organization A');
    const b = await operatorWithTeam('Organization B');
    const bInvitation = await inviteMember(b.owner.ctx, b.id, { email: 'invited.to.b@example.org', role: 'admin' });
    const bStaffMember = await membershipId(b.id, b.staff);
    const bOwnerMember = await membershipId(b.id, b.owner);
    const aStaffMember = await membershipId(a.id, a.staff);
    const before = await organizationTables();

    // A's owner has every right in A, and none in B.
    const ctx = a.owner.ctx;
    const organizationNotFound = { kind: 'not_found', code: 'organization_not_found' };
    for (const call of [
      () => getOrganization(ctx, b.id),
      () => listMembers(ctx, b.id),
      () => inviteMember(ctx, b.id, { email: 'intruder@example.org', role: 'admin' }),
      () => cancelInvitation(ctx, b.id, bInvitation.id),
      () => changeMemberRole(ctx, b.id, { memberId: bStaffMember, role: 'admin' }),
      () => removeMember(ctx, b.id, bStaffMember),
      () => transferOwnership(ctx, b.id, bStaffMember),
      () => leaveOrganization(ctx, b.id),
    ])
      expect(await domainRejection(call())).toMatchObject(organizationNotFound);

    // B's member and invitation ids under A's id: unknown in A.
    for (const call of [
      () => changeMemberRole(ctx, a.id, { memberId: bStaffMember, role: 'admin' }),
      () => changeMemberRole(ctx, a.id, { memberId: bOwnerMember, role: 'staff' }),
      () => removeMember(ctx, a.id, bStaffMember),
      () => removeMember(ctx, a.id, bOwnerMember),
      () => transferOwnership(ctx, a.id, bStaffMember),
    ])
      expect(await domainRejection(call())).toMatchObject({ kind: 'not_found', code: 'member_not_found' });
    expect(await domainRejection(cancelInvitation(ctx, a.id, bInvitation.id))).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });
    // An invitation addressed to someone else.
    for (const call of [() => getInvitation(ctx, bInvitation.id), () => acceptInvitation(ctx, bInvitation.id), () => declineInvitation(ctx, bInvitation.id)])
      expect(await domainRejection(call())).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });

    // Ids that are no ids at all (from a URL or a form) are unknown too, and never reach PostgreSQL as such.
    for (const junk of ['', '../x', 'a\u0000b', 'x'.repeat(500), "' or 1=1 --"]) {
      expect(await domainRejection(getOrganization(ctx, junk))).toMatchObject(organizationNotFound);
      expect(await domainRejection(removeMember(ctx, a.id, junk))).toMatchObject({ kind: 'not_found', code: 'member_not_found' });
      expect(await domainRejection(cancelInvitation(ctx, a.id, junk))).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });
      expect(await domainRejection(getInvitation(ctx, junk))).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });
    }

    // A's staff sees A, so what they may not do there is a 403.
    const staff = a.staff.ctx;
    for (const call of [
      () => inviteMember(staff, a.id, { email: 'friend@example.org', role: 'staff' }),
      () => changeMemberRole(staff, a.id, { memberId: aStaffMember, role: 'admin' }),
      () => removeMember(staff, a.id, aStaffMember),
      () => transferOwnership(staff, a.id, aStaffMember),
      () => cancelInvitation(staff, a.id, bInvitation.id),
    ])
      expect(await domainRejection(call())).toMatchObject({ kind: 'forbidden', code: 'forbidden_action' });
    // An admin of A may not hand A over.
    expect(await domainRejection(transferOwnership(a.admin.ctx, a.id, aStaffMember))).toMatchObject({ kind: 'forbidden' });

    expect(await organizationTables()).toEqual(before);
  });
});

describe('creating an organization', () => {
  it('refuses bad input with the field and a catalogue code, and creates nothing', async () => {
    const person = await signedUpPerson(accounts);
    const platformAdmin = await makePlatformAdmin(accounts, await signedUpPerson(accounts));
    const before = await organizationTables();
    const cases: [SignedIn, Record<string, unknown>, string, string][] = [
      [person, { name: 'x'.repeat(121), kind: 'operator' }, 'name', 'name_too_long'],
      [person, { name: 'A', kind: 'operator' }, 'name', 'organization_name_required'],
      [person, { name: 'Tab\u0000Nul', kind: 'operator' }, 'name', 'text_nul_character'],
      [person, { name: 'Coop \u2066isolée\u2069', kind: 'operator' }, 'name', 'organization_name_invalid'],
      [person, { name: 'Coop \u202eesrever', kind: 'operator' }, 'name', 'organization_name_invalid'],
      [person, { name: 'Planète', kind: 'planet' }, 'kind', 'organization_kind_invalid'],
      [person, { name: 'Sans type' }, 'kind', 'organization_kind_invalid'],
      [person, { name: 'Opérateur situé', kind: 'operator', scopeLevel: 'epci', scopeCode: '244600433' }, 'scopeCode', 'organization_scope_required'],
      [platformAdmin, { name: 'Collectivité sans territoire', kind: 'territory' }, 'scopeCode', 'organization_scope_required'],
      [platformAdmin, { name: 'Collectivité à moitié', kind: 'territory', scopeLevel: 'epci' }, 'scopeCode', 'organization_scope_required'],
      [platformAdmin, { name: 'Collectivité lunaire', kind: 'territory', scopeLevel: 'planet', scopeCode: '46' }, 'scopeLevel', 'organization_scope_invalid'],
      [platformAdmin, { name: 'Code piégé', kind: 'territory', scopeLevel: 'commune', scopeCode: '46\u0000182' }, 'scopeCode', 'text_nul_character'],
    ];
    for (const [who, input, path, message] of cases) {
      const error = await domainRejection(createOrganization(who.ctx, input));
      expect(error, JSON.stringify(input)).toMatchObject({ kind: 'invalid', code: 'invalid_input' });
      expect(error.issues, JSON.stringify(input)).toContainEqual(expect.objectContaining({ path, message }));
    }
    for (const [level, code] of [
      ['epci', '999999999'],
      ['departement', '00'],
      ['commune', '46999'],
      ['region', '99'],
    ])
      expect(await domainRejection(createOrganization(platformAdmin.ctx, { name: 'Nulle part', kind: 'territory', scopeLevel: level, scopeCode: code }))).toMatchObject({
        kind: 'invalid',
        code: 'organization_scope_unknown',
        params: { code },
      });
    // Councils and networks are admitted by the platform's administrators.
    for (const input of [{ kind: 'territory', scopeLevel: 'departement', scopeCode: '46' }, { kind: 'network' }])
      expect(await domainRejection(createOrganization(person.ctx, { name: 'Pas pour moi', ...input }))).toMatchObject({ kind: 'forbidden', code: 'forbidden_action' });
    expect(await organizationTables()).toEqual(before);
  });

  it('admits a council with its area (codes in any case) and a network, created by a platform administrator', async () => {
    const platformAdmin = await makePlatformAdmin(accounts, await signedUpPerson(accounts));
    const council = await createOrganization(platformAdmin.ctx, { name: 'CC de la Vallée du Lot', kind: 'territory', scopeLevel: 'epci', scopeCode: ' 244600433 ' });
    expect(council).toMatchObject({ kind: 'territory', scopeLevel: 'epci', scopeCode: '244600433' });
    const corsica = await createOrganization(platformAdmin.ctx, { name: 'Corse-du-Sud', kind: 'territory', scopeLevel: 'departement', scopeCode: '2a' });
    expect(corsica).toMatchObject({ scopeLevel: 'departement', scopeCode: '2A' });
    // Empty form fields mean no scope.
    expect(await createOrganization(platformAdmin.ctx, { name: 'Réseau des tiers-lieux', kind: 'network', scopeLevel: '', scopeCode: '' })).toMatchObject({
      kind: 'network',
      scopeLevel: null,
    });
    // The same name twice gets its own address.
    const again = await createOrganization(platformAdmin.ctx, { name: 'Réseau des tiers-lieux', kind: 'network' });
    expect(again.slug).toBe('reseau-des-tiers-lieux-2');
  });
});

describe('members', () => {
  it('an invitation refuses a bad address, the owner role and an existing member, and sends nothing', async () => {
    const team = await operatorWithTeam('Invitations refusées');
    const before = await organizationTables();
    for (const [input, path, message] of [
      [{ email: 'not-an-address', role: 'staff' }, 'email', 'invalid_email'],
      [{ email: `${'x'.repeat(250)}@example.org` }, 'email', 'invalid_email'],
      [{ role: 'staff' }, 'email', 'invalid_email'],
      [{ email: 'new.owner@example.org', role: 'owner' }, 'role', 'role_invalid'],
      [{ email: 'boss@example.org', role: 'superuser' }, 'role', 'role_invalid'],
    ] as const) {
      const error = await domainRejection(inviteMember(team.owner.ctx, team.id, input));
      expect(error.issues, JSON.stringify(input)).toContainEqual(expect.objectContaining({ path, message }));
    }
    expect(await domainRejection(inviteMember(team.owner.ctx, team.id, { email: team.staff.email.toUpperCase() }))).toMatchObject({
      kind: 'conflict',
      code: 'already_member',
    });
    expect(await organizationTables()).toEqual(before);
  });

  it('re-inviting replaces the pending invitation; cancelling withdraws it; declining leaves the person out', async () => {
    const team = await operatorWithTeam('Invitations multiples');
    const invitee = await signedUpPerson(accounts);
    const first = await inviteMember(team.admin.ctx, team.id, { email: invitee.email, role: 'staff' });
    const second = await inviteMember(team.owner.ctx, team.id, { email: invitee.email, role: 'admin' });
    expect(second.id).not.toBe(first.id);
    expect(await domainRejection(getInvitation(invitee.ctx, first.id))).toMatchObject({ kind: 'not_found' });
    expect((await myInvitations(invitee.ctx)).map((i) => [i.id, i.role])).toEqual([[second.id, 'admin']]);
    expect((await getOrganization(team.owner.ctx, team.id)).invitations.map((i) => i.id)).toEqual([second.id]);

    // Cancelled by an admin: gone for everyone; cancelling again is a 404.
    await cancelInvitation(team.admin.ctx, team.id, second.id);
    expect(await myInvitations(invitee.ctx)).toEqual([]);
    expect(await domainRejection(acceptInvitation(invitee.ctx, second.id))).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });
    expect(await domainRejection(cancelInvitation(team.admin.ctx, team.id, second.id))).toMatchObject({ kind: 'not_found', code: 'invitation_not_found' });

    // Invited once more, and declined.
    const third = await inviteMember(team.owner.ctx, team.id, { email: invitee.email, role: 'staff' });
    await declineInvitation(invitee.ctx, third.id);
    const [row] = await accounts.db.select({ status: invitation.status }).from(invitation).where(eq(invitation.id, third.id));
    expect(row?.status).toBe('rejected');
    expect(await myInvitations(invitee.ctx)).toEqual([]);
    expect(await listMyOrganizations(invitee.ctx)).toEqual([]);
    expect(await domainRejection(getOrganization((await refreshed(accounts, invitee)).ctx, team.id))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(acceptInvitation(invitee.ctx, third.id))).toMatchObject({ kind: 'not_found' });
  });

  it('accepting when already a member is a conflict, not a second membership', async () => {
    const team = await operatorWithTeam('Déjà membre');
    // Two invitations raced: one accepted, the other still pending.
    await accounts.db.insert(invitation).values({
      id: 'raced-invitation-0001',
      organizationId: team.id,
      email: team.staff.email,
      role: 'admin',
      status: 'pending',
      expiresAt: new Date(Date.now() + 86_400_000),
      inviterId: team.owner.userId,
    });
    expect(await domainRejection(acceptInvitation(team.staff.ctx, 'raced-invitation-0001'))).toMatchObject({ kind: 'conflict', code: 'already_member' });
    expect(await accounts.db.select().from(member).where(eq(member.userId, team.staff.userId))).toHaveLength(1);
  });

  it('roles change between admin and staff; the owner’s only by a transfer', async () => {
    const team = await operatorWithTeam('Rôles');
    const staffMember = await membershipId(team.id, team.staff);
    const ownerMember = await membershipId(team.id, team.owner);
    const adminMember = await membershipId(team.id, team.admin);

    await changeMemberRole(team.admin.ctx, team.id, { memberId: staffMember, role: 'admin' });
    expect(await roleOf(team.id, team.staff)).toBe('admin');
    await changeMemberRole(team.owner.ctx, team.id, { memberId: staffMember, role: 'staff' });
    expect(await roleOf(team.id, team.staff)).toBe('staff');

    const before = await organizationTables();
    expect(await domainRejection(changeMemberRole(team.admin.ctx, team.id, { memberId: ownerMember, role: 'staff' }))).toMatchObject({
      kind: 'conflict',
      code: 'owner_role_fixed',
    });
    expect(await domainRejection(changeMemberRole(team.owner.ctx, team.id, { memberId: ownerMember, role: 'admin' }))).toMatchObject({ code: 'owner_role_fixed' });
    const promote = await domainRejection(changeMemberRole(team.owner.ctx, team.id, { memberId: adminMember, role: 'owner' }));
    expect(promote.issues).toContainEqual(expect.objectContaining({ path: 'role', message: 'role_invalid' }));
    const missing = await domainRejection(changeMemberRole(team.owner.ctx, team.id, { role: 'admin' }));
    expect(missing.issues).toContainEqual(expect.objectContaining({ path: 'memberId', message: 'member_not_found' }));
    expect(await organizationTables()).toEqual(before);
  });

  it('admins remove members but not the owner; the removed person no longer sees the organization', async () => {
    const team = await operatorWithTeam('Départs');
    const staffMember = await membershipId(team.id, team.staff);
    const ownerMember = await membershipId(team.id, team.owner);
    expect(await domainRejection(removeMember(team.admin.ctx, team.id, ownerMember))).toMatchObject({ kind: 'conflict', code: 'owner_must_transfer' });
    await removeMember(team.admin.ctx, team.id, staffMember);
    expect(await roleOf(team.id, team.staff)).toBeNull();
    // Even with an actor read before the removal.
    expect(await domainRejection(getOrganization(team.staff.ctx, team.id))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(removeMember(team.admin.ctx, team.id, staffMember))).toMatchObject({ kind: 'not_found', code: 'member_not_found' });
    const [audit] = await accounts.db.select().from(auditLog).where(eq(auditLog.targetId, staffMember));
    expect(audit).toMatchObject({ action: 'organization.remove-member', actorUserId: team.admin.userId, organizationId: team.id, details: { role: 'staff' } });
  });

  it('members leave; the owner is told to hand the organization over first', async () => {
    const team = await operatorWithTeam('Quitter');
    await leaveOrganization(team.staff.ctx, team.id);
    expect(await listMyOrganizations(team.staff.ctx)).toEqual([]);
    expect(await domainRejection(leaveOrganization((await refreshed(accounts, team.staff)).ctx, team.id))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(leaveOrganization(team.owner.ctx, team.id))).toMatchObject({ kind: 'conflict', code: 'owner_must_transfer' });
    expect(await roleOf(team.id, team.owner)).toBe('owner');
  });
});

describe('transferring ownership', () => {
  it('makes the member the owner and the former owner an admin, together', async () => {
    const team = await operatorWithTeam('Transmission');
    const staffMember = await membershipId(team.id, team.staff);
    expect(await domainRejection(transferOwnership(team.owner.ctx, team.id, await membershipId(team.id, team.owner)))).toMatchObject({
      kind: 'invalid',
      code: 'transfer_to_self',
    });

    await transferOwnership(team.owner.ctx, team.id, staffMember);
    expect(await roleOf(team.id, team.staff)).toBe('owner');
    expect(await roleOf(team.id, team.owner)).toBe('admin');
    // The page shown right after, in the same request (its actor read before the transfer), sees the new roles.
    expect(await getOrganization(team.owner.ctx, team.id)).toMatchObject({
      myRole: 'admin',
      permissions: { transferOwnership: false, manageMembers: true },
    });
    const roles = (await getOrganization(team.admin.ctx, team.id)).members.map((m) => m.role);
    expect(roles.filter((role) => role === 'owner')).toHaveLength(1);
    const [audit] = await accounts.db.select().from(auditLog).where(eq(auditLog.action, 'organization.transfer-ownership'));
    expect(audit).toMatchObject({ actorUserId: team.owner.userId, targetId: staffMember, organizationId: team.id });

    // The former owner, now an admin, may no longer transfer; the new owner may leave only after handing over.
    const formerOwner = await refreshed(accounts, team.owner);
    expect(await domainRejection(transferOwnership(formerOwner.ctx, team.id, staffMember))).toMatchObject({ kind: 'forbidden' });
    await leaveOrganization(formerOwner.ctx, team.id);
    expect(await domainRejection(leaveOrganization((await refreshed(accounts, team.staff)).ctx, team.id))).toMatchObject({ code: 'owner_must_transfer' });
  });

  it('changes nothing when the owner acts on a stale view (already handed over from another tab)', async () => {
    const team = await operatorWithTeam('Deux onglets');
    const staleOwner = team.owner; // its actor still says owner
    await transferOwnership(team.owner.ctx, team.id, await membershipId(team.id, team.admin));
    const before = await organizationTables();
    expect(await domainRejection(transferOwnership(staleOwner.ctx, team.id, await membershipId(team.id, team.staff)))).toMatchObject({ kind: 'forbidden' });
    expect(await organizationTables()).toEqual(before);
  });

  it('leaves exactly one owner when two transfers race', async () => {
    const team = await operatorWithTeam('Course');
    const [adminMember, staffMember] = [await membershipId(team.id, team.admin), await membershipId(team.id, team.staff)];
    const [toAdmin, toStaff] = await Promise.allSettled([
      transferOwnership(team.owner.ctx, team.id, adminMember),
      transferOwnership(team.owner.ctx, team.id, staffMember),
    ]);
    expect([toAdmin.status, toStaff.status].filter((status) => status === 'fulfilled')).toHaveLength(1);
    const owners = await accounts.db.select().from(member).where(eq(member.organizationId, team.id));
    expect(owners.filter((row) => row.role === 'owner')).toHaveLength(1);
    expect(owners.find((row) => row.userId === team.owner.userId)?.role).toBe('admin');
  });
});
