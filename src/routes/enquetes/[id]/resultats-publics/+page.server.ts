import { pageLoad } from '$lib/server/http/page';
import { publicResults, textIn } from '$lib/server/surveys';

export const load = async ({ params, locals }) => {
  const { survey, results } = await pageLoad(locals.locale, () => publicResults(locals.runtime.database.db, params.id, locals.locale));
  return { id: survey.id, title: textIn(survey.definition.title, locals.locale), organizationName: survey.organizationName, results };
};
