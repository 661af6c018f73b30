import { json } from '@sveltejs/kit';
import { teamResults } from '$lib/server/surveys';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { queryOf } from '$lib/server/http/problem';

export const GET = apiHandler(async (event) => {
  const report = await teamResults(requestContext(event), event.params.id ?? '', queryOf(event.url), event.locals.locale);
  return json({ surveyId: report.survey.id, ...report.results, crossTab: report.crossTab ?? undefined, representation: report.representation }, { headers: PRIVATE_HEADERS });
});
