import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { placeReport, reportJson } from '$lib/server/impact';

export const GET = apiHandler(async (event) =>
  json(reportJson(await placeReport(requestContext(event), event.params.idOrSlug ?? '', Object.fromEntries(event.url.searchParams)), event.locals.locale), { headers: PRIVATE_HEADERS }),
);
