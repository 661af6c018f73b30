import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { reportFile, territoryReport } from '$lib/server/impact';

export const GET = apiHandler(async (event) =>
  reportFile(await territoryReport(requestContext(event), event.params.kind ?? '', event.params.code ?? '', Object.fromEntries(event.url.searchParams)), 'pdf', event.locals.locale),
);
