import { exportResponses } from '$lib/server/surveys';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { queryOf } from '$lib/server/http/problem';

export const GET = apiHandler(async (event) => {
  const { body } = await exportResponses(requestContext(event), event.params.id ?? '', queryOf(event.url), 'csv', event.locals.locale);
  return new Response(body as BodyInit, {
    headers: { ...PRIVATE_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="enquete-reponses.csv"' },
  });
});
