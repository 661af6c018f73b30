import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { getScenario, sitesCsv } from '$lib/server/observatory';

export const GET = apiHandler(async (event) => {
  const scenario = await getScenario(requestContext(event), event.params.id ?? '', event.url.searchParams.get('organizationId') ?? undefined);
  return new Response(sitesCsv(scenario.result), {
    headers: { ...PRIVATE_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="maillage-implantation-${scenario.id}.csv"` },
  });
});
