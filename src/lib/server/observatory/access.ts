import { isPlatformAdmin, membershipOf, registerRules } from '../accounts/index.ts';

// The observatory's rules in the one `can`: the observatory itself is public (public data and the public
// directory); siting runs and their saved scenarios belong to a territory organization and its members.

declare module '../accounts/access.ts' {
  interface Actions {
    'siting.run': true;
  }
}

registerRules('organization', {
  'siting.run': (actor, org) => org.kind === 'territory' && (!!membershipOf(actor, org.id) || isPlatformAdmin(actor)),
});
