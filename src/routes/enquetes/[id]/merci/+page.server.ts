import { pageLoad } from '$lib/server/http/page';
import { publicSurvey, textIn } from '$lib/server/surveys';

export const load = async ({ params, locals }) => {
  const survey = await pageLoad(locals.locale, () => publicSurvey(locals.runtime.database.db, params.id));
  return { id: survey.id, title: textIn(survey.definition.title, locals.locale), publicResults: survey.publicQuestions.length > 0 };
};
