import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { getScenario, sitesGeoJson } from '$lib/server/observatory';

export const GET = apiHandler(async (event) => {
  const ctx = requestContext(event);
  const scenario = await getScenario(ctx, event.params.id ?? '', event.url.searchParams.get('organizationId') ?? undefined);
  return json(await sitesGeoJson(ctx.db, scenario.result), {
    headers: { ...PRIVATE_HEADERS, 'content-type': 'application/geo+json', 'content-disposition': `attachment; filename="maillage-implantation-${scenario.id}.geojson"` },
  });
});
