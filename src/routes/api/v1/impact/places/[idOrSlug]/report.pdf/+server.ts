import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { placeReport, reportFile } from '$lib/server/impact';

export const GET = apiHandler(async (event) =>
  reportFile(await placeReport(requestContext(event), event.params.idOrSlug ?? '', Object.fromEntries(event.url.searchParams)), 'pdf', event.locals.locale),
);
