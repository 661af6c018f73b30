import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { placeSubsidies, subsidiesResponse } from '$lib/server/impact';

export const GET = apiHandler(async (event) => {
  const { place, subsidies } = await placeSubsidies(requestContext(event), event.params.idOrSlug ?? '');
  return subsidiesResponse(place, subsidies);
});
