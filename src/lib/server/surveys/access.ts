import { inTeamOf, registerRules } from '../accounts/index.ts';

// Surveys' rules in the one `can`: a territory organization's team (owner, admin, staff) creates its surveys,
// edits and publishes them, types in paper answers and reads the results; answering needs no account.

declare module '../accounts/access.ts' {
  interface ResourceTypes {
    /** A survey, with the territory organization it belongs to. */
    survey: { organizationId: string };
  }
  interface Actions {
    'survey.create': true;
    'survey.manage': true;
    'survey.read-results': true;
  }
}

registerRules('organization', { 'survey.create': (actor, org) => org.kind === 'territory' && inTeamOf(actor, org.id) });

registerRules('survey', {
  'survey.manage': (actor, survey) => inTeamOf(actor, survey.organizationId),
  'survey.read-results': (actor, survey) => inTeamOf(actor, survey.organizationId),
});
