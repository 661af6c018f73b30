import { json } from '@sveltejs/kit';
import { callerResults } from '$lib/server/surveys';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { queryOf } from '$lib/server/http/problem';

export const GET = apiHandler(async (event) => {
  const report = await callerResults(requestContext(event), event.params.id ?? '', queryOf(event.url), event.locals.locale);
  if (report.audience === 'public') return json({ surveyId: report.survey.id, audience: report.audience, ...report.results });
  return json(
    { surveyId: report.survey.id, audience: report.audience, ...report.results, crossTab: report.crossTab ?? undefined, representation: report.representation.map(({ lat: _lat, lon: _lon, ...c }) => c) },
    { headers: PRIVATE_HEADERS },
  );
});
