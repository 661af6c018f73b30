import { inTeamOf, isPlatformAdmin, atLeast, membershipOf, registerRules } from '../accounts/index.ts';

// The directory's rules in the one `can`: who creates places, edits them and reads their history.

declare module '../accounts/access.ts' {
  interface ResourceTypes {
    place: { id: string; operatorOrganizationId: string | null };
  }
  interface Actions {
    'place.create': true;
    'place.update': true;
    'place.read-history': true;
  }
}

registerRules('organization', {
  // Places are run by operators and by councils (a community of communes running its own coworking space).
  'place.create': (actor, org) =>
    (org.kind === 'operator' || org.kind === 'territory') && (isPlatformAdmin(actor) || atLeast(membershipOf(actor, org.id), 'staff')),
});

registerRules('place', {
  // The members of the organization that runs it, whatever their role; a place without one, administrators only.
  'place.update': (actor, place) => inTeamOf(actor, place.operatorOrganizationId),
  'place.read-history': (actor, place) => inTeamOf(actor, place.operatorOrganizationId),
});
