import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { lastMailTo, refreshed, signedUpPerson, testAccounts } from '../../../../tests/factories/accounts.ts';
import type { Database } from '../db/index.ts';
import type { Accounts } from './context.ts';
import { acceptInvitation, createOrganization, getOrganization, inviteMember, listMyOrganizations, myInvitations } from './organizations.ts';

let database: Database;
let accounts: Accounts;
beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
});
afterAll(() => database?.close());

describe('an operator organisation', () => {
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
  });
});
