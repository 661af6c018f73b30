import { and, eq, like, or } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountsForTestFile, lastMailTo, newPerson, signedUpPerson } from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { ANONYMOUS, deleteAccount, exportPersonalData } from '../accounts/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import {
  acceptEntitlementInvitation,
  declineEntitlementInvitation,
  ENTITLEMENT_INVITATIONS_PER_DAY,
  entitlementInvitation,
  grantEntitlement,
  pendingEntitlementInvitations,
} from './grants.ts';
import { createOffer, myEntitlements, placeEntitlements } from './manage.ts';
import { entitlementInvitations, entitlements } from './schema.ts';

const env = accountsForTestFile();
const NOW = new Date('2026-12-07T10:00:00Z');

async function placeWithCarnet() {
  const operator = await operatorWithPlace(env.accounts, { name: 'La Halle de Puy-l’Évêque', kind: 'coworking', communeCode: '46182' });
  const team = operator.owner.ctx;
  const carnet = await createOffer(team, operator.place.id, { kind: 'carnet', name: 'Carnet 10 jours', price: '120', units: '10' });
  return { operator, team: { ...team, now: NOW }, carnet };
}

describe('offering a carnet to an address', () => {
  it('answers the same whether the address has an account or not, and tells the team nothing more than the address typed', async () => {
    const { operator, team, carnet } = await placeWithCarnet();
    const known = await signedUpPerson(env.accounts);
    const unknown = newPerson('nobody').email;
    const toKnown = await grantEntitlement(team, operator.place.id, { email: known.email, offerId: carnet.id });
    const toUnknown = await grantEntitlement(team, operator.place.id, { email: unknown, offerId: carnet.id });
    const shape = (offered: typeof toKnown) => ({ ...offered, id: 'ID', email: 'EMAIL', createdAt: 'AT', expiresAt: 'AT' });
    expect(shape(toKnown)).toEqual(shape(toUnknown));
    expect(Object.keys(toKnown).sort()).toEqual(['createdAt', 'email', 'expiresAt', 'id', 'offerName']);
    // Both addresses get the same message, with the link to accept; nobody holds anything yet.
    for (const email of [known.email, unknown]) {
      const { message, link } = await lastMailTo(env.accounts, email);
      expect(message.template).toBe('entitlement-invitation');
      expect(link).toMatch(/\/invitations\/carnets\/[0-9a-f-]{36}$/);
    }
    expect(await env.accounts.db.select().from(entitlements).where(eq(entitlements.placeId, operator.place.id))).toEqual([]);
    // The console lists the offers by the address typed, never by a person's name.
    const pending = await pendingEntitlementInvitations(team, operator.place.id);
    expect(pending.map((p) => p.email).sort()).toEqual([known.email, unknown].sort());
    expect(JSON.stringify(pending)).not.toContain(known.name);
    expect(await placeEntitlements(team, { id: operator.place.id, operatorOrganizationId: operator.organizationId })).toEqual([]);
  });

  it('is accepted once by the person signed in with that address; anyone else finds nothing (404)', async () => {
    const { operator, team, carnet } = await placeWithCarnet();
    const person = await signedUpPerson(env.accounts);
    const other = await signedUpPerson(env.accounts);
    const offered = await grantEntitlement(team, operator.place.id, { email: person.email.toUpperCase(), offerId: carnet.id, startsOn: '2026-12-10' });
    for (const actor of [other.ctx.actor, operator.owner.ctx.actor])
      expect(await domainRejection(entitlementInvitation({ db: env.accounts.db, actor, now: NOW }, offered.id))).toMatchObject({ kind: 'not_found', code: 'booking_invitation_not_found' });
    expect(await domainRejection(acceptEntitlementInvitation({ db: env.accounts.db, actor: other.ctx.actor, now: NOW }, offered.id))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(entitlementInvitation({ db: env.accounts.db, actor: ANONYMOUS, now: NOW }, offered.id))).toMatchObject({ kind: 'unauthenticated' });
    expect(await domainRejection(entitlementInvitation({ db: env.accounts.db, actor: person.ctx.actor, now: NOW }, 'not-a-uuid'))).toMatchObject({ kind: 'not_found' });

    expect(await entitlementInvitation({ db: env.accounts.db, actor: person.ctx.actor, now: NOW }, offered.id)).toMatchObject({ offerName: 'Carnet 10 jours', kind: 'carnet', units: 10 });
    const held = await acceptEntitlementInvitation({ db: env.accounts.db, actor: person.ctx.actor, now: NOW }, offered.id);
    expect(held).toMatchObject({ userId: person.userId, kind: 'carnet', units: 10, startsOn: '2026-12-10', endsOn: '2027-12-09' });
    expect(await domainRejection(acceptEntitlementInvitation({ db: env.accounts.db, actor: person.ctx.actor, now: NOW }, offered.id))).toMatchObject({ kind: 'not_found' });
    expect(await myEntitlements({ db: env.accounts.db, actor: person.ctx.actor }, NOW)).toHaveLength(1);
    // Once accepted, the team sees the member, and the offer leaves the pending list.
    expect((await placeEntitlements(team, { id: operator.place.id, operatorOrganizationId: operator.organizationId })).map((e) => e.email)).toEqual([person.email]);
    expect(await pendingEntitlementInvitations(team, operator.place.id)).toEqual([]);
  });

  it('can be declined, expires after 30 days, and is refused to anyone outside the team', async () => {
    const { operator, team, carnet } = await placeWithCarnet();
    const person = await signedUpPerson(env.accounts);
    const declined = await grantEntitlement(team, operator.place.id, { email: person.email, offerId: carnet.id });
    await declineEntitlementInvitation({ db: env.accounts.db, actor: person.ctx.actor, now: NOW }, declined.id);
    expect(await domainRejection(acceptEntitlementInvitation({ db: env.accounts.db, actor: person.ctx.actor, now: NOW }, declined.id))).toMatchObject({ kind: 'not_found' });
    const late = await grantEntitlement(team, operator.place.id, { email: person.email, offerId: carnet.id });
    const later = new Date(NOW.getTime() + 31 * 86_400_000);
    expect(await domainRejection(acceptEntitlementInvitation({ db: env.accounts.db, actor: person.ctx.actor, now: later }, late.id))).toMatchObject({ kind: 'not_found' });
    expect(await pendingEntitlementInvitations({ ...team, now: later }, operator.place.id)).toEqual([]);

    const outsider = await signedUpPerson(env.accounts);
    expect(await domainRejection(grantEntitlement({ db: env.accounts.db, actor: outsider.ctx.actor }, operator.place.id, { email: person.email, offerId: carnet.id }))).toMatchObject({ kind: 'forbidden' });
    expect(await domainRejection(pendingEntitlementInvitations({ db: env.accounts.db, actor: outsider.ctx.actor }, operator.place.id))).toMatchObject({ kind: 'forbidden' });
  });

  it('leaves no trace of the address once its account is deleted; the export listed the offers', async () => {
    const { operator, team, carnet } = await placeWithCarnet();
    const person = await signedUpPerson(env.accounts);
    await grantEntitlement(team, operator.place.id, { email: person.email, offerId: carnet.id });
    expect((await exportPersonalData(env.accounts.db, person.ctx.actor)).carnetsAndPlansOffered).toEqual([
      expect.objectContaining({ place: 'La Halle de Puy-l’Évêque', offer: 'Carnet 10 jours', status: 'pending' }),
    ]);
    await deleteAccount(person.ctx, { confirmEmail: person.email });
    expect(await env.accounts.db.select().from(entitlementInvitations).where(eq(entitlementInvitations.email, person.email))).toEqual([]);
    expect(await env.accounts.db.select().from(outboxMessage).where(eq(outboxMessage.recipient, person.email))).toEqual([]);
  });

  it('sends at most 50 invitations a day for an organization, however many are asked at once; the refusal is a 429 naming no address', async () => {
    const { operator, team, carnet } = await placeWithCarnet();
    const known = await signedUpPerson(env.accounts);
    expect(ENTITLEMENT_INVITATIONS_PER_DAY).toBe(50);
    const attempts = Array.from({ length: 60 }, (_, i) =>
      grantEntitlement(team, operator.place.id, { email: i % 2 === 0 ? known.email : `burst-${i}@example.org`, offerId: carnet.id }),
    );
    const settled = await Promise.allSettled(attempts);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(50);
    const refusals = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
    expect(refusals).toHaveLength(10);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ kind: 'rate_limited', code: 'booking_invitations_per_day', params: { max: 50, hours: 24 } });
      expect(JSON.stringify(refusal)).not.toMatch(/@/);
    }
    const sent = await env.accounts.db
      .select()
      .from(outboxMessage)
      .where(and(eq(outboxMessage.template, 'entitlement-invitation'), or(eq(outboxMessage.recipient, known.email), like(outboxMessage.recipient, 'burst-%'))));
    expect(sent).toHaveLength(50);
    expect(await env.accounts.db.select().from(entitlementInvitations).where(eq(entitlementInvitations.placeId, operator.place.id))).toHaveLength(50);

    // Another organization counts on its own; the next day the team may invite again.
    const other = await placeWithCarnet();
    await expect(grantEntitlement(other.team, other.operator.place.id, { email: known.email, offerId: other.carnet.id })).resolves.toMatchObject({ email: known.email });
    const tomorrow = { ...team, now: new Date(NOW.getTime() + 86_400_000) };
    await expect(grantEntitlement(tomorrow, operator.place.id, { email: known.email, offerId: carnet.id })).resolves.toMatchObject({ email: known.email });
  });
});
