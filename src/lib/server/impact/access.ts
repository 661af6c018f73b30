import { atLeast, inTeamOf, isPlatformAdmin, membershipOf, registerRules } from '../accounts/index.ts';

// Impact's rules in the one `can`: a place's team states its costs and subsidies and asks territory
// organizations to be named as funders; a territory organization's admins accept; the place's team and its
// accepted funders read the place's full report. A territory's report (public aggregates) needs no rule.

declare module '../accounts/access.ts' {
  interface ResourceTypes {
    /** A place as impact sees it: who runs it and which territory organizations fund it (accepted). */
    'funded-place': { id: string; operatorOrganizationId: string | null; funderOrganizationIds: string[] };
  }
  interface Actions {
    'impact.read-report': true;
    'impact.manage-finances': true;
    'impact.accept-funding': true;
  }
}

registerRules('funded-place', {
  'impact.read-report': (actor, place) => inTeamOf(actor, place.operatorOrganizationId) || place.funderOrganizationIds.some((id) => !!membershipOf(actor, id)),
  'impact.manage-finances': (actor, place) => inTeamOf(actor, place.operatorOrganizationId),
});

registerRules('organization', {
  'impact.accept-funding': (actor, org) => org.kind === 'territory' && (isPlatformAdmin(actor) || atLeast(membershipOf(actor, org.id), 'admin')),
});
