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

/**
 * What can be acted on, by type, with what the decision needs (so `can` never reads the database). Accounts
 * declares its own; each domain adds its types to this interface (`declare module` in its `access.ts`).
 */
export interface ResourceTypes {
  instance: object;
  user: { id: string };
  organization: { id: string; kind: OrganizationKind };
  /** A commune, with the codes of the areas that contain it (a council's scope is one of them). */
  commune: { code: string; epci: string | null; departement: string; region: string };
}
export type ResourceType = keyof ResourceTypes;
export type ResourceOf<T extends ResourceType> = { type: T } & ResourceTypes[T];
export type Resource = { [T in ResourceType]: ResourceOf<T> }[ResourceType];

/** Every action, as a key; each domain adds its own (`declare module` in its `access.ts`). */
export interface Actions {
  // the instance
  'admin.read': true; // users, organizations, outbox, audit log
  'admin.manage-users': true; // resend a verification link, disable sign-in, grant or remove platform administration
  'organization.create-operator': true;
  'organization.create-employer': true;
  'organization.create-territory': true;
  'organization.create-network': true;
  // a person's own data
  'user.read': true;
  'user.update': true;
  'user.export': true;
  'user.delete': true;
  // an organization
  'organization.read': true;
  'organization.update': true;
  'organization.invite': true;
  'organization.manage-members': true;
  'organization.transfer-ownership': true;
  'organization.leave': true;
  // a commune: the figures a council sees for its own territory
  'territory.read-council-data': true;
}
export type Action = keyof Actions;

/** One rule: whether a signed-in actor may do one action on one resource of a type. */
export type Rule<T extends ResourceType> = (actor: SignedInActor, resource: ResourceOf<T>) => boolean;
export type RuleTable<T extends ResourceType> = Partial<Record<Action, Rule<T>>>;

const RANK: Record<MemberRole, number> = { staff: 1, admin: 2, owner: 3 };

export function membershipOf(actor: SignedInActor, organizationId: string | null): Membership | undefined {
  return organizationId ? actor.memberships.find((m) => m.organizationId === organizationId) : undefined;
}

export const atLeast = (membership: Membership | undefined, role: MemberRole) => !!membership && RANK[membership.role] >= RANK[role];

export const isPlatformAdmin = (actor: SignedInActor) => actor.platformRole === 'admin';

/** The team of what an organization runs: its members, whatever their role, and platform administrators. */
export const inTeamOf = (actor: SignedInActor, organizationId: string | null) => isPlatformAdmin(actor) || atLeast(membershipOf(actor, organizationId), 'staff');

function scopeContains(membership: Membership, commune: ResourceOf<'commune'>): boolean {
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

const rules: { [T in ResourceType]?: RuleTable<T> } = {};

/**
 * Adds a domain's rules for one type of resource to the one decision (each domain registers its own from
 * its `access.ts`, loaded with the domain). An action without a rule is refused.
 */
export function registerRules<T extends ResourceType>(type: T, table: RuleTable<T>): void {
  rules[type] = { ...rules[type], ...table } as (typeof rules)[T];
}

/**
 * The one decision of who may do what: every page, API route and command asks it before acting.
 * Platform administrators may do everything but act as another person (their data stays theirs).
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind !== 'user') return false;
  const rule = (rules[resource.type] as RuleTable<ResourceType> | undefined)?.[action];
  return rule ? rule(actor, resource) : false;
}

const self: Rule<'user'> = (actor, resource) => actor.userId === resource.id;
const verified: Rule<'instance'> = (actor) => actor.emailVerified;
// A council or a network speaks for a territory or for other operators' places: the instance admits them.
const platformAdmin: Rule<'instance'> = (actor) => isPlatformAdmin(actor);

registerRules('instance', {
  'organization.create-operator': verified,
  'organization.create-employer': verified,
  'admin.read': platformAdmin,
  'admin.manage-users': platformAdmin,
  'organization.create-territory': platformAdmin,
  'organization.create-network': platformAdmin,
});
registerRules('user', {
  'user.read': (actor, resource) => self(actor, resource) || isPlatformAdmin(actor),
  'user.update': self,
  'user.export': self,
  'user.delete': self,
});
registerRules('organization', {
  'organization.read': (actor, org) => isPlatformAdmin(actor) || !!membershipOf(actor, org.id),
  'organization.update': (actor, org) => isPlatformAdmin(actor) || atLeast(membershipOf(actor, org.id), 'admin'),
  'organization.manage-members': (actor, org) => isPlatformAdmin(actor) || atLeast(membershipOf(actor, org.id), 'admin'),
  // Invitations are sent in the name of a member of the organization.
  'organization.invite': (actor, org) => atLeast(membershipOf(actor, org.id), 'admin'),
  'organization.transfer-ownership': (actor, org) => atLeast(membershipOf(actor, org.id), 'owner'),
  'organization.leave': (actor, org) => !!membershipOf(actor, org.id),
});
registerRules('commune', {
  'territory.read-council-data': (actor, commune) =>
    isPlatformAdmin(actor) || actor.memberships.some((m) => m.organizationKind === 'territory' && scopeContains(m, commune)),
});

/** Signed in, or a 401. */
export function requireUser(actor: Actor): SignedInActor {
  if (actor.kind !== 'user') throw unauthenticated('sign_in_required');
  return actor;
}

/**
 * Throws unless `can` says yes: 401 when nobody is signed in; 404 for an organization the actor is not part
 * of (its members and invitations are not theirs to know about); 403 otherwise.
 */
export function assertCan(actor: Actor, action: Action, resource: Resource): SignedInActor {
  const user = requireUser(actor);
  if (can(user, action, resource)) return user;
  if (resource.type === 'organization' && !membershipOf(user, resource.id) && user.platformRole !== 'admin')
    throw notFound('organization_not_found');
  throw forbidden('forbidden_action');
}
