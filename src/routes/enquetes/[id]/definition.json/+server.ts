import { json } from '@sveltejs/kit';
import { surveyDefinition } from '$lib/server/surveys';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';

/** The survey's questions as JSON, to keep, share or import into another survey. */
export const GET = apiHandler(async (event) =>
  json(await surveyDefinition(requestContext(event), event.params.id ?? ''), { headers: { ...PRIVATE_HEADERS, 'content-disposition': 'attachment; filename="enquete-definition.json"' } }),
);
