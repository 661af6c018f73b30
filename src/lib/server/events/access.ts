import { inTeamOf, registerRules } from '../accounts/index.ts';

// Events' rules in the one `can`: the team of an operator (for its places), of a territory organization or
// of a network (the platform level) creates events; the organizing team manages them, checks people in and
// exports the registrants; any verified person registers.

declare module '../accounts/access.ts' {
  interface ResourceTypes {
    /** An event series, with the organization that organizes it. */
    event: { organizationId: string };
  }
  interface Actions {
    'event.create': true;
    'event.manage': true;
    'event.register': true;
  }
}

const ORGANIZERS = new Set(['operator', 'territory', 'network']);

registerRules('organization', { 'event.create': (actor, org) => ORGANIZERS.has(org.kind) && inTeamOf(actor, org.id) });
registerRules('event', { 'event.manage': (actor, event) => inTeamOf(actor, event.organizationId) });
registerRules('instance', { 'event.register': (actor) => actor.emailVerified });
