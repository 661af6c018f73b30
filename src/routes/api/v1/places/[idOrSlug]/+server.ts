import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { parse } from '$lib/server/http/problem';
import { getPlace, placeVersionTag, updatePlaceAs } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ params, locals }) => {
  const place = await getPlace(locals.runtime.database.db, parse(idOrSlug, params.idOrSlug));
  return json(place, { headers: { etag: placeVersionTag(place) } });
});

export const PATCH = jsonApiHandler(async ({ params, locals, request }, body) => {
  const expectedUpdatedAt = request.headers.get('if-match') ?? undefined;
  const place = await updatePlaceAs(locals.runtime.database.db, locals.actor, parse(idOrSlug, params.idOrSlug), body, { expectedUpdatedAt });
  return json(place, { headers: { etag: placeVersionTag(place) } });
});
