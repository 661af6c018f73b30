import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { reportJson, territoryReport } from '$lib/server/impact';

export const GET = apiHandler(async (event) =>
  json(reportJson(await territoryReport(requestContext(event), event.params.kind ?? '', event.params.code ?? '', Object.fromEntries(event.url.searchParams)), event.locals.locale), { headers: PRIVATE_HEADERS }),
);
