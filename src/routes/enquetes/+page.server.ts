import { redirect } from '@sveltejs/kit';
import { getOrganization } from '$lib/server/accounts';
import { formAction, requestContext } from '$lib/server/http/form';
import { invalid } from '$lib/server/errors';
import { createSurvey, mySurveys, openSurveys, textIn } from '$lib/server/surveys';

export const load = async (event) => {
  const { locals } = event;
  const open = await openSurveys(locals.runtime.database.db);
  const actor = locals.actor;
  const organizations = actor.kind === 'user' ? actor.memberships.filter((m) => m.organizationKind === 'territory').map((m) => m.organizationId) : [];
  return {
    open: open.map((s) => ({ id: s.id, title: textIn(s.definition.title, locals.locale), organizationName: s.organizationName, closesOn: s.closesOn, codeRequired: s.codeRequired })),
    mine: await mySurveys(requestContext(event), locals.locale),
    organizations: await Promise.all(organizations.map(async (id) => ({ id, name: (await getOrganization(requestContext(event), id)).name }))),
  };
};

export const actions = {
  create: async (event) => {
    const result = await formAction(event, async (values) => {
      let definition: unknown;
      if (values.definition?.trim()) {
        try {
          definition = JSON.parse(values.definition);
        } catch {
          throw invalid('invalid_input', { count: 1 }, [{ path: 'definition', message: 'survey_definition_json' }]);
        }
      }
      return createSurvey(requestContext(event), values.organization ?? '', definition);
    });
    if (result && 'id' in result) redirect(303, `/enquetes/${result.id}/gestion`);
    return result;
  },
};
