import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { ANONYMOUS, assertCan, can, type Action, type Actor, type Membership, type Resource } from './access.ts';
// The domains' rules, registered as the domains load.
import '../booking/access.ts';
import '../places/access.ts';
import '../observatory/access.ts';
import '../surveys/access.ts';
import '../community/access.ts';
import '../events/access.ts';

// The authorisation matrix: who may do what on which resource. `can` reads no database, so every actor and
// resource is built here; each row is one decision that a change to access.ts could flip.

const OPERATOR = 'org-operator-lot';
const OTHER_OPERATOR = 'org-operator-gers';
const EPCI_COUNCIL = 'org-cc-vallee-du-lot';
const DEPARTEMENT_COUNCIL = 'org-departement-lot';
const NETWORK = 'org-network';
const EMPLOYER = 'org-employer';

const membership = (organizationId: string, organizationKind: Membership['organizationKind'], role: Membership['role'], scope?: [Membership['scopeLevel'], string]): Membership => ({
  organizationId,
  organizationKind,
  role,
  scopeLevel: scope?.[0] ?? null,
  scopeCode: scope?.[1] ?? null,
});

function person(userId: string, options: { verified?: boolean; platformAdmin?: boolean; memberships?: Membership[] } = {}): Actor {
  return {
    kind: 'user',
    userId,
    name: userId,
    email: `${userId}@example.org`,
    emailVerified: options.verified ?? true,
    platformRole: options.platformAdmin ? 'admin' : null,
    memberships: options.memberships ?? [],
  };
}

const actors = {
  anonymous: ANONYMOUS,
  unverified: person('unverified', { verified: false }),
  verified: person('verified'),
  staff: person('staff', { memberships: [membership(OPERATOR, 'operator', 'staff')] }),
  admin: person('admin', { memberships: [membership(OPERATOR, 'operator', 'admin')] }),
  owner: person('owner', { memberships: [membership(OPERATOR, 'operator', 'owner')] }),
  otherOperator: person('other-operator', { memberships: [membership(OTHER_OPERATOR, 'operator', 'owner')] }),
  epciCouncil: person('epci-council', { memberships: [membership(EPCI_COUNCIL, 'territory', 'staff', ['epci', '244600433'])] }),
  departementCouncil: person('departement-council', { memberships: [membership(DEPARTEMENT_COUNCIL, 'territory', 'admin', ['departement', '46'])] }),
  network: person('network', { memberships: [membership(NETWORK, 'network', 'owner')] }),
  employer: person('employer', { memberships: [membership(EMPLOYER, 'employer', 'owner')] }),
  platformAdmin: person('platform-admin', { platformAdmin: true }),
} satisfies Record<string, Actor>;
type ActorName = keyof typeof actors;

const resources = {
  instance: { type: 'instance' },
  self: { type: 'user', id: 'SELF' },
  otherUser: { type: 'user', id: 'someone-else' },
  operator: { type: 'organization', id: OPERATOR, kind: 'operator' },
  otherOperator: { type: 'organization', id: OTHER_OPERATOR, kind: 'operator' },
  epciCouncil: { type: 'organization', id: EPCI_COUNCIL, kind: 'territory' },
  employer: { type: 'organization', id: EMPLOYER, kind: 'employer' },
  network: { type: 'organization', id: NETWORK, kind: 'network' },
  placeOfOperator: { type: 'place', id: 'place-luzech', operatorOrganizationId: OPERATOR },
  placeOfOtherOperator: { type: 'place', id: 'place-auch', operatorOrganizationId: OTHER_OPERATOR },
  placeWithoutOperator: { type: 'place', id: 'place-independent', operatorOrganizationId: null },
  placeOfCouncil: { type: 'place', id: 'place-vallee-du-lot', operatorOrganizationId: EPCI_COUNCIL },
  bookingOfVerified: { type: 'booking', userId: 'verified', operatorOrganizationId: OPERATOR },
  surveyOfCouncil: { type: 'survey', organizationId: EPCI_COUNCIL },
  publicProfileOfVerified: { type: 'community-profile', userId: 'verified', visibility: 'public' },
  privateProfileOfStaff: { type: 'community-profile', userId: 'staff', visibility: 'private' },
  conversationVerifiedToStaff: { type: 'community-conversation', senderId: 'verified', recipientId: 'staff' },
  eventOfOperator: { type: 'event', organizationId: OPERATOR },
  bookingAtCouncilPlace: { type: 'booking', userId: 'verified', operatorOrganizationId: EPCI_COUNCIL },
  // Luzech is in the EPCI and in the Lot; Cahors in the Lot, another EPCI; Toulouse in neither.
  luzech: { type: 'commune', code: '46182', epci: '244600433', departement: '46', region: '76' },
  cahors: { type: 'commune', code: '46042', epci: '200023737', departement: '46', region: '76' },
  toulouse: { type: 'commune', code: '31555', epci: '243100518', departement: '31', region: '76' },
  communeWithoutEpci: { type: 'commune', code: '29155', epci: null, departement: '29', region: '53' },
} satisfies Record<string, Resource>;
type ResourceName = keyof typeof resources;

/** A user resource named SELF means the actor's own account. */
function resourceFor(actor: Actor, name: ResourceName): Resource {
  const resource = resources[name];
  return resource.type === 'user' && resource.id === 'SELF' ? { type: 'user', id: actor.kind === 'user' ? actor.userId : 'nobody' } : resource;
}

type Case = [ActorName, Action, ResourceName, boolean];

const matrix: Case[] = [
  // The instance: creating organizations, reading the administration.
  ['anonymous', 'organization.create-operator', 'instance', false],
  ['unverified', 'organization.create-operator', 'instance', false],
  ['unverified', 'organization.create-employer', 'instance', false],
  ['verified', 'organization.create-operator', 'instance', true],
  ['verified', 'organization.create-employer', 'instance', true],
  ['verified', 'organization.create-territory', 'instance', false],
  ['verified', 'organization.create-network', 'instance', false],
  ['owner', 'organization.create-territory', 'instance', false],
  ['epciCouncil', 'organization.create-territory', 'instance', false],
  ['network', 'organization.create-network', 'instance', false],
  ['platformAdmin', 'organization.create-territory', 'instance', true],
  ['platformAdmin', 'organization.create-network', 'instance', true],
  ['platformAdmin', 'organization.create-operator', 'instance', true],
  ['anonymous', 'admin.read', 'instance', false],
  ['verified', 'admin.read', 'instance', false],
  ['owner', 'admin.read', 'instance', false],
  ['platformAdmin', 'admin.read', 'instance', true],
  ['verified', 'admin.manage-users', 'instance', false],
  ['owner', 'admin.manage-users', 'instance', false],
  ['platformAdmin', 'admin.manage-users', 'instance', true],
  ['platformAdmin', 'place.update', 'instance', false],

  // People's own data: theirs alone; a platform administrator reads but never acts as them.
  ['anonymous', 'user.read', 'self', false],
  ['unverified', 'user.read', 'self', true],
  ['unverified', 'user.delete', 'self', true],
  ['verified', 'user.update', 'self', true],
  ['verified', 'user.export', 'self', true],
  ['verified', 'user.read', 'otherUser', false],
  ['owner', 'user.update', 'otherUser', false],
  ['platformAdmin', 'user.read', 'otherUser', true],
  ['platformAdmin', 'user.update', 'otherUser', false],
  ['platformAdmin', 'user.export', 'otherUser', false],
  ['platformAdmin', 'user.delete', 'otherUser', false],
  ['verified', 'organization.read', 'self', false],

  // An operator, by role.
  ['anonymous', 'organization.read', 'operator', false],
  ['verified', 'organization.read', 'operator', false],
  ['staff', 'organization.read', 'operator', true],
  ['staff', 'organization.invite', 'operator', false],
  ['staff', 'organization.manage-members', 'operator', false],
  ['staff', 'organization.update', 'operator', false],
  ['staff', 'organization.transfer-ownership', 'operator', false],
  ['staff', 'organization.leave', 'operator', true],
  ['staff', 'place.create', 'operator', true],
  ['admin', 'organization.invite', 'operator', true],
  ['admin', 'organization.manage-members', 'operator', true],
  ['admin', 'organization.update', 'operator', true],
  ['admin', 'organization.transfer-ownership', 'operator', false],
  ['owner', 'organization.invite', 'operator', true],
  ['owner', 'organization.manage-members', 'operator', true],
  ['owner', 'organization.transfer-ownership', 'operator', true],
  // `can` allows; the domain refuses the owner (ownership must move first).
  ['owner', 'organization.leave', 'operator', true],
  ['owner', 'admin.read', 'operator', false],

  // Another organization's member sees nothing of this one.
  ['otherOperator', 'organization.read', 'operator', false],
  ['otherOperator', 'organization.invite', 'operator', false],
  ['otherOperator', 'organization.manage-members', 'operator', false],
  ['otherOperator', 'organization.leave', 'operator', false],
  ['otherOperator', 'place.create', 'operator', false],
  ['owner', 'organization.read', 'otherOperator', false],
  ['owner', 'place.create', 'otherOperator', false],
  ['epciCouncil', 'organization.read', 'operator', false],
  ['network', 'organization.read', 'operator', false],

  // Places are created under operators and councils (a council may run its own place).
  ['owner', 'place.create', 'operator', true],
  ['epciCouncil', 'place.create', 'epciCouncil', true],
  ['epciCouncil', 'place.create', 'operator', false],
  ['platformAdmin', 'place.create', 'epciCouncil', true],
  ['employer', 'place.create', 'employer', false],
  ['network', 'place.create', 'network', false],
  ['platformAdmin', 'place.create', 'operator', true],
  ['platformAdmin', 'place.create', 'employer', false],

  // Siting runs and scenarios belong to a territory organization: its members, whatever their role.
  ['epciCouncil', 'siting.run', 'epciCouncil', true],
  ['departementCouncil', 'siting.run', 'epciCouncil', false],
  ['owner', 'siting.run', 'operator', false],
  ['anonymous', 'siting.run', 'epciCouncil', false],
  ['platformAdmin', 'siting.run', 'epciCouncil', true],
  ['platformAdmin', 'siting.run', 'operator', false],

  // Platform administrators read and manage any organization; invitations, transfers and leaving are members' acts.
  ['platformAdmin', 'organization.read', 'operator', true],
  ['platformAdmin', 'organization.manage-members', 'operator', true],
  ['platformAdmin', 'organization.update', 'epciCouncil', true],
  ['platformAdmin', 'organization.invite', 'operator', false],
  ['platformAdmin', 'organization.transfer-ownership', 'operator', false],
  ['platformAdmin', 'organization.leave', 'operator', false],

  // Places: their operator's members, whatever their role; nobody else but platform administrators.
  ['anonymous', 'place.update', 'placeOfOperator', false],
  ['verified', 'place.update', 'placeOfOperator', false],
  ['staff', 'place.update', 'placeOfOperator', true],
  ['staff', 'place.read-history', 'placeOfOperator', true],
  ['admin', 'place.update', 'placeOfOperator', true],
  ['owner', 'place.update', 'placeOfOperator', true],
  ['owner', 'place.update', 'placeOfOtherOperator', false],
  ['owner', 'place.read-history', 'placeOfOtherOperator', false],
  ['otherOperator', 'place.update', 'placeOfOperator', false],
  ['owner', 'place.update', 'placeWithoutOperator', false],
  ['epciCouncil', 'place.update', 'placeOfOperator', false],
  ['network', 'place.update', 'placeOfOtherOperator', false],
  ['platformAdmin', 'place.update', 'placeWithoutOperator', true],
  ['platformAdmin', 'place.read-history', 'placeOfOtherOperator', true],
  ['owner', 'organization.read', 'placeOfOperator', false],

  // A place run by a council: its members edit it and run its bookings, like an operator's team.
  ['epciCouncil', 'place.update', 'placeOfCouncil', true],
  ['epciCouncil', 'place.read-history', 'placeOfCouncil', true],
  ['epciCouncil', 'booking.manage', 'placeOfCouncil', true],
  ['departementCouncil', 'place.update', 'placeOfCouncil', false],
  ['owner', 'place.update', 'placeOfCouncil', false],
  ['owner', 'booking.manage', 'placeOfCouncil', false],

  // Surveys: a territory organization's team creates, runs and reads its surveys; nobody else.
  ['epciCouncil', 'survey.create', 'epciCouncil', true],
  ['owner', 'survey.create', 'operator', false],
  ['verified', 'survey.create', 'epciCouncil', false],
  ['epciCouncil', 'survey.manage', 'surveyOfCouncil', true],
  ['epciCouncil', 'survey.read-results', 'surveyOfCouncil', true],
  ['owner', 'survey.manage', 'surveyOfCouncil', false],
  ['verified', 'survey.read-results', 'surveyOfCouncil', false],
  ['anonymous', 'survey.read-results', 'surveyOfCouncil', false],
  ['platformAdmin', 'survey.read-results', 'surveyOfCouncil', true],
  // Community: a profile is changed by its owner only; anyone signed in writes to a profile that is not private
  // (never to their own); a conversation is its two parties'; reports are moderated by platform administrators.
  ['verified', 'community.update-profile', 'publicProfileOfVerified', true],
  ['platformAdmin', 'community.update-profile', 'publicProfileOfVerified', false],
  ['staff', 'community.write', 'publicProfileOfVerified', true],
  ['verified', 'community.write', 'publicProfileOfVerified', false],
  ['anonymous', 'community.write', 'publicProfileOfVerified', false],
  ['verified', 'community.write', 'privateProfileOfStaff', false],
  ['verified', 'community.converse', 'conversationVerifiedToStaff', true],
  ['staff', 'community.converse', 'conversationVerifiedToStaff', true],
  ['owner', 'community.converse', 'conversationVerifiedToStaff', false],
  ['platformAdmin', 'community.converse', 'conversationVerifiedToStaff', false],
  ['platformAdmin', 'community.moderate', 'instance', true],
  ['verified', 'community.moderate', 'instance', false],
  // Events: the team of an operator, a council or a network creates them; the organizing team manages them.
  ['owner', 'event.create', 'operator', true],
  ['epciCouncil', 'event.create', 'epciCouncil', true],
  ['network', 'event.create', 'network', true],
  ['owner', 'event.create', 'otherOperator', false],
  ['employer', 'event.create', 'employer', false],
  ['verified', 'event.create', 'operator', false],
  ['owner', 'event.manage', 'eventOfOperator', true],
  ['epciCouncil', 'event.manage', 'eventOfOperator', false],
  ['platformAdmin', 'event.manage', 'eventOfOperator', true],
  ['verified', 'event.register', 'instance', true],
  ['unverified', 'event.register', 'instance', false],
  ['anonymous', 'event.register', 'instance', false],
  // Booking: a verified person books; the place's team runs its bookings.
  ['anonymous', 'booking.create', 'instance', false],
  ['unverified', 'booking.create', 'instance', false],
  ['verified', 'booking.create', 'instance', true],
  ['staff', 'booking.manage', 'placeOfOperator', true],
  ['otherOperator', 'booking.manage', 'placeOfOperator', false],
  ['verified', 'booking.manage', 'placeOfOperator', false],
  ['platformAdmin', 'booking.manage', 'placeWithoutOperator', true],
  ['owner', 'booking.manage', 'placeWithoutOperator', false],
  // A booking: its booker and the place's team.
  ['verified', 'booking.read', 'bookingOfVerified', true],
  ['verified', 'booking.cancel', 'bookingOfVerified', true],
  ['verified', 'booking.check-in', 'bookingOfVerified', true],
  ['verified', 'booking.mark-no-show', 'bookingOfVerified', false],
  ['staff', 'booking.read', 'bookingOfVerified', true],
  ['staff', 'booking.mark-no-show', 'bookingOfVerified', true],
  ['otherOperator', 'booking.read', 'bookingOfVerified', false],
  ['otherOperator', 'booking.cancel', 'bookingOfVerified', false],
  ['epciCouncil', 'booking.mark-no-show', 'bookingAtCouncilPlace', true],
  ['epciCouncil', 'booking.read', 'bookingOfVerified', false],
  ['platformAdmin', 'booking.cancel', 'bookingOfVerified', true],
  ['verified', 'place.update', 'bookingOfVerified', false],

  // Council figures: the communes of the council's own area.
  ['anonymous', 'territory.read-council-data', 'luzech', false],
  ['verified', 'territory.read-council-data', 'luzech', false],
  ['owner', 'territory.read-council-data', 'luzech', false],
  ['network', 'territory.read-council-data', 'luzech', false],
  ['epciCouncil', 'territory.read-council-data', 'luzech', true],
  ['epciCouncil', 'territory.read-council-data', 'cahors', false],
  ['epciCouncil', 'territory.read-council-data', 'toulouse', false],
  ['epciCouncil', 'territory.read-council-data', 'communeWithoutEpci', false],
  ['departementCouncil', 'territory.read-council-data', 'luzech', true],
  ['departementCouncil', 'territory.read-council-data', 'cahors', true],
  ['departementCouncil', 'territory.read-council-data', 'toulouse', false],
  ['epciCouncil', 'place.update', 'luzech', false],
  ['platformAdmin', 'territory.read-council-data', 'toulouse', true],
];

describe('the authorisation matrix', () => {
  it('has a row for every actor and every kind of resource', () => {
    expect(matrix.length).toBeGreaterThanOrEqual(40);
    expect(new Set(matrix.map(([actor]) => actor))).toEqual(new Set(Object.keys(actors)));
    expect(new Set(matrix.map(([, , resource]) => resources[resource].type))).toEqual(new Set(['instance', 'user', 'organization', 'place', 'booking', 'commune', 'survey', 'community-profile', 'community-conversation', 'event']));
    expect(matrix.filter(([, , , allowed]) => allowed).length).toBeGreaterThan(20);
    expect(matrix.filter(([, , , allowed]) => !allowed).length).toBeGreaterThan(20);
  });

  it.each(matrix)('%s → %s on %s: %s', (actorName, action, resourceName, allowed) => {
    const actor = actors[actorName];
    expect(can(actor, action, resourceFor(actor, resourceName))).toBe(allowed);
  });

  it('a council with several memberships sees the union of its areas, and an unrelated membership adds nothing', () => {
    const both = person('both', {
      memberships: [membership(EPCI_COUNCIL, 'territory', 'staff', ['epci', '244600433']), membership(OPERATOR, 'operator', 'staff', ['commune', '31555'])],
    });
    expect(can(both, 'territory.read-council-data', resources.luzech)).toBe(true);
    // A scope on a non-territory membership is ignored (the database forbids it anyway).
    expect(can(both, 'territory.read-council-data', resources.toulouse)).toBe(false);
    const region = person('region', { memberships: [membership('org-occitanie', 'territory', 'owner', ['region', '76'])] });
    expect(can(region, 'territory.read-council-data', resources.toulouse)).toBe(true);
    expect(can(region, 'territory.read-council-data', resources.communeWithoutEpci)).toBe(false);
  });
});

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('assertCan', () => {
  it('returns the signed-in actor when allowed', () => {
    expect(assertCan(actors.owner, 'organization.invite', resources.operator)).toBe(actors.owner);
  });

  it('answers 401 to nobody signed in, whatever the resource', () => {
    for (const name of ['instance', 'operator', 'placeOfOperator', 'luzech'] as const)
      expect(refusal(() => assertCan(ANONYMOUS, 'organization.read', resources[name]))).toMatchObject({ kind: 'unauthenticated', code: 'sign_in_required' });
  });

  it('answers 404 for an organization the actor is not part of, exactly as for an unknown one', () => {
    expect(refusal(() => assertCan(actors.otherOperator, 'organization.read', resources.operator))).toMatchObject({ kind: 'not_found', code: 'organization_not_found' });
    expect(refusal(() => assertCan(actors.verified, 'organization.manage-members', resources.operator))).toMatchObject({ kind: 'not_found' });
    expect(refusal(() => assertCan(actors.unverified, 'organization.leave', resources.operator))).toMatchObject({ kind: 'not_found' });
  });

  it('answers 403 when the actor sees the resource but may not act on it', () => {
    // A member without the role.
    expect(refusal(() => assertCan(actors.staff, 'organization.invite', resources.operator))).toMatchObject({ kind: 'forbidden', code: 'forbidden_action' });
    expect(refusal(() => assertCan(actors.admin, 'organization.transfer-ownership', resources.operator))).toMatchObject({ kind: 'forbidden' });
    // A platform administrator sees every organization but invites in none.
    expect(refusal(() => assertCan(actors.platformAdmin, 'organization.invite', resources.operator))).toMatchObject({ kind: 'forbidden' });
    // Other resources than organizations.
    expect(refusal(() => assertCan(actors.verified, 'organization.create-territory', resources.instance))).toMatchObject({ kind: 'forbidden' });
    expect(refusal(() => assertCan(actors.verified, 'user.read', resources.otherUser))).toMatchObject({ kind: 'forbidden' });
    expect(refusal(() => assertCan(actors.owner, 'place.update', resources.placeOfOtherOperator))).toMatchObject({ kind: 'forbidden' });
    expect(refusal(() => assertCan(actors.epciCouncil, 'territory.read-council-data', resources.cahors))).toMatchObject({ kind: 'forbidden' });
  });
});
