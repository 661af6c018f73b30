import { forbidden, notFound, unauthenticated } from '../errors.ts';
import type { MemberRole, OrganizationKind, ScopeLevel } from './schema.ts';

/** Who acts: nobody signed in, or a person with their platform role and memberships, read once a request. */
export type Actor = { kind: 'anonymous' } | SignedInActor;

export interface SignedInActor {
  kind: 'user';
  userId: string;
  name: string;
  email: string;
  emailVerified: boolean;
  platformRole: 'admin' | null;
  memberships: Membership[];
}

export interface Membership {
  organizationId: string;
  organizationKind: OrganizationKind;
  role: MemberRole;
  scopeLevel: ScopeLevel | null;
  scopeCode: string | null;
}

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** What can be acted on. Resources carry what the decision needs, so `can` never reads the database. */
export type Resource =
  | { type: 'instance' }
  | { type: 'user'; id: string }
  | { type: 'organization'; id: string; kind: OrganizationKind }
  | { type: 'place'; id: string; operatorOrganizationId: string | null }
  /** A booking, with its booker and the operator of its place. */
  | { type: 'booking'; userId: string; operatorOrganizationId: string | null }
  /** A commune, with the codes of the areas that contain it (a council's scope is one of them). */
  | { type: 'commune'; code: string; epci: string | null; departement: string; region: string };

export type Action =
  // the instance
  | 'admin.read' // users, organisations, outbox, audit log
  | 'admin.manage-users' // resend a verification link, disable sign-in, grant or remove platform administration
  | 'organization.create-operator'
  | 'organization.create-employer'
  | 'organization.create-territory'
  | 'organization.create-network'
  // a person's own data
  | 'user.read'
  | 'user.update'
  | 'user.export'
  | 'user.delete'
  // an organisation
  | 'organization.read'
  | 'organization.update'
  | 'organization.invite'
  | 'organization.manage-members'
  | 'organization.transfer-ownership'
  | 'organization.leave'
  // a place of the directory
  | 'place.create'
  | 'place.update'
  | 'place.read-history'
  // booking: a person books (on the instance); the place's team runs resources, offers, the day view
  | 'booking.create'
  | 'booking.manage'
  | 'booking.read'
  | 'booking.cancel'
  | 'booking.check-in'
  | 'booking.mark-no-show'
  // a commune: the figures a council sees for its own territory
  | 'territory.read-council-data';

const RANK: Record<MemberRole, number> = { staff: 1, admin: 2, owner: 3 };

function membershipOf(actor: SignedInActor, organizationId: string | null): Membership | undefined {
  return organizationId ? actor.memberships.find((m) => m.organizationId === organizationId) : undefined;
}

const atLeast = (membership: Membership | undefined, role: MemberRole) => !!membership && RANK[membership.role] >= RANK[role];

function scopeContains(membership: Membership, commune: Extract<Resource, { type: 'commune' }>): boolean {
  switch (membership.scopeLevel) {
    case 'commune':
      return membership.scopeCode === commune.code;
    case 'epci':
      return membership.scopeCode === commune.epci;
    case 'departement':
      return membership.scopeCode === commune.departement;
    case 'region':
      return membership.scopeCode === commune.region;
    default:
      return false;
  }
}

/**
 * The one decision of who may do what: every page, API route and command asks it before acting.
 * Platform administrators may do everything but act as another person (their data stays theirs).
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind !== 'user') return false;
  const admin = actor.platformRole === 'admin';
  switch (resource.type) {
    case 'instance':
      if (action === 'organization.create-operator' || action === 'organization.create-employer' || action === 'booking.create')
        return actor.emailVerified;
      // A council or a network speaks for a territory or for other operators' places: the instance admits them.
      return admin && (action === 'admin.read' || action === 'admin.manage-users' || action === 'organization.create-territory' || action === 'organization.create-network');
    case 'user':
      if (action === 'user.read' || action === 'user.update' || action === 'user.export' || action === 'user.delete')
        return actor.userId === resource.id || (admin && action === 'user.read');
      return false;
    case 'organization': {
      const membership = membershipOf(actor, resource.id);
      switch (action) {
        case 'organization.read':
          return admin || !!membership;
        case 'organization.update':
        case 'organization.manage-members':
          return admin || atLeast(membership, 'admin');
        // Invitations are sent in the name of a member of the organisation.
        case 'organization.invite':
          return atLeast(membership, 'admin');
        case 'organization.transfer-ownership':
          return atLeast(membership, 'owner');
        case 'organization.leave':
          return !!membership;
        case 'place.create':
          return resource.kind === 'operator' && (admin || atLeast(membership, 'staff'));
        default:
          return false;
      }
    }
    case 'place': {
      const membership = membershipOf(actor, resource.operatorOrganizationId);
      if (action === 'place.update' || action === 'place.read-history' || action === 'booking.manage') return admin || atLeast(membership, 'staff');
      return false;
    }
    case 'booking': {
      const team = admin || atLeast(membershipOf(actor, resource.operatorOrganizationId), 'staff');
      const booker = resource.userId === actor.userId;
      if (action === 'booking.read' || action === 'booking.cancel' || action === 'booking.check-in') return booker || team;
      if (action === 'booking.mark-no-show') return team;
      return false;
    }
    case 'commune':
      if (action !== 'territory.read-council-data') return false;
      return admin || actor.memberships.some((m) => m.organizationKind === 'territory' && scopeContains(m, resource));
  }
}

/** Signed in, or a 401. */
export function requireUser(actor: Actor): SignedInActor {
  if (actor.kind !== 'user') throw unauthenticated('sign_in_required');
  return actor;
}

/**
 * Throws unless `can` says yes: 401 when nobody is signed in; 404 for an organisation the actor is not part
 * of (its members and invitations are not theirs to know about); 403 otherwise.
 */
export function assertCan(actor: Actor, action: Action, resource: Resource): SignedInActor {
  const user = requireUser(actor);
  if (can(user, action, resource)) return user;
  if (resource.type === 'organization' && !membershipOf(user, resource.id) && user.platformRole !== 'admin')
    throw notFound('organization_not_found');
  throw forbidden('forbidden_action');
}
