import { exportResponses } from '$lib/server/surveys';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { queryOf } from '$lib/server/http/problem';

export const GET = apiHandler(async (event) => {
  const { body } = await exportResponses(requestContext(event), event.params.id ?? '', queryOf(event.url), 'xlsx', event.locals.locale);
  return new Response(body as BodyInit, {
    headers: { ...PRIVATE_HEADERS, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': 'attachment; filename="enquete-reponses.xlsx"' },
  });
});
